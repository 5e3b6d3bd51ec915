import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import './claims-detail.ts';
import type { ClaimsDetail } from './claims-detail.component.ts';
import { $, $$, acceptAs, apiBase, createClaim, deepActive, tokenFor, transition, uniqueCompany, until } from '../../test/helpers.ts';

async function detailFor(company: string, id: string, lang = 'es') {
  const [base, token] = await Promise.all([apiBase(), tokenFor(company)]);
  const el = await fixture<ClaimsDetail>(html`<claims-detail api-base=${base} token=${token} claim-id=${id} lang=${lang}></claims-detail>`);
  await until(() => $(el, 'h2'), 10_000, 'the claim heading');
  return el;
}

const text = (el: Element) => el.shadowRoot!.textContent!.replace(/\s+/g, ' ');
const guidance = (el: Element) => $(el, '[part~="guidance"] p')?.textContent ?? '';

/** A loss of a national parcel asks for three documents, none of them photos. */
const LOSS = { type: 'loss', goods: 'parcel', scope: 'national' };

async function call(token: string, path: string, init: RequestInit = {}) {
  const res = await fetch(`${await apiBase()}${path}`, { ...init, headers: { Authorization: `Bearer ${token}`, ...init.headers } });
  if (!res.ok) throw new Error(`${path}: ${res.status}`);
  return res.json();
}

function pdfForm(): FormData {
  const form = new FormData();
  form.append('file', new File(['%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n'], 'doc.pdf', { type: 'application/pdf' }));
  return form;
}

