import { expect, fixtureSync, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import './claims-analytics.ts';
import '../claims-console/claims-console.ts';
import type { ClaimsAnalytics } from './claims-analytics.component.ts';
import type { ClaimsConsole } from '../claims-console/claims-console.component.ts';
import type { ClaimsList } from '../claims-list/claims-list.component.ts';
import { dayOf, presetRange, rangeProblems } from './claims-analytics.period.ts';
import { toCsv } from './claims-analytics.table.ts';
import { $, $$, acceptAs, apiBase, createClaim, deepActive, loadDarkTheme, tokenFor, transition, uniqueCompany, until, type TestClaim } from '../../test/helpers.ts';

// The dashboard against the real API, over a small history of a company of its own per test
// (other files create claims at the same time: every dashboard here is filtered to that company).

const DAY = 86_400_000;
const ago = (days: number) => new Date(Date.now() - days * DAY).toISOString();
/** The reader's day `offset` days from today (YYYY-MM-DD). */
const day = (offset: number) => dayOf(new Date(Date.now() + offset * DAY));
/** A period that holds every fact of the history: its deadlines included, the missed one 23 days ago and the latest 29 days ahead. */
const PERIOD = { from: day(-60), to: day(30) };

/** A claims handler of the operator with a name of their own, seen by the API; `id` is their user id. */
async function staff(name: string): Promise<{ token: string; id: string }> {
  const token = await tokenFor('operator', { role: 'handler', sub: `handler-${Math.random().toString(36).slice(2, 8)}`, name });
  const res = await fetch(`${await apiBase()}/me`, { headers: { Authorization: `Bearer ${token}` } });
  return { token, id: ((await res.json()) as { id: string }).id };
}

async function recordRate(token: string, kind: string, value: string, effectiveFrom: string): Promise<void> {
  const res = await fetch(`${await apiBase()}/liability-rates`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ kind, value, effectiveFrom, source: 'widget test' }),
  });
  if (!res.ok) throw new Error(`recording a rate: ${res.status} ${await res.text()}`);
}

async function assign(token: string, claimId: string, handlerId: string): Promise<void> {
  const res = await fetch(`${await apiBase()}/claims/${claimId}/assignee`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ handlerId }),
  });
  if (!res.ok) throw new Error(`assign: ${res.status}`);
}

interface History {
  company: string;
  /** Azkar has the paid breakage and the robbery at risk; Seur the denied loss and the robbery whose deadline passed. */
  azkar: string;
  seur: string;
  handler: string;
  paid: TestClaim;
  denied: TestClaim;
  atRisk: TestClaim;
  missed: TestClaim;
}

/**
 * Four claims opened today: a breakage (1 840 €) and a loss (500 €), each accepted, assigned to a
 * handler of the test's own, reviewed, filed and resolved (1 000 € paid; denied); a robbery due
 * within the warning window (72 h), still notified; and a robbery whose deadline passed 23 days
 * ago without filing.
 */
async function history(): Promise<History> {
  const company = uniqueCompany();
  const tag = Math.random().toString(36).slice(2, 7);
  const [azkar, seur, handlerName] = [`Azkar ${tag}`, `Seur ${tag}`, `Lucía Prieto ${tag}`];
  const handler = await staff(handlerName);
  // The rates the console's liability test records too (recording one again changes nothing).
  await Promise.all([recordRate(handler.token, 'eur-per-sdr', '1.1500', '2026-11-01'), recordRate(handler.token, 'iprem-daily-eur', '20.00', '2026-01-01')]);
  const [paid, denied, atRisk, missed] = await Promise.all([
    // 100 kg under CMR: 8.33 × 100 × 1.15 = 957.95 €, so 882.05 € of the 1 840 € claimed is over the limit.
    createClaim(company, { type: 'breakage', scope: 'international', carrier: azkar, declaredValue: { amountCents: 184_000, currency: 'EUR' }, grossWeightKg: 100 }),
    createClaim(company, { type: 'loss', goods: 'parcel', scope: 'national', carrier: seur, declaredValue: { amountCents: 50_000, currency: 'EUR' } }),
    // Robbery: 7 calendar days from the day after the incident, in Spain: 5 days ago is due within 72 h.
    // 1 kg in Spain: a third of 20 € is 6.67 €, under what it declares.
    createClaim(company, { type: 'robbery', scope: 'national', carrier: azkar, incidentAt: ago(5), grossWeightKg: 1 }),
    createClaim(company, { type: 'robbery', scope: 'national', carrier: seur, incidentAt: ago(30) }),
  ]);
  const outcomes = [
    [paid, { outcome: 'partially_paid', amount: { amountCents: 100_000, currency: 'EUR' } }],
    [denied, { outcome: 'denied' }],
  ] as const;
  await Promise.all(
    outcomes.map(async ([claim, outcome]) => {
      await acceptAs(company, claim.id);
      await assign(handler.token, claim.id, handler.id);
      await transition(claim.id, { to: 'review' });
      await transition(claim.id, { to: 'submitted' });
      await transition(claim.id, { to: 'resolved', ...outcome });
    }),
  );
  return { company, azkar, seur, handler: handlerName, paid, denied, atRisk, missed };
}

