import { LANGUAGES, type Language } from '../../domain/constants.ts';
import { EMAIL_COPY } from './strings.ts';
import { claimCreated } from './templates/claim-created.ts';
import { deadlineApproaching } from './templates/deadline-approaching.ts';
import { documentRejected } from './templates/document-rejected.ts';
import { layout, type Block, type ClaimEmailInput, type ClaimEmailKind, type EmailInput, type EmailKind, type EmailTemplate, type WebhookEmailInput } from './templates/layout.ts';
import { message } from './templates/message.ts';
import { statusChanged } from './templates/status-changed.ts';
import { webhookDisabled } from './templates/webhook-disabled.ts';

// The emails there are and the forms each takes, apart from their compiled HTML: what the build
// compiles (scripts/compile-emails.ts) and the renderer fills (render.ts) are listed once, here.

export const EMAIL_TEMPLATES: { [K in EmailKind]: EmailTemplate<K extends ClaimEmailKind ? ClaimEmailInput : WebhookEmailInput> } = {
  claim_created: claimCreated,
  status_changed: statusChanged,
  document_rejected: documentRejected,
  message,
  deadline_approaching: deadlineApproaching,
  webhook_disabled: webhookDisabled,
};

export const EMAIL_KINDS = Object.keys(EMAIL_TEMPLATES) as EmailKind[];
/** The emails about a claim, which link to it. */
export const CLAIM_EMAIL_KINDS = EMAIL_KINDS.filter((kind): kind is ClaimEmailKind => kind !== 'webhook_disabled');

export function isEmailKind(kind: string): kind is EmailKind {
  return Object.hasOwn(EMAIL_TEMPLATES, kind);
}

/** One form an email takes: its kind, in one language, with a link to the claim or without. */
export interface EmailForm {
  kind: EmailKind;
  lang: Language;
  withLink: boolean;
}

export const EMAIL_FORMS: EmailForm[] = EMAIL_KINDS.flatMap((kind) => LANGUAGES.flatMap((lang) => [true, false].map((withLink) => ({ kind, lang, withLink }))));

/** How a form is named in api/email/compiled-html.json. */
export const formKey = ({ kind, lang, withLink }: EmailForm) => `${kind} ${lang} ${withLink ? 'link' : 'plain'}`;

/** The form `email` takes. */
export const formOf = (email: EmailInput): EmailForm => ({ kind: email.kind, lang: email.lang, withLink: email.claimUrl !== null });

/** A form's template: its mjml (what the build compiles) and its plain text, both with {{slots}}. */
export function emailSource({ kind, lang, withLink }: EmailForm): Block {
  return layout(EMAIL_COPY[lang], EMAIL_TEMPLATES[kind], withLink);
}
