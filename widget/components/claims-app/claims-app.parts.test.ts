import { expect, fixture, html } from '@open-wc/testing';
import './claims-app.ts';
import type { ClaimsApp } from './claims-app.component.ts';
import { $, $$, apiBase, createClaim, tokenFor, uniqueCompany, until } from '../../test/helpers.ts';

/** Each part as a host page's stylesheet names it on <claims-app>, with the colour it gets. */
const STYLED = {
  row: 'rgb(1, 2, 3)',
  'notifications-bell': 'rgb(4, 5, 6)',
  timeline: 'rgb(7, 8, 9)',
  'step-current': 'rgb(10, 11, 12)',
  'accept-button': 'rgb(13, 14, 15)',
  'detail-base': 'rgb(16, 17, 18)',
};

const outline = (el: Element | null) => (el ? getComputedStyle(el).outlineColor : 'missing');

describe('<claims-app> parts', () => {
  let sheet: HTMLStyleElement;
  before(() => {
    sheet = document.createElement('style');
    sheet.textContent = Object.entries(STYLED)
      .map(([part, colour]) => `claims-app::part(${part}) { outline: 3px solid ${colour}; }`)
      .join('\n');
    document.head.append(sheet);
  });
  after(() => sheet.remove());

  it('styles, from the host page, the parts it forwards from the list, the bell, the detail and its timeline', async () => {
    const company = uniqueCompany();
    const claim = await createClaim(company);
    const [base, token] = await Promise.all([apiBase(), tokenFor(company)]);
    const el = await fixture<ClaimsApp>(html`<claims-app api-base=${base} token=${token} lang="en"></claims-app>`);

    const list = $(el, 'claims-list')!;
    const row = await until(() => $$(list, '[part~="row"]')[0], 10_000, 'a row');
    expect(outline(row), 'row (from <claims-list>)').to.equal(STYLED.row);
    const bell = await until(() => $(el, 'claims-notifications') && $($(el, 'claims-notifications')!, '[part~="bell"]'), 10_000, 'the bell');
    expect(outline(bell), 'notifications-bell').to.equal(STYLED['notifications-bell']);

    el.claimId = claim.id;
    const detail = await until(() => $(el, 'claims-detail'), 10_000, 'the detail');
    const accept = await until(() => $(detail, '[part~="accept-button"]'), 10_000, 'Accept');
    expect(outline(accept), 'accept-button (from <claims-detail>)').to.equal(STYLED['accept-button']);
    expect(outline($(detail, '[part~="base"]')), 'detail-base').to.equal(STYLED['detail-base']);
    const timeline = await until(() => $(detail, 'claims-timeline'), 10_000, 'the timeline');
    expect(outline(timeline), 'timeline (the detail’s <claims-timeline>)').to.equal(STYLED.timeline);
    const current = await until(() => $(timeline, '[part~="step-current"]'), 10_000, 'the current phase');
    expect(outline(current), 'step-current (from <claims-timeline>, through <claims-detail>)').to.equal(STYLED['step-current']);
  });
});