async function mount(attrs: { company?: string; role?: 'handler' | 'admin'; lang?: 'es' | 'en'; period?: { from: string; to: string } } = {}) {
  const [base, token] = await Promise.all([apiBase(), tokenFor(attrs.company ?? 'operator', { role: attrs.role ?? 'handler' })]);
  const period = attrs.period ?? PERIOD;
  return fixtureSync<ClaimsAnalytics>(
    html`<claims-analytics
      api-base=${base}
      token=${token}
      lang=${attrs.lang ?? 'en'}
      period="custom"
      from=${period.from}
      to=${period.to}
      company-id=${attrs.role === 'admin' ? '' : (attrs.company ?? '')}
    ></claims-analytics>`,
  );
}

/** A panel's table as the reader sees it: one array of cell texts per row, headers first. */
function tableOf(el: ClaimsAnalytics, panel: string): string[][] {
  const table = $(el, `[part~="${panel}-panel"] table`);
  if (!table) return [];
  return [...table.querySelectorAll('tr')].map((row) => [...row.querySelectorAll('th, td')].map((c) => c.textContent!.replace(/\s+/g, ' ').trim()));
}

const panelsShown = (el: ClaimsAnalytics) => until(() => $(el, '[part~="panels"][aria-busy="false"]'), 15_000, 'the panels');

/** Records the dashboard's requests (path and query) as they leave; `restore()` puts fetch back. */
function watchRequests() {
  const asked: URL[] = [];
  const realFetch = window.fetch;
  window.fetch = (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (url.pathname.endsWith('/analytics')) asked.push(url);
    return realFetch(input, init);
  };
  return { asked, restore: () => (window.fetch = realFetch) };
}

/** Records what the page saves through a download link (instead of the browser's downloads). */
function watchDownloads() {
  const saved: Array<Promise<{ name: string; text: string }>> = [];
  const click = HTMLAnchorElement.prototype.click;
  HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
    const { href, download } = this;
    saved.push(fetch(href).then(async (res) => ({ name: download, text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer()) })));
  };
  return { saved, restore: () => (HTMLAnchorElement.prototype.click = click) };
}

const choose = (select: HTMLSelectElement, value: string) => {
  select.value = value;
  select.dispatchEvent(new Event('change'));
};

