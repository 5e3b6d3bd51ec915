import { expect, fixture, html } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import './claims-app.ts';
import type { ClaimsApp } from './claims-app.component.ts';
import { $, $$, apiBase, createClaim, tokenFor, uniqueCompany, until } from '../../test/helpers.ts';

describe('<claims-app> at 320 px', () => {
  before(() => setViewport({ width: 320, height: 640 }));
  after(() => setViewport({ width: 800, height: 600 }));

  /** Every element of a shadow tree (and nested trees) that sticks out of the viewport. */
  function overflowing(root: ShadowRoot | Document): Element[] {
    const out: Element[] = [];
    for (const el of root.querySelectorAll('*')) {
      const box = el.getBoundingClientRect();
      if (box.width > 0 && box.right > window.innerWidth + 0.5) out.push(el);
      if (el.shadowRoot) out.push(...overflowing(el.shadowRoot));
    }
    return out;
  }

  it('fits list and detail without horizontal scrolling', async () => {
    const company = uniqueCompany();
    const claim = await createClaim(company, {
      carrier: 'Transportes Internacionales del Mediterráneo S.A.',
      trackingNumber: 'TIM-2026-000000000123456789',
      origin: 'Castellón de la Plana',
      destination: 'Vitoria-Gasteiz',
    });
    const [base, token] = await Promise.all([apiBase(), tokenFor(company)]);
    document.body.style.margin = '0';
    const app = await fixture<ClaimsApp>(html`<claims-app api-base=${base} token=${token} lang="es"></claims-app>`);
    const list = await until(() => $(app, 'claims-list'));
    await until(() => $$(list, '[part~="row"]').length === 1, 10_000, 'the row');
    expect(overflowing(document).map((el) => el.localName + '.' + el.className)).to.deep.equal([]);

    app.claimId = claim.id;
    const detail = await until(() => $(app, 'claims-detail'));
    await until(() => $(detail, 'h2'), 10_000, 'the detail');
    expect(overflowing(document).map((el) => el.localName + '.' + el.className)).to.deep.equal([]);
    expect(document.documentElement.scrollWidth).to.be.at.most(320);
  });
});
