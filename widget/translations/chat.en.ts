import type { ConversationTranslation } from './translation.ts';

// The open conversation's words in English: loaded with <claims-chat>, not at start.

export const chatEn: ConversationTranslation = {
  newMessages: 'New messages',
  replied: (name, when) => `${name} replied ${when}`,
  previousImage: 'Previous image',
  nextImage: 'Next image',
  position: (n, of) => `${n} of ${of}`,
  screenshot: 'Screenshot',
  requestDocument: 'Request a document',
  requestTitle: 'Ask the customer for a document',
  requestKind: 'Document',
  requestNote: 'Note for the customer (optional)',
  requestFree: 'Which document you need',
  requestFreeRequired: 'Write which document you need.',
  requestSend: 'Request',
  requestSending: (label) => `Requesting “${label}”…`,
  requestedOfYou: 'We need this document from you',
  requested: 'Document requested',
  upload: 'Upload a file',
  filled: 'Uploaded: your claims handler will review it.',
  filledHandler: 'Uploaded: waiting for your review.',
  requestStateFailed: 'The document’s state could not be loaded.',
  attachmentsPending: 'Wait for the attached files to be ready, then send the message.',
};
