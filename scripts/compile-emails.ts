// `npm run build:emails`: compiles every email template, in every language and form, with mjml
// and writes the HTML, {{slots}} left in it, to api/email/compiled-html.json, which the renderer
// loads (api/email/render.ts). The file is committed, so neither the server nor the tests need
// mjml or a build step to send an email; api/email/render.test.ts fails when it is stale. Run
// this after changing a template, the email copy (api/email/strings.ts) or mjml's version.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import mjml2html from 'mjml';
import { EMAIL_FORMS, emailSource, formKey } from '../api/email/forms.ts';

export const COMPILED_HTML_FILE = fileURLToPath(new URL('../api/email/compiled-html.json', import.meta.url));

/** mjml to HTML; a template mjml finds fault with fails the build rather than an inbox. */
export function compileMjml(mjml: string): string {
  const { html, errors } = mjml2html(mjml, { validationLevel: 'strict' });
  if (errors.length > 0) throw new Error(`mjml: ${errors.map((error) => error.formattedMessage).join('; ')}`);
  return html;
}

/**
 * Every form's HTML as mjml makes it from the templates as they are now: what compiled-html.json
 * holds. Reads no compiled-html.json, so a broken one (a merge conflict) is simply made again.
 */
export function compileEveryEmail(): Record<string, string> {
  return Object.fromEntries(EMAIL_FORMS.map((form) => [formKey(form), compileMjml(emailSource(form).mjml)]));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const compiled = compileEveryEmail();
  writeFileSync(COMPILED_HTML_FILE, `${JSON.stringify(compiled, null, 2)}\n`);
  console.log(`${path.relative(process.cwd(), COMPILED_HTML_FILE)}: ${Object.keys(compiled).length} emails compiled by mjml`);
}
