import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { TaskStatus } from '@lit/task';
import { ANALYTICS_MAX_DAYS } from '../../../domain/analytics.ts';
import { SCOPES } from '../../../domain/constants.ts';
import { ApiError } from '../../internal/api-error.ts';
import { ClaimsElement } from '../../internal/claims-element.ts';
import { cached, DATE_TIME, date, money, timeLeft } from '../../internal/format.ts';
import { saveFile } from '../../internal/save-file.ts';
import type { ClaimsSession } from '../../internal/session.ts';
import { CLAIM_STATUSES, CLAIM_TYPES, type AnalyticsDashboard, type AnalyticsAmounts, type ClaimType, type Scope } from '../../internal/types.ts';
import type { AnalyticsPeriodName, AnalyticsTranslation } from '../../translations/translation.ts';
import { analyticsCatalogue } from '../../translations/analytics.ts';
import { consoleCatalogue } from '../../translations/console.ts';
import { problemsCatalogue } from '../../translations/problems.ts';
import { tokens } from '../../themes/tokens.styles.ts';
import { AnalyticsApi } from './claims-analytics.api.ts';
import { perSession } from '../../internal/api-client.ts';
import { hbar, legend, lines, PlotWidths, seriesKeys, stackedBars, textures, type Key } from './claims-analytics.charts.ts';
import { PERIOD_NAMES, presetRange, rangeProblems, type DayRange, type RangeProblems } from './claims-analytics.period.ts';
import { toCsv, type Cell, type CsvValue, type PanelTable } from './claims-analytics.table.ts';
import { styles } from './claims-analytics.styles.ts';
import '../../events/claims-queue-requested.ts';


/** The panels, each a section with its table and CSV. */
type PanelName = 'volume' | 'times' | 'money' | 'deadlines' | 'carriers' | 'handlers';

/** The dashboard as loaded, and for whom (a user switch must not show the previous user's figures). */
interface Snapshot {
  session: ClaimsSession;
  dashboard: AnalyticsDashboard;
}

const apiOf = perSession(AnalyticsApi);

const cell = (value: CsvValue, text = value === null ? '' : String(value)): Cell => ({ value, text });
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
/** The day `n` days after `day` (both YYYY-MM-DD). */
const daysAfter = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
/** An amount in currency units, as the CSV carries it: 1840.5 for 184 050 cents. */
const units = (cents: number) => cents / 100;

/** Whether the period holds nothing at all: no claim opened, open, moved, resolved, due or handled, and none at risk now. */
function isEmpty(d: AnalyticsDashboard): boolean {
  return (
    d.volume.weeks.every((w) => sum(Object.values(w.opened)) === 0) &&
    d.volume.backlog.every((b) => sum(Object.values(b.byStatus)) === 0) &&
    d.times.phases.every((p) => p.count === 0) &&
    d.times.toOutcome.count === 0 &&
    d.money.totals.length === 0 &&
    d.deadlines.onTime + d.deadlines.missed + d.deadlines.atRisk.count === 0 &&
    d.carriers.length === 0 &&
    d.handlers.length === 0
  );
}

