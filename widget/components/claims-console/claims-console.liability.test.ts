import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import './claims-console.ts';
import '../claims-detail/claims-detail.ts';
import type { ClaimsConsole } from './claims-console.component.ts';
import type { ClaimsList } from '../claims-list/claims-list.component.ts';
import type { ClaimsDetail } from '../claims-detail/claims-detail.component.ts';
import { $, $$, apiBase, createClaim, tokenFor, uniqueCompany, until } from '../../test/helpers.ts';

// The carrier's liability limit as the handler sees it: beside the money in the claim's detail,
// with the sum it comes from, and flagged in the queue when what is claimed is over it.

const tagged = () => `LIM${Math.random().toString(36).slice(2, 9)}`;
const eur = (amountCents: number) => ({ amountCents, currency: 'EUR' });
/** Intl puts a no-break space between an amount and its € sign. */
const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();

/**
 * Records a rate as the operator does, with a handler's token. The test server's rates are shared
 * by every test file of the run: each test here records the one rate of its kind it counts with.
 */
async function recordRate(token: string, kind: string, value: string, effectiveFrom: string): Promise<void> {
  const res = await fetch(`${await apiBase()}/liability-rates`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ kind, value, effectiveFrom, source: 'widget test' }),
  });
  if (!res.ok) throw new Error(`recording a rate: ${res.status} ${await res.text()}`);
}

async function consoleFor(tag: string, lang: 'es' | 'en') {
  const sub = `handler-${Math.random().toString(36).slice(2, 8)}`;
  const [base, token] = await Promise.all([apiBase(), tokenFor('operator', { role: 'handler', sub })]);
  const el = await fixture<ClaimsConsole>(html`<claims-console api-base=${base} token=${token} lang=${lang}></claims-console>`);
  const list = await until(() => $<ClaimsList>(el, 'claims-list'), 10_000, 'the queue');
  list.q = tag;
  return { el, list, token };
}

const rowOf = (list: ClaimsList, id: string) => $$(list, '[part~="row"]').find((row) => row.dataset.id === id);

