// node --test reporter for `npm test`: nothing for a passing test; a failing one in full, with
// its file and its error; what test files print (which no test expected: the tests capture the
// logs they cause, api/testing/console.ts), labelled with its file; and one summary line.
// When CLAIMDESK_TEST_SUMMARY names a file, the summary line is appended there too (scripts/test.sh).
import { appendFileSync } from 'node:fs';
import path from 'node:path';
import { inspect } from 'node:util';

const where = (data) => (data.file ? path.relative(process.cwd(), data.file) : '');

export default async function* reporter(source) {
  const counts = { passed: 0, failed: 0, skipped: 0, todo: 0 };
  const started = Date.now();
  const failures = [];
  for await (const { type, data } of source) {
    if (type === 'test:pass' || type === 'test:fail') {
      const suite = data.details?.type === 'suite';
      const error = data.details?.error;
      // A suite fails when a test in it does: that test is reported already.
      if (suite && (type === 'test:pass' || error?.failureType === 'subtestsFailed')) continue;
      if (data.skip) counts.skipped++;
      else if (data.todo) counts.todo++;
      else if (type === 'test:pass') counts.passed++;
      else {
        counts.failed++;
        const cause = error?.cause ?? error;
        const report = `✖ ${where(data)} › ${data.name}\n${inspect(cause, { depth: 6 }).replace(/^/gm, '    ')}\n`;
        failures.push(report);
        yield report;
      }
    } else if (type === 'test:stdout' || type === 'test:stderr') {
      yield `${where(data)}: ${data.message}`;
    } else if (type === 'test:diagnostic' && data.nesting > 0) {
      yield `${where(data)}: ${data.message}\n`;
    }
  }
  const summary = [
    `${counts.passed} passed`,
    `${counts.failed} failed`,
    counts.skipped && `${counts.skipped} skipped`,
    counts.todo && `${counts.todo} todo`,
  ].filter(Boolean).join(', ') + ` (${Math.round((Date.now() - started) / 1000)} s)`;
  if (failures.length > 0) yield `\nFailed (${failures.length}), as printed above:\n${failures.map((f) => `  ${f.split('\n')[0]}`).join('\n')}\n`;
  yield `${counts.failed ? '✖' : '✔'} ${summary}\n`;
  if (process.env.CLAIMDESK_TEST_SUMMARY) appendFileSync(process.env.CLAIMDESK_TEST_SUMMARY, `${summary}\n`);
}
