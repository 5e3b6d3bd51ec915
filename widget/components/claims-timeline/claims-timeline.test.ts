import { expect, fixture, html } from '@open-wc/testing';
import './claims-timeline.ts';
import type { ClaimsTimeline } from './claims-timeline.component.ts';
import type { Claim } from '../../internal/types.ts';
import { $$, acceptAs, apiBase, createClaim, tokenFor, transition, uniqueCompany, until } from '../../test/helpers.ts';

async function timelineFor(company: string, id: string, lang = 'en') {
  const [base, token] = await Promise.all([apiBase(), tokenFor(company)]);
  const el = await fixture<ClaimsTimeline>(html`<claims-timeline api-base=${base} token=${token} claim-id=${id} lang=${lang}></claims-timeline>`);
  // Alone, it loads the claim (for the stepper) and its events.
  await until(() => $$(el, '[part~="event"]').length && $$(el, '[part~="step"]').length, 10_000, 'events and phases');
  return el;
}

describe('<claims-timeline>', () => {
  it('tells document events and the assignment with the document’s label, the file, the decision and the handler', async () => {
    const company = uniqueCompany();
    const claim = await createClaim(company, { type: 'loss', goods: 'parcel', scope: 'national' });
    await acceptAs(company, claim.id);
    const base = await apiBase();
    const call = async (token: string, path: string, init: RequestInit = {}) => {
      const res = await fetch(`${base}${path}`, { ...init, headers: { Authorization: `Bearer ${token}`, ...init.headers } });
      if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
      return res.json();
    };
    const [customer, handler] = await Promise.all([tokenFor(company), tokenFor(company, { role: 'handler' })]);
    const me = await call(handler, '/me');
    await call(handler, `/claims/${claim.id}/assignee`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ handlerId: me.id }) });
    const [invoice] = (await call(customer, `/claims/${claim.id}/documents`)).items;
    const form = new FormData();
    form.append('file', new File(['%PDF-1.4\n%%EOF\n'], 'factura.pdf', { type: 'application/pdf' }));
    await call(customer, `/claims/${claim.id}/documents/${invoice.id}/files`, { method: 'POST', body: form });
    await call(handler, `/claims/${claim.id}/documents/${invoice.id}/review`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ decision: 'rejected', reason: 'Ilegible.' }),
    });
    const el = await timelineFor(company, claim.id, 'es');
    await until(() => $$(el, '[part~="event"]').length === 5, 10_000, 'five events');
    const texts = $$(el, '[part~="event"]').map((e) => e.textContent!.replace(/\s+/g, ' '));
    expect(texts[2]).to.contain('Asignado a Carmen Ruiz');
    expect(texts[3]).to.contain('Documento subido: Factura comercial (justificante del valor) (factura.pdf)').and.contain('por Ana Martínez');
    expect(texts[4]).to.contain('Documento rechazado: Factura comercial (justificante del valor)').and.contain('Motivo: Ilegible.');
    el.lang = 'en';
    await el.updateComplete;
    const english = $$(el, '[part~="event"]').map((e) => e.textContent!.replace(/\s+/g, ' '));
    expect(english[2]).to.contain('Assigned to Carmen Ruiz');
    expect(english[3]).to.contain('Document uploaded: Commercial invoice (proof of value) (factura.pdf)');
    expect(english[4]).to.contain('Document rejected: Commercial invoice (proof of value)').and.contain('Reason: Ilegible.');
  });

  it('shows the phases as a stepper and the dated events with actor and note', async () => {
    const company = uniqueCompany();
    const claim = await createClaim(company);
    await acceptAs(company, claim.id);
    await transition(claim.id, { to: 'review', note: 'Invoice and photos received.' });
    const el = await timelineFor(company, claim.id);
    const steps = $$(el, '[part~="step"]');
    expect(steps.map((s) => s.querySelector('.label')!.textContent)).to.deep.equal([
      'Notified', 'Documentation', 'In review', 'Submitted', 'Resolved', 'Closed',
    ]);
    expect(steps[2]!.getAttribute('aria-current')).to.equal('step');
    expect(steps[0]!.getAttribute('part')).to.contain('step-done');
    expect(steps[3]!.getAttribute('part')).to.contain('step-pending');
    const events = $$(el, '[part~="event"]');
    expect(events).to.have.length(3);
    expect(events[1]!.textContent).to.contain('Accepted by the customer');
    expect(events[1]!.textContent).to.contain('by Ana Martínez');
    expect(events[2]!.textContent).to.contain('Moved to “In review”');
    expect(events[2]!.textContent).to.contain('Invoice and photos received.');
    expect(events[2]!.textContent).to.contain('Carmen Ruiz');
    expect(events[2]!.querySelector('time')!.getAttribute('datetime')).to.match(/^\d{4}-/);
    await expect(el).to.be.accessible();
  });

  it('shows a declined claim as a terminal branch, in Spanish', async () => {
    const company = uniqueCompany();
    const claim = await createClaim(company);
    const [base, token] = await Promise.all([apiBase(), tokenFor(company)]);
    await fetch(`${base}/claims/${claim.id}/decline`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ reason: 'Ya lo gestiona nuestro seguro.' }),
    });
    const el = await timelineFor(company, claim.id, 'es');
    const steps = $$(el, '[part~="step"]');
    expect(steps).to.have.length(2);
    expect(steps[1]!.getAttribute('part')).to.contain('step-declined');
    expect(steps[1]!.textContent).to.contain('Rechazado');
    expect(el.shadowRoot!.textContent).to.contain('Motivo: Ya lo gestiona nuestro seguro.');
    await expect(el).to.be.accessible();
  });

  it('appends events arriving live', async () => {
    const company = uniqueCompany();
    const claim = await createClaim(company);
    // Loaded only once its live stream has opened: what commits from now on comes live.
    const el = await timelineFor(company, claim.id);
    await acceptAs(company, claim.id);
    await until(() => $$(el, '[part~="event"]').length === 2, 10_000, 'live event');
    await until(() => $$(el, '[part~="step"]')[1]!.getAttribute('aria-current') === 'step', 10_000, 'the stepper, from the claim loaded again');
    const [notified, documentation] = $$(el, '[part~="step"]');
    expect(notified!.querySelector('time'), 'the date each phase was reached').to.exist;
    expect(documentation!.querySelector('time')!.getAttribute('datetime')).to.equal($$(el, '[part~="event"] time')[1]!.getAttribute('datetime'));
  });

  it('draws the stepper from the claim it is given, without loading it', async () => {
    const company = uniqueCompany();
    const created = await createClaim(company);
    await acceptAs(company, created.id);
    const [base, token] = await Promise.all([apiBase(), tokenFor(company)]);
    const claim = (await (await fetch(`${base}/claims/${created.id}`, { headers: { Authorization: `Bearer ${token}` } })).json()) as Claim;
    const requested: string[] = [];
    const realFetch = window.fetch;
    window.fetch = (input, init) => {
      requested.push(new URL(input instanceof Request ? input.url : String(input)).pathname);
      return realFetch(input, init);
    };
    try {
      const el = await fixture<ClaimsTimeline>(
        html`<claims-timeline api-base=${base} token=${token} claim-id=${claim.id} .claim=${claim} lang="en"></claims-timeline>`,
      );
      await until(() => $$(el, '[part~="event"]').length === 2, 10_000, 'events');
      expect($$(el, '[part~="step"]').map((s) => s.getAttribute('part'))).to.deep.equal(claim.phases.map((p) => `step step-${p.state}`));
    } finally {
      window.fetch = realFetch;
    }
    expect(requested.filter((path) => path.endsWith(`/claims/${claim.id}`))).to.deep.equal([]);
  });
});
