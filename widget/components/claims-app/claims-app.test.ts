import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import './claims-app.ts';
import type { ClaimsApp } from './claims-app.component.ts';
import { $, $$, apiBase, createClaim, deepActive, tokenFor, uniqueCompany, until } from '../../test/helpers.ts';

describe('<claims-app>', () => {
  it('opens a claim from the list, focuses its heading, and returns focus to the row', async () => {
    const company = uniqueCompany();
    await createClaim(company);
    const second = await createClaim(company);
    const base = await apiBase();
    let calls = 0;
    const provider = () => {
      calls++;
      return tokenFor(company);
    };
    const el = await fixture<ClaimsApp>(html`<claims-app api-base=${base} .tokenProvider=${provider} lang="en"></claims-app>`);
    const list = $(el, 'claims-list')!;
    await until(() => $$(list, '[part~="row"]').length === 2, 10_000, 'rows');
    await expect(el).to.be.accessible();

    const row = $$(list, '[part~="row"]').find((r) => r.dataset.id === second.id)!;
    row.focus();
    await sendKeys({ press: 'Enter' });
    const detail = await until(() => $(el, 'claims-detail'));
    await until(() => deepActive() === $(detail, 'h2'), 10_000, 'focus on the detail heading');
    expect($(detail, 'h2')!.textContent).to.equal(second.reference);
    expect(list.hidden).to.equal(true);
    // children use the app's configuration through context: one token provider, one session
    expect(calls).to.equal(1);
    await expect(el).to.be.accessible();

    $<HTMLButtonElement>(detail, '[part~="back-button"]')!.click();
    await until(() => deepActive() === row, 5000, 'focus back on the row');
    expect($(el, 'claims-detail')).to.equal(null);
  });

  it('follows a language change on the element', async () => {
    const company = uniqueCompany();
    await createClaim(company);
    const [base, token] = await Promise.all([apiBase(), tokenFor(company)]);
    const el = await fixture<ClaimsApp>(html`<claims-app api-base=${base} token=${token} lang="es"></claims-app>`);
    const list = $(el, 'claims-list')!;
    await until(() => $$(list, '[part~="row"]').length === 1);
    expect(list.shadowRoot!.textContent).to.contain('Rotura');
    el.lang = 'en';
    await until(() => list.shadowRoot!.textContent!.includes('Breakage'), 2000, 'English');
  });
});
