import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { AT_RISK_LISTED } from '../../domain/analytics.ts';
import { CLAIM_TYPES, type ClaimStatus, type ClaimType } from '../../domain/constants.ts';
import { isPostgres, type DB } from '../db/connect.ts';
import type { AnalyticsFilters, CarriersPanel, DeadlinesPanel, HandlersPanel, MoneyPanel, Spread, TimesPanel, VolumePanel } from './analytics.schema.ts';
import { backlogPoints, BACKLOG_STATUSES, dayOf, weeksOf, windowOf, type Period } from './periods.ts';

// The panels, from the analytics read models (read-models.ts); nothing here reads claims,
// claim_events or messages. Each query reads one range of one index — the time the counted fact
// happened, within the period — and that index holds every column the query reads and filters
// on. The claims opened and the backlog come from the stays counted per day
// (analytics_phase_days), which has no company or carrier: narrowed to one, they are counted from
// the claims and the stays themselves.
//
// Medians and 90th percentiles are nearest-rank: of n values sorted, the ⌈n·p⌉-th (the median of
// an even n is the lower middle value, never an average). The period's values — whole seconds —
// are read per group in one JSON array and ranked here, so both engines give the same answers;
// hours and minutes are rounded to 0.1 once ranked.

type Table = 'analytics_claims' | 'analytics_phase_stays' | 'analytics_reviews';

/** What one request asks: the period, its filters, now, and the deadline warning window. */
export interface AnalyticsScope {
  period: Period;
  filters: AnalyticsFilters;
  now: Date;
  atRiskHours: number;
}

/** A claim whose amount claimed (else its declared value) is over the carrier's liability limit, as its detail flags it. */
const OVER_LIMIT = sql<SqlBool>`limit_cents is not null and claimed_cents > limit_cents`;

const toHours = (seconds: number | null) => (seconds === null ? null : Math.round(seconds / 360) / 10);
const toMinutes = (seconds: number | null) => (seconds === null ? null : Math.round(seconds / 6) / 10);
const rateOf = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : null);
const byType = () => Object.fromEntries(CLAIM_TYPES.map((type) => [type, 0])) as Record<ClaimType, number>;
const byStatus = () => Object.fromEntries(BACKLOG_STATUSES.map((status) => [status, 0])) as Record<string, number>;

/** Nearest-rank median and 90th percentile of values sorted ascending, in integer arithmetic; nulls for none. */
function ranks(sorted: Float64Array): { n: number; p50: number | null; p90: number | null } {
  const n = sorted.length;
  if (n === 0) return { n, p50: null, p90: null };
  return { n, p50: sorted[Math.floor((n + 1) / 2) - 1]!, p90: sorted[Math.floor((9 * n + 9) / 10) - 1]! };
}

function spreadOf(sorted: Float64Array | undefined): Spread {
  const { n, p50, p90 } = ranks(sorted ?? new Float64Array());
  return { medianHours: toHours(p50), p90Hours: toHours(p90), count: n };
}

/**
 * The queries one request runs, each at most once however many panels read it: the whole
 * dashboard shares what its panels have in common (the outcomes feed the money and the carriers,
 * the deadlines the deadlines and the carriers).
 */
export class AnalyticsQueries {
  readonly #db: DB;
  readonly #scope: AnalyticsScope;
  readonly #window: { start: string; end: string };
  readonly #memo = new Map<string, Promise<unknown>>();

  constructor(db: DB, scope: AnalyticsScope) {
    this.#db = db;
    this.#scope = scope;
    this.#window = windowOf(scope.period);
  }

