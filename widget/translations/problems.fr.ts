import { bytes } from '../internal/upload-check.ts';
import type { ProblemTexts } from './translation.ts';

// What a failed request means, in words that say what to do: in a chunk of its own, fetched
// at the first failure or with the elements loaded on use, not with the list every page starts with.

const tryAgain = 'Une erreur s’est produite. Réessayez dans un instant.';

export const problemsFr: ProblemTexts = {
  network: () => 'Impossible de joindre le serveur. Vérifiez votre connexion à Internet et réessayez.',
  unknown: () => tryAgain,
  'malformed-request': () => tryAgain,
  'invalid-request': () => 'Une donnée n’est pas valide. Vérifiez-la et réessayez.',
  unauthorized: () => 'Votre session a expiré. Rechargez la page pour vous reconnecter.',
  forbidden: () => 'Vous n’êtes pas autorisé à effectuer cette action.',
  'no-claims-access': () => 'Vous n’avez pas encore accès aux sinistres. Demandez l’accès à un administrateur de votre entreprise.',
  'not-found': () => 'Il n’existe pas ou vous n’y avez plus accès. Revenez à la liste.',
  'method-not-allowed': () => tryAgain,
  'request-timeout': () => 'La connexion est trop lente. Réessayez avec une meilleure connexion.',
  'precondition-failed': () => 'Quelqu’un l’a modifié pendant que vous le modifiiez. Rechargez-le, vérifiez-le et réessayez.',
  'content-too-large': () => 'C’est trop volumineux pour être envoyé. Envoyez-le en plusieurs parties plus petites.',
  'unsupported-media-type': () => tryAgain,
  'rate-limited': () => 'Trop de tentatives d’affilée. Patientez une minute et réessayez.',
  'header-too-large': () => 'Une erreur s’est produite. Rechargez la page.',
  'server-error': () => 'Une erreur s’est produite de notre côté. Réessayez dans un instant.',
  unavailable: () => 'Le service est momentanément indisponible. Réessayez dans un instant.',
  'invalid-cursor': () => 'La liste a changé pendant que vous la consultiez. Rechargez-la.',
  'invalid-upload': () => 'Le fichier n’est pas arrivé en entier. Envoyez-le à nouveau.',
  'empty-file': () => 'Le fichier est vide (0 octet). Choisissez-le à nouveau ; s’il était encore en cours d’enregistrement, attendez la fin.',
  'move-not-yours': () => 'Cette étape ne vous revient pas.',
  'not-yours': () => 'Seule la personne qui a envoyé le fichier peut le retirer.',
  'transition-not-allowed': ({ claimStatus }) =>
    `Le sinistre est déjà ${claimStatus ? `à l’étape « ${claimStatus} »` : 'à une autre étape'} : cette action n’est plus disponible. Nous avons mis l’écran à jour.`,
  'claim-final': ({ claimStatus }) => `Le sinistre est ${claimStatus ? `au statut « ${claimStatus} »` : 'clôturé'} et n’accepte plus de modifications.`,
  'document-conflict': ({ documentStatus }) =>
    documentStatus === 'accepted'
      ? 'Ce document est déjà accepté et n’accepte plus de fichiers.'
      : documentStatus === 'waived'
        ? 'Ce document n’est plus nécessaire.'
        : 'Ce document a changé entre-temps. Nous avons mis l’écran à jour : vérifiez-le et réessayez.',
  'external-ref-conflict': () => 'Un sinistre est déjà ouvert avec cette référence et d’autres données. Utilisez une autre référence.',
  'claim-not-amendable': ({ claimStatus }) =>
    `Le sinistre est ${claimStatus ? `au statut « ${claimStatus} »` : 'transmis'} et ses données ne peuvent plus être corrigées.`,
  'token-issuer-conflict': () => 'Un autre émetteur de confiance a déjà cet iss. Supprimez-le d’abord, ou donnez un autre iss à celui-ci.',
  'api-key-limit': () => 'Votre entreprise a déjà le nombre maximal de clés d’API actives. Révoquez-en une que vous n’utilisez plus, puis recommencez.',
  'webhook-limit': () => 'Votre entreprise a déjà le nombre maximal de points de terminaison de webhook. Supprimez-en un que vous n’utilisez plus, puis recommencez.',
  'webhook-disabled': () => 'Ce point de terminaison est désactivé et ne reçoit rien. Activez-le d’abord.',
  'client-id-reused': () => tryAgain,
  'too-many-unsent-files': ({ maxUnsentFiles }) =>
    `Vous avez trop de fichiers en attente d’envoi${maxUnsentFiles === null ? '' : ` (${maxUnsentFiles} au maximum)`}. Envoyez-les avec un message ou retirez ceux dont vous n’avez pas besoin.`,
  'upload-offset-mismatch': () => 'L’envoi a été interrompu. Réessayez : il reprendra là où il s’est arrêté.',
  'upload-expired': () => 'L’envoi est resté inachevé trop longtemps et a été abandonné. Choisissez à nouveau le fichier.',
  'file-too-large': ({ maxBytes, locale }) =>
    `Il dépasse ${maxBytes === null ? 'la taille autorisée' : bytes(maxBytes, locale)}, le maximum. Numérisez-le avec une résolution plus faible ou divisez le document en plusieurs fichiers.`,
  'file-type-not-allowed': () => 'Ce fichier n’est ni un PDF ni une image. Envoyez un PDF, une photo ou un document Office.',
  'range-not-satisfiable': () => tryAgain,
  'idempotency-key-reused': () => tryAgain,
};
