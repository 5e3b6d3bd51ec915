import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, describe, it } from 'node:test';
import { API_KEY } from '../api/testing/harness.ts';
import { createDatabase, startApi, type ApiProcess, type Database } from './lib/api-process.ts';
import { NoAnswer, sendRaw } from './lib/raw-http.ts';

// What the fuzzer found, pinned down: a request whose body the API answers without reading
// (a 401 before authentication succeeds, a 415 for the wrong Content-Type…) must not cost the
// keep-alive connection it came on. Browsers and fetch reuse connections; a reset there cuts
// whatever innocent request is in flight on it at that moment.
//
// The engine does not matter (it is HTTP), so this runs on SQLite only.

const BODY = new Uint8Array(Buffer.from(JSON.stringify({ description: 'x'.repeat(100_000) })));

describe('a keep-alive connection after a body the API did not read', () => {
  let db: Database;
  let api: ApiProcess;
  before(async () => {
    db = await createDatabase('sqlite', 'keep-alive');
    api = await startApi(db);
  });
  after(async () => {
    await api?.stop();
    await db?.dispose();
  });

  const CASES: Array<[string, Record<string, string>, number]> = [
    ['401: a wrong API key', { 'X-Api-Key': 'wrong', 'Content-Type': 'application/json' }, 401],
    ['401: no credentials', { 'Content-Type': 'application/json' }, 401],
    ['415: the wrong Content-Type', { 'X-Api-Key': API_KEY, 'Content-Type': 'text/plain' }, 415],
  ];
  for (const [what, headers, status] of CASES) {
    it(`still serves the requests that follow on it for a second (${what}, 100 KB body)`, async () => {
      const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
      try {
        const first = await sendRaw(api.url, { method: 'POST', path: '/api/v1/claims', headers, body: BODY }, { agent });
        assert.equal(first.status, status);
        const lost: string[] = [];
        let answered = 0;
        const started = Date.now();
        while (Date.now() - started < 1000) {
          try {
            const res = await sendRaw(api.url, { method: 'GET', path: '/api/v1/health', headers: {} }, { agent });
            assert.equal(res.status, 200);
            answered++;
          } catch (error) {
            if (!(error instanceof NoAnswer)) throw error;
            lost.push(`GET /api/v1/health sent ${Date.now() - started} ms later got no answer: ${error.message}`);
          }
        }
        assert.deepEqual(
          lost,
          [],
          `The API reset the connection some time after answering ${status} to a POST whose 100 KB body it did not read; ` +
            `${answered} requests on the connection were answered and these were cut. Reproduce: send that POST on a ` +
            `keep-alive connection, then keep sending GET /api/v1/health on it for a second.`,
        );
      } finally {
        agent.destroy();
      }
    });
  }
});