describe('<claims-detail>', () => {
  describe('rendering', () => {
    it('shows reference, facts, deadline with time left and what to do next', async () => {
      const company = uniqueCompany();
      const claim = await createClaim(company, {
        carrier: 'SEUR',
        trackingNumber: 'SEUR-778',
        claimedAmount: { amountCents: 52_050, currency: 'EUR' },
        origin: 'Valencia',
        destination: 'Lyon',
      });
      const el = await detailFor(company, claim.id);
      expect($(el, 'h2')!.textContent).to.equal(claim.reference);
      const t = text(el);
      expect(t).to.contain('Rotura · Palé · Internacional');
      expect(t).to.contain('SEUR-778');
      expect(t).to.contain('1840,00 €');
      expect(t).to.contain('520,50 €');
      expect(t).to.contain('Valencia → Lyon');
      expect(t).to.match(/Quedan? \d+ días?|Vence hoy|Quedan? \d+ horas?/);
      expect(t, 'the legal basis, in the reader’s language').to.contain('CMR art. 30.2 — daños no aparentes');
      expect(t).to.contain('Qué hacer ahora');
      expect($(el, '[part~="accept-button"]')).to.exist;
      expect($(el, '[part~="decline-button"]')).to.exist;
      await expect(el).to.be.accessible();
    });

    it('shows an overdue deadline in red, in English', async () => {
      const company = uniqueCompany();
      const claim = await createClaim(company, { incidentAt: new Date(Date.now() - 60 * 86_400_000).toISOString() });
      const el = await detailFor(company, claim.id, 'en');
      expect($(el, '.overdue')!.textContent).to.match(/Overdue/);
      expect(text(el)).to.contain('CMR art. 30.2 — hidden damage');
      expect(getComputedStyle($(el, '.overdue')!).color).to.not.equal(getComputedStyle($(el, 'h2')!).color);
      expect(text(el)).to.contain('What to do next');
    });

    it('shows the outcome of a resolved claim and no actions', async () => {
      const company = uniqueCompany();
      const claim = await createClaim(company);
      await acceptAs(company, claim.id);
      await transition(claim.id, { to: 'review' });
      await transition(claim.id, { to: 'submitted' });
      await transition(claim.id, { to: 'resolved', outcome: 'partially_paid', amount: { amountCents: 90_000, currency: 'EUR' } });
      const el = await detailFor(company, claim.id, 'en');
      expect(text(el)).to.contain('Partially paid · €900.00');
      expect($(el, '[part~="accept-button"]')).to.equal(null);
      expect($(el, '[part~="deadline"] strong'), 'no time left once filed').to.equal(null);
    });

    it('offers a handler no Accept or Decline, even where the claim may go back to documentation', async () => {
      const company = uniqueCompany();
      const claim = await createClaim(company);
      await acceptAs(company, claim.id);
      await transition(claim.id, { to: 'review' });
      const [base, token] = await Promise.all([apiBase(), tokenFor(company, { role: 'handler' })]);
      const el = await fixture<ClaimsDetail>(html`<claims-detail api-base=${base} token=${token} claim-id=${claim.id} lang="en"></claims-detail>`);
      await until(() => $(el, 'h2'), 10_000, 'the claim heading');
      expect($(el, '[part~="actions"]')).to.equal(null);
      expect(text(el)).to.match(/\d+ days? left|Due today|\d+ hours? left/);
    });

    it('tells each side what the claim asks of them: the handler their next step, the customer theirs', async () => {
      const company = uniqueCompany();
      const claim = await createClaim(company);
      await acceptAs(company, claim.id);
      const base = await apiBase();
      const handler = await fixture<ClaimsDetail>(
        html`<claims-detail api-base=${base} token=${await tokenFor(company, { role: 'handler' })} claim-id=${claim.id} lang="en"></claims-detail>`,
      );
      await until(() => guidance(handler) === 'Nobody handles this claim yet: take it.', 10_000, 'the handler’s guidance');
      const customer = await fixture<ClaimsDetail>(html`<claims-detail api-base=${base} token=${await tokenFor(company)} claim-id=${claim.id} lang="es"></claims-detail>`);
      await until(() => guidance(customer).startsWith('Para tramitar la reclamación, sube en Documentos estos documentos: «Factura comercial'), 10_000, 'the customer’s guidance');
      // A breakage asks for photos of the damage and of the packaging: its own checklist says so.
      expect(guidance(customer)).to.contain('«Fotos de la mercancía dañada»').and.contain('«Fotos del embalaje»');
    });

    it('asks for a loss claim’s own documents, never for photos', async () => {
      const company = uniqueCompany();
      const claim = await createClaim(company, LOSS);
      await acceptAs(company, claim.id);
      const el = await detailFor(company, claim.id);
      await until(() => guidance(el).includes('«Certificado de titularidad bancaria»'), 10_000, 'the loss claim’s documents');
      expect(guidance(el)).to.equal(
        'Para tramitar la reclamación, sube en Documentos estos documentos: «Factura comercial (justificante del valor)», «Declaración de no entrega (declaración de pérdida)» y «Certificado de titularidad bancaria».',
      );
      el.lang = 'en';
      await el.updateComplete;
      expect(guidance(el)).to.contain('“Commercial invoice (proof of value)”').and.not.match(/photo/i);
    });

    it('never says a handler is reviewing while none has the claim; once one takes it, names them, live', async () => {
      const company = uniqueCompany();
      const claim = await createClaim(company, LOSS);
      await acceptAs(company, claim.id);
      const token = await tokenFor(company);
      for (const item of (await call(token, `/claims/${claim.id}/documents`)).items) await call(token, `/claims/${claim.id}/documents/${item.id}/files`, { method: 'POST', body: pdfForm() });
      const el = await detailFor(company, claim.id);
      await until(() => $(el, '[part~="status-badge"]')!.textContent!.includes('En revisión'), 10_000, 'the claim in review');
      expect(guidance(el)).to.contain('Aún no hay una gestora asignada').and.not.contain('está revisando');
      const handler = await tokenFor(company, { role: 'handler' });
      const me = await call(handler, '/me');
      await call(handler, `/claims/${claim.id}/assignee`, { method: 'POST', body: JSON.stringify({ handlerId: me.id }), headers: { 'Content-Type': 'application/json' } });
      await until(() => guidance(el).startsWith('Tu gestora, Carmen Ruiz, está revisando la documentación.'), 10_000, 'the handler, named, live');
    });

    it('says so when the claim is not visible', async () => {
      const company = uniqueCompany();
      const other = await createClaim(uniqueCompany());
      const [base, token] = await Promise.all([apiBase(), tokenFor(company)]);
      const el = await fixture<ClaimsDetail>(html`<claims-detail api-base=${base} token=${token} claim-id=${other.id} lang="en"></claims-detail>`);
      await until(() => text(el).includes('Claim not found'));
    });
  });

  describe('accept', () => {
    it('accepts a notified claim and fires claims-accepted', async () => {
      const company = uniqueCompany();
      const claim = await createClaim(company);
      const el = await detailFor(company, claim.id);
      const accepted = oneEvent(el, 'claims-accepted');
      $<HTMLButtonElement>(el, '[part~="accept-button"]')!.click();
      const event = await accepted;
      expect(event.detail.id).to.equal(claim.id);
      expect(event.detail.claim.status).to.equal('documentation');
      await el.updateComplete;
      expect($(el, '[part~="status-badge"]')!.textContent).to.contain('Documentación');
      expect($(el, '[part~="accept-button"]')).to.equal(null);
      await until(() => deepActive() === $(el, 'h2'), 2000, 'focus on the heading');
    });
  });

  describe('decline', () => {
    it('requires a reason, then declines and fires claims-declined', async () => {
      const company = uniqueCompany();
      const claim = await createClaim(company);
      const el = await detailFor(company, claim.id);
      $<HTMLButtonElement>(el, '[part~="decline-button"]')!.click();
      const dialog = $<HTMLDialogElement>(el, 'dialog')!;
      expect(dialog.open).to.equal(true);
      expect(deepActive()).to.equal($(el, 'textarea'));
      await expect(el).to.be.accessible();

      $<HTMLButtonElement>(el, 'dialog button[type=submit]')!.click();
      await el.updateComplete;
      expect($(el, '#reason-error')!.textContent).to.contain('Escribe el motivo');
      expect(dialog.open).to.equal(true);

      $<HTMLTextAreaElement>(el, 'textarea')!.value = 'La mercancía llegó bien; fue un error del almacén.';
      const declined = oneEvent(el, 'claims-declined');
      $<HTMLButtonElement>(el, 'dialog button[type=submit]')!.click();
      const event = await declined;
      expect(event.detail.reason).to.equal('La mercancía llegó bien; fue un error del almacén.');
      expect(event.detail.claim.status).to.equal('declined');
      await el.updateComplete;
      expect(dialog.open).to.equal(false);
      expect(text(el)).to.contain('fue un error del almacén');
      expect($(el, '[part~="status-badge"]')!.textContent).to.contain('Gestión rechazada');
      await until(() => deepActive() === $(el, 'h2'), 5000, `focus on the heading, not ${deepActive()?.outerHTML.slice(0, 60)}`);
    });

    it('traps focus in the dialog, closes on Escape and returns focus', async () => {
      const company = uniqueCompany();
      const claim = await createClaim(company);
      const el = await detailFor(company, claim.id, 'en');
      const opener = $<HTMLButtonElement>(el, '[part~="decline-button"]')!;
      opener.focus();
      await sendKeys({ press: 'Enter' });
      const dialog = $<HTMLDialogElement>(el, 'dialog')!;
      expect(dialog.open).to.equal(true);
      const [textarea, cancel, confirm] = [$(el, 'textarea'), ...dialog.querySelectorAll('button')];
      expect(deepActive()).to.equal(textarea);
      await sendKeys({ press: 'Tab' });
      expect(deepActive()).to.equal(cancel);
      await sendKeys({ press: 'Tab' });
      expect(deepActive()).to.equal(confirm);
      await sendKeys({ press: 'Tab' });
      expect(deepActive()).to.equal(textarea);
      await sendKeys({ down: 'Shift' });
      await sendKeys({ press: 'Tab' });
      await sendKeys({ up: 'Shift' });
      expect(deepActive()).to.equal(confirm);
      await sendKeys({ press: 'Escape' });
      await until(() => !dialog.open, 2000, 'dialog closed');
      await until(() => deepActive() === opener, 2000, 'focus back on Decline');
    });

    it('shows the API conflict when the claim moved meanwhile', async () => {
      const company = uniqueCompany();
      const claim = await createClaim(company);
      const el = await detailFor(company, claim.id, 'en');
      await acceptAs(company, claim.id); // someone else accepted it first
      const failed = oneEvent(el, 'claims-error');
      $<HTMLButtonElement>(el, '[part~="accept-button"]')?.click();
      const event = await failed;
      expect(event.detail.status).to.equal(409);
      await until(() => $(el, '[part~="status-badge"]')!.textContent!.includes('Documentation'), 5000, 'refreshed claim');
    });
  });

  describe('tabs', () => {
    it('offers a customer deciding on a notified claim the chat, and no documents yet', async () => {
      const company = uniqueCompany();
      const claim = await createClaim(company);
      const el = await detailFor(company, claim.id, 'en');
      expect($$(el, '[role="tab"]').map((tab) => tab.textContent!.trim())).to.deep.equal(['Details', 'Chat']);
      expect(!!$(el, 'claims-documents')).to.equal(false);
      expect(text(el)).to.contain('Claims handler').and.contain('Not assigned yet');
    });

    it('names the handler the claim is assigned to, live', async () => {
      const company = uniqueCompany();
      const claim = await createClaim(company);
      const el = await detailFor(company, claim.id);
      const handler = await tokenFor(company, { role: 'handler' });
      const call = async (path: string, init: RequestInit = {}) =>
        (await fetch(`${await apiBase()}${path}`, { ...init, headers: { Authorization: `Bearer ${handler}`, 'Content-Type': 'application/json' } })).json();
      const me = await call('/me');
      await call(`/claims/${claim.id}/assignee`, { method: 'POST', body: JSON.stringify({ handlerId: me.id }) });
      const fact = () => [...el.shadowRoot!.querySelectorAll('.fact')].find((f) => f.querySelector('dt')!.textContent === 'Gestora');
      expect(fact()!.querySelector('dd')!.textContent).to.equal('Sin asignar todavía');
      await until(() => fact()!.querySelector('dd')!.textContent === 'Carmen Ruiz', 10_000, 'the handler, live');
    });

    it('moves between Details, Documents and Chat with the arrow keys, Home and End', async () => {
      const company = uniqueCompany();
      const claim = await createClaim(company, { type: 'loss', goods: 'parcel', scope: 'national' });
      await acceptAs(company, claim.id);
      const el = await detailFor(company, claim.id);
      const tabs = await until(() => (el.shadowRoot!.querySelectorAll<HTMLElement>('[role="tab"]').length === 3 ? [...el.shadowRoot!.querySelectorAll<HTMLElement>('[role="tab"]')] : null), 10_000, 'three tabs');
      const [details, documents, chat] = tabs as [HTMLElement, HTMLElement, HTMLElement];
      expect($(el, '[role="tablist"]')!.getAttribute('aria-label')).to.equal('Secciones del siniestro');
      expect(details.getAttribute('aria-selected')).to.equal('true');
      expect([details.tabIndex, documents.tabIndex, chat.tabIndex], 'one tab stop').to.deep.equal([0, -1, -1]);
      await until(() => documents.textContent!.includes('0/3'), 10_000, 'the badge');
      expect(documents.textContent).to.contain('0 de 3 obligatorios');
      expect($(el, '#panel-details')!.hidden).to.equal(false);

      details.focus();
      await sendKeys({ press: 'ArrowRight' });
      await el.updateComplete;
      expect(deepActive()).to.equal(documents);
      expect(documents.getAttribute('aria-selected')).to.equal('true');
      expect([details.tabIndex, documents.tabIndex, chat.tabIndex]).to.deep.equal([-1, 0, -1]);
      expect(el.tab).to.equal('documents');
      expect($(el, '#panel-details')!.hidden).to.equal(true);
      const panel = $(el, '#panel-documents')!;
      expect(panel.hidden).to.equal(false);
      expect(panel.getAttribute('aria-labelledby')).to.equal('tab-documents');
      const documentsEl = panel.querySelector('claims-documents')!;
      await until(() => $(documentsEl, '[part~="list"]'), 10_000, 'the checklist');

      await sendKeys({ press: 'Home' });
      await el.updateComplete;
      expect(deepActive()).to.equal(details);
      expect($(el, '#panel-details')!.hidden).to.equal(false);
      expect(panel.hidden, 'kept, hidden, so uploads survive').to.equal(true);
      await sendKeys({ press: 'End' });
      await el.updateComplete;
      expect(deepActive()).to.equal(chat);
      await until(() => $(el, '#panel-chat claims-chat'), 10_000, 'the conversation');
      await sendKeys({ press: 'ArrowRight' });
      await el.updateComplete;
      expect(deepActive(), 'wraps around').to.equal(details);
      await sendKeys({ press: 'ArrowLeft' });
      await el.updateComplete;
      expect(deepActive()).to.equal(chat);
      await sendKeys({ press: 'ArrowLeft' });
      await el.updateComplete;
      expect(deepActive()).to.equal(documents);
      await expect(el).to.be.accessible();
    });

    it('counts the handler’s unread messages on the Chat tab, live, until the conversation is read', async () => {
      const company = uniqueCompany();
      const claim = await createClaim(company);
      await acceptAs(company, claim.id);
      const el = await detailFor(company, claim.id);
      const handler = await tokenFor(company, { role: 'handler' });
      const chatTab = () => $$(el, '[role="tab"]').find((tab) => tab.id === 'tab-chat')!;
      await until(() => chatTab(), 10_000, 'the Chat tab');
      expect(!!chatTab().querySelector('[part~="unread-badge"]'), 'nothing unread yet').to.equal(false);
      for (const body of ['¿Tiene el albarán?', 'Gracias']) {
        const res = await fetch(`${await apiBase()}/claims/${claim.id}/messages`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${handler}`, 'Content-Type': 'application/json' },
          body: JSON.stringify({ body, clientId: crypto.randomUUID() }),
        });
        expect(res.status).to.equal(201);
      }
      await until(() => chatTab().querySelector('[part~="unread-badge"]')?.textContent === '2', 10_000, 'two unread, live');
      expect(chatTab().textContent).to.contain('2 mensajes sin leer');
      // Read once shown: in a page in view (test tabs run behind one another).
      Object.defineProperty(document, 'visibilityState', { value: 'visible', configurable: true });
      try {
        chatTab().click();
        await until(() => $(el, '#panel-chat claims-chat'), 10_000, 'the conversation');
        await until(() => !chatTab().querySelector('[part~="unread-badge"]'), 10_000, 'read once shown');
      } finally {
        delete (document as { visibilityState?: unknown }).visibilityState;
      }
    });

    it('opens on the tab asked for, and shows a handler the Documents tab even on a notified claim', async () => {
      const company = uniqueCompany();
      const claim = await createClaim(company);
      const [base, token] = await Promise.all([apiBase(), tokenFor(company, { role: 'handler' })]);
      const el = await fixture<ClaimsDetail>(html`<claims-detail api-base=${base} token=${token} claim-id=${claim.id} lang="en" tab="documents"></claims-detail>`);
      await until(() => $(el, '#panel-documents claims-documents'), 10_000, 'the documents tab');
      expect($(el, '[role="tab"][aria-selected="true"]')!.textContent).to.contain('Documents');
      expect($(el, '#panel-details')!.hidden).to.equal(true);
      el.tab = 'details';
      await el.updateComplete;
      expect($(el, '#panel-details')!.hidden).to.equal(false);
    });
  });

  describe('live', () => {
    it('follows changes made by the handler', async () => {
      const company = uniqueCompany();
      const claim = await createClaim(company);
      await acceptAs(company, claim.id);
      // Shown only once its live stream has opened: what commits from now on comes live.
      const el = await detailFor(company, claim.id, 'en');
      await transition(claim.id, { to: 'review', note: 'All documents received.' });
      await until(() => $(el, '[part~="status-badge"]')!.textContent!.includes('In review'), 10_000, 'live status');
      const timeline = $(el, 'claims-timeline')!;
      await until(() => timeline.shadowRoot!.textContent!.includes('All documents received.'), 10_000, 'live timeline');
    });
  });
});
