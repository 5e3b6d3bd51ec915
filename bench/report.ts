/**
 * What every bench part shares: the shape of its report, table printing, percentiles and
 * ratios. A part measures; the dispatcher (bench/run.ts) prints and stores.
 */

export interface Table {
  title: string;
  head: string[];
  rows: string[][];
}

export interface PartReport {
  /** The part's name, also its key in bench/results.json. */
  name: string;
  tables: Table[];
  /** Lines printed under the tables: how it was measured, caveats. */
  notes: string[];
  /** Stored under `name` in bench/results.json. */
  results: Record<string, unknown>;
  /** Targets the part checked its figures against: printed per part and in the final summary. */
  budgets?: Budget[];
}

/**
 * One target and how a run did against it. A budget reports; only a `gate` that fails makes
 * `npm run bench` exit non-zero (a query planned as a full scan is a defect, not a slow figure).
 */
export interface Budget {
  name: string;
  /** The target as a person reads it, e.g. `≤ 35 KB gzip`. */
  target: string;
  /** The figure measured, as a person reads it. */
  value: string;
  pass: boolean;
  gate?: boolean;
}

export function budgetTable(title: string, budgets: Budget[]): Table {
  return {
    title,
    head: ['budget', 'target', 'measured', 'result'],
    rows: budgets.map((b) => [b.name, b.target, b.value, `${b.pass ? 'PASS' : 'FAIL'}${b.gate && !b.pass ? ' (fails the bench)' : ''}`]),
  };
}

/** Fixed-width columns; the first column left-aligned, the others right-aligned. */
export function formatTable(table: Table): string {
  const all = [table.head, ...table.rows];
  const widths = table.head.map((_, c) => Math.max(...all.map((row) => (row[c] ?? '').length)));
  const line = (row: string[]) =>
    row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ').trimEnd();
  const rule = widths.map((w) => '─'.repeat(w)).join('  ');
  return [table.title, line(table.head), rule, ...table.rows.map(line)].join('\n');
}

/** Nearest-rank percentile of unsorted numbers (p in 0..100); NaN for none. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

export function median(values: number[]): number {
  return percentile(values, 50);
}

/** A number for a table cell: `—` when not measured. */
export function num(value: number | undefined, digits = 1): string {
  if (value === undefined || !Number.isFinite(value)) return '—';
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** `×1.23`: a figure against the baseline measured in the same run. */
export function ratio(value: number | undefined, baseline: number | undefined): string {
  if (value === undefined || baseline === undefined || !Number.isFinite(value) || !Number.isFinite(baseline) || baseline <= 0) return '—';
  const r = value / baseline;
  return `×${r >= 100 ? r.toFixed(0) : r >= 10 ? r.toFixed(1) : r.toFixed(2)}`;
}

/** Rounds for results.json, so the file stays readable. */
export function round(value: number, digits = 2): number | null {
  if (!Number.isFinite(value)) return null;
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** Progress goes to stderr, so stdout carries only the tables. */
export function progress(message: string): void {
  process.stderr.write(`  · ${message}\n`);
}
