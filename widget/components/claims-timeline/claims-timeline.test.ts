import { expect, fixture, html } from '@open-wc/testing';
import './claims-timeline.ts';
import type { ClaimsTimeline } from './claims-timeline.component.ts';
import type { Claim, ClaimEvent, ClaimStatus } from '../../internal/types.ts';
import { $$, acceptAs, apiBase, createClaim, tokenFor, transition, uniqueCompany, until } from '../../test/helpers.ts';
import { CLAIM_EVENT_TYPES, OFF_TIMELINE_EVENT_TYPES } from '../../../domain/constants.ts';
import { timelineText, type TimelineEvent, type TimelineTranslation } from '../../translations/timeline.ts';
import { timelineEs } from '../../translations/timeline.es.ts';
import { timelineEn } from '../../translations/timeline.en.ts';

/** Calls the API as the holder of `token`, and returns the answer's JSON (null when it has none). */
async function call(token: string, path: string, init: RequestInit = {}) {
  const res = await fetch(`${await apiBase()}${path}`, { ...init, headers: { Authorization: `Bearer ${token}`, ...init.headers } });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return res.status === 204 ? null : res.json();
}

const postJson = (token: string, path: string, body: unknown = {}) =>
  call(token, path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

function upload(token: string, claimId: string, requirementId: string, name: string) {
  const form = new FormData();
  form.append('file', new File(['%PDF-1.4\n%%EOF\n'], name, { type: 'application/pdf' }));
  return call(token, `/claims/${claimId}/documents/${requirementId}/files`, { method: 'POST', body: form });
}

/** Each entry as the timeline shows it, but for the relative time, which moves on between two looks. */
const entries = (el: ClaimsTimeline) =>
  $$(el, '[part~="event"]').map((e) =>
    [...e.querySelectorAll('.what, .note')].map((n) => n.textContent!.replace(/\s+/g, ' ').trim()).concat(e.querySelector('time')!.getAttribute('datetime')!).join(' | '),
  );

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
    const [customer, handler] = await Promise.all([tokenFor(company), tokenFor(company, { role: 'handler' })]);
    const me = await call(handler, '/me');
    await call(handler, `/claims/${claim.id}/assignee`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ handlerId: me.id }) });
    const [invoice] = (await call(customer, `/claims/${claim.id}/documents`)).items;
    await upload(customer, claim.id, invoice.id, 'factura.pdf');
    await call(handler, `/claims/${claim.id}/documents/${invoice.id}/review`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ decision: 'rejected', reason: 'Ilegible.' }),
    });
    const el = await timelineFor(company, claim.id, 'es');
    await until(() => $$(el, '[part~="event"]').length === 5, 10_000, 'five events');
    const texts = $$(el, '[part~="event"]').map((e) => e.textContent!.replace(/\s+/g, ' '));
    expect(texts[0], 'opened by the operator’s backend, named in the reader’s words').to.contain('Incidencia notificada').and.contain('por Sistema automático').and.not.contain('Host system');
    expect(texts[2]).to.contain('Asignado a Carmen Ruiz');
    expect(texts[3]).to.contain('Documento subido: Factura comercial (justificante del valor) (factura.pdf)').and.contain('por Ana Martínez');
    expect(texts[4]).to.contain('Documento rechazado: Factura comercial (justificante del valor)').and.contain('Motivo: Ilegible.');
    el.lang = 'en';
    await el.updateComplete;
    const english = $$(el, '[part~="event"]').map((e) => e.textContent!.replace(/\s+/g, ' '));
    expect(english[0]).to.contain('by Automated system');
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
    expect(steps[1]!.textContent).to.contain('Gestión rechazada');
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

  it('shows, live, the same entries a reload shows, whatever the two sides do: no chat, no gaps', async () => {
    const company = uniqueCompany();
    const claim = await createClaim(company, { type: 'loss', goods: 'parcel', scope: 'national' });
    const [customer, handler] = await Promise.all([tokenFor(company), tokenFor(company, { role: 'handler' })]);
    const el = await timelineFor(company, claim.id, 'es');

    // The journey, every kind of event the two sides make, while the timeline is open.
    await acceptAs(company, claim.id);
    const me = await call(handler, '/me');
    await postJson(handler, `/claims/${claim.id}/assignee`, { handlerId: me.id });
    await postJson(customer, `/claims/${claim.id}/typing`);
    const question = await postJson(customer, `/claims/${claim.id}/messages`, { body: 'Hola, ¿qué necesitáis?', clientId: crypto.randomUUID() });
    await postJson(handler, `/claims/${claim.id}/read`, { messageId: question.id });
    await postJson(handler, `/claims/${claim.id}/typing`);
    const answer = await postJson(handler, `/claims/${claim.id}/messages`, { body: 'La factura, por favor.', clientId: crypto.randomUUID() });
    await postJson(customer, `/claims/${claim.id}/read`, { messageId: answer.id });
    const list = await call(handler, `/claims/${claim.id}/documents`);
    const extra = await postJson(handler, `/claims/${claim.id}/documents`, { kind: list.kinds.at(-1).code, note: 'Solo si lo tienes.', required: false });
    await postJson(handler, `/claims/${claim.id}/documents/${extra.id}/waive`);
    const [invoice] = list.items;
    const first = await upload(customer, claim.id, invoice.id, 'borrador.pdf');
    await call(customer, `/files/${first.files[0].id}`, { method: 'DELETE' });
    await upload(customer, claim.id, invoice.id, 'factura.pdf');
    await postJson(handler, `/claims/${claim.id}/documents/${invoice.id}/review`, { decision: 'rejected', reason: 'Ilegible.' });
    await postJson(customer, `/claims/${claim.id}/messages`, { body: 'Va otra.', clientId: crypto.randomUUID() });
    await upload(customer, claim.id, invoice.id, 'factura-2.pdf');
    await postJson(handler, `/claims/${claim.id}/documents/${invoice.id}/review`, { decision: 'accepted' });
    await postJson(handler, `/claims/${claim.id}/read`, { messageId: answer.id });
    // Last, an entry: the stream keeps log order, so once it shows, every chat event before it came too.
    await transition(claim.id, { to: 'review', note: 'Revisamos lo recibido.' });

    const loaded = (await call(customer, `/claims/${claim.id}/events`)).items as ClaimEvent[];
    await until(() => entries(el).at(-1)?.includes('Revisamos lo recibido.'), 10_000, 'the last entry, live');
    const live = entries(el);
    expect(live.join('\n')).not.to.match(/[?¿]/);
    expect(live).to.have.length(loaded.length);
    for (const wording of [
      'Incidencia notificada', 'Aceptado por el cliente', 'Asignado a Carmen Ruiz', 'Documento solicitado:', 'Documento no necesario:',
      'Documento subido: Factura comercial (justificante del valor) (borrador.pdf)', 'Archivo quitado: Factura comercial (justificante del valor) (borrador.pdf)',
      'Documento rechazado: Factura comercial', 'Documento aceptado: Factura comercial', 'Pasa a «En revisión»',
    ]) {
      expect(live.some((entry) => entry.includes(wording)), wording).to.be.true;
    }
    el.lang = 'en';
    await el.updateComplete;
    expect(entries(el).join('\n')).not.to.match(/\?/);
    el.lang = 'es';

    // A reload: a new element, from GET /claims/{id}/events only.
    el.remove();
    const again = await timelineFor(company, claim.id, 'es');
    await until(() => $$(again, '[part~="event"]').length === loaded.length, 10_000, 'every entry, loaded');
    expect(entries(again)).to.deep.equal(live);
  });

  it('words every event type it shows, and leaves out the chat, by one table per language', () => {
    for (const t of [timelineEs, timelineEn]) {
      // Every event type, and the words for the operator's backend as an actor.
      expect(Object.keys(t).sort()).to.deep.equal([...CLAIM_EVENT_TYPES, 'hostSystem'].sort());
      const hidden = Object.entries(t).filter(([, wording]) => wording === null).map(([type]) => type);
      expect(hidden).to.deep.equal([...OFF_TIMELINE_EVENT_TYPES]);
    }
    const event = (type: ClaimEvent['type'], data: ClaimEvent['data']): ClaimEvent => ({
      id: 1, claimId: 'c', claimReference: 'SIN-1', companyId: 'co', type, data, at: new Date().toISOString(), actor: { kind: 'system', id: null, name: 'Claimdesk' },
    });
    const deadline = (hoursLeft: number) => event('claim.deadline_approaching', { deadlineAt: new Date().toISOString(), hoursLeft });
    expect(timelineText(timelineEs, deadline(72))).to.equal('El plazo vence en menos de 3 días');
    expect(timelineText(timelineEn, deadline(72))).to.equal('The deadline ends in less than 3 days');
    expect(timelineText(timelineEs, deadline(24))).to.equal('El plazo vence en menos de 24 horas');
    expect(timelineText(timelineEn, deadline(1))).to.equal('The deadline ends in less than an hour');
    expect(timelineText(timelineEs, event('claim.transitioned', { from: 'documentation', to: 'review' }))).to.equal('Pasa a «En revisión» automáticamente');
    expect(timelineText(timelineEn, event('claim.transitioned', { from: 'documentation', to: 'review' }))).to.equal('Automatically moved to “In review”');
    const amended = event('claim.amended', {
      changes: [
        { field: 'declaredValue', from: { amountCents: 100, currency: 'EUR' }, to: { amountCents: 200, currency: 'EUR' } },
        { field: 'incidentAt', from: '2026-11-09T09:00:00.000Z', to: '2026-11-10T09:00:00.000Z' },
        { field: 'deadlineAt', from: '2026-11-17T22:59:59.999Z', to: '2026-11-18T22:59:59.999Z' },
      ],
    });
    expect(timelineText(timelineEs, amended)).to.equal('Datos corregidos: valor declarado, fecha de la incidencia, plazo');
    expect(timelineText(timelineEn, amended)).to.equal('Details corrected: declared value, date of the incident, deadline');
    // A type this widget does not know (an API newer than it) is left out, not shown half-worded.
    expect(timelineText(timelineEn, event('claim.merged' as ClaimEvent['type'], { note: 'x' }))).to.equal(null);
    // Off the timeline: the chat, and an event without what its wording needs (the API always sends it).
    expect(timelineText(timelineEs, event('message.posted', { message: { id: 'm' } }))).to.equal(null);
    expect(timelineText(timelineEs, event('claim.transitioned', {}))).to.equal(null);
    expect(timelineText(timelineEs, event('claim.assigned', {}))).to.equal(null);

    // What `tsc -p widget` holds the tables to. A new claim event type is a missing key in each
    // table until it is worded, or listed in OFF_TIMELINE_EVENT_TYPES (domain/constants.ts),
    // which the API's GET /claims/{id}/events leaves out too:
    const { 'claim.assigned': _assigned, ...withoutAssigned } = timelineEs;
    // @ts-expect-error a table that leaves a type unworded does not compile
    const missing: TimelineTranslation = withoutAssigned;
    // @ts-expect-error a type the timeline shows cannot be hidden in one language only
    const hiddenHere: TimelineTranslation = { ...timelineEs, 'claim.assigned': null };
    // @ts-expect-error a type off the timeline has no wording
    const chatty: TimelineTranslation = { ...timelineEs, 'message.posted': () => 'Mensaje' };
    // And a wording gets what its type always carries, such as a transition's status: no "?".
    const statusOf = (e: TimelineEvent<'claim.transitioned'>): ClaimStatus => e.data.to;
    expect([missing, hiddenHere, chatty, statusOf]).to.have.length(4);
  });
});