/**
 * The claims team's dashboard: for a period (this month, the last 30 or 90 days, this year, or
 * any from–to) and optionally one company, carrier, type or scope, the claims opened per week by
 * type and the backlog by phase, the time spent in each phase and to the outcome, what was
 * claimed and recovered (per currency, by carrier and by type), the filing deadlines met and
 * missed with the claims at risk now, a scorecard per carrier and one per handler. Every chart
 * has its figures in a table beside it, and every panel downloads its table as CSV. For claims
 * handlers: anyone else is told it is for the claims team, and nothing is asked of the API.
 * `<claims-console>` opens it from its Analytics view.
 *
 * Keyboard: the period, dates and filters are native fields; each panel's "Show the data as a
 * table" is a disclosure (Enter or Space); a claim at risk is a button that opens it in the queue.
 *
 * @tag claims-analytics
 *
 * @attr api-base - Base URL of the API; optional inside a configured element (`<claims-console>`).
 * @attr token - The handler's token; optional inside a configured element.
 * @attr lang - `es`, `en`, `pt`, `fr`, `de`, `it` or `ca`; a region is ignored (`fr-CA` is French).
 * @attr period - `month` (default: this month up to today), `30d`, `90d`, `year` (this year up to today) or `custom` (`from`–`to`).
 * @attr from - First day of a custom period (YYYY-MM-DD).
 * @attr to - Last day of a custom period (YYYY-MM-DD), at most two years after `from`.
 * @attr company-id - Only this company's claims; empty for all.
 * @attr carrier - Only claims against this carrier; empty for all.
 * @attr type - Only claims of this type (`breakage`, `robbery`, `theft`, `loss`); empty for all.
 * @attr scope - Only `national` or only `international` claims; empty for both.
 *
 * @fires {ClaimsQueueRequestedDetail} claims-queue-requested - A claim at risk (or "show them all in the queue") was chosen: the console shows its queue filtered to the claims at risk. Detail: `{ deadline: 'at_risk', claimId }`.
 * @fires {ClaimsErrorDetail} claims-error - A request failed.
 *
 * @csspart base - The wrapper.
 * @csspart heading - The dashboard's heading.
 * @csspart refresh-button - Loads the figures again.
 * @csspart controls - The period and the filters.
 * @csspart period-select - The period.
 * @csspart date-input - The first and last day of a custom period.
 * @csspart apply-button - Applies a custom period.
 * @csspart filter-select - One filter: company, carrier, type or scope.
 * @csspart panels - The panels.
 * @csspart panel - One panel (also `volume-panel`, `times-panel`, `money-panel`, `deadlines-panel`, `carriers-panel`, `handlers-panel`).
 * @csspart chart - A chart (SVG).
 * @csspart legend - A chart's key.
 * @csspart table-toggle - The disclosure holding a chart's table.
 * @csspart table - A panel's table.
 * @csspart csv-button - Downloads a panel's table as CSV.
 * @csspart at-risk-link - A claim at risk of missing its deadline, and the button that shows them all in the queue.
 * @csspart state - Loading, empty, error and staff-only states.
 *
 * @cssprop --claims-color-chart-1 - First series of a chart (and medians, amounts claimed).
 * @cssprop --claims-color-chart-2 - Second series (and 90th percentiles).
 * @cssprop --claims-color-chart-3 - Third series.
 * @cssprop --claims-color-chart-4 - Fourth series.
 * @cssprop --claims-color-chart-5 - Fifth series (and amounts recovered).
 * @cssprop --claims-color-success - Deadlines met.
 * @cssprop --claims-color-danger - Deadlines missed, and the claims at risk.
 * @cssprop --claims-color-surface - Background, and the textures over the series after the first.
 * @cssprop --claims-color-surface-raised - Panels' background.
 */
export class ClaimsAnalytics extends ClaimsElement {
  static override styles = [tokens, styles];
  // The console's words for the "over the limit" flag, as the queue shows it.
  static override catalogues = [analyticsCatalogue, consoleCatalogue, problemsCatalogue];

  /** `month`, `30d`, `90d`, `year` (each up to today) or `custom` (`from`–`to`). */
  @property({ reflect: true }) accessor period: AnalyticsPeriodName = 'month';

  /** First day of a custom period (YYYY-MM-DD). */
  @property() accessor from = '';

  /** Last day of a custom period (YYYY-MM-DD). */
  @property() accessor to = '';

  /** Only this company's claims; empty for all. */
  @property({ attribute: 'company-id' }) accessor companyId = '';

  /** Only claims against this carrier; empty for all. */
  @property() accessor carrier = '';

  /** Only claims of this type; empty for all. */
  @property() accessor type: ClaimType | '' = '';

  /** Only national or only international claims; empty for both. */
  @property() accessor scope: Scope | '' = '';

  /** What is wrong with the custom period typed, said beside its fields. */
  @state() private accessor problems: RangeProblems = {};
  @state() private accessor announcement = '';

  #plots = new PlotWidths(this);
  /** Carriers seen in this session's answers: the carrier filter offers them all, whichever is chosen now. */
  #carriers = new WeakMap<ClaimsSession, Set<string>>();
  #focusAfterUpdate: (() => void) | null = null;

  /** The caller: only a claims handler has analytics. */
  #me = this.loadTask({ live: false, report: 'me', args: () => [], load: (session) => session.me() });

