import mjml2html from 'mjml';
import { LANGUAGES, type Language } from '../../domain/constants.ts';
import { EMAIL_COPY } from './strings.ts';
import { claimCreated } from './templates/claim-created.ts';
import { deadlineApproaching } from './templates/deadline-approaching.ts';
import { documentRejected } from './templates/document-rejected.ts';
import { layout, escapeHtml, type ClaimEmailInput, type ClaimEmailKind, type EmailInput, type EmailKind, type EmailTemplate, type WebhookEmailInput } from './templates/layout.ts';
import { message } from './templates/message.ts';
import { statusChanged } from './templates/status-changed.ts';
import { webhookDisabled } from './templates/webhook-disabled.ts';

export type { ClaimEmailInput, ClaimEmailKind, EmailInput, EmailKind } from './templates/layout.ts';

// mjml takes milliseconds per document; an email must not. Every template is compiled once per
// language and per form (with a link to the claim or without) when the renderer is created, to
// HTML with {{slots}} left in it; an email then only fills the slots with its values, escaped
// for HTML. renderWithMjmlEachTime does the same work with mjml run per email, for comparison.

const TEMPLATES: { [K in EmailKind]: EmailTemplate<K extends ClaimEmailKind ? ClaimEmailInput : WebhookEmailInput> } = {
  claim_created: claimCreated,
  status_changed: statusChanged,
  document_rejected: documentRejected,
  message,
  deadline_approaching: deadlineApproaching,
  webhook_disabled: webhookDisabled,
};

export const EMAIL_KINDS = Object.keys(TEMPLATES) as EmailKind[];
/** The emails about a claim, which link to it. */
export const CLAIM_EMAIL_KINDS = EMAIL_KINDS.filter((kind): kind is ClaimEmailKind => kind !== 'webhook_disabled');

export function isEmailKind(kind: string): kind is EmailKind {
  return Object.hasOwn(TEMPLATES, kind);
}

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

export interface EmailRenderer {
  render(email: EmailInput): RenderedEmail;
}

/** mjml to HTML; a template mjml finds fault with fails here, at start-up, rather than in an inbox. */
export function compileMjml(mjml: string): string {
  const { html, errors } = mjml2html(mjml, { validationLevel: 'strict' });
  if (errors.length > 0) throw new Error(`mjml: ${errors.map((error) => error.formattedMessage).join('; ')}`);
  return html;
}

/**
 * Compiles every template now, in every language and form. `compile` turns mjml into HTML
 * (mjml itself unless a caller wants to watch it run).
 */
export function createEmailRenderer({ compile = compileMjml }: { compile?: (mjml: string) => string } = {}): EmailRenderer {
  const compiled = new Map<string, CompiledEmail>();
  for (const kind of EMAIL_KINDS) {
    for (const lang of LANGUAGES) {
      for (const withLink of [true, false]) {
        const source = layout(EMAIL_COPY[lang], TEMPLATES[kind], withLink);
        compiled.set(formOf(kind, lang, withLink), { html: splitSlots(compile(source.mjml)), text: splitSlots(source.text) });
      }
    }
  }
  return { render: (email) => fill(compiled.get(formOf(email.kind, email.lang, email.claimUrl !== null))!, email) };
}

/** The same email as a renderer's, with mjml run for this one email: what precompiling saves. */
export function renderWithMjmlEachTime(email: EmailInput): RenderedEmail {
  const source = layout(EMAIL_COPY[email.lang], TEMPLATES[email.kind], email.claimUrl !== null);
  return fill({ html: splitSlots(compileMjml(source.mjml)), text: splitSlots(source.text) }, email);
}

/**
 * The link to a claim's page: PUBLIC_CLAIM_URL with {id} and {reference} replaced, each
 * URL-encoded. Without a template there is no link (and the email names the reference instead).
 */
export function claimUrlFor(publicClaimUrl: string | undefined, claim: { id: string; reference: string }): string | null {
  if (!publicClaimUrl) return null;
  return publicClaimUrl.replaceAll('{id}', encodeURIComponent(claim.id)).replaceAll('{reference}', encodeURIComponent(claim.reference));
}

/** A compiled text cut at its slots: `parts[i]` comes before slot `names[i]`, and one part more ends it. */
interface Slotted {
  parts: string[];
  names: string[];
}

interface CompiledEmail {
  html: Slotted;
  text: Slotted;
}

const formOf = (kind: EmailKind, lang: Language, withLink: boolean) => `${kind} ${lang} ${withLink ? 'link' : 'plain'}`;

function splitSlots(compiled: string): Slotted {
  const pieces = compiled.split(/\{\{(\w+)\}\}/);
  return { parts: pieces.filter((_, i) => i % 2 === 0), names: pieces.filter((_, i) => i % 2 === 1) };
}

function fill(compiled: CompiledEmail, email: EmailInput): RenderedEmail {
  const copy = EMAIL_COPY[email.lang];
  // The kind names the template, and the template the input it takes.
  const content = (TEMPLATES[email.kind] as EmailTemplate<EmailInput>).content(email, copy);
  const values: Record<string, string> = {
    subject: content.subject,
    preheader: content.preheader,
    heading: content.heading,
    greeting: copy.greeting(email.recipientName),
    footer: copy.footer(email.companyName),
    ...(email.claimUrl !== null ? { claimUrl: email.claimUrl } : email.claim !== null ? { findIt: copy.findIt(email.claim.reference) } : {}),
    ...content.slots,
  };
  return {
    subject: content.subject,
    html: join(compiled.html, values, escapeHtml, email.kind),
    text: join(compiled.text, values, (value) => value, email.kind),
  };
}

function join({ parts, names }: Slotted, values: Record<string, string>, encode: (value: string) => string, kind: EmailKind): string {
  let out = parts[0]!;
  for (let i = 0; i < names.length; i++) {
    const value = values[names[i]!];
    if (value === undefined) throw new Error(`The ${kind} email has no value for its slot {{${names[i]}}}.`);
    out += encode(value) + parts[i + 1]!;
  }
  return out;
}
