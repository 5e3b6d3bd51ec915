import type { ClaimStatus, ClaimType, Language, Outcome } from '../../domain/constants.ts';
import { EMAIL_CA } from './strings.ca.ts';
import { EMAIL_DE } from './strings.de.ts';
import { EMAIL_EN } from './strings.en.ts';
import { EMAIL_ES } from './strings.es.ts';
import { EMAIL_FR } from './strings.fr.ts';
import { EMAIL_IT } from './strings.it.ts';
import { EMAIL_PT } from './strings.pt.ts';

// What the emails say, in every language Claimdesk speaks: one module per language
// (strings.es.ts, strings.en.ts, strings.pt.ts…), each in the voice of the widget's catalogue of
// that language (widget/translations/*.<lang>.ts) and with its words for a claim, a carrier, a
// handler, an upload, a deadline… Status, type and outcome names are the widget's own
// (domain/labels.<lang>.ts), and "upload a new one" its words too: a customer reads the same
// words in the customer area and in the inbox. Dates and amounts go through Intl in `locale`.

export interface EmailCopy {
  lang: Language;
  /** The locale dates are written in. */
  locale: string;
  status: Record<ClaimStatus, string>;
  type: Record<ClaimType, string>;
  outcome: Record<Outcome, string>;
  /**
   * What each status means for the customer, true of every claim in it: no document named (the
   * claim's page names those of its own checklist) and no handler said to be at work (the claim
   * may have none yet).
   */
  guidance: Record<ClaimStatus, string>;
  notStated: string;
  /** The operator's backend named as who wrote or decided, instead of the log's English name (domain/actors.ts). */
  hostSystem: string;
  labels: {
    reference: string;
    claimType: string;
    carrier: string;
    trackingNumber: string;
    document: string;
    status: string;
    deadline: string;
    timeLeft: string;
    reason: string;
  };
  greeting: (name: string) => string;
  /** Under the button: the link written out, for clients that do not show buttons. */
  linkFallback: string;
  /** Said instead of a button when Claimdesk knows no address for the claim's page. */
  findIt: (reference: string) => string;
  footer: (company: string) => string;
  hours: (hours: number) => string;

  claimCreated: {
    subject: (reference: string) => string;
    preheader: (type: string, carrier: string) => string;
    heading: (reference: string) => string;
    intro: (company: string, reference: string) => string;
    ask: string;
    action: string;
  };
  documentRejected: {
    subject: (reference: string, document: string) => string;
    heading: string;
    intro: (reviewer: string, document: string, reference: string) => string;
    ask: string;
    action: string;
  };
  message: {
    subject: (reference: string, count: number, handler: string) => string;
    heading: (count: number) => string;
    intro: (handler: string, count: number, reference: string) => string;
    quoteCaption: string;
    action: string;
  };
  statusChanged: {
    subject: (reference: string, status: string) => string;
    heading: (count: number) => string;
    /** One change, from what to what. */
    moved: (reference: string, from: string, to: string) => string;
    /** What the claim got: the outcome's label, and its amount unless denied. */
    outcome: (result: string, amount: string | null) => string;
    /** Where the claim is, when how it got there is more than one change (or unknown). */
    now: (reference: string, count: number, status: string) => string;
    action: string;
  };
  deadlineApproaching: {
    subject: (reference: string, hours: string) => string;
    heading: string;
    intro: (reference: string, deadline: string, hours: string) => string;
    ask: string;
    action: string;
  };
  /** To a company's administrators: Claimdesk disabled one of the company's webhooks. */
  webhookDisabled: {
    subject: (url: string) => string;
    heading: string;
    intro: (url: string, reason: 'gone' | 'failing') => string;
    labels: { webhook: string; url: string };
    ask: string;
    /** Where to turn it back on (the email has no button: it is about no claim). */
    turnOn: (id: string) => string;
    action: string;
    /** Why an administrator gets it, whatever their channel. */
    footer: (company: string) => string;
  };
}

export const EMAIL_COPY: Record<Language, EmailCopy> = {
  es: EMAIL_ES,
  en: EMAIL_EN,
  pt: EMAIL_PT,
  fr: EMAIL_FR,
  de: EMAIL_DE,
  it: EMAIL_IT,
  ca: EMAIL_CA,
};