  get #staff(): true | null {
    return this.#me.value?.role === 'handler' || null;
  }

  #companies = this.loadTask({ live: false, args: () => [this.#staff], load: (session, _, signal) => session.api.companies({ signal }) });

  // Not followed live: a dashboard recounted at every event of every company would cost the
  // database more than it tells. It says when it was counted, and Refresh counts again.
  #dashboard = this.loadTask({
    live: false,
    report: 'analytics',
    args: () => {
      const range = this.#range;
      return [this.#staff, range?.from ?? null, range?.to ?? null, this.companyId, this.carrier, this.type, this.scope] as const;
    },
    load: async (session, [, from, to, companyId, carrier, type, scope], signal): Promise<Snapshot> => {
      const filters = { companyId: companyId || undefined, carrier: carrier || undefined, type: type || undefined, scope: scope || undefined };
      const dashboard = await apiOf(session).dashboard({ from, to, ...filters }, { signal });
      return { session, dashboard };
    },
  });

  get #t(): AnalyticsTranslation {
    return this.localize(analyticsCatalogue);
  }

  get #periodName(): AnalyticsPeriodName {
    return PERIOD_NAMES.includes(this.period) ? this.period : 'month';
  }

  /** The period to ask for; null while a custom one is not a period the API takes. */
  get #range(): DayRange | null {
    const name = this.#periodName;
    if (name !== 'custom') return presetRange(name);
    const range = { from: this.from, to: this.to };
    return Object.keys(rangeProblems(range)).length ? null : range;
  }

  get #snapshot(): AnalyticsDashboard | undefined {
    const value = this.#dashboard.value;
    return value && value.session === this.session ? value.dashboard : undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const value = this.#dashboard.value;
    if (value) {
      const seen = this.#carriers.get(value.session) ?? new Set();
      for (const row of value.dashboard.carriers) seen.add(row.carrier);
      this.#carriers.set(value.session, seen);
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const focus = this.#focusAfterUpdate;
    this.#focusAfterUpdate = null;
    focus?.();
  }

  // ---- formats

  #count(n: number): string {
    return cached(`${this.locale} count`, () => new Intl.NumberFormat(this.locale)).format(n);
  }

  #unit(value: number, unit: 'hour' | 'day' | 'minute'): string {
    const format = cached(`${this.locale} ${unit}`, () => new Intl.NumberFormat(this.locale, { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: 1 }));
    return format.format(value);
  }

  /** Hours as a person reads them: in hours up to two days, in days beyond. */
  #hours(hours: number | null): string {
    if (hours === null) return this.#t.none;
    return hours < 48 ? this.#unit(hours, 'hour') : this.#unit(hours / 24, 'day');
  }

  /** A table's cell of hours (its column says "(h)"): written in hours, as its CSV has them. */
  #hoursCell(hours: number | null): Cell {
    return hours === null ? cell(null, this.#t.none) : cell(hours, this.#unit(hours, 'hour'));
  }

  /** A table's cell of minutes (its column says "(min)"). */
  #minutesCell(minutes: number | null): Cell {
    return minutes === null ? cell(null, this.#t.none) : cell(minutes, this.#unit(minutes, 'minute'));
  }

  #rate(rate: number | null): string {
    if (rate === null) return this.#t.none;
    return cached(`${this.locale} percent`, () => new Intl.NumberFormat(this.locale, { style: 'percent', maximumFractionDigits: 1 })).format(rate);
  }

  #money(cents: number, currency: string): string {
    return money({ amountCents: cents, currency }, this.locale);
  }

  /** A day (YYYY-MM-DD) as the reader writes it; the API's days are UTC days, so it is written in UTC. */
  #day(day: string, options: Intl.DateTimeFormatOptions = { dateStyle: 'medium' }): string {
    return date(`${day}T00:00:00Z`, this.locale, { ...options, timeZone: 'UTC' });
  }

  #companyName(id: string): string {
    return this.#companies.value?.find((c) => c.id === id)?.name ?? id;
  }

  // ---- actions

  #choosePeriod(name: AnalyticsPeriodName): void {
    this.problems = {};
    // A custom period starts as the one on screen, for the reader to change.
    if (name === 'custom' && Object.keys(rangeProblems({ from: this.from, to: this.to })).length) {
      const shown = this.#range ?? presetRange('month');
      this.from = shown.from;
      this.to = shown.to;
    }
    this.period = name;
  }

  #applyRange(e: SubmitEvent): void {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const field = (name: string) => (form.elements.namedItem(name) as HTMLInputElement | null)?.value ?? '';
    const range = { from: field('from'), to: field('to') };
    const problems = rangeProblems(range);
    this.problems = problems;
    if (problems.from || problems.to) {
      this.#focusAfterUpdate = () => this.renderRoot.querySelector<HTMLElement>(problems.from ? '#from' : '#to')?.focus();
      return;
    }
    this.from = range.from;
    this.to = range.to;
  }

  #clearFilters(): void {
    this.companyId = this.carrier = this.type = this.scope = '';
    this.#focusAfterUpdate = () => this.renderRoot.querySelector<HTMLElement>('#period')?.focus();
  }

  #download(name: PanelName, table: PanelTable): void {
    const period = this.#snapshot?.period;
    const file = `claimdesk-${name}${period ? `-${period.from}-${period.to}` : ''}.csv`;
    saveFile(new Blob([toCsv(table)], { type: 'text/csv;charset=utf-8' }), file);
    this.announcement = this.#t.csvSaved(file);
  }

  #openQueue(claimId: string | null): void {
    this.emit('claims-queue-requested', { deadline: 'at_risk', claimId });
  }

  // ---- render

  override render() {
    const t = this.#t;
    const me = this.#me.value;
    if (!me || me.role !== 'handler') {
      return html`<div part="base" class="base" lang=${this.language}>
        ${me
          ? this.#renderStaffOnly()
          : this.#me.render({
              initial: () => this.renderLoading(),
              pending: () => this.renderLoading(),
              error: (error) => this.#renderProblem(error, () => void this.#me.run()),
            })}
      </div>`;
    }
    const dashboard = this.#snapshot;
    return html`<div part="base" class="base" lang=${this.language}>
      ${textures}
      <div class="head">
        <h2 id="title" part="heading">${t.title}</h2>
        <p class="as-of">
          ${dashboard ? html`<span>${t.asOf(date(dashboard.asOf, this.locale, DATE_TIME))}</span>` : nothing}
          <button
            type="button"
            part="refresh-button"
            class="btn ghost"
            ?disabled=${this.#dashboard.status === TaskStatus.PENDING || !this.#range}
            @click=${() => void this.#dashboard.run()}
          >
            ${t.refresh}
          </button>
        </p>
      </div>
      ${this.#renderControls()}
      ${this.#renderBody()}
      <div class="sr-only" role="status" aria-live="polite">${this.announcement}</div>
    </div>`;
  }

  #renderStaffOnly() {
    const t = this.#t;
    return html`<div part="state" class="state"><h2>${t.staffOnlyTitle}</h2><p>${t.staffOnlyBody}</p></div>`;
  }

  #renderProblem(error: unknown, retry: () => void) {
    return error instanceof ApiError && error.status === 403 ? this.#renderStaffOnly() : this.renderFailure(error, retry);
  }

  #renderControls() {
    const t = this.#t;
    const name = this.#periodName;
    const range = this.#range;
    const filtered = !!(this.companyId || this.carrier || this.type || this.scope);
    const carriers = [...new Set([...(this.session ? (this.#carriers.get(this.session) ?? []) : []), ...(this.carrier ? [this.carrier] : [])])].sort((a, b) =>
      a.localeCompare(b, this.locale),
    );
    const select = (id: string, label: string, value: string, any: string, options: Array<[string, string]>, change: (value: string) => void) =>
      html`<label class="field" for=${id}
        >${label}
        <select id=${id} part="filter-select" .value=${value} @change=${(e: Event) => change((e.target as HTMLSelectElement).value)}>
          <option value="">${any}</option>
          ${options.map(([v, text]) => html`<option value=${v} ?selected=${v === value}>${text}</option>`)}
        </select></label
      >`;
    return html`<div part="controls" class="controls" role="group" aria-label=${t.controls}>
      <div class="row">
        <label class="field" for="period"
          >${t.period}
          <select id="period" part="period-select" .value=${name} @change=${(e: Event) => this.#choosePeriod((e.target as HTMLSelectElement).value as AnalyticsPeriodName)}>
            ${PERIOD_NAMES.map((p) => html`<option value=${p} ?selected=${p === name}>${t.periods[p]}</option>`)}
          </select></label
        >
        ${name === 'custom' ? this.#renderRangeForm() : nothing}
      </div>
      <div class="row">
        ${select(
          'company',
          t.company,
          this.companyId,
          t.anyCompany,
          (this.#companies.value ?? []).map((c) => [c.id, c.name]),
          (v) => (this.companyId = v),
        )}
        ${select('carrier', t.carrier, this.carrier, t.anyCarrier, carriers.map((c) => [c, c]), (v) => (this.carrier = v))}
        ${select('type', t.type, this.type, t.anyType, CLAIM_TYPES.map((c) => [c, this.t.type[c]]), (v) => (this.type = v as ClaimType | ''))}
        ${select('scope', t.scope, this.scope, t.anyScope, SCOPES.map((s) => [s, this.t.scope[s]]), (v) => (this.scope = v as Scope | ''))}
        ${filtered ? html`<button type="button" class="btn ghost" @click=${this.#clearFilters}>${t.clearFilters}</button>` : nothing}
      </div>
      ${range ? html`<p class="range">${t.range(this.#day(range.from), this.#day(range.to))}</p>` : nothing}
    </div>`;
  }

  #renderRangeForm() {
    const t = this.#t;
    const { from, to } = this.problems;
    const message = (key: RangeProblems['from'] | RangeProblems['to']) => (key === 'tooLong' ? t.tooLong(ANALYTICS_MAX_DAYS) : key ? t[key] : '');
    return html`<form class="range-form" novalidate @submit=${this.#applyRange}>
      <span class="field">
        <label for="from">${t.from}</label>
        <input id="from" name="from" type="date" part="date-input" .value=${this.from} aria-invalid=${from ? 'true' : 'false'} aria-describedby="from-error" />
        <span id="from-error" class="error" role="alert">${message(from)}</span>
      </span>
      <span class="field">
        <label for="to">${t.to}</label>
        <input id="to" name="to" type="date" part="date-input" .value=${this.to} aria-invalid=${to ? 'true' : 'false'} aria-describedby="to-error" />
        <span id="to-error" class="error" role="alert">${message(to)}</span>
      </span>
      <button type="submit" part="apply-button" class="btn primary">${t.apply}</button>
    </form>`;
  }

  #renderBody() {
    const t = this.#t;
    const task = this.#dashboard;
    if (task.status === TaskStatus.ERROR) return this.#renderProblem(task.error, () => void task.run());
    const dashboard = this.#snapshot;
    if (!dashboard) return this.#range ? this.renderLoading() : nothing;
    const pending = task.status === TaskStatus.PENDING;
    if (isEmpty(dashboard)) {
      const filtered = !!(this.companyId || this.carrier || this.type || this.scope);
      return html`<div part="state" class="state" aria-busy=${pending ? 'true' : 'false'}>
        <h3>${t.emptyTitle}</h3>
        <p>${t.emptyBody}</p>
        ${filtered ? html`<button type="button" class="btn" @click=${this.#clearFilters}>${t.clearFilters}</button>` : nothing}
      </div>`;
    }
    return html`${pending ? html`<p class="updating" role="status">${t.updating}</p>` : nothing}
      <div part="panels" class="panels ${pending ? 'pending' : ''}" aria-busy=${pending ? 'true' : 'false'}>
        ${this.#renderVolume(dashboard)} ${this.#renderTimes(dashboard)} ${this.#renderMoney(dashboard)} ${this.#renderDeadlines(dashboard)}
        ${this.#renderHandlers(dashboard)} ${this.#renderCarriers(dashboard)}
      </div>`;
  }

  /** A panel: its heading and CSV button, what it shows, and its table (behind a disclosure when a chart shows it). */
  #panel(name: PanelName, title: string, intro: string, table: PanelTable, chart?: unknown) {
    const t = this.#t;
    return html`<section part="panel ${name}-panel" class="panel ${name}" aria-labelledby="${name}-title">
      <header class="panel-head">
        <h3 id="${name}-title">${title}</h3>
        <button type="button" part="csv-button" class="btn csv" aria-label=${t.csvOf(title)} @click=${() => this.#download(name, table)}>${t.csv}</button>
      </header>
      <p class="intro">${intro}</p>
      ${chart === undefined
        ? this.#table(table, title)
        : html`${chart}
            <details part="table-toggle" class="table-toggle">
              <summary>${t.showTable}</summary>
              ${this.#table(table, title)}
            </details>`}
    </section>`;
  }

  #table(table: PanelTable, title: string) {
    if (!table.rows.length) return html`<p class="muted">${this.#t.noData}</p>`;
    const numeric = table.columns.map((_, i) => table.rows.some((row) => typeof row[i]?.value === 'number'));
    // Scrolls sideways on a narrow screen: a region with a name, reachable by Tab so the keyboard scrolls it too.
    return html`<div class="table-wrap" role="region" aria-label=${this.#t.tableOf(title)} tabindex="0">
      <table part="table">
        <thead>
          <tr>
            ${table.columns.map((column, i) => html`<th scope="col" class=${numeric[i] ? 'num' : ''}>${column}</th>`)}
          </tr>
        </thead>
        <tbody>
          ${table.rows.map(
            (row) =>
              html`<tr>
                ${row.map((c, i) => (i === 0 ? html`<th scope="row">${c.text}</th>` : html`<td class=${numeric[i] ? 'num' : ''}>${c.text}</td>`))}
              </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  /** A chart with its title, drawn at its measured width, and its key. */
  #figure(id: string, title: string, chart: (width: number) => unknown, keys: Key[]) {
    return html`<figure class="figure">
      <figcaption>${title}</figcaption>
      <div class="plot" data-plot=${id}>${chart(this.#plots.width(id))}</div>
      ${legend(keys)}
    </figure>`;
  }

  #renderVolume({ volume }: AnalyticsDashboard) {
    const t = this.#t;
    const types = CLAIM_TYPES.map((type) => this.t.type[type]);
    // The phases the backlog counts, as the answer names them, in lifecycle order.
    const statuses = CLAIM_STATUSES.filter((status) => volume.backlog.some((point) => status in point.byStatus));
    const weekLabel = (day: string) => this.#day(day, { day: 'numeric', month: 'short' });
    const weekTitle = (day: string) => t.week(this.#day(day));
    const opened = volume.weeks.map((week) => sum(Object.values(week.opened)));
    const table: PanelTable = {
      columns: [t.weekOf, ...types.map(t.opened), t.openedTotal, t.openOn, ...statuses.map((s) => t.openIn(this.t.status[s]))],
      rows: volume.weeks.map((week, i) => {
        // The backlog is counted at the end of each week begun (its Sunday, or today): a week to come has none.
        const point = volume.backlog.find((p) => p.date >= week.weekStart && p.date <= daysAfter(week.weekStart, 6));
        return [
          cell(week.weekStart, weekTitle(week.weekStart)),
          ...CLAIM_TYPES.map((type) => cell(week.opened[type], this.#count(week.opened[type]))),
          cell(opened[i]!, this.#count(opened[i]!)),
          point ? cell(point.date, this.#day(point.date)) : cell(null, t.none),
          ...statuses.map((s) => (point ? cell(point.byStatus[s] ?? 0, this.#count(point.byStatus[s] ?? 0)) : cell(null, t.none))),
        ];
      }),
    };
    const format = (n: number) => this.#count(n);
    const charts = html`<div class="charts">
      ${this.#figure(
        'opened',
        t.openedChart,
        (width) =>
          stackedBars({
            width,
            labels: volume.weeks.map((w) => weekLabel(w.weekStart)),
            titles: volume.weeks.map((w) => weekTitle(w.weekStart)),
            series: CLAIM_TYPES.map((type, k) => ({ label: types[k]!, values: volume.weeks.map((w) => w.opened[type]) })),
            summary: t.openedSummary(sum(opened), volume.weeks.length),
            format,
            locale: this.locale,
          }),
        seriesKeys(types, 'bars'),
      )}
      ${this.#figure(
        'backlog',
        t.backlogChart,
        (width) =>
          lines({
            width,
            labels: volume.backlog.map((p) => weekLabel(p.date)),
            titles: volume.backlog.map((p) => this.#day(p.date)),
            series: statuses.map((s) => ({ label: this.t.status[s], values: volume.backlog.map((p) => p.byStatus[s] ?? 0) })),
            summary: t.backlogSummary(volume.backlog.length),
            format,
            locale: this.locale,
          }),
        seriesKeys(
          statuses.map((s) => this.t.status[s]),
          'lines',
        ),
      )}
    </div>`;
    return this.#panel('volume', t.volume, t.volumeIntro, table, charts);
  }

  #renderTimes({ times }: AnalyticsDashboard) {
    const t = this.#t;
    const rows = [...times.phases.map((p) => ({ label: this.t.status[p.status], ...p })), { label: t.toOutcome, ...times.toOutcome }];
    const table: PanelTable = {
      columns: [t.phase, t.stays, t.medianHours, t.p90Hours],
      rows: rows.map((r) => [cell(r.label), cell(r.count, this.#count(r.count)), this.#hoursCell(r.medianHours), this.#hoursCell(r.p90Hours)]),
    };
    const longest = Math.max(0, ...rows.map((r) => r.p90Hours ?? r.medianHours ?? 0));
    const chart = html`<div class="hbars">
        ${rows.map(
          (r, i) => html`<div class="hrow ${i === rows.length - 1 ? 'total' : ''}">
            <span class="hlabel">${r.label}</span>
            ${hbar([
              { share: longest ? (r.medianHours ?? 0) / longest : 0, tone: 'c1' },
              { share: longest ? (r.p90Hours ?? 0) / longest : 0, tone: 'c2', texture: 1 },
            ])}
            <span class="hvalue">${t.spread(r.count, this.#hours(r.medianHours), this.#hours(r.p90Hours))}</span>
          </div>`,
        )}
      </div>
      ${legend([
        { label: t.median, tone: 'c1' },
        { label: t.p90, tone: 'c2', texture: 1 },
      ])}`;
    return this.#panel('times', t.times, t.timesIntro, table, chart);
  }

  #renderMoney({ money: m }: AnalyticsDashboard) {
    const t = this.#t;
    const row = (breakdown: string, name: string, a: AnalyticsAmounts): Cell[] => [
      cell(breakdown),
      cell(name),
      cell(a.currency),
      cell(a.count, this.#count(a.count)),
      cell(units(a.claimedCents), this.#money(a.claimedCents, a.currency)),
      cell(units(a.recoveredCents), this.#money(a.recoveredCents, a.currency)),
      cell(a.recoveryRate, this.#rate(a.recoveryRate)),
      cell(a.overLimit, this.#count(a.overLimit)),
      cell(units(a.aboveLimitCents), this.#money(a.aboveLimitCents, a.currency)),
    ];
    const table: PanelTable = {
      columns: [t.breakdown, t.name, t.currency, t.claims, t.claimed, t.recovered, t.recoveryRate, t.overLimit, t.aboveLimit],
      rows: [
        ...m.totals.map((a) => row(t.total, t.allClaims, a)),
        ...m.byCarrier.map((a) => row(t.byCarrier, a.carrier, a)),
        ...m.byType.map((a) => row(t.byType, this.t.type[a.type], a)),
      ],
    };
    // Amounts in different currencies are never added nor drawn to one scale: a group each.
    const currencies = [...new Set([...m.totals, ...m.byCarrier, ...m.byType].map((a) => a.currency))];
    const bars = (title: string, entries: Array<{ label: string; amounts: AnalyticsAmounts }>, most: number) =>
      entries.length
        ? html`<h5>${title}</h5>
            <div class="hbars">
              ${entries.map(
                ({ label, amounts: a }) => html`<div class="hrow">
                  <span class="hlabel">${label}</span>
                  ${hbar([
                    { share: most ? a.claimedCents / most : 0, tone: 'c1' },
                    { share: most ? a.recoveredCents / most : 0, tone: 'c5', texture: 4 },
                  ])}
                  <span class="hvalue">${t.recoveredOf(this.#money(a.recoveredCents, a.currency), this.#money(a.claimedCents, a.currency), this.#rate(a.recoveryRate))}</span>
                </div>`,
              )}
            </div>`
        : nothing;
    const chart = currencies.length
      ? html`${currencies.map((currency) => {
            const total = m.totals.find((a) => a.currency === currency);
            const carriers = m.byCarrier.filter((a) => a.currency === currency);
            const types = m.byType.filter((a) => a.currency === currency);
            const most = Math.max(0, ...[...carriers, ...types].map((a) => a.claimedCents));
            return html`<div class="currency">
              <h4>
                ${currency}${total
                  ? html`: ${t.recoveredOf(this.#money(total.recoveredCents, currency), this.#money(total.claimedCents, currency), this.#rate(total.recoveryRate))}`
                  : nothing}
              </h4>
              ${total?.overLimit
                ? html`<p part="over-limit" class="over-limit">${t.overLimitNote(total.overLimit, this.#money(total.aboveLimitCents, currency))}</p>`
                : nothing}
              ${bars(t.byCarrier, carriers.map((a) => ({ label: a.carrier, amounts: a })), most)}
              ${bars(t.byType, types.map((a) => ({ label: this.t.type[a.type], amounts: a })), most)}
            </div>`;
          })}
          ${legend([
            { label: t.claimed, tone: 'c1' },
            { label: t.recovered, tone: 'c5', texture: 4 },
          ])}`
      : html`<p class="muted">${t.noData}</p>`;
    return this.#panel('money', t.money, t.moneyIntro, table, chart);
  }

  #renderDeadlines({ deadlines: d }: AnalyticsDashboard) {
    const t = this.#t;
    const { count, withinHours, claims } = d.atRisk;
    const due = d.onTime + d.missed;
    const table: PanelTable = {
      columns: [t.deadlines, t.claims],
      rows: [
        [cell(t.onTime), cell(d.onTime, this.#count(d.onTime))],
        [cell(t.missed), cell(d.missed, this.#count(d.missed))],
        [cell(t.atRisk(withinHours)), cell(count, this.#count(count))],
      ],
    };
    const left = (dueAt: string) => {
      const { days, hours } = timeLeft(dueAt);
      return days ? this.t.daysLeft(days) : this.t.hoursLeft(hours);
    };
    const chart = html`${due
        ? html`<div class="hbars">
              <div class="hrow">
                <span class="hlabel">${t.metShare(this.#rate(d.onTime / due))}</span>
                ${hbar(
                  [
                    { share: d.onTime / due, tone: 'success' },
                    { share: d.missed / due, tone: 'danger', texture: 1 },
                  ],
                  true,
                )}
                <span class="hvalue">${this.#count(d.onTime)} ${t.onTime.toLowerCase()} · ${this.#count(d.missed)} ${t.missed.toLowerCase()}</span>
              </div>
            </div>
            ${legend([
              { label: t.onTime, tone: 'success' },
              { label: t.missed, tone: 'danger', texture: 1 },
            ])}`
        : html`<p class="muted">${t.noData}</p>`}
      <h4 class="at-risk-title">${count ? t.atRiskTitle(count, withinHours) : t.atRiskNone(withinHours)}</h4>
      ${count
        ? html`<ul class="at-risk">
              ${claims.map(
                (claim) => html`<li>
                  <button type="button" part="at-risk-link" class="link" @click=${() => this.#openQueue(claim.id)}>
                    ${t.atRiskClaim(claim.reference, this.#companyName(claim.companyId), left(claim.dueAt))}
                  </button>
                  <span class="muted">${date(claim.dueAt, this.locale, DATE_TIME)}</span>
                  ${claim.overLimit ? html`<span part="over-limit" class="badge over-limit">${this.localize(consoleCatalogue).overLimit}</span>` : nothing}
                </li>`,
              )}
            </ul>
            <button type="button" part="at-risk-link" class="btn" @click=${() => this.#openQueue(null)}>${t.openAtRisk(count)}</button>`
        : nothing}`;
    return this.#panel('deadlines', t.deadlines, t.deadlinesIntro, table, chart);
  }

  #renderCarriers({ carriers }: AnalyticsDashboard) {
    const t = this.#t;
    const table: PanelTable = {
      columns: [t.carrier, t.claims, ...CLAIM_TYPES.map((type) => this.t.type[type]), t.meanRecovery, t.medianToOutcome, t.missedDeadlines, t.overLimitClaims],
      rows: carriers.map((c) => [
        cell(c.carrier),
        cell(c.claims, this.#count(c.claims)),
        ...CLAIM_TYPES.map((type) => cell(c.byType[type], this.#count(c.byType[type]))),
        cell(c.meanRecoveryRate, this.#rate(c.meanRecoveryRate)),
        this.#hoursCell(c.medianHoursToOutcome),
        cell(c.missedDeadlines, this.#count(c.missedDeadlines)),
        cell(c.overLimit, this.#count(c.overLimit)),
      ]),
    };
    return this.#panel('carriers', t.carriers, t.carriersIntro, table);
  }

  #renderHandlers({ handlers }: AnalyticsDashboard) {
    const t = this.#t;
    const table: PanelTable = {
      columns: [t.handler, t.claimsHandled, t.firstAnswers, t.medianFirstAnswer, t.reviews, t.medianReview],
      rows: handlers.map((h) => [
        cell(h.name),
        cell(h.claimsHandled, this.#count(h.claimsHandled)),
        cell(h.firstAnswers, this.#count(h.firstAnswers)),
        this.#minutesCell(h.medianFirstAnswerMinutes),
        cell(h.reviews, this.#count(h.reviews)),
        this.#minutesCell(h.medianReviewMinutes),
      ]),
    };
    return this.#panel('handlers', t.handlers, t.handlersIntro, table);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'claims-analytics': ClaimsAnalytics;
  }
}
