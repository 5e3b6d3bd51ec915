import type { GuidanceTranslation } from './translation.ts';

// What a claim asks of its reader next, worded from the step the API decided: loaded with the
// claim's detail, not with the list every page starts with.

/** The documents waiting for a review, as the subject of a sentence. */
const waiting = (n: number) => (n === 1 ? 'Un document attend' : `${n} documents attendent`);

export const guidanceFr: GuidanceTranslation = {
  customer: {
    'accept-or-decline': () =>
      'Nous avons détecté cet incident sur votre expédition. Vérifiez les informations et acceptez pour que nous lancions la réclamation, ou refusez si vous ne souhaitez pas réclamer.',
    'fix-rejected': ({ documents, count, reason }) =>
      count === 1
        ? `Nous avons refusé ${documents}${reason ? ` : ${reason}` : ''}. Envoyez-en un nouveau dans Documents pour corriger le problème.`
        : `Nous avons refusé ${documents}. Envoyez un nouvel exemplaire de chacun dans Documents ; vous y verrez le motif.`,
    'upload-documents': ({ documents, count }) =>
      `Pour lancer la réclamation, ajoutez dans Documents ${count === 1 ? 'ce document' : 'ces documents'} : ${documents}.`,
    'wait-for-assignment': () =>
      'Tous les documents obligatoires sont envoyés. Aucun gestionnaire n’est encore attribué : dès que quelqu’un prendra le sinistre en charge, il examinera les documents. Vous n’avez rien à faire pour le moment.',
    'wait-for-review': ({ handler }) =>
      `Votre gestionnaire, ${handler}, examine les documents. Vous n’avez rien à faire pour le moment ; nous vous préviendrons s’il manque quelque chose.`,
    'wait-for-filing': () =>
      'Tous les documents obligatoires sont acceptés. Nous allons transmettre la réclamation au transporteur ou à l’assureur et vous tiendrons au courant.',
    'wait-for-carrier': () => 'La réclamation a été transmise au transporteur ou à l’assureur. Nous vous préviendrons dès qu’ils auront répondu.',
    'see-outcome': () => 'La réclamation est résolue. Consultez le résultat et le montant.',
    declined: () => 'Vous avez choisi de ne pas donner suite à ce sinistre. S’il s’agit d’une erreur, demandez de l’aide.',
    nothing: () => 'Sinistre clôturé. Plus rien n’est en attente.',
  },
  handler: {
    'take-claim': ({ documents, count }) =>
      `Personne ne gère encore ce sinistre : attribuez-le-vous.${count ? ` ${waiting(count)} d’être ${count === 1 ? 'examiné' : 'examinés'} : ${documents}.` : ''}`,
    'wait-for-customer': () => 'En attente de l’acceptation ou du refus de la prise en charge par le client.',
    'review-documents': ({ documents, count }) => `${waiting(count)} votre examen : ${documents}. Acceptez ou refusez chacun d’eux dans Documents.`,
    'wait-for-documents': ({ documents }) => `Le client doit encore envoyer ${documents}.`,
    'start-review': () => 'Tous les documents obligatoires sont acceptés : passez le sinistre en examen pour transmettre la réclamation.',
    'file-claim': () => 'Tous les documents obligatoires sont acceptés : transmettez la réclamation au transporteur ou à l’assureur.',
    'record-outcome': () => 'Transmise au transporteur ou à l’assureur. Dès leur réponse, résolvez-la avec le résultat et le montant.',
    'close-claim': () => 'Résolue. Clôturez-la une fois le client indemnisé ou quand plus rien n’est en attente.',
    declined: () => 'Le client a choisi de ne pas donner suite à ce sinistre.',
    nothing: () => 'Sinistre clôturé. Plus rien n’est en attente.',
  },
  quote: (label) => `« ${label} »`,
};
