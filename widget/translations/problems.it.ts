import { bytes } from '../internal/upload-check.ts';
import type { ProblemTexts } from './translation.ts';

// What a failed request means, in words that say what to do: in a chunk of its own, fetched
// when the page is idle or at the first failure, not with the list every page starts with.

const tryAgain = 'Qualcosa è andato storto. Riprova tra un momento.';

export const problemsIt: ProblemTexts = {
  network: () => 'Non c’è connessione con il server. Controlla la tua connessione a internet e riprova.',
  unknown: () => tryAgain,
  'malformed-request': () => tryAgain,
  'invalid-request': () => 'Alcuni dati non sono validi. Controllali e riprova.',
  unauthorized: () => 'La tua sessione è scaduta. Ricarica la pagina per accedere di nuovo.',
  forbidden: () => 'Non hai il permesso di farlo.',
  'no-claims-access': () => 'Non hai ancora accesso ai sinistri. Chiedi l’accesso a un amministratore della tua azienda.',
  'not-found': () => 'Non esiste o non hai più accesso. Torna all’elenco.',
  'method-not-allowed': () => tryAgain,
  'request-timeout': () => 'La connessione è troppo lenta. Riprova con una connessione migliore.',
  'precondition-failed': () => 'Qualcuno l’ha cambiato mentre lo stavi modificando. Ricaricalo, controllalo e riprova.',
  'content-too-large': () => 'È troppo grande per essere inviato. Invialo in parti più piccole.',
  'unsupported-media-type': () => tryAgain,
  'rate-limited': () => 'Troppi tentativi di fila. Aspetta un minuto e riprova.',
  'header-too-large': () => 'Qualcosa è andato storto. Ricarica la pagina.',
  'server-error': () => 'Qualcosa è andato storto da parte nostra. Riprova tra un momento.',
  unavailable: () => 'Il servizio al momento non è disponibile. Riprova tra un momento.',
  'invalid-cursor': () => 'L’elenco è cambiato mentre lo stavi consultando. Ricaricalo.',
  'invalid-upload': () => 'Il file non è arrivato completo. Caricalo di nuovo.',
  'empty-file': () => 'Il file è vuoto (0 byte). Sceglilo di nuovo; se era ancora in fase di salvataggio, aspetta che finisca.',
  'move-not-yours': () => 'Questo passaggio non spetta a te.',
  'not-yours': () => 'Solo chi ha caricato il file può rimuoverlo.',
  'transition-not-allowed': ({ claimStatus }) =>
    `Il sinistro è già ${claimStatus ? `nello stato «${claimStatus}»` : 'in un’altra fase'}: questo passaggio non è più disponibile. Abbiamo aggiornato la schermata.`,
  'claim-final': ({ claimStatus }) => `Il sinistro è ${claimStatus ? `nello stato «${claimStatus}»` : 'chiuso'} e non accetta più modifiche.`,
  'document-conflict': ({ documentStatus }) =>
    documentStatus === 'accepted'
      ? 'Questo documento è già stato accettato e non si possono aggiungere altri file.'
      : documentStatus === 'waived'
        ? 'Questo documento non è più necessario.'
        : 'Nel frattempo questo documento è cambiato. Abbiamo aggiornato la schermata: controllalo e riprova.',
  'external-ref-conflict': () => 'Esiste già un sinistro aperto con questo riferimento e dati diversi. Usa un altro riferimento.',
  'claim-not-amendable': ({ claimStatus }) =>
    `Il sinistro è ${claimStatus ? `nello stato «${claimStatus}»` : 'stato presentato'} e i suoi dati non si possono più correggere.`,
  'token-issuer-conflict': () => 'Un altro emittente fidato ha già questo iss. Eliminalo prima, oppure dai a questo un altro iss.',
  'api-key-limit': () => 'La tua azienda ha già il numero massimo di chiavi API attive. Revocane una che non si usa più e riprova.',
  'webhook-limit': () => 'La tua azienda ha già il numero massimo di endpoint webhook. Eliminane uno che non si usa più e riprova.',
  'webhook-disabled': () => 'Questo endpoint è disattivato e non gli viene inviato nulla. Prima attivalo.',
  'client-id-reused': () => tryAgain,
  'too-many-unsent-files': ({ maxUnsentFiles }) =>
    `Hai troppi file in attesa di invio${maxUnsentFiles === null ? '' : ` (massimo ${maxUnsentFiles})`}. Inviali con un messaggio o rimuovi quelli che non ti servono.`,
  'upload-offset-mismatch': () => 'Il caricamento si è interrotto. Riprova: riprenderà da dove si era fermato.',
  'upload-expired': () => 'Il caricamento è rimasto incompleto troppo a lungo ed è stato annullato. Scegli di nuovo il file.',
  'file-too-large': ({ maxBytes, locale }) =>
    `${maxBytes === null ? 'Pesa più del massimo consentito.' : `Pesa più di ${bytes(maxBytes, locale)}, il massimo consentito.`} Scansionalo a una risoluzione più bassa o dividi il documento in più file.`,
  'file-type-not-allowed': () => 'Questo file non è né un PDF né un’immagine. Carica un PDF, una foto o un documento di Office.',
  'range-not-satisfiable': () => tryAgain,
  'idempotency-key-reused': () => tryAgain,
};
