import { expect, fixtureSync, html } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import '../claims-console/claims-console.ts';
import type { ClaimsConsole } from '../claims-console/claims-console.component.ts';
import type { ClaimsDetail } from './claims-detail.component.ts';
import { $, $$, acceptAs, apiBase, createClaim, tokenFor, uniqueCompany, until } from '../../test/helpers.ts';

// The tabs of a claim (Detalles, Documentos n/m, Chat with its unread count) as a handler sees
// them on a phone, in the demo's frame (page and card padding, 25 px a side): every label whole,
// none cut off by the tab list or the screen.
describe('<claims-detail> tabs on a phone', () => {
  after(async () => {
    document.body.style.margin = '';
    await setViewport({ width: 800, height: 600 });
  });

  for (const width of [360, 320]) {
    it(`shows every tab label whole at ${width} px`, async () => {
      await setViewport({ width, height: 700 });
      const company = uniqueCompany();
      const claim = await createClaim(company);
      await acceptAs(company, claim.id);
      const [base, customer, handler] = await Promise.all([apiBase(), tokenFor(company), tokenFor('operator', { role: 'handler', sub: `handler-${Math.random().toString(36).slice(2, 8)}` })]);
      const res = await fetch(`${base}/claims/${claim.id}/messages`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${customer}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ body: 'Adjunto el albarán', clientId: crypto.randomUUID() }),
      });
      expect(res.ok, 'the customer’s message').to.equal(true);
      document.body.style.margin = '0';
      // fixtureSync: fixture() waits for an animation frame on the plain wrapper, which never
      // comes while this page runs in the background beside another test file.
      const frame = fixtureSync<HTMLElement>(html`<div style="padding: 0 25px">
        <claims-console api-base=${base} token=${handler} claim-id=${claim.id} lang="es"></claims-console>
      </div>`);
      const el = frame.querySelector<ClaimsConsole>('claims-console')!;
      const detail = await until(() => $<ClaimsDetail>(el, 'claims-detail'), 10_000, 'the detail');
      const tabs = await until(
        () => {
          const all = $$(detail, '[role="tab"]');
          return all.length === 3 && /\d\/\d/.test(all[1]!.textContent!) && all[2]!.querySelector('[part~="unread-badge"]') ? all : null;
        },
        10_000,
        'three tabs with their badges',
      );
      const list = $(detail, '[role="tablist"]')!;
      const box = list.getBoundingClientRect();
      for (const tab of tabs) {
        const label = tab.textContent!.replace(/\s+/g, ' ').trim();
        const r = tab.getBoundingClientRect();
        expect(tab.scrollWidth, `${label}: its label fits`).to.be.at.most(tab.clientWidth);
        expect(r.left, `${label}: on screen`).to.be.at.least(0);
        expect(r.right, `${label}: on screen`).to.be.at.most(window.innerWidth);
        expect(r.right, `${label}: inside the tab list`).to.be.at.most(box.right + 0.5);
        expect(r.left, `${label}: inside the tab list`).to.be.at.least(box.left - 0.5);
      }
      expect(list.scrollWidth, 'the tab list does not scroll').to.be.at.most(list.clientWidth);
      expect(document.documentElement.scrollWidth).to.be.at.most(width);
      await expect(el).to.be.accessible();
    });
  }
});