  #once<T>(key: string, query: () => Promise<T>): Promise<T> {
    let found = this.#memo.get(key) as Promise<T> | undefined;
    if (!found) this.#memo.set(key, (found = query()));
    return found;
  }

  /** Whether analytics_phase_days can answer: it is counted by type and scope, not by company or carrier. */
  get #byDay(): boolean {
    return this.#scope.filters.companyId === null && this.#scope.filters.carrier === null;
  }

  /** The filters as conditions on any of the tables, which all carry the claim's facts (analytics_phase_days only type and scope). */
  #filters(): RawBuilder<SqlBool>[] {
    const { companyId, carrier, type, scope } = this.#scope.filters;
    const conditions: RawBuilder<SqlBool>[] = [];
    if (companyId !== null) conditions.push(sql<SqlBool>`company_id = ${companyId}`);
    if (carrier !== null) conditions.push(sql<SqlBool>`carrier = ${carrier}`);
    if (type !== null) conditions.push(sql<SqlBool>`type = ${type}`);
    if (scope !== null) conditions.push(sql<SqlBool>`scope = ${scope}`);
    return conditions;
  }

  /** `column` in the period: [start of its first day, start of the day after its last). */
  #inPeriod(column: string): RawBuilder<SqlBool> {
    return sql<SqlBool>`${sql.ref(column)} >= ${this.#window.start} and ${sql.ref(column)} < ${this.#window.end}`;
  }

  #where(...conditions: RawBuilder<SqlBool>[]): RawBuilder<unknown> {
    return sql`where ${sql.join([...conditions, ...this.#filters()], sql` and `)}`;
  }

  /** Whole days since 1970-01-01 of the date an ISO text begins with, as each engine reads it. */
  #dayNumber(column: string): RawBuilder<number> {
    return isPostgres(this.#db)
      ? sql<number>`(cast(substr(${sql.ref(column)}, 1, 10) as date) - date '1970-01-01')`
      : sql<number>`cast(julianday(substr(${sql.ref(column)}, 1, 10)) - 2440587.5 as integer)`;
  }

  /**
   * The values of `value` where `when` holds (and the filters), per `group` or all together (''),
   * each group's sorted ascending. One JSON array per group: far cheaper to read than a row each.
   */
  async #values(table: Table, value: string, when: RawBuilder<SqlBool>, group: string | null = null): Promise<Map<string, Float64Array>> {
    const v = sql.ref(value);
    const g = group === null ? sql`''` : sql.ref(group);
    const aggregate = isPostgres(this.#db) ? sql`json_agg(${v})` : sql`json_group_array(${v})`;
    const { rows } = await sql<{ g: string; v: string | number[] | null }>`
      select ${g} as g, ${aggregate} as v from ${sql.table(table)} ${this.#where(when, sql<SqlBool>`${v} is not null`)}
      ${group === null ? sql`` : sql`group by ${g}`}`.execute(this.#db);
    const groups = new Map<string, Float64Array>();
    for (const row of rows) {
      const values = typeof row.v === 'string' ? (JSON.parse(row.v) as number[]) : (row.v ?? []);
      if (values.length > 0) groups.set(String(row.g), Float64Array.from(values).sort());
    }
    return groups;
  }

  // ── volume ──────────────────────────────────────────────────────────────────────────────────

  async volume(): Promise<VolumePanel> {
    const weeks = weeksOf(this.#scope.period);
    const points = backlogPoints(this.#scope.period, this.#scope.now);
    const [opened, backlog] = await Promise.all([this.#opened(weeks[0]!), this.#backlog(points)]);
    return {
      weeks: weeks.map((monday, week) => ({ weekStart: dayOf(monday), opened: opened.get(week) ?? byType() })),
      backlog: points.map((point, index) => ({ date: dayOf(point.day), byStatus: backlog[index]! })),
    };
  }

  /** Claims opened per week of the period (0: its first) and type: the stays in notified begun, or the claims opened. */
  async #opened(firstMonday: number): Promise<Map<number, Record<ClaimType, number>>> {
    // An integer computed here, written as a literal: bound as a parameter, SQLite would take it for a real and divide exactly.
    const week = (column: string) => sql<number>`(${this.#dayNumber(column)} - ${sql.lit(firstMonday)}) / 7`;
    const { rows } = this.#byDay
      ? await sql<{ week: number; type: ClaimType; n: number | string }>`
          select ${week('day')} as week, type, sum(entered) as n from analytics_phase_days
          ${this.#where(sql<SqlBool>`status = 'notified'`, sql<SqlBool>`day >= ${this.#scope.period.from}`, sql<SqlBool>`day <= ${this.#scope.period.to}`)}
          group by week, type`.execute(this.#db)
      : await sql<{ week: number; type: ClaimType; n: number | string }>`
          select ${week('opened_at')} as week, type, count(*) as n from analytics_claims ${this.#where(this.#inPeriod('opened_at'))}
          group by week, type`.execute(this.#db);
    const weeks = new Map<number, Record<ClaimType, number>>();
    for (const row of rows) {
      const counts = weeks.get(Number(row.week)) ?? byType();
      counts[row.type] = Number(row.n);
      weeks.set(Number(row.week), counts);
    }
    return weeks;
  }

  /**
   * The claims in each status at each point: the stays that had begun and not ended by then.
   * Counted as a running sum over the points, each stay adding one from the first point after it
   * began and taking it away from the first point after it ended. The points are a week apart
   * (backlogPoints), so which point comes first after a day is a division. Unnarrowed by company
   * or carrier, the stays begun and ended per day since the first are summed; narrowed, the
   * stays that overlap the points are.
   */
  async #backlog(points: ReadonlyArray<{ day: number; at: string }>): Promise<Array<Record<string, number>>> {
    if (points.length === 0) return [];
    const first = points[0]!;
    const last = points.at(-1)!;
    // As in #opened: computed integers, as literals.
    const firstDay = sql.lit(first.day);
    const pointAfter = (column: string) => {
      const day = this.#dayNumber(column);
      return sql<number>`case when ${day} <= ${firstDay} then 0 else (${day} - ${firstDay} + 6) / 7 end`;
    };
    type Change = { status: ClaimStatus; point: number; n: number | string };
    const changes: Change[] = [];
    if (this.#byDay) {
      const { rows } = await sql<Change>`
        select status, ${pointAfter('day')} as point, sum(entered) - sum(exited) as n from analytics_phase_days
        ${this.#where(sql<SqlBool>`day <= ${dayOf(last.day)}`)}
        group by status, point`.execute(this.#db);
      changes.push(...rows);
    } else {
      const [began, ended] = await Promise.all([
        sql<Change>`
          select status, ${pointAfter('entered_at')} as point, count(*) as n from analytics_phase_stays
          ${this.#where(sql<SqlBool>`(left_at is null or left_at >= ${first.at})`, sql<SqlBool>`entered_at < ${last.at}`)}
          group by status, point`.execute(this.#db),
        sql<Change>`
          select status, ${pointAfter('left_at')} as point, -count(*) as n from analytics_phase_stays
          ${this.#where(sql<SqlBool>`left_at >= ${first.at}`, sql<SqlBool>`left_at < ${last.at}`)}
          group by status, point`.execute(this.#db),
      ]);
      changes.push(...began.rows, ...ended.rows);
    }
    const change = points.map(byStatus);
    for (const row of changes) change[Number(row.point)]![row.status]! += Number(row.n);
    const running = byStatus();
    return change.map((delta) => {
      for (const status of BACKLOG_STATUSES) running[status]! += delta[status]!;
      return { ...running };
    });
  }

  // ── times ───────────────────────────────────────────────────────────────────────────────────

  async times(): Promise<TimesPanel> {
    const [phases, toOutcome] = await Promise.all([
      // One status at a time: each reads its own range of (status, left_at).
      Promise.all(BACKLOG_STATUSES.map((status) => this.#values('analytics_phase_stays', 'seconds', sql<SqlBool>`status = ${status} and ${this.#inPeriod('left_at')}`))),
      this.#values('analytics_claims', 'seconds_to_outcome', this.#inPeriod('outcome_at')),
    ]);
    return {
      phases: BACKLOG_STATUSES.map((status, i) => ({ status, ...spreadOf(phases[i]!.get('')) })),
      toOutcome: spreadOf(toOutcome.get('')),
    };
  }

  // ── money ───────────────────────────────────────────────────────────────────────────────────

  /** Outcomes in the period per carrier, type and currency, with each claim's recovery rate in basis points summed. */
  #outcomes() {
    return this.#once('outcomes', async () => {
      // Each claim's rate truncated to basis points in integers, so both engines sum the same.
      type Row = { carrier: string; type: ClaimType; currency: string; n: number | string; claimed: number | string; recovered: number | string; rated: number | string; bp: number | string | null };
      const { rows } = await sql<Row & { over: number | string; above: number | string | null }>`
        select carrier, type, currency, count(*) as n, sum(claimed_cents) as claimed, sum(recovered_cents) as recovered,
          sum(case when claimed_cents > 0 then 1 else 0 end) as rated,
          sum(case when claimed_cents > 0 then cast(recovered_cents as bigint) * 10000 / claimed_cents end) as bp,
          sum(case when ${OVER_LIMIT} then 1 else 0 end) as over,
          sum(case when ${OVER_LIMIT} then claimed_cents - limit_cents else 0 end) as above
        from analytics_claims ${this.#where(this.#inPeriod('outcome_at'))}
        group by carrier, type, currency`.execute(this.#db);
      return rows.map((row) => ({
        carrier: row.carrier,
        type: row.type,
        currency: row.currency,
        count: Number(row.n),
        claimed: Number(row.claimed),
        recovered: Number(row.recovered),
        rated: Number(row.rated),
        bp: Number(row.bp ?? 0),
        overLimit: Number(row.over),
        aboveLimit: Number(row.above ?? 0),
      }));
    });
  }

  async money(): Promise<MoneyPanel> {
    const outcomes = await this.#outcomes();
    const sum = <K extends string>(key: (row: (typeof outcomes)[number]) => K) => {
      const groups = new Map<string, { key: K; currency: string; claimedCents: number; recoveredCents: number; count: number; overLimit: number; aboveLimitCents: number }>();
      for (const row of outcomes) {
        const id = JSON.stringify([key(row), row.currency]);
        const group = groups.get(id) ?? { key: key(row), currency: row.currency, claimedCents: 0, recoveredCents: 0, count: 0, overLimit: 0, aboveLimitCents: 0 };
        group.claimedCents += row.claimed;
        group.recoveredCents += row.recovered;
        group.count += row.count;
        group.overLimit += row.overLimit;
        group.aboveLimitCents += row.aboveLimit;
        groups.set(id, group);
      }
      return [...groups.values()]
        .sort((a, b) => b.claimedCents - a.claimedCents || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0) || (a.currency < b.currency ? -1 : 1))
        .map(({ key: value, ...amounts }) => ({ value, ...amounts, recoveryRate: rateOf(amounts.recoveredCents, amounts.claimedCents) }));
    };
    return {
      totals: sum(() => '').map(({ value: _, ...rest }) => rest),
      byCarrier: sum((row) => row.carrier).map(({ value, ...rest }) => ({ carrier: value, ...rest })),
      byType: sum((row) => row.type).map(({ value, ...rest }) => ({ type: value, ...rest })),
    };
  }

  // ── deadlines ───────────────────────────────────────────────────────────────────────────────

  /** Deadlines falling in the period, per carrier: met (filed by the deadline) and missed (passed before now, neither filed nor declined by then). */
  #deadlinesByCarrier() {
    return this.#once('deadlines', async () => {
      const now = this.#scope.now.toISOString();
      const { rows } = await sql<{ carrier: string; on_time: number | string; missed: number | string }>`
        select carrier,
          sum(case when filed_at is not null and filed_at <= due_at then 1 else 0 end) as on_time,
          sum(case when due_at < ${now} and (filed_at is null or filed_at > due_at) and (declined_at is null or declined_at > due_at) then 1 else 0 end) as missed
        from analytics_claims ${this.#where(this.#inPeriod('due_at'))}
        group by carrier`.execute(this.#db);
      return rows.map((row) => ({ carrier: row.carrier, onTime: Number(row.on_time), missed: Number(row.missed) }));
    });
  }

  async deadlines(): Promise<DeadlinesPanel> {
    const now = this.#scope.now.toISOString();
    const horizon = new Date(this.#scope.now.getTime() + this.#scope.atRiskHours * 3_600_000).toISOString();
    // Still running: neither filed nor declined, which is a claim in notified, documentation or review.
    const atRisk = this.#where(sql<SqlBool>`due_at > ${now}`, sql<SqlBool>`due_at <= ${horizon}`, sql<SqlBool>`filed_at is null`, sql<SqlBool>`declined_at is null`);
    const [byCarrier, counted, listed] = await Promise.all([
      this.#deadlinesByCarrier(),
      sql<{ n: number | string }>`select count(*) as n from analytics_claims ${atRisk}`.execute(this.#db),
      sql<{ claim_id: string; reference: string; company_id: string; due_at: string; over: number | boolean }>`
        select claim_id, reference, company_id, due_at, case when ${OVER_LIMIT} then 1 else 0 end as over from analytics_claims ${atRisk}
        order by due_at, claim_id limit ${AT_RISK_LISTED}`.execute(this.#db),
    ]);
    return {
      onTime: byCarrier.reduce((total, row) => total + row.onTime, 0),
      missed: byCarrier.reduce((total, row) => total + row.missed, 0),
      atRisk: {
        count: Number(counted.rows[0]?.n ?? 0),
        withinHours: this.#scope.atRiskHours,
        claims: listed.rows.map((row) => ({ id: row.claim_id, reference: row.reference, companyId: row.company_id, dueAt: row.due_at, overLimit: Number(row.over) === 1 })),
      },
    };
  }

  // ── carriers ────────────────────────────────────────────────────────────────────────────────

  async carriers(): Promise<CarriersPanel> {
    const [opened, outcomes, toOutcome, deadlines] = await Promise.all([
      sql<{ carrier: string; type: ClaimType; n: number | string }>`
        select carrier, type, count(*) as n from analytics_claims ${this.#where(this.#inPeriod('opened_at'))}
        group by carrier, type`.execute(this.#db),
      this.#outcomes(),
      this.#values('analytics_claims', 'seconds_to_outcome', this.#inPeriod('outcome_at'), 'carrier'),
      this.#deadlinesByCarrier(),
    ]);
    const rows = new Map<string, CarriersPanel[number] & { rated: number; bp: number }>();
    const rowOf = (carrier: string) => {
      let row = rows.get(carrier);
      if (!row) {
        row = { carrier, claims: 0, byType: byType(), meanRecoveryRate: null, medianHoursToOutcome: null, missedDeadlines: 0, overLimit: 0, rated: 0, bp: 0 };
        rows.set(carrier, row);
      }
      return row;
    };
    for (const { carrier, type, n } of opened.rows) {
      const row = rowOf(carrier);
      row.byType[type] = Number(n);
      row.claims += Number(n);
    }
    for (const outcome of outcomes) {
      const row = rowOf(outcome.carrier);
      row.rated += outcome.rated;
      row.bp += outcome.bp;
      row.overLimit += outcome.overLimit;
    }
    for (const [carrier, values] of toOutcome) rowOf(carrier).medianHoursToOutcome = toHours(ranks(values).p50);
    for (const { carrier, missed } of deadlines) rowOf(carrier).missedDeadlines = missed;
    return [...rows.values()]
      .map(({ rated, bp, ...row }) => ({ ...row, meanRecoveryRate: rated > 0 ? Math.round(bp / rated) / 10_000 : null }))
      .filter((row) => row.claims > 0 || row.meanRecoveryRate !== null || row.medianHoursToOutcome !== null || row.missedDeadlines > 0)
      .sort((a, b) => b.claims - a.claims || (a.carrier < b.carrier ? -1 : 1));
  }

  // ── handlers ────────────────────────────────────────────────────────────────────────────────

  async handlers(): Promise<HandlersPanel> {
    const [assigned, answers, reviews] = await Promise.all([
      sql<{ handler_id: string; n: number | string }>`
        select handler_id, count(*) as n from analytics_claims ${this.#where(this.#inPeriod('assigned_at'), sql<SqlBool>`handler_id is not null`)}
        group by handler_id`.execute(this.#db),
      this.#values('analytics_claims', 'first_answer_seconds', sql<SqlBool>`${this.#inPeriod('first_answer_at')} and first_answer_by is not null`, 'first_answer_by'),
      this.#values('analytics_reviews', 'seconds', sql<SqlBool>`${this.#inPeriod('reviewed_at')} and reviewer_id is not null`, 'reviewer_id'),
    ]);
    const ids = [...new Set([...assigned.rows.map((row) => row.handler_id), ...answers.keys(), ...reviews.keys()])];
    if (ids.length === 0) return [];
    const names = new Map((await this.#db.selectFrom('users').select(['id', 'name']).where('id', 'in', ids).execute()).map((user) => [user.id, user.name]));
    const handled = new Map(assigned.rows.map((row) => [row.handler_id, Number(row.n)]));
    return ids
      .map((handlerId) => {
        const answered = ranks(answers.get(handlerId) ?? new Float64Array());
        const reviewed = ranks(reviews.get(handlerId) ?? new Float64Array());
        return {
          handlerId,
          name: names.get(handlerId) ?? handlerId,
          claimsHandled: handled.get(handlerId) ?? 0,
          medianFirstAnswerMinutes: toMinutes(answered.p50),
          firstAnswers: answered.n,
          medianReviewMinutes: toMinutes(reviewed.p50),
          reviews: reviewed.n,
        };
      })
      .sort((a, b) => a.name.localeCompare(b.name, 'es') || (a.handlerId < b.handlerId ? -1 : 1));
  }
}
