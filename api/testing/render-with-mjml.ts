import { emailSource, formOf } from '../email/forms.ts';
import { renderCompiled, type EmailInput, type RenderedEmail } from '../email/render.ts';
import { compileMjml } from '../../scripts/compile-emails.ts';

/** The same email as a renderer's, with mjml run for this one email: what compiling at build time saves, and what it must equal. */
export function renderWithMjmlEachTime(email: EmailInput): RenderedEmail {
  return renderCompiled(compileMjml(emailSource(formOf(email)).mjml), email);
}
