import { expect, fixtureSync, html } from '@open-wc/testing';
import './claims-app.ts';
import type { ClaimsApp } from './claims-app.component.ts';
import { $, $$, apiBase, createClaim, deepActive, tokenFor, uniqueCompany, until } from '../../test/helpers.ts';

// The app's toolbar: the bell (a notification opens its claim), Settings and Help.

async function setup(lang: 'es' | 'en' = 'es') {
  const company = uniqueCompany();
  const [base, token] = await Promise.all([apiBase(), tokenFor(company, { lang })]);
  // The admin exists before the claims, so the claims notify them.
  await fetch(`${base}/me`, { headers: { Authorization: `Bearer ${token}` } });
  const el = fixtureSync<ClaimsApp>(html`<claims-app api-base=${base} token=${token} lang=${lang}></claims-app>`);
  await el.updateComplete;
  const bell = await until(() => $(el, 'claims-notifications'), 10_000, 'the bell');
  await customElements.whenDefined('claims-notifications');
  return { company, base, token, el, bell };
}

describe('<claims-app> toolbar', () => {
  it('shows a claim the host creates in the bell, live, and opens it from there', async () => {
    const { company, el, bell } = await setup();
    await until(() => $(bell, '[part~="bell"]')?.getAttribute('aria-label') === 'Notificaciones', 10_000, 'the bell loaded');
    const claim = await createClaim(company);
    await until(() => $(bell, '[part~="bell"]')!.getAttribute('aria-label') === 'Notificaciones, 1 sin leer', 10_000, 'the live notification');
    $<HTMLButtonElement>(bell, '[part~="bell"]')!.click();
    const item = await until(() => $<HTMLButtonElement>(bell, '[part~="item"]'), 10_000, 'the item');
    item.click();
    const detail = await until(() => $(el, 'claims-detail'), 10_000, 'the detail');
    expect(el.claimId).to.equal(claim.id);
    await until(() => deepActive() === $(detail, 'h2'), 10_000, 'focus on the claim heading');
    expect($(detail, 'h2')!.textContent).to.equal(claim.reference);
    await until(() => $(bell, '[part~="bell"]')!.getAttribute('aria-label') === 'Notificaciones', 10_000, 'the badge to drop');
    expect($(bell, '[part~="badge"]')).to.equal(null);
  });

  it('opens the settings view and goes back with focus where it was', async () => {
    const { el } = await setup('en');
    const button = $<HTMLButtonElement>(el, '[part~="settings-button"]')!;
    expect(button.textContent!.trim()).to.equal('Settings');
    button.click();
    const settings = await until(() => $(el, 'claims-settings'), 10_000, 'the settings view');
    await until(() => deepActive() === $(settings, 'h2'), 10_000, 'focus on the settings heading');
    expect($(el, 'claims-list')!.hidden).to.equal(true);
    expect(el.view).to.equal('settings');
    await until(() => $$(settings, '[part~="user"]').length === 1, 10_000, 'the users');
    await expect(el).to.be.accessible();
    $<HTMLButtonElement>(el, '[part~="settings-back-button"]')!.click();
    await until(() => deepActive() === button, 5000, 'focus back on Settings');
    expect($(el, 'claims-settings')).to.equal(null);
    expect($(el, 'claims-list')!.hidden).to.equal(false);
  });

  it('shows the operator’s contact from Help and from a claim’s “¿Necesitas ayuda?”', async () => {
    const { company, el } = await setup();
    const claim = await createClaim(company);
    const helpButton = $<HTMLButtonElement>(el, '[part~="help-button"]')!;
    helpButton.focus();
    helpButton.click();
    const dialog = $<HTMLDialogElement>(el, '[part~="help-dialog"]')!;
    expect(dialog.open).to.equal(true);
    const help = $(el, 'claims-help')!;
    await until(() => $(help, '[part~="email"]'), 10_000, 'the contact');
    expect($(help, '[part~="email"]')!.getAttribute('href')).to.equal('mailto:siniestros@claimdesk.test');
    expect($(help, '[part~="phone"]')!.getAttribute('href')).to.equal('tel:+34910000000');
    expect(help.shadowRoot!.textContent).to.contain('L–V 9:00–18:00');
    await expect(el).to.be.accessible();
    dialog.close();
    await until(() => deepActive() === helpButton, 5000, 'focus back on Help');

    el.claimId = claim.id;
    const detail = await until(() => $(el, 'claims-detail'), 10_000, 'the detail');
    const link = await until(() => $<HTMLButtonElement>(detail, '[part~="help-link"]'), 10_000, 'the help link');
    expect(link.textContent!.trim()).to.equal('¿Necesitas ayuda?');
    link.focus();
    link.click();
    expect(dialog.open).to.equal(true);
    dialog.close();
    await until(() => deepActive() === link, 5000, 'focus back on the link');
  });
});
