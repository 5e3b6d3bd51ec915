import type { GuidanceTranslation } from './translation.ts';

// What a claim asks of its reader next, worded from the step the API decided: loaded with the
// claim's detail, not with the list every page starts with.

const waiting = (n: number) => (n === 1 ? 'One document awaits' : `${n} documents await`);

export const guidanceEn: GuidanceTranslation = {
  customer: {
    'accept-or-decline': () =>
      'We detected this incident on your shipment. Check the details and accept so we file the claim for you, or decline if you do not want to claim.',
    'fix-rejected': ({ documents, count, reason }) =>
      count === 1
        ? `We rejected ${documents}${reason ? `: ${reason}` : ''}. Upload a new one that fixes it under Documents.`
        : `We rejected ${documents}. Upload a new one of each under Documents, where you will see why.`,
    'upload-documents': ({ documents, count }) => `To file the claim, upload ${count === 1 ? 'this document' : 'these documents'} under Documents: ${documents}.`,
    'wait-for-assignment': () =>
      'Everything required is uploaded. No handler has been assigned yet: as soon as one takes the claim, they will review the documents. Nothing to do for now.',
    'wait-for-review': ({ handler }) => `Your handler, ${handler}, is reviewing the documents. Nothing to do for now; we will tell you if anything is missing.`,
    'wait-for-filing': () => 'Every required document is accepted. We will file the claim with the carrier or insurer and let you know.',
    'wait-for-carrier': () => 'The claim has been filed with the carrier or insurer. We will let you know as soon as they answer.',
    'see-outcome': () => 'The claim is resolved. Check the outcome and the amount.',
    declined: () => 'You chose not to pursue this claim. If that was a mistake, ask for help.',
    nothing: () => 'Claim closed. Nothing left to do.',
  },
  handler: {
    'take-claim': ({ documents, count }) => `Nobody handles this claim yet: take it.${count ? ` ${waiting(count)} review: ${documents}.` : ''}`,
    'wait-for-customer': () => 'Waiting for the customer to accept or decline handling it.',
    'review-documents': ({ documents, count }) => `${waiting(count)} your review: ${documents}. Accept or reject each under Documents.`,
    'wait-for-documents': ({ documents }) => `The customer still has to upload ${documents}.`,
    'start-review': () => 'Every required document is accepted: move the claim to review to file it.',
    'file-claim': () => 'Every required document is accepted: file the claim with the carrier or insurer.',
    'record-outcome': () => 'Filed with the carrier or insurer. When they answer, resolve it with the outcome and the amount.',
    'close-claim': () => 'Resolved. Close it once the customer has been paid or nothing is left to do.',
    declined: () => 'The customer chose not to pursue this claim.',
    nothing: () => 'Claim closed. Nothing left to do.',
  },
  quote: (label) => `“${label}”`,
};
