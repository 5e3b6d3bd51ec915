import { facts, paragraph, type EmailTemplate } from './layout.ts';

/** The claim moved to another status: from what, to what, and what that means for the customer. */
export const statusChanged: EmailTemplate = {
  blocks: (copy) => [
    paragraph('intro'),
    facts([
      [copy.labels.reference, 'reference'],
      [copy.labels.status, 'status'],
    ]),
    paragraph('guidance'),
  ],
  action: (copy) => copy.statusChanged.action,
  content: ({ claim, data }, copy) => {
    // The status the event moved it to: the claim may have moved on before the email went out.
    const to = data.status ?? claim.status;
    const guidance = copy.guidance[to];
    return {
      subject: copy.statusChanged.subject(claim.reference, copy.status[to]),
      preheader: guidance,
      heading: copy.statusChanged.heading,
      slots: {
        intro: copy.statusChanged.intro(claim.reference, data.from ? copy.status[data.from] : null, copy.status[to]),
        reference: claim.reference,
        status: copy.status[to],
        guidance,
      },
    };
  },
};
