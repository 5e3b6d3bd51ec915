import { expect, fixture, fixtureSync, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import './claims-list.ts';
import type { ClaimsList } from './claims-list.component.ts';
import { $, $$, acceptAs, answersTo, apiBase, createClaim, deepActive, tokenFor, transition, uniqueCompany, until } from '../../test/helpers.ts';

async function listFor(company: string, extra: Record<string, string> = {}) {
  const [base, token] = await Promise.all([apiBase(), tokenFor(company)]);
  const el = await fixture<ClaimsList>(html`<claims-list api-base=${base} token=${token} lang=${extra.lang ?? 'es'}></claims-list>`);
  return el;
}

const rows = (el: ClaimsList) => $$(el, '[part~="row"]');

describe('<claims-list>', () => {
  describe('rendering from the API', () => {
    it('lists the company claims with status counts', async () => {
      const company = uniqueCompany();
      const a = await createClaim(company, { type: 'loss', goods: 'parcel', scope: 'national' });
      const b = await createClaim(company);
      const el = await listFor(company);
      await until(() => rows(el).length === 2, 10_000, 'two rows');
      const text = el.shadowRoot!.textContent!;
      expect(text).to.contain(a.reference);
      expect(text).to.contain(b.reference);
      expect(text).to.contain('Pérdida');
      expect(text).to.contain('Requiere acción');
      const chips = $$(el, '[part~="filter-chip"]');
      expect(chips[0]!.textContent).to.match(/Todos\s+2/);
      expect(chips[1]!.textContent).to.match(/Notificado\s+2/);
    });

    it('asks for its first page only once the live stream has opened, so no change falls between them', async () => {
      const company = uniqueCompany();
      await createClaim(company);
      const [base, token] = await Promise.all([apiBase(), tokenFor(company)]);
      const timeline: string[] = [];
      const realFetch = window.fetch;
      // Observes the order of real requests; every call still goes to the real API.
      window.fetch = async (input, init) => {
        const url = String(input instanceof Request ? input.url : input);
        const what = url.includes('/events') ? 'stream' : url.includes('/claims') ? 'page' : 'other';
        timeline.push(`${what} requested`);
        const res = await realFetch(input, init);
        timeline.push(`${what} answered`);
        return res;
      };
      try {
        const el = await fixture<ClaimsList>(html`<claims-list api-base=${base} token=${token}></claims-list>`);
        await until(() => rows(el).length === 1, 10_000, 'the row');
      } finally {
        window.fetch = realFetch;
      }
      expect(timeline.indexOf('stream answered')).to.be.greaterThan(-1);
      expect(timeline.indexOf('page requested')).to.be.greaterThan(timeline.indexOf('stream answered'));
    });

    it('keeps a change committed while its page loads, over the older page', async () => {
      const company = uniqueCompany();
      const claim = await createClaim(company);
      const [base, token] = await Promise.all([apiBase(), tokenFor(company)]);
      const realFetch = window.fetch;
      let list: ClaimsList | undefined;
      // The page is read before the claim is accepted, and reaches the list only after the
      // acceptance came live: the list holds an older snapshot than what the stream brought.
      window.fetch = async (input, init) => {
        const res = await realFetch(input, init);
        if (!String(input instanceof Request ? input.url : input).includes('/claims?')) return res;
        window.fetch = realFetch;
        const arrived = oneEvent(list!, 'claims-live-event');
        await acceptAs(company, claim.id);
        await arrived;
        return res;
      };
      try {
        list = fixtureSync<ClaimsList>(html`<claims-list api-base=${base} token=${token} lang="en"></claims-list>`);
        await until(() => rows(list!).length === 1, 10_000, 'the row');
        await until(() => $(list!, '[part~="status-badge"]')!.textContent!.includes('Documentation'), 10_000, 'the accepted status');
      } finally {
        window.fetch = realFetch;
      }
    });

    it('revalidates a page it holds through the browser’s cache: a 304 while nothing changed, the new page once something did', async () => {
      const company = uniqueCompany();
      const first = await createClaim(company);
      const el = await listFor(company);
      await until(() => rows(el).length === 1, 10_000, 'the row');
      // The first page's answers (the counts' refresh after a live event asks for one claim).
      const pages = (answers: { url: string; status: number }[]) => answers.filter((a) => /\/claims\?.*limit=20/.test(a.url)).map((a) => a.status);
      const reloaded = async () => {
        el.reload();
        await el.updateComplete;
        await until(() => !$(el, '[aria-busy="true"]'), 10_000, 'the page again');
      };
      const unchanged = await answersTo(reloaded);
      expect(pages(unchanged)).to.deep.equal([304]);
      expect(rows(el).map((row) => row.dataset.id)).to.deep.equal([first.id]);
      expect($(el, '[part~="filter-chip"]')!.textContent).to.match(/Todos\s+1/);

      const second = await createClaim(company);
      await until(() => rows(el).length === 2 && /Todos\s+2/.test($(el, '[part~="filter-chip"]')!.textContent!), 10_000, 'the claim opened meanwhile, live');
      const changed = await answersTo(reloaded);
      expect(pages(changed)).to.deep.equal([200]);
      expect(rows(el).map((row) => row.dataset.id)).to.deep.equal([second.id, first.id]);
      expect($(el, '[part~="filter-chip"]')!.textContent).to.match(/Todos\s+2/);
    });

    it('names the company on each row when the list spans several companies, as staff see it', async () => {
      const [a, b] = [uniqueCompany(), uniqueCompany()];
      await Promise.all([createClaim(a), createClaim(b)]);
      const [base, token] = await Promise.all([apiBase(), tokenFor(a, { role: 'handler' })]);
      const staff = await fixture<ClaimsList>(html`<claims-list api-base=${base} token=${token}></claims-list>`);
      await until(() => rows(staff).length >= 2, 10_000, 'rows of several companies');
      expect($$(staff, '.company')).to.have.length(rows(staff).length);
      const customer = await listFor(a);
      await until(() => rows(customer).length === 1, 10_000, 'the customer’s one row');
      expect($$(customer, '.company')).to.have.length(0);
    });

    it('says what the server says of each claim: whether it waits for the reader, and where its deadline stands', async () => {
      const company = uniqueCompany();
      const running = await createClaim(company);
      const missed = await createClaim(company, { incidentAt: new Date(Date.now() - 60 * 86_400_000).toISOString() });
      const filed = await createClaim(company);
      await acceptAs(company, filed.id);
      await transition(filed.id, { to: 'review' });
      await transition(filed.id, { to: 'submitted' });
      const row = (el: ClaimsList, id: string) => rows(el).find((r) => r.dataset.id === id)!;

      const customer = await listFor(company, { lang: 'en' });
      await until(() => rows(customer).length === 3, 10_000, 'three rows');
      expect(row(customer, running.id).querySelector('.when')!.textContent).to.match(/\d+ days? left|Due today/);
      expect(row(customer, missed.id).querySelector('.when.overdue')!.textContent).to.match(/Overdue/);
      expect(row(customer, filed.id).querySelector('.when')!.textContent).to.match(/ago|now/);
      expect(row(customer, running.id).textContent).to.contain('Needs action');
      expect(row(customer, filed.id).textContent).not.to.contain('Needs action');

      // The handler is the one a submitted claim waits for.
      const [base, token] = await Promise.all([apiBase(), tokenFor(company, { role: 'handler' })]);
      const staff = await fixture<ClaimsList>(html`<claims-list api-base=${base} token=${token} q=${filed.reference} lang="en"></claims-list>`);
      await until(() => rows(staff).length === 1, 10_000, 'the submitted claim, as staff see it');
      expect(row(staff, filed.id).textContent).to.contain('Needs action');
    });

    it('filters by type and search, and shows a no-match state that clears', async () => {
      const company = uniqueCompany();
      await createClaim(company, { type: 'loss', carrier: 'SEUR' });
      await createClaim(company, { type: 'theft', carrier: 'MRW' });
      const el = await listFor(company, { lang: 'en' });
      await until(() => rows(el).length === 2);
      el.type = 'theft';
      await until(() => rows(el).length === 1 && el.shadowRoot!.textContent!.includes('Theft'));
      const input = $<HTMLInputElement>(el, 'input[type=search]')!;
      input.value = 'no-such-thing';
      input.dispatchEvent(new InputEvent('input'));
      await until(() => el.shadowRoot!.textContent!.includes('No claims match'));
      $<HTMLButtonElement>(el, '[part~="state"] button')!.click();
      await until(() => rows(el).length === 2, 10_000, 'filters cleared');
    });

    it('pages with "Load more" and moves focus to the first new row', async () => {
      const company = uniqueCompany();
      for (let i = 0; i < 5; i++) await createClaim(company);
      const [base, token] = await Promise.all([apiBase(), tokenFor(company)]);
      const el = await fixture<ClaimsList>(html`<claims-list api-base=${base} token=${token} page-size="3" lang="en"></claims-list>`);
      await until(() => rows(el).length === 3);
      expect(el.shadowRoot!.textContent).to.contain('Showing 3 of 5');
      $<HTMLButtonElement>(el, '[part~="load-more"]')!.click();
      await until(() => rows(el).length === 5);
      expect($(el, '[part~="load-more"]')).to.equal(null);
      await until(() => deepActive() === rows(el)[3]);
    });

    it('draws a page longer than the screen a screenful first, then the rest of it', async () => {
      const company = uniqueCompany();
      // More claims than rows fit the window (each row is taller than 56 px).
      const pageSize = Math.ceil(innerHeight / 56) + 2;
      for (let i = 0; i < pageSize; i++) await createClaim(company);
      const [base, token] = await Promise.all([apiBase(), tokenFor(company)]);
      const el = fixtureSync<ClaimsList>(html`<claims-list api-base=${base} token=${token} page-size=${pageSize} lang="en"></claims-list>`);
      const drawn: number[] = [];
      const observer = new MutationObserver(() => drawn.push(rows(el).length));
      await until(() => el.shadowRoot, 5000, 'the shadow root');
      observer.observe(el.shadowRoot!, { childList: true, subtree: true });
      await until(() => rows(el).length === pageSize, 10_000, 'the whole page');
      observer.disconnect();
      const first = drawn.find((n) => n > 0)!;
      expect(first, 'the first draw with claims').to.be.below(pageSize);
      expect(el.shadowRoot!.textContent).to.contain(`Showing ${pageSize} of ${pageSize}`);
    });

    it('shows a friendly state to a member without claims access', async () => {
      const company = uniqueCompany();
      const [base, token] = await Promise.all([apiBase(), tokenFor(company, { role: 'member', sub: 'lucia' })]);
      const el = await fixture<ClaimsList>(html`<claims-list api-base=${base} token=${token} lang="es"></claims-list>`);
      await until(() => $(el, '[part~="state"] h2'));
      expect($(el, '[part~="state"]')!.textContent).to.contain('Pide a un administrador');
      await expect(el).to.be.accessible();
    });

    it('keeps its toolbar in place while it connects: the live indicator is as wide in every state', async () => {
      const company = uniqueCompany();
      const [base, token] = await Promise.all([apiBase(), tokenFor(company)]);
      // As narrow as the customer side of the demo: a label that changed width would wrap the controls.
      const el = fixtureSync<ClaimsList>(html`<claims-list style="display: block; width: 472px" api-base=${base} token=${token} lang="es"></claims-list>`);
      await el.updateComplete;
      const indicator = $(el, '[part~="live-indicator"]')!;
      const toolbar = $(el, '[part~="toolbar"]')!;
      expect(indicator.classList.contains('on'), 'not live yet').to.equal(false);
      const [width, height] = [indicator.getBoundingClientRect().width, toolbar.getBoundingClientRect().height];
      await until(() => indicator.classList.contains('on'), 10_000, 'live connection');
      expect(indicator.getBoundingClientRect().width).to.equal(width);
      expect(toolbar.getBoundingClientRect().height).to.equal(height);
    });

    it('shows an error with a retry button when the API cannot be reached', async () => {
      const el = await fixture<ClaimsList>(html`<claims-list api-base="http://127.0.0.1:9/api/v1" token="x" lang="en"></claims-list>`);
      await until(() => el.shadowRoot!.textContent!.includes('Could not load the data'));
      expect($(el, '[role=alert] button')!.textContent).to.contain('Retry');
    });
  });

  describe('languages', () => {
    it('speaks English and Spanish, falling back to <html lang>', async () => {
      const company = uniqueCompany();
      await createClaim(company);
      const en = await listFor(company, { lang: 'en' });
      await until(() => rows(en).length === 1);
      expect($$(en, '[part~="filter-chip"]')[0]!.textContent).to.contain('All');
      expect(en.shadowRoot!.textContent).to.contain('Needs action');
      expect(en.shadowRoot!.textContent).to.contain('Breakage');

      const [base, token] = await Promise.all([apiBase(), tokenFor(company)]);
      document.documentElement.lang = 'en';
      const inherit = await fixture<ClaimsList>(html`<claims-list api-base=${base} token=${token}></claims-list>`);
      await until(() => rows(inherit).length === 1);
      expect(inherit.shadowRoot!.textContent).to.contain('Needs action');
      document.documentElement.lang = 'es';
      await until(() => inherit.shadowRoot!.textContent!.includes('Requiere acción'), 2000, 'switch on <html lang>');
      document.documentElement.removeAttribute('lang');
      await inherit.updateComplete;
      expect(inherit.shadowRoot!.textContent).to.contain('Rotura');
      expect(inherit.shadowRoot!.textContent).to.match(/1840,00\s€/);
    });
  });

  describe('keyboard', () => {
    it('moves between rows with the arrow keys (roving tabindex) and opens with Enter', async () => {
      const company = uniqueCompany();
      for (let i = 0; i < 3; i++) await createClaim(company);
      const el = await listFor(company);
      await until(() => rows(el).length === 3);
      const [first, second, third] = rows(el);
      expect([first, second, third].map((r) => r!.tabIndex)).to.deep.equal([0, -1, -1]);
      first!.focus();
      await sendKeys({ press: 'ArrowDown' });
      expect(deepActive()).to.equal(second);
      await el.updateComplete;
      expect([first, second, third].map((r) => r!.tabIndex)).to.deep.equal([-1, 0, -1]);
      await sendKeys({ press: 'End' });
      expect(deepActive()).to.equal(third);
      await sendKeys({ press: 'ArrowUp' });
      expect(deepActive()).to.equal(second);
      const selected = oneEvent(el, 'claims-select');
      await sendKeys({ press: 'Enter' });
      const event = await selected;
      expect(event.detail.id).to.equal(second!.dataset.id);
      expect(event.bubbles && event.composed).to.equal(true);
    });
  });

  describe('status filters', () => {
    it('are one radio group: the arrow keys, Home and End move to a chip and pick its filter', async () => {
      const company = uniqueCompany();
      const accepted = await createClaim(company);
      await acceptAs(company, accepted.id);
      await createClaim(company);
      const el = await listFor(company);
      await until(() => rows(el).length === 2, 10_000, 'both claims');
      expect($(el, '[role="radiogroup"]')!.getAttribute('aria-label')).to.equal('Filtrar por estado');
      const chips = $$(el, '[part~="filter-chip"]');
      expect(chips.map((c) => c.getAttribute('role'))).to.deep.equal(Array(8).fill('radio'));
      const checked = () => chips.map((c) => c.getAttribute('aria-checked') === 'true');
      const stops = () => chips.filter((c) => c.tabIndex === 0);
      expect(checked().indexOf(true)).to.equal(0);
      expect(stops()).to.deep.equal([chips[0]]);

      chips[0]!.focus();
      await sendKeys({ press: 'ArrowRight' });
      expect(deepActive()).to.equal(chips[1]);
      expect(el.status).to.equal('notified');
      await until(() => rows(el).length === 1 && rows(el)[0]!.dataset.id !== accepted.id, 10_000, 'only the notified claim');
      expect(checked().indexOf(true)).to.equal(1);
      expect(stops()).to.deep.equal([chips[1]]);

      await sendKeys({ press: 'ArrowDown' });
      await sendKeys({ press: 'ArrowDown' });
      expect(el.status).to.equal('documentation');
      await until(() => rows(el).length === 1 && rows(el)[0]!.dataset.id === accepted.id, 10_000, 'only the accepted claim');

      await sendKeys({ press: 'End' });
      expect([deepActive(), el.status]).to.deep.equal([chips[7], 'closed']);
      await sendKeys({ press: 'ArrowRight' });
      expect([deepActive(), el.status], 'from the last chip to the first').to.deep.equal([chips[0], '']);
      await sendKeys({ press: 'ArrowLeft' });
      expect([deepActive(), el.status], 'from the first chip to the last').to.deep.equal([chips[7], 'closed']);
      await sendKeys({ press: 'Home' });
      expect([deepActive(), el.status]).to.deep.equal([chips[0], '']);
      await until(() => rows(el).length === 2, 10_000, 'both claims again');
    });

    it('are one Tab stop: from the page to the first claim is the chosen chip, the search, the type and the claim', async () => {
      const company = uniqueCompany();
      await createClaim(company);
      const [base, token] = await Promise.all([apiBase(), tokenFor(company)]);
      // fixtureSync: fixture() of a plain element waits for an animation frame, which a tab behind the others never gets.
      const page = fixtureSync<HTMLDivElement>(html`<div><button>before</button><claims-list api-base=${base} token=${token} status="notified"></claims-list></div>`);
      const el = page.querySelector('claims-list')!;
      await until(() => rows(el).length === 1, 10_000, 'the claim');
      const chosen = $$(el, '[part~="filter-chip"]')[1]!;
      page.querySelector('button')!.focus();
      const stops: Element[] = [];
      for (let i = 0; i < 4; i++) {
        await sendKeys({ press: 'Tab' });
        stops.push(deepActive()!);
      }
      expect(stops).to.deep.equal([chosen, $(el, '[part~="search"]'), $(el, '[part~="type-select"]'), rows(el)[0]]);
      await sendKeys({ down: 'Shift' });
      for (let i = 0; i < 3; i++) await sendKeys({ press: 'Tab' });
      await sendKeys({ up: 'Shift' });
      expect(deepActive(), 'back to the chosen chip, not the last').to.equal(chosen);
    });
  });

  describe('live updates', () => {
    it('adds a claim created server-side without reloading, marked as new', async () => {
      const company = uniqueCompany();
      await createClaim(company);
      const el = await listFor(company);
      await until(() => rows(el).length === 1);
      await until(() => $(el, '[part~="live-indicator"]')!.classList.contains('on'), 10_000, 'live connection');
      const live = oneEvent(el, 'claims-live-event');
      const fresh = await createClaim(company, { type: 'robbery' });
      expect((await live).detail.event.claimId).to.equal(fresh.id);
      await until(() => rows(el).length === 2, 10_000, 'the new claim');
      expect(rows(el)[0]!.textContent).to.contain(fresh.reference);
      expect(rows(el)[0]!.textContent).to.contain('Nuevo');
      await until(() => /Todos\s+2/.test($$(el, '[part~="filter-chip"]')[0]!.textContent!), 5000, 'counts');
    });
  });

  describe('unread messages', () => {
    it('shows on a claim’s row how many of its messages the user has not read, live', async () => {
      const company = uniqueCompany();
      const claim = await createClaim(company);
      const el = await listFor(company);
      await until(() => rows(el).length === 1, 10_000, 'the row');
      expect(!!$(el, '[part~="unread-badge"]'), 'nothing unread yet').to.equal(false);
      const handler = await tokenFor(company, { role: 'handler' });
      const res = await fetch(`${await apiBase()}/claims/${claim.id}/messages`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${handler}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ body: '¿Tiene fotos del embalaje?', clientId: crypto.randomUUID() }),
      });
      expect(res.status).to.equal(201);
      const badge = await until(() => $(el, '[part~="unread-badge"]'), 10_000, 'the unread badge');
      expect(badge.textContent).to.contain('1');
      expect(badge.textContent).to.contain('1 mensaje sin leer');
    });
  });

  describe('token refresh', () => {
    it('calls tokenProvider again after a 401 and retries', async () => {
      const company = uniqueCompany();
      const claim = await createClaim(company);
      const base = await apiBase();
      const bad = await tokenFor(company, { invalid: true });
      const good = await tokenFor(company);
      let calls = 0;
      const provider = async () => (++calls === 1 ? bad : good);
      const el = await fixture<ClaimsList>(html`<claims-list api-base=${base} .tokenProvider=${provider} lang="es"></claims-list>`);
      await until(() => rows(el).length === 1, 10_000, 'rows after refresh');
      expect(rows(el)[0]!.textContent).to.contain(claim.reference);
      expect(calls).to.be.at.least(2);
    });
  });

  describe('accessibility', () => {
    it('passes axe with rows, chips and search', async () => {
      const company = uniqueCompany();
      await createClaim(company);
      const el = await listFor(company);
      await until(() => rows(el).length === 1);
      await expect(el).to.be.accessible();
    });
  });
});
