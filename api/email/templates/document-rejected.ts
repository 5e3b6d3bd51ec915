import { shownActorName } from '../../../domain/actors.ts';
import { textIn } from '../../../domain/localized.ts';
import { facts, paragraph, quote, words, type EmailTemplate } from './layout.ts';

/** The handler rejected an uploaded document: why, and that a new one is welcome. */
export const documentRejected: EmailTemplate = {
  blocks: (copy) => [
    paragraph('intro'),
    facts([
      [copy.labels.reference, 'reference'],
      [copy.labels.document, 'document'],
    ]),
    quote(copy.labels.reason, 'reason'),
    words(copy.documentRejected.ask),
  ],
  action: (copy) => copy.documentRejected.action,
  content: ({ claim, data, lang }, copy) => {
    const document = data.document ? textIn(data.document.label, lang) : copy.notStated;
    const reason = data.reason ?? copy.notStated;
    return {
      subject: copy.documentRejected.subject(claim.reference, document),
      preheader: `${copy.labels.reason}: ${reason}`,
      heading: copy.documentRejected.heading,
      slots: {
        intro: copy.documentRejected.intro(shownActorName(data.actor, copy.hostSystem), document, claim.reference),
        reference: claim.reference,
        document,
        reason,
      },
    };
  },
};
