import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import './claims-console.ts';
import '../claims-detail/claims-detail.ts';
import { parseAmount, type ClaimsConsole } from './claims-console.component.ts';
import type { ClaimsList } from '../claims-list/claims-list.component.ts';
import type { ClaimsDetail } from '../claims-detail/claims-detail.component.ts';
import { $, $$, acceptAs, apiBase, createClaim, deepActive, serverUrl, tokenFor, transition, uniqueCompany, until } from '../../test/helpers.ts';

const DAY = 86_400_000;
const ago = (days: number) => new Date(Date.now() - days * DAY).toISOString();

/** A handler of the operator, named; seen by the API (so GET /handlers lists them) once they called it. */
async function handler(name: string): Promise<{ token: string; id: string }> {
  const sub = `handler-${Math.random().toString(36).slice(2, 8)}`;
  const res = await fetch(`${await serverUrl()}/test/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ company: 'operator', role: 'handler', sub, name }),
  });
  const { token } = (await res.json()) as { token: string };
  const me = (await (await fetch(`${await apiBase()}/me`, { headers: { Authorization: `Bearer ${token}` } })).json()) as { id: string };
  return { token, id: me.id };
}

async function assignAs(token: string, claimId: string, handlerId: string): Promise<void> {
  const res = await fetch(`${await apiBase()}/claims/${claimId}/assignee`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ handlerId }),
  });
  if (!res.ok) throw new Error(`assign: ${res.status}`);
}

async function call(token: string, path: string, init: RequestInit = {}) {
  const res = await fetch(`${await apiBase()}${path}`, { ...init, headers: { Authorization: `Bearer ${token}`, ...init.headers } });
  if (!res.ok) throw new Error(`${path}: ${res.status}`);
  return res.json();
}

/** The customer uploads every document of the claim's checklist (which moves it to review); the handler accepts them when `accept`. */
async function uploadAll(company: string, claimId: string, accept = false): Promise<void> {
  const [customer, handlerToken] = await Promise.all([tokenFor(company), tokenFor(company, { role: 'handler' })]);
  const items: Array<{ id: string }> = (await call(customer, `/claims/${claimId}/documents`)).items;
  for (const item of items) {
    const form = new FormData();
    form.append('file', new File(['%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n'], 'doc.pdf', { type: 'application/pdf' }));
    await call(customer, `/claims/${claimId}/documents/${item.id}/files`, { method: 'POST', body: form });
  }
  if (!accept) return;
  for (const item of items) {
    await call(handlerToken, `/claims/${claimId}/documents/${item.id}/review`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ decision: 'accepted' }),
    });
  }
}

const LOSS = { type: 'loss', goods: 'parcel', scope: 'national' };

/** Every test gets a handler of its own; the queue is narrowed to the test's claims by a search tag (other files create claims in parallel). */
async function consoleFor(tag: string, attrs: { claimId?: string; lang?: string } = {}) {
  const sub = `handler-${Math.random().toString(36).slice(2, 8)}`;
  const [base, token] = await Promise.all([apiBase(), tokenFor('operator', { role: 'handler', sub })]);
  const el = await fixture<ClaimsConsole>(
    html`<claims-console api-base=${base} token=${token} lang=${attrs.lang ?? 'en'} claim-id=${attrs.claimId ?? ''}></claims-console>`,
  );
  const list = await until(() => $<ClaimsList>(el, 'claims-list'), 10_000, 'the queue');
  list.q = tag;
  return { el, list, token, base };
}

const rows = (list: ClaimsList) => $$(list, '[part~="row"]');
const refs = (list: ClaimsList) => rows(list).map((r) => r.querySelector('.ref')!.textContent);
const choose = (select: HTMLSelectElement, value: string) => {
  select.value = value;
  select.dispatchEvent(new Event('change'));
};
const tagged = () => `TAG${Math.random().toString(36).slice(2, 9)}`;

describe('<claims-console>', () => {
  it('shows the claims of several companies by deadline, and filters by company, status and assignment', async () => {
    const tag = tagged();
    const [a, b] = [uniqueCompany(), uniqueCompany()];
    const soon = await createClaim(a, { carrier: `Azkar ${tag}`, incidentAt: ago(5) });
    const later = await createClaim(a, { carrier: `Azkar ${tag}`, incidentAt: ago(1) });
    const middle = await createClaim(b, { carrier: `Azkar ${tag}`, incidentAt: ago(3) });
    const { el, list } = await consoleFor(tag);
    await until(() => rows(list).length === 3, 10_000, 'three rows');
    expect(refs(list)).to.deep.equal([soon.reference, middle.reference, later.reference]);
    // Each row: company, type, status, deadline, handler and the needs-action marker.
    const first = rows(list)[0]!;
    expect(first.querySelector('.company')!.textContent).to.contain('Ferretería');
    expect(first.textContent).to.contain('Breakage');
    expect(first.querySelector('[part~="status-badge"]')!.textContent).to.contain('Notified');
    expect(first.querySelector('.when')!.textContent).to.match(/days? left|Due today|Overdue/);
    expect(first.querySelector('[part~="handler"]')!.textContent).to.contain('Unassigned');

    // By company.
    const companies = $<HTMLSelectElement>(list, '[part~="company-select"]')!;
    await until(() => [...companies.options].some((o) => o.value === b), 10_000, 'company B in the select');
    choose(companies, b);
    await until(() => rows(list).length === 1 && refs(list)[0] === middle.reference, 10_000, 'company B only');
    choose(companies, '');
    await until(() => rows(list).length === 3, 10_000, 'all companies again');

    // By status, with counts.
    await acceptAs(a, later.id);
    await until(() => /Documentation\s+1/.test($$(list, '[part~="filter-chip"]').map((c) => c.textContent).join(' ')), 10_000, 'the count');
    $$(list, '[part~="filter-chip"]').find((c) => c.textContent!.includes('Documentation'))!.click();
    await until(() => rows(list).length === 1 && refs(list)[0] === later.reference, 10_000, 'documentation only');
    $$(list, '[part~="filter-chip"]')[0]!.click();
    await until(() => rows(list).length === 3);

    // Take one, then filter by assignment.
    rows(list).find((r) => r.dataset.id === middle.id)!.click();
    const take = await until(() => $<HTMLButtonElement>(el, '[part~="take-button"]'), 10_000, 'Take');
    take.click();
    await until(() => $(el, '[part~="assignee"]')?.textContent?.includes('Assigned to you'), 10_000, 'assigned to me');
    await until(() => rows(list).find((r) => r.dataset.id === middle.id)?.querySelector('[part~="handler"]')?.textContent?.includes('Carmen Ruiz'), 10_000, 'the handler on the row');
    const assignment = $<HTMLSelectElement>(list, '[part~="handler-select"]')!;
    choose(assignment, 'me');
    await until(() => rows(list).length === 1 && refs(list)[0] === middle.reference, 10_000, 'mine');
    choose(assignment, 'none');
    await until(() => rows(list).length === 2 && !refs(list).includes(middle.reference), 10_000, 'unassigned');

    // Newest first.
    choose(assignment, '');
    choose($<HTMLSelectElement>(list, '[part~="sort-select"]')!, 'newest');
    await until(() => refs(list).join() === [middle, later, soon].map((c) => c.reference).join(), 10_000, 'newest first');
  });

  it('says in French that one claim is unassigned in the singular, and offers the unassigned ones in the plural', async () => {
    const tag = tagged();
    await createClaim(uniqueCompany(), { carrier: `Azkar ${tag}` });
    const { list } = await consoleFor(tag, { lang: 'fr' });
    await until(() => rows(list).length === 1, 10_000, 'the row');
    expect(rows(list)[0]!.querySelector('[part~="handler"]')!.textContent!.trim()).to.equal('Non attribué');
    const none = $<HTMLSelectElement>(list, '[part~="handler-select"]')!.querySelector<HTMLOptionElement>('option[value="none"]')!;
    expect(none.textContent!.trim()).to.equal('Non attribués');
  });

  it('takes a claim, and the customer’s detail on the same page shows the handler live', async () => {
    const tag = tagged();
    const company = uniqueCompany();
    const claim = await createClaim(company, { carrier: `Azkar ${tag}` });
    const [base, customerToken] = await Promise.all([apiBase(), tokenFor(company)]);
    const customer = await fixture<ClaimsDetail>(html`<claims-detail api-base=${base} token=${customerToken} claim-id=${claim.id} lang="en"></claims-detail>`);
    await until(() => $(customer, 'h2'), 10_000, 'the customer’s detail');

    const { el, list } = await consoleFor(tag, { claimId: claim.id });
    await until(() => rows(list).length === 1);
    expect(rows(list)[0]!.getAttribute('aria-current')).to.equal('true');
    const take = await until(() => $<HTMLButtonElement>(el, '[part~="take-button"]'), 10_000, 'Take');
    const assigned = oneEvent(el, 'claims-assigned');
    take.click();
    const { detail } = await assigned;
    expect(detail).to.deep.include({ id: claim.id });
    expect(detail.handler.name).to.equal('Carmen Ruiz');
    await until(() => $(el, '[part~="assignee"]')!.textContent!.includes('Assigned to you'), 5000, 'the bar');
    expect($(el, '[part~="take-button"]')).to.equal(null);
    await until(() => customer.shadowRoot!.textContent!.includes('Carmen Ruiz'), 10_000, 'the handler’s name on the customer’s detail');
    // "Need help?" leads to the operator's contact: the customer's, not the operator's own handler's.
    await until(() => $(customer, '[part~="help-link"]'), 10_000, 'the customer’s help link');
    const staffDetail = $<ClaimsDetail>(el, 'claims-detail')!;
    await until(() => $(staffDetail, '[part~="documents"]') || $(staffDetail, '#tab-documents'), 10_000, 'the handler’s detail, with its documents known');
    expect($(staffDetail, '[part~="help-link"]')).to.equal(null);
  });

  it('resolves a claim with outcome and amount, saying the limit (the amount claimed) when the amount is above it', async () => {
    const tag = tagged();
    const company = uniqueCompany();
    const claim = await createClaim(company, { carrier: `Azkar ${tag}`, claimedAmount: { amountCents: 82_000, currency: 'EUR' } });
    await acceptAs(company, claim.id);
    await transition(claim.id, { to: 'review' });
    await transition(claim.id, { to: 'submitted' });
    const { el } = await consoleFor(tag, { claimId: claim.id });
    const resolve = await until(() => $<HTMLButtonElement>(el, '[part~="move-button"][data-to="resolved"]'), 10_000, 'Resolve');
    expect($$(el, '[part~="move-button"]').map((b) => b.dataset.to)).to.deep.equal(['resolved']);
    resolve.click();
    const form = await until(() => $<HTMLFormElement>(el, '[part~="move-form"]'));
    expect(form.textContent).to.contain('Claimed amount');

    // Nothing chosen: the form says what is missing, without asking the server.
    $<HTMLButtonElement>(el, '[part~="move-form"] [type=submit]')!.click();
    await until(() => $(el, '#outcome-error')!.textContent!.includes('Choose the outcome'));
    await expect(el).to.be.accessible();

    $<HTMLInputElement>(el, 'input[value="paid"]')!.click();
    await el.updateComplete;
    const amount = $<HTMLInputElement>(el, '#amount')!;
    amount.value = '1.250,00';
    $<HTMLButtonElement>(el, '[part~="move-form"] [type=submit]')!.click();
    await until(() => $(el, '#amount-error')!.textContent!.includes('At most €820.00, the amount claimed.'), 10_000, 'the limit');
    expect(amount.getAttribute('aria-invalid')).to.equal('true');
    expect(deepActive()).to.equal(amount);

    amount.value = '820';
    const moved = oneEvent(el, 'claims-transitioned');
    $<HTMLButtonElement>(el, '[part~="move-form"] [type=submit]')!.click();
    const { detail } = await moved;
    expect(detail).to.deep.include({ id: claim.id, from: 'submitted', to: 'resolved' });
    expect(detail.claim.outcome).to.deep.equal({ result: 'paid', amount: { amountCents: 82_000, currency: 'EUR' } });
    await until(() => $(el, '[part~="move-form"]') === null);
    await until(() => $$(el, '[part~="move-button"]').map((b) => b.dataset.to).join() === 'closed', 5000, 'Close is the next move');
    const detailEl = $(el, 'claims-detail')!;
    await until(() => detailEl.shadowRoot!.textContent!.includes('Paid'), 10_000, 'the outcome in the detail');
  });

  it('tells the handler their own next step, and asks before filing with required documents not accepted: Cancel keeps the claim, File anyway files it', async () => {
    const tag = tagged();
    const company = uniqueCompany();
    const claim = await createClaim(company, { carrier: `Azkar ${tag}`, ...LOSS });
    await acceptAs(company, claim.id);
    await uploadAll(company, claim.id);
    const { el, token } = await consoleFor(tag, { claimId: claim.id });
    const detail = await until(() => $<ClaimsDetail>(el, 'claims-detail'), 10_000, 'the detail');
    const guidance = () => $(detail, '[part~="guidance"] p')?.textContent ?? '';
    await until(() => guidance().startsWith('Nobody handles this claim yet: take it. 3 documents await review:'), 10_000, 'the handler’s step');
    (await until(() => $<HTMLButtonElement>(el, '[part~="take-button"]'), 10_000, 'Take')).click();
    await until(() => guidance().startsWith('3 documents await your review: “Commercial invoice (proof of value)”'), 10_000, 'the review, once taken');

    const fileButton = await until(() => $<HTMLButtonElement>(el, '[part~="move-button"][data-to="submitted"]'), 10_000, 'Mark as submitted');
    fileButton.click();
    const submit = await until(() => $<HTMLButtonElement>(el, '[part~="move-form"] [type=submit]'), 5000, 'the move form');
    let moved = 0;
    el.addEventListener('claims-transitioned', () => moved++);
    submit.click();
    const dialog = await until(() => {
      const d = $<HTMLDialogElement>(el, '[part~="filing-dialog"]');
      return d?.open ? d : null;
    }, 5000, 'the question before filing');
    expect(dialog.textContent).to.contain('These 3 required documents are not accepted');
    expect([...dialog.querySelectorAll('li')].map((li) => li.textContent)).to.deep.equal([
      'Commercial invoice (proof of value): To review',
      'Statement of non-delivery (loss declaration): To review',
      'Bank account certificate: To review',
    ]);
    await expect(el).to.be.accessible();
    const [cancel, fileAnyway] = [...dialog.querySelectorAll<HTMLButtonElement>('button')];
    expect(deepActive(), 'the safe choice first').to.equal(cancel);
    cancel!.click();
    await until(() => !$(el, '[part~="filing-dialog"]'), 5000, 'the question gone');
    await until(() => deepActive() === $(el, '[part~="move-form"] [type=submit]'), 5000, 'focus back on the form');
    expect((await call(token, `/claims/${claim.id}`)).status, 'cancelled: nothing sent').to.equal('review');
    expect(moved).to.equal(0);

    $<HTMLButtonElement>(el, '[part~="move-form"] [type=submit]')!.click();
    const again = await until(() => $<HTMLDialogElement>(el, '[part~="filing-dialog"][open]'), 5000, 'asked again');
    expect(fileAnyway!.isConnected, 'a fresh question').to.equal(false);
    const filed = oneEvent(el, 'claims-transitioned');
    [...again.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent!.includes('File anyway'))!.click();
    expect((await filed).detail).to.deep.include({ id: claim.id, from: 'review', to: 'submitted' });
    expect((await call(token, `/claims/${claim.id}`)).status).to.equal('submitted');
    await until(() => guidance().startsWith('Filed with the carrier or insurer.'), 10_000, 'the next step');
  });

  it('files a claim whose required documents are all accepted without asking', async () => {
    const tag = tagged();
    const company = uniqueCompany();
    const claim = await createClaim(company, { carrier: `Azkar ${tag}`, ...LOSS });
    await acceptAs(company, claim.id);
    await uploadAll(company, claim.id, true);
    const { el } = await consoleFor(tag, { claimId: claim.id });
    const detail = await until(() => $<ClaimsDetail>(el, 'claims-detail'), 10_000, 'the detail');
    await until(() => $(detail, '[part~="guidance"] p')?.textContent === 'Nobody handles this claim yet: take it.', 10_000, 'nothing left to review');
    (await until(() => $<HTMLButtonElement>(el, '[part~="move-button"][data-to="submitted"]'), 10_000, 'Mark as submitted')).click();
    const filed = oneEvent(el, 'claims-transitioned');
    (await until(() => $<HTMLButtonElement>(el, '[part~="move-form"] [type=submit]'), 5000, 'the move form')).click();
    expect((await filed).detail).to.deep.include({ id: claim.id, from: 'review', to: 'submitted' });
    expect($(el, '[part~="filing-dialog"]'), 'never asked').to.equal(null);
  });

  it('reassigns a claim to another handler chosen from the list of handlers', async () => {
    const tag = tagged();
    const company = uniqueCompany();
    const claim = await createClaim(company, { carrier: `Azkar ${tag}` });
    const colleague = await handler(`Javier ${tag}`);
    const { el, list } = await consoleFor(tag, { claimId: claim.id });
    const select = await until(() => {
      const s = $<HTMLSelectElement>(el, '[part~="reassign-select"]');
      return s && [...s.options].some((o) => o.value === colleague.id) ? s : null;
    }, 10_000, 'the colleague among the handlers');
    expect($<HTMLButtonElement>(el, '[part~="reassign-button"]')!.disabled).to.equal(true);
    choose(select, colleague.id);
    await el.updateComplete;
    const assigned = oneEvent(el, 'claims-assigned');
    $<HTMLButtonElement>(el, '[part~="reassign-button"]')!.click();
    expect((await assigned).detail).to.deep.equal({ id: claim.id, handler: { id: colleague.id, name: `Javier ${tag}` } });
    await until(() => $(el, '[part~="assignee"]')!.textContent!.includes(`Assigned to Javier ${tag}`), 5000, 'the bar');
    // Not mine: Take is offered again.
    expect($(el, '[part~="take-button"]')).not.to.equal(null);
    await until(() => rows(list)[0]?.querySelector('[part~="handler"]')?.textContent?.includes(`Javier ${tag}`), 10_000, 'the row');
  });

  it('follows reassignments made elsewhere with one request of the claim per event at most, for queue, bar and detail together', async () => {
    const tag = tagged();
    const company = uniqueCompany();
    const claim = await createClaim(company, { carrier: `Azkar ${tag}` });
    const [ana, javier] = [await handler(`Ana ${tag}`), await handler(`Javier ${tag}`)];
    const { el, list } = await consoleFor(tag, { claimId: claim.id });
    const detail = await until(() => $<ClaimsDetail>(el, 'claims-detail'), 10_000, 'the detail');
    await until(() => $(detail, 'h2') && rows(list).length === 1 && $(el, '[part~="assignee"]'), 10_000, 'the claim in queue, bar and detail');

    let gets = 0;
    const fetch = window.fetch;
    window.fetch = (input, init) => {
      const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
      if ((init?.method ?? 'GET') === 'GET' && url.pathname.endsWith(`/claims/${claim.id}`)) gets++;
      return fetch(input, init);
    };
    try {
      // Four assignments by colleagues: before the elements shared their requests, each made one per event.
      for (const to of [ana, javier, ana, javier]) await assignAs(to.token, claim.id, to.id);
      const name = `Javier ${tag}`;
      await until(
        () =>
          $(el, '[part~="assignee"]')!.textContent!.includes(`Assigned to ${name}`) &&
          rows(list)[0]?.querySelector('[part~="handler"]')?.textContent?.includes(name) &&
          detail.shadowRoot!.textContent!.includes(name),
        10_000,
        'the last handler in bar, queue and detail',
      );
      expect(gets).to.be.within(1, 4);
    } finally {
      window.fetch = fetch;
    }
  });

  it('brings claims into the queue live: a new one, and one a colleague hands over to me', async () => {
    const tag = tagged();
    const company = uniqueCompany();
    const handedOver = await createClaim(company, { carrier: `Azkar ${tag}` });
    const { el, list, token } = await consoleFor(tag);
    const me = (await (await fetch(`${await apiBase()}/me`, { headers: { Authorization: `Bearer ${token}` } })).json()) as { id: string };
    choose($<HTMLSelectElement>(list, '[part~="handler-select"]')!, 'me');
    await until(() => list.shadowRoot!.textContent!.includes('No claims match'), 10_000, 'nothing of mine yet');
    const colleague = await handler('Javier Ortega');
    await assignAs(colleague.token, handedOver.id, me.id);
    await until(() => rows(list).length === 1 && rows(list)[0]!.dataset.id === handedOver.id, 10_000, 'the handed-over claim');
    expect(rows(list)[0]!.querySelector('[part~="handler"]')!.textContent).to.contain('Carmen Ruiz');

    choose($<HTMLSelectElement>(list, '[part~="handler-select"]')!, '');
    await list.updateComplete;
    // Anyone's: the page loaded (not the previous one, kept on screen while it loads).
    await until(() => $(list, '[part~="list"]')?.getAttribute('aria-busy') === 'false' && rows(list).length === 1, 10_000, 'anyone’s claims');
    const fresh = await createClaim(company, { carrier: `Azkar ${tag}`, type: 'loss' });
    await until(() => rows(list).some((r) => r.dataset.id === fresh.id && r.textContent!.includes('New')), 10_000, 'the new claim, marked');
    expect(el.claimId).to.equal('');
  });

  it('counts a customer’s unread messages in the queue, live, and offers the same conversation', async () => {
    const tag = tagged();
    const company = uniqueCompany();
    const claim = await createClaim(company, { carrier: `Azkar ${tag}` });
    const { el, list } = await consoleFor(tag);
    await until(() => rows(list).length === 1, 10_000, 'the claim in the queue');
    const customer = await tokenFor(company);
    const res = await fetch(`${await apiBase()}/claims/${claim.id}/messages`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${customer}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ body: 'Adjunto el albarán mañana', clientId: crypto.randomUUID() }),
    });
    expect(res.status).to.equal(201);
    const badge = await until(() => rows(list)[0]!.querySelector('[part~="unread-badge"]'), 10_000, 'the unread count in the queue');
    expect(badge.textContent).to.contain('1 unread message');
    rows(list)[0]!.click();
    const detail = await until(() => $<HTMLElement>(el, 'claims-detail'), 10_000, 'the claim');
    const chatTab = await until(() => $<HTMLElement>(detail, '#tab-chat'), 10_000, 'the Chat tab');
    chatTab.click();
    const chat = await until(() => $<HTMLElement>(detail, 'claims-chat'), 10_000, 'the conversation');
    await until(() => $$(chat, '.message .body').some((b) => b.textContent === 'Adjunto el albarán mañana'), 10_000, 'the message');
  });

  it('moves through the queue with the arrow keys, opens with Enter and returns with Escape', async () => {
    const tag = tagged();
    const company = uniqueCompany();
    for (let i = 0; i < 3; i++) await createClaim(company, { carrier: `Azkar ${tag}`, incidentAt: ago(i + 1) });
    const { el, list } = await consoleFor(tag);
    await until(() => rows(list).length === 3);
    expect($(el, '[part~="detail-pane"] [part~="state"]')!.textContent).to.contain('Select a claim');
    const [first, second] = rows(list);
    first!.focus();
    await sendKeys({ press: 'ArrowDown' });
    expect(deepActive()).to.equal(second);
    const selected = oneEvent(el, 'claims-select');
    await sendKeys({ press: 'Enter' });
    expect((await selected).detail.id).to.equal(second!.dataset.id);
    const detail = await until(() => $<ClaimsDetail>(el, 'claims-detail'));
    await until(() => deepActive() === $(detail, 'h2'), 10_000, 'focus on the claim heading');
    expect(el.claimId).to.equal(second!.dataset.id);
    await until(() => second!.getAttribute('aria-current') === 'true');
    await sendKeys({ press: 'Escape' });
    await until(() => deepActive() === second, 5000, 'focus back on the row');
    await expect(el).to.be.accessible();
  });

  it('shows the claim’s heading first, then the handling bar, in reading and Tab order', async () => {
    const tag = tagged();
    const company = uniqueCompany();
    const claim = await createClaim(company, { carrier: `Azkar ${tag}` });
    const { el, list } = await consoleFor(tag);
    await until(() => rows(list).length === 1);
    rows(list)[0]!.click();
    const detail = await until(() => $<ClaimsDetail>(el, 'claims-detail'));
    const heading = await until(() => $(detail, 'h2'), 10_000, 'the heading');
    await until(() => deepActive() === heading, 10_000, 'focus on the claim heading');
    expect(heading.textContent).to.equal(claim.reference);
    const bar = await until(() => $(el, '[part~="handling-bar"]'), 10_000, 'the handling bar');
    // In the detail, right after its header: below the reference and status, above what to do next.
    expect(bar.assignedSlot?.name).to.equal('after-header');
    const header = $(detail, '[part~="header"]')!.getBoundingClientRect();
    const guidance = $(detail, '[part~="guidance"]')!.getBoundingClientRect();
    expect(bar.getBoundingClientRect().top).to.be.at.least(header.bottom);
    expect(bar.getBoundingClientRect().bottom).to.be.at.most(guidance.top);
    // Tab from the heading reaches the bar's first control, Take.
    await sendKeys({ press: 'Tab' });
    expect(deepActive()).to.equal($(el, '[part~="take-button"]'));
    // Styled from outside as before: the bar is still one of the console's parts.
    const style = document.createElement('style');
    style.textContent = 'claims-console::part(handling-bar) { outline: 3px solid rgb(255, 0, 0); }';
    document.head.append(style);
    try {
      expect(getComputedStyle(bar).outlineColor).to.equal('rgb(255, 0, 0)');
    } finally {
      style.remove();
    }
    await expect(el).to.be.accessible();
  });

  it('stacks the panes on a narrow screen: the queue, or the claim with a way back', async () => {
    const tag = tagged();
    const company = uniqueCompany();
    const claim = await createClaim(company, { carrier: `Azkar ${tag}` });
    await setViewport({ width: 400, height: 700 });
    try {
      const { el, list } = await consoleFor(tag);
      await until(() => rows(list).length === 1);
      const pane = $(el, '[part~="detail-pane"]')!;
      expect(getComputedStyle(pane).display).to.equal('none');
      rows(list)[0]!.click();
      await until(() => $(el, 'claims-detail'));
      expect(getComputedStyle($(el, '[part~="queue"]')!).display).to.equal('none');
      $<HTMLButtonElement>(el, '[part~="back-button"]')!.click();
      await until(() => getComputedStyle($(el, '[part~="queue"]')!).display !== 'none');
      await until(() => deepActive()?.getAttribute('data-id') === claim.id, 5000, 'focus back on the row');
    } finally {
      await setViewport({ width: 800, height: 600 });
    }
  });

  it('tells a company’s user that the back office is for handlers, in Spanish', async () => {
    const company = uniqueCompany();
    const [base, token] = await Promise.all([apiBase(), tokenFor(company)]);
    const el = await fixture<ClaimsConsole>(html`<claims-console api-base=${base} token=${token} lang="es"></claims-console>`);
    await until(() => $(el, '[part~="state"] h2'), 10_000, 'the state');
    expect($(el, '[part~="state"]')!.textContent).to.contain('gestores de siniestros');
    expect($(el, 'claims-list')).to.equal(null);
  });

  it('reads amounts as people type them, in either language', () => {
    expect(['820', '820,5', '820.50', '1.250,00', '1,250.00', '1250', '€ 12,30', '0,07'].map(parseAmount)).to.deep.equal([
      82_000, 82_050, 82_050, 125_000, 125_000, 125_000, 1230, 7,
    ]);
    expect(['', 'abc', '-5', '1,2,3', '12,34,56'].map(parseAmount)).to.deep.equal([null, null, null, null, null]);
  });
});
