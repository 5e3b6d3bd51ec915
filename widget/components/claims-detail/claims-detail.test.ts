import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import './claims-detail.ts';
import type { ClaimsDetail } from './claims-detail.component.ts';
import { $, acceptAs, apiBase, createClaim, deepActive, tokenFor, transition, uniqueCompany, until } from '../../test/helpers.ts';

async function detailFor(company: string, id: string, lang = 'es') {
  const [base, token] = await Promise.all([apiBase(), tokenFor(company)]);
  const el = await fixture<ClaimsDetail>(html`<claims-detail api-base=${base} token=${token} claim-id=${id} lang=${lang}></claims-detail>`);
  await until(() => $(el, 'h2'), 10_000, 'the claim heading');
  return el;
}

const text = (el: Element) => el.shadowRoot!.textContent!.replace(/\s+/g, ' ');

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
      expect($(el, '[part~="status-badge"]')!.textContent).to.contain('Rechazado');
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
