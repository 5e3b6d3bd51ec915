import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import './claims-detail.ts';
import type { ClaimsDetail } from './claims-detail.component.ts';
import { $, apiBase, createClaim, deepActive, tokenFor, uniqueCompany, until } from '../../test/helpers.ts';
import { countRequests } from '../../test/requests.ts';

// A host may veto the customer's answer: `claims-accept` and `claims-decline` come before it is
// sent, and preventDefault() on either sends nothing. Each test then lets the same action through:
// the one request that leaves, and the claim it changes, prove the vetoed one never left.

async function notifiedClaim() {
  const company = uniqueCompany();
  const claim = await createClaim(company);
  const [base, token] = await Promise.all([apiBase(), tokenFor(company)]);
  const el = await fixture<ClaimsDetail>(html`<claims-detail api-base=${base} token=${token} claim-id=${claim.id} lang="en"></claims-detail>`);
  await until(() => $(el, '[part~="accept-button"]'), 10_000, 'the Accept button');
  return { claim, el };
}

const veto = (e: Event) => e.preventDefault();

describe('<claims-detail> vetoed by its host', () => {
  it('sends no acceptance the host vetoes, and the one it lets through', async () => {
    const { claim, el } = await notifiedClaim();
    const accepts = countRequests('POST', `/claims/${claim.id}/accept`);
    try {
      let accepted = 0;
      el.addEventListener('claims-accepted', () => accepted++);
      el.addEventListener('claims-accept', veto);
      const asked = oneEvent(el, 'claims-accept');
      $<HTMLButtonElement>(el, '[part~="accept-button"]')!.click();
      const event = await asked;
      expect(event.cancelable, 'claims-accept may be vetoed').to.equal(true);
      expect(event.detail).to.include({ id: claim.id });
      expect(event.detail.claim.status, 'the claim as it is, before the answer').to.equal('notified');
      await el.updateComplete;
      expect(accepts.count, 'nothing sent').to.equal(0);
      expect($(el, '[part~="accept-button"]'), 'still waiting for an answer').to.exist;

      el.removeEventListener('claims-accept', veto);
      const done = oneEvent(el, 'claims-accepted');
      $<HTMLButtonElement>(el, '[part~="accept-button"]')!.click();
      const after = await done;
      expect(after.cancelable, 'what happened cannot be vetoed').to.equal(false);
      expect(after.detail.claim.status).to.equal('documentation');
      expect(accepts.count, 'one answer sent: the one let through').to.equal(1);
      expect(accepted).to.equal(1);
    } finally {
      accepts.restore();
    }
  });

  it('closes the Decline dialog and sends nothing when the host vetoes it', async () => {
    const { claim, el } = await notifiedClaim();
    const declines = countRequests('POST', `/claims/${claim.id}/decline`);
    try {
      el.addEventListener('claims-decline', veto);
      const opener = $<HTMLButtonElement>(el, '[part~="decline-button"]')!;
      opener.focus();
      await sendKeys({ press: 'Enter' });
      const dialog = $<HTMLDialogElement>(el, 'dialog')!;
      $<HTMLTextAreaElement>(el, 'dialog textarea')!.value = 'The goods were insured elsewhere';
      const asked = oneEvent(el, 'claims-decline');
      $<HTMLButtonElement>(el, 'dialog button[type=submit]')!.click();
      const event = await asked;
      expect(event.cancelable).to.equal(true);
      expect(event.detail.reason).to.equal('The goods were insured elsewhere');
      expect(dialog.open, 'the dialog gives way to the host').to.equal(false);
      await until(() => deepActive() === opener, 10_000, 'focus back on Decline');
      expect(declines.count, 'nothing sent').to.equal(0);

      el.removeEventListener('claims-decline', veto);
      opener.click();
      $<HTMLTextAreaElement>(el, 'dialog textarea')!.value = 'The goods were insured elsewhere';
      const done = oneEvent(el, 'claims-declined');
      $<HTMLButtonElement>(el, 'dialog button[type=submit]')!.click();
      expect((await done).detail.claim.status).to.equal('declined');
      expect(declines.count, 'one answer sent: the one let through').to.equal(1);
    } finally {
      declines.restore();
    }
  });
});
