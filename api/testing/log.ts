import assert from 'node:assert/strict';
import pino from 'pino';
import type { Logger } from '../observability/logger.ts';

/** One line the code under test logged, parsed: pino's fields and the caller's. */
export interface LogLine {
  level: number;
  msg: string;
  err?: { type?: string; message: string; stack?: string };
  [field: string]: unknown;
}

/** pino's number for `error`: lines at or above it are the errors expectErrorsLogged holds to account. */
const ERROR_LEVEL = pino.levels.values.error!;

/**
 * A logger that keeps every line it is given, parsed, for a test to assert on what the code
 * logged (pass `logger` where the code takes one). Nothing is printed.
 */
export function captureLog(): { logger: Logger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const logger = pino({ level: 'trace' }, { write: (line: string) => void lines.push(JSON.parse(line) as LogLine) });
  return { logger, lines };
}

/** A line as one string to match: its message, then its error's type and message. */
export function describeLine(line: LogLine): string {
  return line.err ? `${line.msg} ${line.err.type ?? 'Error'}: ${line.err.message}` : line.msg;
}

/**
 * Runs `block`, then asserts that the errors `log` got meanwhile are exactly those the test
 * expected: one line per pattern, in any order (a pattern may match several lines when given with
 * a count, `[pattern, n]`), matched against describeLine. For tests that cause an error on
 * purpose: the product still logs it, and the test checks that it does.
 *
 * An error logged after the block's promise settled (a request handler that notices the client
 * went away only when its socket closes) is waited for, up to `settleMs`.
 */
export async function expectErrorsLogged<T>(
  log: { lines: LogLine[] },
  expected: ReadonlyArray<RegExp | readonly [RegExp, number]>,
  block: () => Promise<T>,
  { settleMs = 2000 }: { settleMs?: number } = {},
): Promise<T> {
  const wanted = expected.map((e) => (e instanceof RegExp ? { pattern: e, count: 1 } : { pattern: e[0], count: e[1] }));
  const from = log.lines.length;
  const logged = () => log.lines.slice(from).filter((line) => line.level >= ERROR_LEVEL).map(describeLine);
  const complete = () => wanted.every(({ pattern, count }) => logged().filter((line) => pattern.test(line)).length >= count);
  const result = await block();
  const deadline = Date.now() + settleMs;
  while (!complete() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  const lines = logged();
  assert.deepEqual(
    wanted.map(({ pattern }) => `${lines.filter((line) => pattern.test(line)).length} × ${pattern}`),
    wanted.map(({ pattern, count }) => `${count} × ${pattern}`),
    `errors logged while the block ran:\n${lines.join('\n') || '(nothing)'}`,
  );
  assert.deepEqual(
    lines.filter((line) => !wanted.some(({ pattern }) => pattern.test(line))),
    [],
    'nothing else was logged as an error',
  );
  return result;
}
