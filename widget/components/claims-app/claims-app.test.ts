import { expect, fixture, fixtureSync, html } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import './claims-app.ts';
import type { ClaimsApp } from './claims-app.component.ts';
import { $, $$, acceptAs, apiBase, createClaim, deepActive, tokenFor, transition, uniqueCompany, until } from '../../test/helpers.ts';

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

  describe('properties', () => {
    it('passes page-size (attribute and property) to its list', async () => {
      const company = uniqueCompany();
      for (let i = 0; i < 3; i++) await createClaim(company);
      const [base, token] = await Promise.all([apiBase(), tokenFor(company)]);
      const el = await fixture<ClaimsApp>(html`<claims-app api-base=${base} token=${token} page-size="2" lang="en"></claims-app>`);
      const list = $(el, 'claims-list')!;
      await until(() => $$(list, '[part~="row"]').length === 2, 10_000, 'a page of two');
      expect(el.pageSize).to.equal(2);
      expect($(list, '[part~="load-more"]'), 'the third on the next page').to.exist;

      el.pageSize = 1;
      await until(() => $$(list, '[part~="row"]').length === 1, 10_000, 'a page of one');
    });
  });

  describe('loading', () => {
    afterEach(() => emulateMedia({ reducedMotion: 'no-preference' }));

    it('holds a page of placeholder rows as tall as the claims that replace them, without motion when asked', async () => {
      await emulateMedia({ reducedMotion: 'reduce' });
      const company = uniqueCompany();
      for (let i = 0; i < 3; i++) await createClaim(company);
      const [base, token] = await Promise.all([apiBase(), tokenFor(company)]);
      const el = fixtureSync<ClaimsApp>(html`<claims-app api-base=${base} token=${token} page-size="3" lang="en"></claims-app>`);
      await el.updateComplete;
      const list = el.shadowRoot!.querySelector('claims-list')!;
      await list.updateComplete;
      const skeleton = $(list, '[part~="state"][aria-busy="true"]');
      expect(skeleton, 'a busy placeholder while the page loads').to.exist;
      const placeholders = [...skeleton!.querySelectorAll<HTMLElement>('li')];
      expect(placeholders).to.have.length(3);
      expect(getComputedStyle(skeleton!.querySelector('ul')!).animationName, 'no pulsing').to.equal('none');
      const heightWhileLoading = el.getBoundingClientRect().height;
      const placeholderHeight = placeholders[0]!.getBoundingClientRect().height;

      await until(() => $$(list, '[part~="row"]').length === 3, 10_000, 'the claims');
      expect($$(list, '[part~="row"]')[0]!.getBoundingClientRect().height).to.be.closeTo(placeholderHeight, 1);
      expect(el.getBoundingClientRect().height, 'the host page below does not move').to.be.closeTo(heightWhileLoading, 1);
    });
  });

  describe('live updates', () => {
    it('follows a claim through its phases with about one request per event, not one per element', async () => {
      const company = uniqueCompany();
      const claim = await createClaim(company);
      const [base, token] = await Promise.all([apiBase(), tokenFor(company)]);
      const el = await fixture<ClaimsApp>(html`<claims-app api-base=${base} token=${token} claim-id=${claim.id} lang="en"></claims-app>`);
      const list = $(el, 'claims-list')!;
      const detail = await until(() => $(el, 'claims-detail'), 10_000, 'the detail');
      await until(() => $(detail, 'h2') && $$(list, '[part~="row"]').length === 1, 10_000, 'the claim, in the detail and the list');

      // The list (hidden behind the detail) and the detail both show the claim: count their GETs of it.
      const own = `/claims/${claim.id}`;
      let gets = 0;
      const fetch = window.fetch;
      window.fetch = (input, init) => {
        const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
        if ((init?.method ?? 'GET') === 'GET' && url.pathname.endsWith(own)) gets++;
        return fetch(input, init);
      };
      try {
        await acceptAs(company, claim.id);
        for (const to of ['review', 'submitted']) await transition(claim.id, { to });
        await transition(claim.id, { to: 'resolved', outcome: 'denied' });
        await transition(claim.id, { to: 'closed' });
        const badge = () => $(detail, '[part~="status-badge"]')?.textContent;
        const row = () => $(list, '[part~="status-badge"]')?.textContent;
        await until(() => badge() === 'Closed' && row() === 'Closed', 10_000, 'the claim closed, in the detail and in the list');
        // Five events: one element alone would make five requests; two made ten before they shared.
        expect(gets).to.be.within(1, 5);
      } finally {
        window.fetch = fetch;
      }
    });
  });
});
