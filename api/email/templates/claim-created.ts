import { facts, paragraph, words, type EmailTemplate } from './layout.ts';

/** A new claim: the company decides whether Claimdesk handles it. */
export const claimCreated: EmailTemplate = {
  blocks: (copy) => [
    paragraph('intro'),
    facts([
      [copy.labels.reference, 'reference'],
      [copy.labels.claimType, 'claimType'],
      [copy.labels.carrier, 'carrier'],
      [copy.labels.trackingNumber, 'trackingNumber'],
    ]),
    words(copy.claimCreated.ask),
  ],
  action: (copy) => copy.claimCreated.action,
  content: ({ claim, companyName }, copy) => {
    const type = copy.type[claim.type];
    return {
      subject: copy.claimCreated.subject(claim.reference),
      preheader: copy.claimCreated.preheader(type, claim.carrier),
      heading: copy.claimCreated.heading(claim.reference),
      slots: {
        intro: copy.claimCreated.intro(companyName, claim.reference),
        reference: claim.reference,
        claimType: type,
        carrier: claim.carrier,
        trackingNumber: claim.trackingNumber,
      },
    };
  },
};