describe('<claims-console>: the carrier’s liability limit', () => {
  it('flags the claim over its limit in the queue and shows the limit, its sum and the rate’s date beside the money (es)', async () => {
    const tag = tagged();
    const company = uniqueCompany();
    const handlerToken = await tokenFor('operator', { role: 'handler' });
    await recordRate(handlerToken, 'eur-per-sdr', '1.1500', '2026-11-01');
    const road = { carrier: `Azkar ${tag}`, scope: 'international', originCountry: 'ES', destinationCountry: 'FR', incidentAt: '2026-11-20T10:00:00Z', grossWeightKg: 100 };
    const over = await createClaim(company, { ...road, declaredValue: eur(184_000), claimedAmount: eur(120_000) });
    const within = await createClaim(company, { ...road, declaredValue: eur(184_000), claimedAmount: eur(50_000) });

    const { el, list } = await consoleFor(tag, 'es');
    await until(() => rowOf(list, over.id) && rowOf(list, within.id), 10_000, 'both claims in the queue');
    const flag = rowOf(list, over.id)!.querySelector('[part~="over-limit"]');
    expect(text(flag)).to.contain('Supera el límite');
    expect(flag!.getAttribute('title')!.replace(/\s+/g, ' ')).to.equal('Lo reclamado supera el límite de responsabilidad del transportista (957,95 €)');
    expect(text(rowOf(list, over.id)), 'a screen reader hears the limit with the row').to.contain('supera el límite de responsabilidad del transportista (957,95 €)');
    expect(rowOf(list, within.id)!.querySelector('[part~="over-limit"]'), 'a claim within its limit is not flagged').to.equal(null);

    // Opened from the keyboard: the detail shows the limit beside the money.
    rowOf(list, over.id)!.focus();
    await sendKeys({ press: 'Enter' });
    const detail = await until(() => $<ClaimsDetail>(el, 'claims-detail'), 10_000, 'the detail');
    const limit = await until(() => $(detail, '[part~="liability-limit"]'), 10_000, 'the limit');
    expect(text(limit.querySelector('dt'))).to.equal('Límite de responsabilidad del transportista');
    expect(text(limit.querySelector('dd'))).to.contain('957,95 € (CMR art. 23: 8,33 DEG/kg × 100 kg × 1,1500 €/DEG, tipo del 01/11/2026)');
    expect(text(limit.querySelector('[part~="over-limit"]'))).to.equal('El importe reclamado supera el límite');
    const weight = [...detail.shadowRoot!.querySelectorAll('.fact')].find((fact) => text(fact.querySelector('dt')) === 'Peso bruto');
    expect(text(weight?.querySelector('dd'))).to.equal('100 kg');
    await expect(detail).to.be.accessible();

    // The claim within its limit shows the limit, unflagged.
    el.claimId = within.id;
    await until(() => text($(detail, 'h2')) === within.reference && $(detail, '[part~="liability-limit"]'), 10_000, 'the other claim');
    expect(text($(detail, '[part~="liability-limit"] dd'))).to.contain('957,95 €');
    expect($(detail, '[part~="over-limit"]')).to.equal(null);
  });

  it('counts Ley 15/2009 within Spain, says why a claim has no limit, and shows the company the weight only (en)', async () => {
    const tag = tagged();
    const company = uniqueCompany();
    const handlerToken = await tokenFor('operator', { role: 'handler' });
    await recordRate(handlerToken, 'iprem-daily-eur', '20.00', '2026-01-01');
    const national = { carrier: `Seur ${tag}`, scope: 'national', originCountry: 'ES', destinationCountry: 'ES' };
    const spanish = await createClaim(company, { ...national, grossWeightKg: 100, declaredValue: eur(60_000) });
    const weightless = await createClaim(company, { ...national, declaredValue: eur(60_000) });
    const french = await createClaim(company, { ...national, originCountry: 'FR', destinationCountry: 'FR', grossWeightKg: 100 });

    const { el, list } = await consoleFor(tag, 'en');
    await until(() => rowOf(list, spanish.id) && rowOf(list, weightless.id), 10_000, 'both claims in the queue');
    expect($$(list, '[part~="over-limit"]'), '600 € is within 666.67 €').to.have.length(0);

    el.claimId = spanish.id;
    const detail = await until(() => $<ClaimsDetail>(el, 'claims-detail'), 10_000, 'the detail');
    const limit = await until(() => $(detail, '[part~="liability-limit"]'), 10_000, 'the limit');
    expect(text(limit.querySelector('dt'))).to.equal('Carrier’s liability limit');
    expect(text(limit.querySelector('dd'))).to.equal('€666.67 (Ley 15/2009 art. 57: 1/3 of €20.00/day of IPREM per kg × 100 kg, rate of 01/01/2026)');

    el.claimId = weightless.id;
    await until(() => text($(detail, 'h2')) === weightless.reference, 10_000, 'the claim without a weight');
    const missing = await until(() => $(detail, '[part~="liability-limit"]'), 10_000, 'why there is no limit');
    expect(text(missing.querySelector('dd'))).to.contain('Not computed: the shipment’s gross weight is missing, and Ley 15/2009 art. 57 counts per kilo.');
    el.claimId = french.id;
    await until(() => text($(detail, '[part~="liability-limit"] dd')).includes('France'), 10_000, 'the claim no rule covers');
    expect(text($(detail, '[part~="liability-limit"] dd'))).to.equal('Not computed: Claimdesk knows no rule limiting carriage within France.');

    // The company's own view of the same claim: its weight, and no limit (the API does not send it).
    const customer = await fixture<ClaimsDetail>(
      html`<claims-detail api-base=${await apiBase()} token=${await tokenFor(company)} claim-id=${spanish.id} lang="en"></claims-detail>`,
    );
    await until(() => $(customer, 'h2'), 10_000, 'the customer’s detail');
    const facts = [...customer.shadowRoot!.querySelectorAll('.fact')].map((fact) => [text(fact.querySelector('dt')), text(fact.querySelector('dd'))]);
    expect(facts).to.deep.include(['Gross weight', '100 kg']);
    expect($(customer, '[part~="liability-limit"]')).to.equal(null);
  });
});
