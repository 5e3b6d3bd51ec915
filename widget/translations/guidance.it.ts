import type { GuidanceTranslation } from './translation.ts';
import { pluralIn } from '../internal/format.ts';

// What a claim asks of its reader next, worded from the step the API decided: loaded with the
// claim's detail, not with the list every page starts with.

/** Singular for Intl's 'one'; every other category ('many' for a million, written in digits) takes the plural. */
const plural = pluralIn('it-IT');

const waiting = (n: number) => plural(n, 'Un documento è in attesa', `${n} documenti sono in attesa`);

export const guidanceIt: GuidanceTranslation = {
  customer: {
    'accept-or-decline': () =>
      'Abbiamo rilevato questa anomalia nella tua spedizione. Controlla i dati e accetta per farci gestire il reclamo, oppure rifiuta se non vuoi presentare reclamo.',
    'fix-rejected': ({ documents, count, reason }) =>
      plural(
        count,
        `Abbiamo rifiutato ${documents}${reason ? `: ${reason}` : ''}. Carica in Documenti un nuovo documento che lo corregga.`,
        `Abbiamo rifiutato ${documents}. Carica in Documenti un nuovo documento per ciascuno; lì vedrai il motivo.`,
      ),
    'upload-documents': ({ documents, count }) =>
      `Per gestire il reclamo, carica in Documenti ${plural(count, 'questo documento', 'questi documenti')}: ${documents}.`,
    'wait-for-assignment': () =>
      'Tutto ciò che è obbligatorio è stato caricato. Non è ancora stato assegnato un gestore del sinistro: appena qualcuno se ne occuperà, controllerà la documentazione. Per ora non devi fare nulla.',
    'wait-for-review': ({ handler }) =>
      `Il tuo gestore del sinistro, ${handler}, sta controllando la documentazione. Per ora non devi fare nulla; ti avviseremo se manca qualcosa.`,
    'wait-for-filing': () =>
      'Tutta la documentazione obbligatoria è stata accettata. Presenteremo il reclamo al corriere o all’assicurazione e ti avviseremo.',
    'wait-for-carrier': () => 'Il reclamo è stato presentato al corriere o all’assicurazione. Ti avviseremo appena risponderanno.',
    'see-outcome': () => 'Il reclamo è risolto. Controlla l’esito e l’importo.',
    declined: () => 'Hai deciso di non procedere con questo sinistro. Se è stato un errore, chiedi aiuto.',
    nothing: () => 'Sinistro chiuso. Non resta nulla in sospeso.',
  },
  handler: {
    'take-claim': ({ documents, count }) =>
      `Nessuno gestisce ancora questo sinistro: prendilo in carico.${count ? ` ${waiting(count)} di revisione: ${documents}.` : ''}`,
    'wait-for-customer': () => 'In attesa che il cliente accetti o rifiuti la gestione.',
    'review-documents': ({ documents, count }) => `${waiting(count)} della tua revisione: ${documents}. Accetta o rifiuta ciascuno in Documenti.`,
    'wait-for-documents': ({ documents }) => `Il cliente deve ancora caricare ${documents}.`,
    'start-review': () => 'Tutta la documentazione obbligatoria è stata accettata: passalo in revisione per presentare il reclamo.',
    'file-claim': () => 'Tutta la documentazione obbligatoria è stata accettata: presenta il reclamo al corriere o all’assicurazione.',
    'record-outcome': () => 'Presentato al corriere o all’assicurazione. Quando risponderanno, risolvilo con l’esito e l’importo.',
    'close-claim': () => 'Risolto. Chiudilo quando il cliente avrà ricevuto il pagamento o non resterà nulla in sospeso.',
    declined: () => 'Il cliente ha deciso di non procedere con questo sinistro.',
    nothing: () => 'Sinistro chiuso. Non resta nulla in sospeso.',
  },
  quote: (label) => `«${label}»`,
};
