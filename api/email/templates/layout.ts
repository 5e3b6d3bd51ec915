import type { ClaimStatus, ClaimType, Language, NotificationKind, Outcome } from '../../../domain/constants.ts';
import type { NotificationData } from '../../notifications/notifications.schema.ts';
import type { EmailCopy } from '../strings.ts';

// The frame every Claimdesk email shares — brand, card, call to action, footer — and the
// blocks templates build their body from. A template is written once per language with its
// words in place and {{slots}} where each email differs; mjml compiles it once (render.ts)
// and every email only fills the slots. Each block carries its plain-text form too, so the
// text part says what the HTML says.

/** The notification kinds that may come by email (document requests are told in the customer area only). */
export type EmailKind = Exclude<NotificationKind, 'document_requested'>;
/** The emails about a claim: all but the administrators' alert about a webhook, which is about none. */
export type ClaimEmailKind = Exclude<EmailKind, 'webhook_disabled'>;

/** Everything an email says, read from the notification, its recipient and, for most, its claim. */
export type EmailInput = ClaimEmailInput | WebhookEmailInput;

interface EmailBase {
  lang: Language;
  recipientName: string;
  companyName: string;
  data: NotificationData;
  /** How many events the notification stands for: a burst of messages, or of status changes. */
  count: number;
}

/** An email about a claim. */
export interface ClaimEmailInput extends EmailBase {
  kind: ClaimEmailKind;
  claim: {
    id: string;
    reference: string;
    type: ClaimType;
    carrier: string;
    trackingNumber: string;
    status: ClaimStatus;
    deadlineAt: string;
    /** The clock of the country where the deadline runs: its date is written as that country reads it. */
    deadlineTimeZone: string;
    /** What the claim got, once resolved. */
    outcome: { result: Outcome; amountCents: number; currency: string } | null;
  };
  /** The claim's page in the host's customer area; null when none is configured (the email then names the reference). */
  claimUrl: string | null;
}

/** A webhook of the recipient's company that Claimdesk disabled (`data.webhook`): about no claim, so no link to one. */
export interface WebhookEmailInput extends EmailBase {
  kind: 'webhook_disabled';
  claim: null;
  claimUrl: null;
}

/** What one email says beyond the frame: subject, inbox preview line, heading and the values of its blocks' slots. */
export interface EmailContent {
  subject: string;
  preheader: string;
  heading: string;
  slots: Record<string, string>;
}

export interface EmailTemplate<I extends EmailInput = ClaimEmailInput> {
  /** The body, in the language of `copy`, between the greeting and the call to action. */
  blocks(copy: EmailCopy): Block[];
  /** The call-to-action button's label. */
  action(copy: EmailCopy): string;
  /** Subject, heading and slots; an email about no claim fills `findIt` and `footer` too. */
  content(email: I, copy: EmailCopy): EmailContent;
}

/** A piece of an email's body: its mjml and its plain text, both with {{slots}}. */
export interface Block {
  mjml: string;
  text: string;
}

const INK = '#1f2937';
const MUTED = '#6b7280';
const ACCENT = '#1d4ed8';
const FONT = "-apple-system, 'Segoe UI', Helvetica, Arial, sans-serif";

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text as HTML, safe in element content and in quoted attribute values alike. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

const slot = (name: string) => `{{${name}}}`;

/** A paragraph that differs per email. */
export function paragraph(name: string): Block {
  return { mjml: `<mj-text>${slot(name)}</mj-text>`, text: slot(name) };
}

/** A paragraph every email of the template says alike. */
export function words(text: string): Block {
  return { mjml: `<mj-text>${escapeHtml(text)}</mj-text>`, text };
}

/** Label–value rows (reference, carrier…): labels are the template's words, values are slots. */
export function facts(rows: Array<[label: string, name: string]>): Block {
  const cells = rows
    .map(
      ([label, name]) =>
        `<tr><td style="padding:6px 12px 6px 0;color:${MUTED};width:40%;vertical-align:top">${escapeHtml(label)}</td>` +
        `<td style="padding:6px 0;font-weight:600;vertical-align:top">${slot(name)}</td></tr>`,
    )
    .join('');
  return {
    mjml: `<mj-table font-size="15px" line-height="1.4" color="${INK}" padding="4px 0 20px 0">${cells}</mj-table>`,
    text: rows.map(([label, name]) => `${label}: ${slot(name)}`).join('\n'),
  };
}

/** Someone's own words (a rejection reason, a message), set apart and with their line breaks kept. */
export function quote(caption: string, name: string): Block {
  return {
    mjml:
      `<mj-text><div style="font-size:13px;color:${MUTED};padding-bottom:6px">${escapeHtml(caption)}</div>` +
      `<div style="border-left:3px solid #d1d5db;background:#f9fafb;padding:10px 14px;white-space:pre-line">${slot(name)}</div></mj-text>`,
    text: `${caption}:\n${slot(name)}`,
  };
}

/**
 * The whole email around a template's blocks. With `withLink` it ends in a button to the
 * claim's page ({{claimUrl}}); without, in a sentence naming the reference ({{findIt}}).
 */
export function layout(copy: EmailCopy, template: Pick<EmailTemplate, 'blocks' | 'action'>, withLink: boolean): Block {
  const blocks = template.blocks(copy);
  const action = template.action(copy);
  const callToAction: Block = withLink
    ? {
        mjml:
          `<mj-button href="${slot('claimUrl')}" align="left" background-color="${ACCENT}" color="#ffffff" font-size="15px" font-weight="600" border-radius="6px" inner-padding="12px 22px" padding="8px 0 20px 0">${escapeHtml(action)}</mj-button>` +
          `<mj-text font-size="12px" color="${MUTED}" padding="0">${escapeHtml(copy.linkFallback)}<br /><a href="${slot('claimUrl')}" style="color:${ACCENT};word-break:break-all">${slot('claimUrl')}</a></mj-text>`,
        text: `${action}: ${slot('claimUrl')}`,
      }
    : paragraph('findIt');

  const mjml = `<mjml lang="${copy.lang}">
  <mj-head>
    <mj-title>${slot('subject')}</mj-title>
    <mj-preview>${slot('preheader')}</mj-preview>
    <mj-attributes>
      <mj-all font-family="${FONT}" />
      <mj-text font-size="15px" line-height="1.55" color="${INK}" padding="0 0 16px 0" />
    </mj-attributes>
  </mj-head>
  <mj-body width="600px" background-color="#f3f4f6">
    <mj-section padding="28px 24px 12px 24px">
      <mj-column>
        <mj-text font-size="20px" font-weight="700" color="#111827" padding="0">Claimdesk</mj-text>
      </mj-column>
    </mj-section>
    <mj-section background-color="#ffffff" border-radius="8px" padding="32px 32px 16px 32px">
      <mj-column>
        <mj-text font-size="22px" font-weight="700" line-height="1.3" color="#111827" padding="0 0 20px 0">${slot('heading')}</mj-text>
        <mj-text>${slot('greeting')}</mj-text>
        ${blocks.map((block) => block.mjml).join('\n        ')}
        ${callToAction.mjml}
      </mj-column>
    </mj-section>
    <mj-section padding="16px 24px 32px 24px">
      <mj-column>
        <mj-text font-size="12px" line-height="1.5" color="${MUTED}" padding="0">${slot('footer')}</mj-text>
      </mj-column>
    </mj-section>
  </mj-body>
</mjml>`;

  const text = ['Claimdesk', slot('heading'), slot('greeting'), ...blocks.map((block) => block.text), callToAction.text, `--\n${slot('footer')}`].join('\n\n');
  return { mjml, text: `${text}\n` };
}
