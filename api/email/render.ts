import COMPILED_HTML from './compiled-html.json' with { type: 'json' };
import { EMAIL_FORMS, EMAIL_TEMPLATES, emailSource, formKey, formOf, type EmailForm } from './forms.ts';
import { EMAIL_COPY } from './strings.ts';
import { escapeHtml, type EmailInput, type EmailKind, type EmailTemplate } from './templates/layout.ts';

export type { ClaimEmailInput, ClaimEmailKind, EmailInput, EmailKind } from './templates/layout.ts';

// mjml takes milliseconds per document and brings a large tree of packages; neither an email nor
// a production server should wait for it. `npm run build:emails` (scripts/compile-emails.ts)
// runs mjml over every template in every language and form (with a link to the claim or without)
// and writes the HTML, {{slots}} left in it, to compiled-html.json beside this file, committed
// (render.test.ts fails when it is stale). An email then only fills the slots with its values,
// escaped for HTML. Nothing the server loads imports mjml: it is a development dependency.

export { CLAIM_EMAIL_KINDS, EMAIL_KINDS, isEmailKind } from './forms.ts';

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

export interface EmailRenderer {
  render(email: EmailInput): RenderedEmail;
}

/** Every form's HTML as mjml compiled it, with {{slots}}, by formKey. */
export type CompiledHtml = Readonly<Record<string, string>>;

/** Cuts every form's compiled HTML and text at its slots, once; `compiledHtml` is what the build wrote unless a caller compiled its own. */
export function createEmailRenderer(compiledHtml: CompiledHtml = COMPILED_HTML): EmailRenderer {
  const compiled = new Map<string, CompiledEmail>();
  for (const form of EMAIL_FORMS) {
    const html = compiledHtml[formKey(form)];
    if (html === undefined) throw new Error(`api/email/compiled-html.json has no "${formKey(form)}" email; run \`npm run build:emails\`.`);
    compiled.set(formKey(form), compiledEmail(form, html));
  }
  return { render: (email) => fill(compiled.get(formKey(formOf(email)))!, email) };
}

/** One email from its form's HTML as mjml compiled it: what a renderer does, without keeping the cut form. */
export function renderCompiled(html: string, email: EmailInput): RenderedEmail {
  return fill(compiledEmail(formOf(email), html), email);
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

function compiledEmail(form: EmailForm, html: string): CompiledEmail {
  return { html: splitSlots(html), text: splitSlots(emailSource(form).text) };
}

function splitSlots(compiled: string): Slotted {
  const pieces = compiled.split(/\{\{(\w+)\}\}/);
  return { parts: pieces.filter((_, i) => i % 2 === 0), names: pieces.filter((_, i) => i % 2 === 1) };
}

function fill(compiled: CompiledEmail, email: EmailInput): RenderedEmail {
  const copy = EMAIL_COPY[email.lang];
  // The kind names the template, and the template the input it takes.
  const content = (EMAIL_TEMPLATES[email.kind] as EmailTemplate<EmailInput>).content(email, copy);
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
