import assert from 'node:assert/strict';
import { format } from 'node:util';

/**
 * Runs `block` with console.error captured instead of printed, then asserts that what the code
 * logged meanwhile is exactly what the test expected: one line per pattern, in any order (a
 * pattern may match several lines when given with a count, `[pattern, n]`). For tests that cause
 * an error on purpose: the product still logs it, the test checks that it does, and `npm test`
 * stays free of errors nobody needs to read.
 *
 * A log that comes after the block's promise settled (a request handler that notices the client
 * went away only when its socket closes) is waited for, up to `settleMs`. Anything unexpected is
 * printed after all, and fails the test.
 */
export async function expectConsoleErrors<T>(
  expected: ReadonlyArray<RegExp | readonly [RegExp, number]>,
  block: () => Promise<T>,
  { settleMs = 2000 }: { settleMs?: number } = {},
): Promise<T> {
  const wanted = expected.map((e) => (e instanceof RegExp ? { pattern: e, count: 1 } : { pattern: e[0], count: e[1] }));
  const logged: string[] = [];
  const original = console.error;
  console.error = (...args: unknown[]) => {
    logged.push(format(...args));
  };
  const complete = () => wanted.every(({ pattern, count }) => logged.filter((line) => pattern.test(line)).length >= count);
  let result: T;
  try {
    result = await block();
    const deadline = Date.now() + settleMs;
    while (!complete() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  } finally {
    console.error = original;
  }
  const unexpected = logged.filter((line) => !wanted.some(({ pattern }) => pattern.test(line)));
  for (const line of unexpected) original(line);
  assert.deepEqual(
    wanted.map(({ pattern }) => `${logged.filter((line) => pattern.test(line)).length} × ${pattern}`),
    wanted.map(({ pattern, count }) => `${count} × ${pattern}`),
    `console.error while the block ran:\n${logged.join('\n') || '(nothing)'}`,
  );
  assert.deepEqual(unexpected, [], 'nothing else was logged');
  return result;
}
