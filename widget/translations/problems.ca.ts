import { bytes } from '../internal/upload-check.ts';
import type { ProblemTexts } from './translation.ts';
import { de } from './ca.ts';

// What a failed request means, in words that say what to do: in a chunk of its own, fetched
// when the page is idle or at the first failure, not with the list every page starts with.

const tryAgain = 'Alguna cosa ha fallat. Torna-ho a provar d’aquí a un moment.';

export const problemsCa: ProblemTexts = {
  network: () => 'No hi ha connexió amb el servidor. Comprova la connexió a internet i torna-ho a provar.',
  unknown: () => tryAgain,
  'malformed-request': () => tryAgain,
  'invalid-request': () => 'Alguna dada no és vàlida. Revisa-la i torna-ho a provar.',
  unauthorized: () => 'La teva sessió ha caducat. Torna a carregar la pàgina per entrar de nou.',
  forbidden: () => 'No tens permís per fer això.',
  'no-claims-access': () => 'Encara no tens accés als sinistres. Demana accés a un administrador de la teva empresa.',
  'not-found': () => 'No existeix o ja no hi tens accés. Torna a la llista.',
  'method-not-allowed': () => tryAgain,
  'request-timeout': () => 'La connexió és massa lenta. Torna-ho a provar amb una connexió millor.',
  'precondition-failed': () => 'Algú ho ha canviat mentre ho editaves. Torna-ho a carregar, revisa-ho i torna-ho a provar.',
  'content-too-large': () => 'És massa gran per enviar-ho. Envia-ho en parts més petites.',
  'unsupported-media-type': () => tryAgain,
  'rate-limited': () => 'Massa intents seguits. Espera un minut i torna-ho a provar.',
  'header-too-large': () => 'Alguna cosa ha fallat. Torna a carregar la pàgina.',
  'server-error': () => 'Alguna cosa ha fallat per part nostra. Torna-ho a provar d’aquí a un moment.',
  unavailable: () => 'El servei no està disponible ara mateix. Torna-ho a provar d’aquí a un moment.',
  'invalid-cursor': () => 'La llista ha canviat mentre la llegies. Torna-la a carregar.',
  'invalid-upload': () => 'El fitxer no ha arribat sencer. Torna’l a pujar.',
  'empty-file': () => 'El fitxer està buit (0 bytes). Torna’l a triar; si encara s’estava desant, espera que acabi.',
  'move-not-yours': () => 'Aquest pas no et correspon a tu.',
  'not-yours': () => 'Només qui ha pujat el fitxer el pot treure.',
  'transition-not-allowed': ({ claimStatus }) =>
    `El sinistre ja és ${claimStatus ? `a «${claimStatus}»` : 'en una altra fase'}: aquest pas ja no està disponible. Hem actualitzat la pantalla.`,
  'claim-final': ({ claimStatus }) => `El sinistre està ${claimStatus ? `«${claimStatus}»` : 'tancat'} i ja no admet canvis.`,
  'document-conflict': ({ documentStatus }) =>
    documentStatus === 'accepted'
      ? 'Aquest document ja està acceptat i no admet més fitxers.'
      : documentStatus === 'waived'
        ? 'Aquest document ja no és necessari.'
        : 'Aquest document ha canviat mentrestant. Hem actualitzat la pantalla: revisa’l i torna-ho a provar.',
  'external-ref-conflict': () => 'Ja hi ha un sinistre obert amb aquesta referència i altres dades. Fes servir una altra referència.',
  'claim-not-amendable': ({ claimStatus }) =>
    `El sinistre està ${claimStatus ? `«${claimStatus}»` : 'presentat'} i ja no se’n poden corregir les dades.`,
  'token-issuer-conflict': () => 'Ja hi ha un altre emissor de confiança amb aquest iss. Elimina’l primer o dona a aquest un altre iss.',
  'api-key-limit': () => 'La teva empresa ja té el màxim de claus d’API actives. Revoca’n una que ja no es faci servir i torna-ho a provar.',
  'webhook-limit': () => 'La teva empresa ja té el màxim d’endpoints de webhook. Elimina’n un que ja no es faci servir i torna-ho a provar.',
  'webhook-disabled': () => 'Aquest endpoint està desactivat i no se li envia res. Activa’l primer.',
  'client-id-reused': () => tryAgain,
  'too-many-unsent-files': ({ maxUnsentFiles }) =>
    `Tens massa fitxers pendents d’enviar${maxUnsentFiles === null ? '' : ` (màxim ${maxUnsentFiles})`}. Envia’ls amb un missatge o treu els que no necessitis.`,
  'upload-offset-mismatch': () => 'La pujada s’ha interromput. Torna-ho a provar: continuarà on s’havia aturat.',
  'upload-expired': () => 'La pujada ha estat a mitges massa temps i s’ha descartat. Torna a triar el fitxer.',
  'file-too-large': ({ maxBytes, locale }) =>
    `Pesa més ${maxBytes === null ? 'del que es permet' : de(bytes(maxBytes, locale))}, el màxim. Escaneja’l a menys resolució o divideix el document en diversos fitxers.`,
  'file-type-not-allowed': () => 'Aquest fitxer no és un PDF ni una imatge. Puja un PDF, una foto o un document d’Office.',
  'range-not-satisfiable': () => tryAgain,
  'idempotency-key-reused': () => tryAgain,
};