describe('<claims-analytics>', () => {
  it('shows a handler each panel with the figures of a known history', async () => {
    const h = await history();
    const el = await mount({ company: h.company });
    await panelsShown(el);

    // Volume: the week of today has the four claims by type, and two of them still open, two resolved.
    const volume = tableOf(el, 'volume');
    expect(volume[0]).to.deep.equal([
      'Week of',
      'New: Breakage',
      'New: Robbery',
      'New: Theft',
      'New: Loss',
      'New: total',
      'Open on',
      'Open: Notified',
      'Open: Documentation',
      'Open: In review',
      'Open: Submitted',
      'Open: Resolved',
    ]);
    const withClaims = volume.slice(1).filter((row) => row[5] !== '0');
    expect(withClaims.length, 'one week with new claims').to.equal(1);
    expect(withClaims[0]!.slice(1, 6)).to.deep.equal(['1', '2', '0', '1', '4']);
    expect(withClaims[0]!.slice(7)).to.deep.equal(['2', '0', '0', '0', '2']);
    expect($(el, '[part~="volume-panel"] svg[role="img"]')!.getAttribute('aria-label')).to.contain('4 new claims');

    // Times: each phase the two resolved claims went through, and notification to outcome.
    const times = tableOf(el, 'times');
    expect(times[0]).to.deep.equal(['Phase', 'Count', 'Median (h)', '90th percentile (h)']);
    expect(times.slice(1).map((row) => row.slice(0, 2))).to.deep.include.members([
      ['Notified', '2'],
      ['Documentation', '2'],
      ['In review', '2'],
      ['Submitted', '2'],
      ['Notification to outcome', '2'],
    ]);

    // Money: claimed and recovered, in total, by carrier and by type, and what was claimed over the carrier's limit.
    expect(tableOf(el, 'money')).to.deep.equal([
      ['Breakdown', 'Name', 'Currency', 'Claims', 'Claimed', 'Recovered', 'Recovery rate', 'Over the limit', 'Amount above the limit'],
      ['Total', 'All', 'EUR', '2', '€2,340.00', '€1,000.00', '42.7%', '1', '€882.05'],
      ['By carrier', h.azkar, 'EUR', '1', '€1,840.00', '€1,000.00', '54.4%', '1', '€882.05'],
      ['By carrier', h.seur, 'EUR', '1', '€500.00', '€0.00', '0%', '0', '€0.00'],
      ['By type', 'Breakage', 'EUR', '1', '€1,840.00', '€1,000.00', '54.4%', '1', '€882.05'],
      ['By type', 'Loss', 'EUR', '1', '€500.00', '€0.00', '0%', '0', '€0.00'],
    ]);
    expect($(el, '[part~="money-panel"] [part~="over-limit"]')!.textContent!.trim()).to.equal(
      '1 claim claimed more than the carrier’s liability limit: €882.05 that no outcome could recover.',
    );

    // Deadlines: both filed claims met theirs, one robbery missed it, the other is at risk now.
    expect(tableOf(el, 'deadlines')).to.deep.equal([
      ['Deadlines', 'Claims'],
      ['Met', '2'],
      ['Missed', '1'],
      ['At risk now (due within 72 h)', '1'],
    ]);
    const atRisk = $$(el, '[part~="at-risk-link"]');
    expect(atRisk.map((b) => b.textContent!.replace(/\s+/g, ' ').trim())[0]).to.match(new RegExp(`^${h.atRisk.reference} · .+ · (\\d+ days? left|\\d+ hours? left)$`));
    expect(atRisk[1]!.textContent!.trim()).to.equal('Show the claim at risk in the queue');
    expect($$(el, '.at-risk [part~="over-limit"]').map((flag) => flag.textContent!.trim()), 'the robbery claims more than its 6.67 € limit').to.deep.equal(['Over the limit']);

    // Carriers and handlers.
    const carriers = tableOf(el, 'carriers');
    expect(carriers[0]).to.deep.equal(['Carrier', 'Claims', 'Breakage', 'Robbery', 'Theft', 'Loss', 'Mean recovery', 'Median to outcome (h)', 'Missed deadlines', 'Over the limit']);
    expect(carriers.slice(1).map((row) => [...row.slice(0, 7), row[8], row[9]])).to.deep.equal([
      [h.azkar, '2', '1', '1', '0', '0', '54.3%', '0', '1'],
      [h.seur, '2', '0', '1', '0', '1', '0%', '1', '0'],
    ]);
    expect(tableOf(el, 'handlers')).to.deep.equal([
      ['Handler', 'Claims assigned', 'First answers', 'Median first answer (min)', 'Reviews', 'Median review (min)'],
      [h.handler, '2', '0', '—', '0', '—'],
    ]);
    await expect(el).to.be.accessible();
  });

  it('speaks Spanish, with Spanish numbers and dates', async () => {
    const h = await history();
    const el = await mount({ company: h.company, lang: 'es' });
    await panelsShown(el);
    expect($(el, '[part~="heading"]')!.textContent).to.equal('Analítica de siniestros');
    expect(tableOf(el, 'money')[1]).to.deep.equal(['Total', 'Todos', 'EUR', '2', '2340,00 €', '1000,00 €', '42,7 %', '1', '882,05 €']);
    expect($(el, '[part~="money-panel"] [part~="over-limit"]')!.textContent!.replace(/\s+/g, ' ').trim()).to.equal(
      '1 siniestro reclamaba más que el límite de responsabilidad del transportista: 882,05 € que ningún resultado podía recuperar.',
    );
    expect(tableOf(el, 'deadlines')[3]).to.deep.equal(['En riesgo ahora (vencen en 72 h)', '1']);
    expect($(el, '.range')!.textContent).to.match(/^Del \d+ \w+ \d{4} al \d+ \w+ \d{4}$/);
  });

  it('downloads a panel’s table as CSV: a header row, RFC 4180, numbers unformatted', async () => {
    const h = await history();
    const el = await mount({ company: h.company });
    await panelsShown(el);
    const watch = watchDownloads();
    try {
      $<HTMLButtonElement>(el, '[part~="money-panel"] [part~="csv-button"]')!.click();
      $<HTMLButtonElement>(el, '[part~="carriers-panel"] [part~="csv-button"]')!.click();
      await until(() => watch.saved.length === 2, 5000, 'two files');
      const [money, carriers] = await Promise.all(watch.saved);
      expect(money!.name).to.equal(`claimdesk-money-${PERIOD.from}-${PERIOD.to}.csv`);
      expect(money!.text).to.equal(
        '\ufeffBreakdown,Name,Currency,Claims,Claimed,Recovered,Recovery rate,Over the limit,Amount above the limit\r\n' +
          'Total,All,EUR,2,2340,1000,0.4274,1,882.05\r\n' +
          `By carrier,${h.azkar},EUR,1,1840,1000,0.5435,1,882.05\r\n` +
          `By carrier,${h.seur},EUR,1,500,0,0,0,0\r\n` +
          'By type,Breakage,EUR,1,1840,1000,0.5435,1,882.05\r\n' +
          'By type,Loss,EUR,1,500,0,0,0,0\r\n',
      );
      const rows = carriers!.text.replace(/^\ufeff/, '').split('\r\n');
      expect(rows[0]).to.equal('Carrier,Claims,Breakage,Robbery,Theft,Loss,Mean recovery,Median to outcome (h),Missed deadlines,Over the limit');
      // The hours to the outcome are the seconds the test took, rounded to 0.1 h.
      expect(rows[1]).to.match(new RegExp(`^${h.azkar},2,1,1,0,0,0\\.5434,\\d+(\\.\\d)?,0,1$`));
      expect(rows[2]).to.match(new RegExp(`^${h.seur},2,0,1,0,1,0,\\d+(\\.\\d)?,1,0$`));
      expect(rows.slice(3)).to.deep.equal(['']);
      await until(() => $(el, '[role="status"]')!.textContent === `Downloaded claimdesk-carriers-${PERIOD.from}-${PERIOD.to}.csv.`, 5000, 'the announcement');
    } finally {
      watch.restore();
    }
  });

  it('quotes what needs quoting and keeps a formula from running', () => {
    const csv = toCsv({
      columns: ['Carrier', 'Note'],
      rows: [
        [
          { value: 'Transportes "Rápidos", S.A.', text: '' },
          { value: 'two\r\nlines', text: '' },
        ],
        [
          { value: '=HYPERLINK("http://x")', text: '' },
          { value: null, text: '—' },
        ],
      ],
    });
    expect(csv).to.equal('\ufeffCarrier,Note\r\n"Transportes ""Rápidos"", S.A.","two\r\nlines"\r\n"\'=HYPERLINK(""http://x"")",\r\n');
  });

  it('asks again for the period and the filters chosen', async () => {
    const h = await history();
    const watch = watchRequests();
    try {
      const el = await mount({ company: h.company });
      await panelsShown(el);
      expect(Object.fromEntries(watch.asked.at(-1)!.searchParams)).to.deep.equal({ from: PERIOD.from, to: PERIOD.to, companyId: h.company });

      choose($<HTMLSelectElement>(el, '#period')!, '30d');
      await until(() => watch.asked.at(-1)!.searchParams.get('from') === presetRange('30d').from, 5000, 'the last 30 days asked');
      expect(watch.asked.at(-1)!.searchParams.get('to')).to.equal(day(0));

      choose($<HTMLSelectElement>(el, '#type')!, 'robbery');
      await until(() => watch.asked.at(-1)!.searchParams.get('type') === 'robbery', 5000, 'the type asked');
      await until(() => tableOf(el, 'volume').slice(1).some((row) => row[5] === '2'), 10_000, 'two robberies only');
      expect(tableOf(el, 'money').length, 'no robbery resolved').to.equal(0);

      const carrier = $<HTMLSelectElement>(el, '#carrier')!;
      await until(() => [...carrier.options].some((o) => o.value === h.seur), 5000, 'the carriers offered');
      choose(carrier, h.seur);
      await until(() => watch.asked.at(-1)!.searchParams.get('carrier') === h.seur, 5000, 'the carrier asked');
      await until(() => tableOf(el, 'carriers').length === 2 && tableOf(el, 'carriers')[1]![0] === h.seur, 10_000, 'Seur only');

      choose($<HTMLSelectElement>(el, '#scope')!, 'international');
      await until(() => $(el, '[part~="state"] h3')?.textContent === 'No claims in this period', 10_000, 'nothing international');
      const clear = [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part~="state"] button')].find((b) => b.textContent!.trim() === 'Clear filters')!;
      clear.click();
      await until(() => !watch.asked.at(-1)!.searchParams.has('type') && !watch.asked.at(-1)!.searchParams.has('scope'), 5000, 'the filters cleared');
      expect(watch.asked.at(-1)!.searchParams.has('companyId')).to.equal(false);
    } finally {
      watch.restore();
    }
  });

  it('checks a custom period before asking, and says what is wrong beside the field', async () => {
    const h = await history();
    const watch = watchRequests();
    try {
      const el = await mount({ company: h.company, period: { from: day(-10), to: day(0) } });
      await panelsShown(el);
      const asked = watch.asked.length;
      const [from, to] = [$<HTMLInputElement>(el, '#from')!, $<HTMLInputElement>(el, '#to')!];
      const apply = $<HTMLButtonElement>(el, '[part~="apply-button"]')!;

      to.value = day(-20);
      apply.click();
      await until(() => $(el, '#to-error')!.textContent === 'The last day cannot be before the first.', 5000, 'the order error');
      expect(to.getAttribute('aria-invalid')).to.equal('true');
      expect(deepActive()).to.equal(to);

      from.value = '2020-01-01';
      to.value = day(0);
      apply.click();
      await until(() => $(el, '#to-error')!.textContent!.startsWith('A period can span at most 731 days'), 5000, 'the length error');

      from.value = '';
      apply.click();
      await until(() => $(el, '#from-error')!.textContent === 'Enter the first day of the period.', 5000, 'the missing day');
      expect(deepActive()).to.equal(from);
      expect(watch.asked.length, 'nothing asked meanwhile').to.equal(asked);

      from.value = day(-3);
      apply.click();
      await until(() => watch.asked.at(-1)!.searchParams.get('from') === day(-3), 5000, 'the period asked');
      expect($(el, '#from-error')!.textContent).to.equal('');
    } finally {
      watch.restore();
    }
  });

  it('tells a customer it is for the claims team, and asks nothing', async () => {
    const watch = watchRequests();
    try {
      const el = await mount({ company: uniqueCompany(), role: 'admin' });
      await until(() => $(el, '[part~="state"] h2'), 10_000, 'the state');
      expect($(el, '[part~="state"] h2')!.textContent).to.equal('Analytics are for the claims team');
      expect($(el, '[part~="panels"], [part~="controls"]')).to.equal(null);
      expect(watch.asked).to.deep.equal([]);
      await expect(el).to.be.accessible();
    } finally {
      watch.restore();
    }
  });

  it('shows a failed load with Retry, in the reader’s words', async () => {
    const h = await history();
    const realFetch = window.fetch;
    window.fetch = async (input, init) =>
      new URL(input instanceof Request ? input.url : String(input)).pathname.endsWith('/analytics')
        ? new Response(JSON.stringify({ type: 'https://claimdesk.dev/problems/unavailable', title: 'Service unavailable', status: 503 }), {
            status: 503,
            headers: { 'Content-Type': 'application/problem+json' },
          })
        : realFetch(input, init);
    const el = await mount({ company: h.company });
    const failed = oneEvent(el, 'claims-error');
    try {
      await until(() => $(el, '[part~="state"][role="alert"] p')?.textContent, 10_000, 'the failure');
      expect($(el, '[part~="state"] p')!.textContent).to.equal('The service is not available right now. Try again in a moment.');
      expect((await failed).detail).to.include({ status: 503, action: 'analytics' });
    } finally {
      window.fetch = realFetch;
    }
    $<HTMLButtonElement>(el, '[part~="state"] button')!.click();
    await panelsShown(el);
    expect(tableOf(el, 'deadlines')[1]).to.deep.equal(['Met', '2']);
  });

  it('is usable by keyboard: the period, the tables and the claims at risk', async () => {
    const h = await history();
    const el = await mount({ company: h.company });
    await panelsShown(el);

    // The period: a native select, changed with the arrow keys.
    const period = $<HTMLSelectElement>(el, '#period')!;
    period.focus();
    await sendKeys({ press: 'ArrowUp' });
    await until(() => el.period === 'year', 5000, 'this year chosen by keyboard');
    await panelsShown(el);

    // A chart's table: the disclosure after the panel's CSV button opens with Enter, and its table is the next stop.
    $<HTMLButtonElement>(el, '[part~="times-panel"] [part~="csv-button"]')!.focus();
    await sendKeys({ press: 'Tab' });
    const toggle = $<HTMLDetailsElement>(el, '[part~="times-panel"] details')!;
    expect(deepActive()).to.equal(toggle.querySelector('summary'));
    expect(toggle.open).to.equal(false);
    await sendKeys({ press: 'Enter' });
    await until(() => toggle.open, 5000, 'the table shown');
    await sendKeys({ press: 'Tab' });
    expect(deepActive()).to.equal(toggle.querySelector('[role="region"]'));

    // The claims at risk: buttons, right after the deadlines panel's CSV button.
    $<HTMLButtonElement>(el, '[part~="deadlines-panel"] [part~="csv-button"]')!.focus();
    await sendKeys({ press: 'Tab' });
    expect(deepActive()!.textContent).to.contain(h.atRisk.reference);
    const one = oneEvent(el, 'claims-queue-requested');
    await sendKeys({ press: 'Enter' });
    expect((await one).detail).to.deep.equal({ deadline: 'at_risk', claimId: h.atRisk.id });
    await sendKeys({ press: 'Tab' });
    const all = oneEvent(el, 'claims-queue-requested');
    await sendKeys({ press: ' ' });
    expect((await all).detail).to.deep.equal({ deadline: 'at_risk', claimId: null });
  });

  it('has no accessibility violations with its tables open, in the light and the dark theme', async () => {
    const h = await history();
    const el = await mount({ company: h.company });
    await panelsShown(el);
    for (const details of $$<HTMLDetailsElement>(el, 'details')) details.open = true;
    await expect(el).to.be.accessible();
    // One dashboard at a time: axe measures contrast on screen, and the first fills it.
    el.remove();

    const link = await loadDarkTheme();
    try {
      const [base, token] = await Promise.all([apiBase(), tokenFor('operator', { role: 'handler' })]);
      const wrapper = fixtureSync<HTMLElement>(
        html`<div class="claims-theme-dark" style="background:#0b0c10">
          <claims-analytics api-base=${base} token=${token} lang="es" period="custom" from=${PERIOD.from} to=${PERIOD.to} company-id=${h.company}></claims-analytics>
        </div>`,
      );
      const dark = wrapper.querySelector('claims-analytics')!;
      await panelsShown(dark);
      expect(getComputedStyle(dark).getPropertyValue('--claims-color-chart-1').trim()).to.equal('#8b8cff');
      for (const details of $$<HTMLDetailsElement>(dark, 'details')) details.open = true;
      await expect(wrapper).to.be.accessible();
    } finally {
      link.remove();
    }
  });

  it('opens from the console, and a claim at risk takes the console to its queue filtered to them', async () => {
    const h = await history();
    const [base, token] = await Promise.all([apiBase(), tokenFor('operator', { role: 'handler', sub: `handler-${Math.random().toString(36).slice(2, 8)}` })]);
    const requests: URL[] = [];
    const realFetch = window.fetch;
    window.fetch = (input, init) => {
      requests.push(new URL(input instanceof Request ? input.url : String(input)));
      return realFetch(input, init);
    };
    try {
      const el = fixtureSync<ClaimsConsole>(html`<claims-console api-base=${base} token=${token} lang="en"></claims-console>`);
      const views = await until(() => $$<HTMLButtonElement>(el, '[part~="view-button"]').length === 2 && $$<HTMLButtonElement>(el, '[part~="view-button"]'), 10_000, 'the views');
      expect(views.map((b) => [b.textContent!.trim(), b.getAttribute('aria-current')])).to.deep.equal([
        ['Queue', 'page'],
        ['Analytics', 'false'],
      ]);
      expect($(el, 'claims-analytics'), 'not loaded before it is opened').to.equal(null);
      views[1]!.click();
      const analytics = await until(() => $<ClaimsAnalytics>(el, 'claims-analytics'), 10_000, 'the analytics');
      await until(() => customElements.get('claims-analytics'), 10_000, 'its module');
      expect(el.view).to.equal('analytics');
      expect($(el, '[part~="base"]')!.hidden).to.equal(true);
      Object.assign(analytics, { period: 'custom', from: PERIOD.from, to: PERIOD.to, companyId: h.company });
      await panelsShown(analytics);

      $$<HTMLButtonElement>(analytics, '[part~="at-risk-link"]').find((b) => b.textContent!.includes(h.atRisk.reference))!.click();
      await until(() => el.view === 'queue' && el.claimId === h.atRisk.id, 5000, 'the claim open in the queue');
      expect(analytics.hidden, 'the analytics kept, hidden').to.equal(true);
      expect($(el, '[part~="deadline-filter"]')!.textContent).to.contain('Only the claims about to miss their filing deadline.');
      const list = $<ClaimsList>(el, 'claims-list')!;
      await until(() => requests.some((u) => u.pathname.endsWith('/claims') && u.searchParams.get('deadline') === 'at_risk'), 10_000, 'the queue asked for the claims at risk');
      await until(() => $$(list, '[part~="row"]').some((row) => row.dataset['id'] === h.atRisk.id), 10_000, 'its row');
      expect($$(list, '[part~="row"]').map((row) => row.dataset['id'])).to.not.include.members([h.paid.id, h.missed.id]);

      // Show all: the filter goes, and the queue is the whole queue again.
      const before = requests.length;
      [...$(el, '[part~="deadline-filter"]')!.querySelectorAll('button')][0]!.click();
      await until(() => !$(el, '[part~="deadline-filter"]'), 5000, 'the filter gone');
      const whole = (u: URL) => u.pathname.endsWith('/claims') && !u.searchParams.has('deadline') && u.searchParams.get('limit') !== '1';
      await until(() => requests.slice(before).some(whole), 10_000, 'the whole queue asked');

      // Back to the analytics: as they were, without asking again.
      const asked = requests.filter((u) => u.pathname.endsWith('/analytics')).length;
      views[1]!.click();
      await until(() => !analytics.hidden, 5000, 'the analytics shown');
      expect(analytics.companyId).to.equal(h.company);
      expect(requests.filter((u) => u.pathname.endsWith('/analytics')).length).to.equal(asked);
    } finally {
      window.fetch = realFetch;
    }
  });

  it('knows the periods it offers and what it refuses in a custom one', () => {
    const today = new Date(2026, 11, 9);
    expect(presetRange('month', today)).to.deep.equal({ from: '2026-12-01', to: '2026-12-09' });
    expect(presetRange('30d', today)).to.deep.equal({ from: '2026-11-10', to: '2026-12-09' });
    expect(presetRange('90d', today)).to.deep.equal({ from: '2026-09-11', to: '2026-12-09' });
    expect(presetRange('year', today)).to.deep.equal({ from: '2026-01-01', to: '2026-12-09' });
    expect(rangeProblems({ from: '2026-02-30', to: '2026-03-01' })).to.deep.equal({ from: 'fromRequired' });
    expect(rangeProblems({ from: '2026-03-01', to: '' })).to.deep.equal({ to: 'toRequired' });
    expect(rangeProblems({ from: '2026-03-02', to: '2026-03-01' })).to.deep.equal({ to: 'order' });
    expect(rangeProblems({ from: '2024-01-01', to: '2025-12-31' })).to.deep.equal({});
    expect(rangeProblems({ from: '2024-01-01', to: '2026-01-01' })).to.deep.equal({ to: 'tooLong' });
  });
});
