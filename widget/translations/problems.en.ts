import { bytes } from '../internal/upload-check.ts';
import type { ProblemTexts } from './translation.ts';

const tryAgain = 'Something went wrong. Try again in a moment.';

export const problemsEn: ProblemTexts = {
  network: () => 'Cannot reach the server. Check your internet connection and try again.',
  unknown: () => tryAgain,
  'malformed-request': () => tryAgain,
  'invalid-request': () => 'Some of the details are not valid. Check them and try again.',
  unauthorized: () => 'Your session has expired. Reload the page to sign in again.',
  forbidden: () => 'You are not allowed to do this.',
  'no-claims-access': () => 'You do not have access to claims yet. Ask an administrator of your company for access.',
  'not-found': () => 'This no longer exists or you no longer have access. Go back to the list.',
  'method-not-allowed': () => tryAgain,
  'request-timeout': () => 'The connection is too slow. Try again on a better connection.',
  'precondition-failed': () => 'Someone changed this while you were editing it. Reload it, check it and try again.',
  'content-too-large': () => 'This is too large to send. Send it in smaller parts.',
  'unsupported-media-type': () => tryAgain,
  'rate-limited': () => 'Too many attempts in a row. Wait a minute and try again.',
  'header-too-large': () => 'Something went wrong. Reload the page.',
  'server-error': () => 'Something went wrong on our side. Try again in a moment.',
  unavailable: () => 'The service is not available right now. Try again in a moment.',
  'invalid-cursor': () => 'The list changed while you were reading it. Load it again.',
  'invalid-upload': () => 'The file did not arrive whole. Upload it again.',
  'empty-file': () => 'The file is empty (0 bytes). Choose it again; if it was still being saved, wait until it is.',
  'move-not-yours': () => 'This step is not yours to take.',
  'not-yours': () => 'Only the person who uploaded the file can remove it.',
  'transition-not-allowed': ({ claimStatus }) =>
    `The claim is already ${claimStatus ? `“${claimStatus}”` : 'at another stage'}: this step is no longer available. The screen is up to date now.`,
  'claim-final': ({ claimStatus }) => `The claim is ${claimStatus ? `“${claimStatus}”` : 'closed'} and takes no more changes.`,
  'document-conflict': ({ documentStatus }) =>
    documentStatus === 'accepted'
      ? 'This document is already accepted and takes no more files.'
      : documentStatus === 'waived'
        ? 'This document is no longer needed.'
        : 'This document changed in the meantime. The screen is up to date now: check it and try again.',
  'external-ref-conflict': () => 'A claim with this reference and other details is already open. Use another reference.',
  'claim-not-amendable': ({ claimStatus }) => `The claim is ${claimStatus ? `“${claimStatus}”` : 'submitted'} and its details can no longer be corrected.`,
  'token-issuer-conflict': () => 'Another trusted issuer already has this iss. Remove it first, or give this one another iss.',
  'api-key-limit': () => 'Your company already has the most active API keys allowed. Revoke one you no longer use, then try again.',
  'webhook-limit': () => 'Your company already has the most webhook endpoints allowed. Delete one you no longer use, then try again.',
  'webhook-disabled': () => 'This endpoint is turned off, so nothing is sent to it. Turn it on first.',
  'client-id-reused': () => tryAgain,
  'too-many-unsent-files': ({ maxUnsentFiles }) =>
    `You have too many files waiting to be sent${maxUnsentFiles === null ? '' : ` (at most ${maxUnsentFiles})`}. Send them with a message or remove those you do not need.`,
  'upload-offset-mismatch': () => 'The upload was interrupted. Try again: it continues where it stopped.',
  'upload-expired': () => 'The upload was left unfinished too long and has been discarded. Choose the file again.',
  'file-too-large': ({ maxBytes, locale }) =>
    `It is larger than ${maxBytes === null ? 'allowed' : bytes(maxBytes, locale)}, the maximum. Scan it at a lower resolution or split the document into several files.`,
  'file-type-not-allowed': () => 'This file is not a PDF or an image. Upload a PDF, a photo or an Office document.',
  'range-not-satisfiable': () => tryAgain,
  'idempotency-key-reused': () => tryAgain,
};
