import { expect, fixtureSync, html } from '@open-wc/testing';
import '../components/claims-app/claims-app.ts';
import type { ClaimsApp } from '../components/claims-app/claims-app.component.ts';
import { $, $$, apiBase, createClaim, loadDarkTheme, tokenFor, uniqueCompany, until } from '../test/helpers.ts';

describe('dark theme', () => {
  before(async () => {
    await loadDarkTheme();
    document.body.style.background = '#0b0c10';
  });

  it('switches by custom properties alone and keeps list and detail accessible, contrast included', async () => {
    const company = uniqueCompany();
    const claim = await createClaim(company);
    const [base, token] = await Promise.all([apiBase(), tokenFor(company)]);
    // fixtureSync, then the app's own update: fixture() would wait for an animation frame on the
    // plain wrapper, which never comes while this page runs in the background beside another test file.
    const wrapper = fixtureSync<HTMLElement>(
      html`<div class="claims-theme-dark"><claims-app api-base=${base} token=${token} lang="en"></claims-app></div>`,
    );
    const app = wrapper.querySelector<ClaimsApp>('claims-app')!;
    await app.updateComplete;
    const list = await until(() => $(app, 'claims-list'));
    await until(() => $$(list, '[part~="row"]').length === 1, 10_000, 'the row');
    expect(getComputedStyle(app).getPropertyValue('--claims-color-surface').trim()).to.equal('#131419');
    await expect(wrapper).to.be.accessible();

    app.claimId = claim.id;
    const detail = await until(() => $(app, 'claims-detail'));
    await until(() => $(detail, 'h2'), 10_000, 'the detail heading');
    await expect(wrapper).to.be.accessible();
  });
});
