import { CLAIM_LABELS_EN } from '../../domain/labels.en.ts';
import { pluralIn } from './plural.ts';
import type { EmailCopy } from './strings.ts';

// The emails in English.

const plural = pluralIn('en-GB');

export const EMAIL_EN: EmailCopy = {
  lang: 'en',
  locale: 'en-GB',
  status: CLAIM_LABELS_EN.status,
  type: CLAIM_LABELS_EN.type,
  outcome: CLAIM_LABELS_EN.outcome,
  guidance: {
    notified:
      'We detected this incident on your shipment. Check the details and accept so we file the claim for you, or decline if you do not want to claim.',
    documentation: 'Claim accepted. The claim shows which documents it needs; upload them there so we can review them.',
    review: 'We have the required documents and they will be reviewed. Nothing to do for now; we will tell you if anything is missing.',
    submitted: 'The claim has been filed with the carrier or insurer. We will let you know as soon as they answer.',
    resolved: 'The claim is resolved. Check the outcome and the amount.',
    closed: 'Claim closed. Nothing left to do.',
    declined: 'You chose not to pursue this claim. If that was a mistake, ask for help from your customer area.',
  },
  notStated: 'Not stated',
  hostSystem: 'Automated system',
  labels: {
    reference: 'Reference',
    claimType: 'Type',
    carrier: 'Carrier',
    trackingNumber: 'Tracking number',
    document: 'Document',
    status: 'Status',
    deadline: 'Deadline',
    timeLeft: 'Time left',
    reason: 'Reason',
  },
  greeting: (name) => `Hello ${name},`,
  linkFallback: 'If the button does not work, copy this address into your browser:',
  findIt: (reference) => `You will find it in your customer area under reference ${reference}.`,
  footer: (company) =>
    `You are receiving this because email alerts about ${company}’s claims are on for you. An administrator of your company can change this in the customer area.`,
  hours: (hours) => `${hours} ${plural(hours, 'hour', 'hours')}`,

  claimCreated: {
    subject: (reference) => `New claim ${reference}: accept or decline handling it`,
    preheader: (type, carrier) => `${type} on a shipment with ${carrier}. Accept or decline handling it.`,
    heading: (reference) => `New claim ${reference}`,
    intro: (company, reference) => `We detected an incident on a shipment of ${company} and opened claim ${reference}.`,
    ask: 'Please accept so we file the claim for you, or decline if you do not want to claim.',
    action: 'Accept or decline',
  },
  documentRejected: {
    subject: (reference, document) => `${reference}: document rejected (${document}), please upload a new one`,
    heading: 'Document rejected',
    intro: (reviewer, document, reference) => `${reviewer} reviewed “${document}” on claim ${reference} and could not accept it.`,
    ask: 'Please upload a new one that fixes this.',
    action: 'Upload a new document',
  },
  message: {
    subject: (reference, count, handler) =>
      count === 1 ? `${reference}: new message from ${handler}` : `${reference}: ${count} new messages from ${handler}`,
    heading: (count) => (count === 1 ? 'New message' : `${count} new messages`),
    intro: (handler, count, reference) =>
      count === 1 ? `${handler} wrote to you about claim ${reference}.` : `${handler} sent you ${count} messages about claim ${reference}.`,
    quoteCaption: 'Latest message',
    action: 'Read and reply',
  },
  statusChanged: {
    subject: (reference, status) => `Claim ${reference}: now “${status}”`,
    heading: (count) => (count === 1 ? 'Your claim has a new status' : `${count} status changes`),
    moved: (reference, from, to) => `Claim ${reference} moved from “${from}” to “${to}”.`,
    outcome: (result, amount) => `Outcome: ${result}${amount ? `, ${amount}` : ''}.`,
    now: (reference, count, status) =>
      count === 1 ? `Claim ${reference} is now “${status}”.` : `Claim ${reference} changed status ${count} times and is now “${status}”.`,
    action: 'View the claim',
  },
  deadlineApproaching: {
    subject: (reference, hours) => `${reference}: the claim deadline ends in ${hours}`,
    heading: 'The claim deadline is close',
    intro: (reference, deadline, hours) => `The deadline to file claim ${reference} ends on ${deadline} (${hours} left).`,
    ask: 'If documents are still missing, upload them as soon as possible so we can file the claim in time.',
    action: 'Review the claim',
  },
  webhookDisabled: {
    subject: (url) => `Webhook disabled: ${url}`,
    heading: 'We disabled one of your company’s webhooks',
    intro: (url, reason) =>
      reason === 'gone'
        ? `Claimdesk stopped sending events to ${url}: it answered “410 Gone”, which says that address no longer takes them.`
        : `Claimdesk stopped sending events to ${url}: every delivery to it has failed for 3 days.`,
    labels: { webhook: 'Webhook', url: 'Address' },
    ask: 'While it stays disabled your systems hear nothing new about your claims through it. Once the receiver works again, turn it back on and, if you need them, have the events it missed sent again.',
    turnOn: (id) => `Turn it back on in your customer area, in the webhook settings, or with PATCH /api/v1/webhooks/${id}.`,
    action: 'Review the webhook',
    footer: (company) => `You are receiving this because you are an administrator of ${company} in Claimdesk.`,
  },
};
