// The README tells hosts that want the live stream in their own code to read it with a
// fetch-based client, since the browser's EventSource cannot send the token in a header. This
// is that snippet, run against the real server with the `eventsource` package (the WHATWG
// EventSource, with a `fetch` of the host's own): the token travels in the header, is fetched
// afresh for each connection, and a reconnect resumes from Last-Event-ID.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { EventSource } from 'eventsource';
import { signUserToken } from '../auth/tokens.ts';
import { startServer, type RunningServer } from '../server.ts';
import { API_KEY, claimInput, JWT_SECRET, USERS } from '../testing/harness.ts';
import { createTestDatabaseUrl, dropTestDatabase } from '../testing/database.ts';

let server: RunningServer;
let databaseUrl: string;

before(async () => {
  databaseUrl = await createTestDatabaseUrl();
  server = await startServer({ port: 0, databaseUrl, jwtSecret: JWT_SECRET, apiKey: API_KEY, corsOrigins: [], heartbeatMs: 200 });
});
after(async () => {
  await server.close();
  await dropTestDatabase(databaseUrl);
});

async function openClaim(company: string): Promise<string> {
  const res = await fetch(`${server.url}/api/v1/claims`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Api-Key': API_KEY },
    body: JSON.stringify(claimInput({ company: { id: company, name: company } })),
  });
  assert.equal(res.status, 201);
  return ((await res.json()) as { id: string }).id;
}

describe('reading the live stream from a host’s own code (README)', () => {
  it('sends the token in a header from a fetch of the host’s, and resumes from Last-Event-ID after the server ends the stream at the token’s expiry', async () => {
    const tokensHanded: string[] = [];
    const lastEventIds: (string | null)[] = [];
    // As in the README: a fresh token for every connection; here one that expires in 2 s.
    const getToken = async () => signUserToken(JWT_SECRET, USERS.admin, 2);
    const source = new EventSource(`${server.url}/api/v1/events`, {
      fetch: async (input, init) => {
        const token = await getToken();
        tokensHanded.push(token);
        lastEventIds.push(new Headers(init.headers).get('Last-Event-ID'));
        return fetch(input, { ...init, headers: { ...init.headers, Authorization: `Bearer ${token}` } });
      },
    });
    const created: string[] = [];
    source.addEventListener('claim.created', (event) => created.push((JSON.parse(event.data) as { claimId: string }).claimId));
    try {
      await new Promise<void>((resolve, reject) => {
        source.onopen = () => resolve();
        source.onerror = (error) => reject(new Error(`the stream did not open: ${error.message ?? error.code}`));
      });
      source.onerror = null;
      const first = await openClaim(USERS.admin.company);
      // Delivered before the token expires or, on a busy machine, replayed after the reconnect.
      await until(() => created.includes(first), 15_000);
      // The server ends the stream when the token expires; what is written meanwhile is replayed.
      await until(() => tokensHanded.length >= 2 || source.readyState === EventSource.CONNECTING, 10_000);
      const second = await openClaim(USERS.admin.company);
      await until(() => created.includes(second), 15_000);
      assert.ok(tokensHanded.length >= 2, 'a fresh token was fetched for the reconnect');
      assert.equal(lastEventIds[0], null);
      assert.match(lastEventIds[1] ?? '', /^\d+$/, 'the reconnect sent Last-Event-ID');
      assert.deepEqual(created, [first, second], 'each event once, in order');
    } finally {
      source.close();
    }
  });

  it('without the header (a browser’s own EventSource) the stream refuses with 401', async () => {
    const res = await fetch(`${server.url}/api/v1/events`, { headers: { Accept: 'text/event-stream' } });
    assert.equal(res.status, 401);
    assert.match(res.headers.get('content-type') ?? '', /problem\+json/);
  });
});

async function until(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
