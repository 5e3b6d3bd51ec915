import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { eventually } from '../testing/webhooks.ts';

// The log's destination writes lines in batches (a write per line cost as much as a cheap request).
// What an operator relies on all the same: a quiet process's line shows up soon, and the lines
// written just before a process ends — normally, by a crash, by process.exit — are in the log.

const LOGGER = fileURLToPath(new URL('./logger.ts', import.meta.url));
const dir = mkdtempSync(path.join(tmpdir(), 'claimdesk-log-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `body` in a Node process of its own with `log`, the server's logger on stdout, which goes to `file`. */
function runLogging(file: string, body: string): { exited: Promise<number | null>; kill: () => void } {
  const script = `
    import { createLogger } from ${JSON.stringify(LOGGER)};
    const log = await createLogger({ logLevel: 'info', logFormat: 'json' });
    ${body}`;
  const stdout = openSync(file, 'w');
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', stdout, 'ignore'] });
  closeSync(stdout);
  return { exited: new Promise((resolve) => child.once('exit', (code) => resolve(code))), kill: () => child.kill() };
}

const linesOf = (file: string): Array<Record<string, unknown>> => {
  try {
    return readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>);
  } catch {
    return [];
  }
};

describe('the log destination', () => {
  it('writes a quiet process’s line without waiting for more lines to fill a batch', async () => {
    const file = path.join(dir, 'quiet.log');
    const { exited, kill } = runLogging(file, `log.info({ component: 'test' }, 'alone'); setTimeout(() => {}, 60_000);`);
    try {
      await eventually('the line is written while the process lives on', () => linesOf(file).length > 0);
      assert.equal(linesOf(file)[0]!.msg, 'alone');
    } finally {
      kill();
      await exited;
    }
  });

  it('keeps every line of a process that ends, exits or crashes right after logging', async () => {
    for (const [way, end] of [
      ['ends', ''],
      ['calls process.exit', 'process.exit(3);'],
      ['throws', `throw new Error('boom');`],
    ] as const) {
      const file = path.join(dir, `${way.replaceAll(' ', '-')}.log`);
      const { exited } = runLogging(file, `for (let i = 0; i < 1000; i++) log.info({ component: 'test', i }, 'line'); ${end}`);
      await exited;
      const lines = linesOf(file);
      assert.equal(lines.length, 1000, `a process that ${way}: ${lines.length} of 1000 lines`);
      assert.deepEqual(
        lines.map((line) => line.i),
        Array.from({ length: 1000 }, (_, i) => i),
        `a process that ${way}: in order`,
      );
    }
  });
});
