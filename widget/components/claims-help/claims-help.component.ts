import { html, nothing } from 'lit';
import { ClaimsElement } from '../../internal/claims-element.ts';
import type { HelpContact } from '../../internal/types.ts';
import { accountCatalogue } from '../../translations/account.ts';
import { tokens } from '../../themes/tokens.styles.ts';
import { styles } from './claims-help.styles.ts';

/**
 * Whom to ask when a claim needs a person: the operator's email (a mailto link), phone (a tel
 * link) and opening hours. `<claims-app>` shows it in a dialog, from its Help button and from
 * each claim's "Need help?" link.
 *
 * @tag claims-help
 *
 * @attr api-base - Base URL of the API; optional inside a configured element.
 * @attr token - User token; optional inside a configured element.
 * @attr lang - `es`, `en`, `pt`, `fr`, `de`, `it` or `ca`; a region is ignored (`fr-CA` is French).
 *
 * @fires {ClaimsErrorDetail} claims-error - Loading the contact failed.
 *
 * @csspart base - The wrapper.
 * @csspart heading - The heading.
 * @csspart contact - The list of contact details.
 * @csspart email - The email link.
 * @csspart phone - The phone link.
 * @csspart state - Loading, empty and error states.
 */
export class ClaimsHelp extends ClaimsElement {
  static override styles = [tokens, styles];
  static override catalogues = [accountCatalogue];

  #contact = this.loadTask({ live: false, report: 'help', args: () => [], load: (session, _, signal) => session.api.help({ signal }) });

  get #t() {
    return this.localize(accountCatalogue).help;
  }

  override render() {
    return html`<section part="base" class="base" lang=${this.language} aria-labelledby="title">
      <h2 id="title" part="heading">${this.#t.title}</h2>
      ${this.#contact.render({
        initial: () => this.renderLoading(),
        pending: () => this.renderLoading(),
        complete: (contact) => this.#renderContact(contact),
        error: (error) => this.renderFailure(error, () => this.#contact.run()),
      })}
    </section>`;
  }

  #renderContact({ email, phone, hours }: HelpContact) {
    const t = this.#t;
    if (!email && !phone && !hours) return html`<p part="state" class="state">${t.none}</p>`;
    return html`<p>${t.intro}</p>
      <dl part="contact" class="contact">
        ${email ? html`<div><dt>${t.email}</dt><dd><a part="email" href="mailto:${email}">${email}</a></dd></div>` : nothing}
        ${phone ? html`<div><dt>${t.phone}</dt><dd><a part="phone" href="tel:${phone.replace(/[^\d+]/g, '')}">${phone}</a></dd></div>` : nothing}
        ${hours ? html`<div><dt>${t.hours}</dt><dd>${hours}</dd></div>` : nothing}
      </dl>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'claims-help': ClaimsHelp;
  }
}
