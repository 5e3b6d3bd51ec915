import { bytes } from '../internal/upload-check.ts';
import type { ProblemTexts } from './translation.ts';

// What a failed request means, in words that say what to do: in a chunk of its own, fetched
// when the page is idle or at the first failure, not with the list every page starts with.

const tryAgain = 'Algo ha fallado. Vuelve a intentarlo en un momento.';

export const problemsEs: ProblemTexts = {
  network: () => 'No hay conexión con el servidor. Comprueba tu conexión a internet y vuelve a intentarlo.',
  unknown: () => tryAgain,
  'malformed-request': () => tryAgain,
  'invalid-request': () => 'Algún dato no es válido. Revísalo y vuelve a intentarlo.',
  unauthorized: () => 'Tu sesión ha caducado. Vuelve a cargar la página para entrar de nuevo.',
  forbidden: () => 'No tienes permiso para hacer esto.',
  'no-claims-access': () => 'Todavía no tienes acceso a los siniestros. Pide acceso a un administrador de tu empresa.',
  'not-found': () => 'No existe o ya no tienes acceso. Vuelve a la lista.',
  'method-not-allowed': () => tryAgain,
  'request-timeout': () => 'La conexión es demasiado lenta. Vuelve a intentarlo con una conexión mejor.',
  'precondition-failed': () => 'Alguien lo ha cambiado mientras lo editabas. Vuelve a cargarlo, revísalo e inténtalo de nuevo.',
  'content-too-large': () => 'Es demasiado grande para enviarlo. Envíalo en partes más pequeñas.',
  'unsupported-media-type': () => tryAgain,
  'rate-limited': () => 'Demasiados intentos seguidos. Espera un minuto y vuelve a intentarlo.',
  'header-too-large': () => 'Algo ha fallado. Vuelve a cargar la página.',
  'server-error': () => 'Algo ha fallado en nuestro lado. Vuelve a intentarlo en un momento.',
  unavailable: () => 'El servicio no está disponible ahora mismo. Vuelve a intentarlo en un momento.',
  'invalid-cursor': () => 'La lista ha cambiado mientras la leías. Vuelve a cargarla.',
  'invalid-upload': () => 'El archivo no llegó entero. Vuelve a subirlo.',
  'empty-file': () => 'El archivo está vacío (0 bytes). Vuelve a elegirlo; si aún se estaba guardando, espera a que termine.',
  'move-not-yours': () => 'Este paso no te corresponde a ti.',
  'not-yours': () => 'Solo quien subió el archivo puede quitarlo.',
  'transition-not-allowed': ({ claimStatus }) =>
    `El siniestro ya está ${claimStatus ? `en «${claimStatus}»` : 'en otra fase'}: este paso ya no está disponible. Hemos actualizado la pantalla.`,
  'claim-final': ({ claimStatus }) => `El siniestro está ${claimStatus ? `«${claimStatus}»` : 'cerrado'} y ya no admite cambios.`,
  'document-conflict': ({ documentStatus }) =>
    documentStatus === 'accepted'
      ? 'Este documento ya está aceptado y no admite más archivos.'
      : documentStatus === 'waived'
        ? 'Este documento ya no es necesario.'
        : 'Este documento ha cambiado mientras tanto. Hemos actualizado la pantalla: revísalo y vuelve a intentarlo.',
  'external-ref-conflict': () => 'Ya hay un siniestro abierto con esa referencia y otros datos. Usa otra referencia.',
  'claim-not-amendable': ({ claimStatus }) => `El siniestro está ${claimStatus ? `«${claimStatus}»` : 'presentado'} y sus datos ya no se pueden corregir.`,
  'token-issuer-conflict': () => 'Ya hay otro emisor de confianza con este iss. Elimínalo primero o da a este otro iss.',
  'api-key-limit': () => 'Tu empresa ya tiene el máximo de claves de API activas. Revoca una que ya no se use y vuelve a intentarlo.',
  'webhook-limit': () => 'Tu empresa ya tiene el máximo de endpoints de webhook. Elimina uno que ya no se use y vuelve a intentarlo.',
  'webhook-disabled': () => 'Este endpoint está desactivado y no se le envía nada. Actívalo primero.',
  'client-id-reused': () => tryAgain,
  'too-many-unsent-files': ({ maxUnsentFiles }) =>
    `Tienes demasiados archivos pendientes de enviar${maxUnsentFiles === null ? '' : ` (máximo ${maxUnsentFiles})`}. Envíalos con un mensaje o quita los que no necesites.`,
  'upload-offset-mismatch': () => 'La subida se interrumpió. Vuelve a intentarlo: seguirá donde se quedó.',
  'upload-expired': () => 'La subida llevaba demasiado tiempo a medias y se ha descartado. Vuelve a elegir el archivo.',
  'file-too-large': ({ maxBytes, locale }) =>
    `${maxBytes === null ? 'Pesa más de lo permitido' : `Pesa más de ${bytes(maxBytes, locale)}, el máximo`}. Escanéalo a menor resolución o divide el documento en varios archivos.`,
  'file-type-not-allowed': () => 'Este archivo no es un PDF ni una imagen. Sube un PDF, una foto o un documento de Office.',
  'range-not-satisfiable': () => tryAgain,
  'idempotency-key-reused': () => tryAgain,
};
