import { shownActorName } from '../../../domain/actors.ts';
import { paragraph, quote, type EmailTemplate } from './layout.ts';

/** The handler wrote while the user was away: how many messages, and the newest one. */
export const message: EmailTemplate = {
  blocks: (copy) => [paragraph('intro'), quote(copy.message.quoteCaption, 'preview')],
  action: (copy) => copy.message.action,
  content: ({ claim, data, count }, copy) => {
    const preview = data.preview ?? '';
    return {
      subject: copy.message.subject(claim.reference, count, shownActorName(data.actor, copy.hostSystem)),
      preheader: preview,
      heading: copy.message.heading(count),
      slots: {
        intro: copy.message.intro(shownActorName(data.actor, copy.hostSystem), count, claim.reference),
        preview,
      },
    };
  },
};
