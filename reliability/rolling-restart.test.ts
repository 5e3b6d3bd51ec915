import assert from 'node:assert/strict';
import net from 'node:net';
import { describe, it } from 'node:test';
import { EventSource } from 'eventsource';
import { signUserToken } from '../api/auth/tokens.ts';
import { API_KEY, claimInput, JWT_SECRET, USERS } from '../api/testing/harness.ts';
import { createDatabase, enginesToRun, startApi, type ApiProcess } from './lib/api-process.ts';

// The README's recipe for reading the live stream from a host's own code — the `eventsource`
// package with a fetch that adds the token — through a rolling restart: process B starts on the
// same database, process A gets SIGTERM and drains, and the balancer takes A out a moment
// late, so the client's reconnect still reaches A while it drains. EventSource gives up for
// good on any answer but a 200 event stream; this client must end up on B, with every claim
// created before, during and after the switch delivered once, in order.

/** Where the client connects: its fetch sends each connection to whichever process the balancer names. */
const BALANCER = 'http://balancer.invalid';

for (const engine of enginesToRun()) {
  describe(`a rolling restart under a live stream (${engine})`, () => {
    it('the README’s eventsource client follows the stream from A, through A’s drain, to B, missing nothing and repeating nothing', { timeout: 120_000 }, async () => {
      const db = await createDatabase(engine, 'rolling-restart');
      // A long grace period: A drains until the test lets its last request finish.
      const settings = { SHUTDOWN_GRACE_MS: '60000' };
      const processes: ApiProcess[] = [];
      let source: EventSource | undefined;
      try {
        const a = await startApi(db, settings);
        processes.push(a);
        const b = await startApi(db, settings);
        processes.push(b);

        let upstream = a.url;
        let aDraining = false;
        const answers: string[] = [];
        const client = (source = new EventSource(`${BALANCER}/api/v1/events`, {
          // As in the README, plus the balancer's choice of process.
          fetch: async (input, init) => {
            const token = await signUserToken(JWT_SECRET, USERS.admin);
            const target = upstream;
            const res = await fetch(String(input).replace(BALANCER, target), { ...init, headers: { ...init.headers, Authorization: `Bearer ${token}` } });
            const via = target === b.url ? 'B' : aDraining ? 'A (draining)' : 'A';
            answers.push(`${via}: ${res.status} ${res.headers.get('content-type')}`);
            // The balancer takes A out once A has answered a connection while draining.
            if (via === 'A (draining)') upstream = b.url;
            return res;
          },
        }));
        const created: string[] = [];
        const ids: number[] = [];
        client.addEventListener('claim.created', (event) => {
          created.push((JSON.parse(event.data) as { claimId: string }).claimId);
          ids.push(Number(event.lastEventId));
        });

        const until = async (what: string, condition: () => boolean) => {
          const deadline = Date.now() + 30_000;
          while (!condition()) {
            if (client.readyState === EventSource.CLOSED) {
              assert.fail(`The client gave up for good while waiting for ${what}. Its connections and their answers: ${answers.join('; ')}`);
            }
            if (Date.now() > deadline) assert.fail(`Timed out waiting for ${what}. The client's connections and their answers: ${answers.join('; ')}`);
            await new Promise((resolve) => setTimeout(resolve, 25));
          }
        };
        const createClaim = async (url: string) => {
          const res = await fetch(`${url}/api/v1/claims`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', 'X-Api-Key': API_KEY },
            body: JSON.stringify(claimInput()),
          });
          const text = await res.text();
          assert.equal(res.status, 201, text);
          return (JSON.parse(text) as { id: string }).id;
        };

        await until('the stream to open on A', () => client.readyState === EventSource.OPEN);
        const before = await createClaim(a.url);
        await until('the claim created on A', () => created.includes(before));

        // A request A is still receiving when the SIGTERM comes keeps A draining — answering,
        // not gone — until the test sends the rest. Its `100 Continue` says A has taken it.
        const held = net.connect(a.port, '127.0.0.1');
        let heldAnswer = '';
        held.on('data', (chunk: Buffer) => (heldAnswer += chunk.toString('latin1')));
        held.write(
          `POST /api/v1/claims HTTP/1.1\r\nHost: api\r\nX-Api-Key: ${API_KEY}\r\nContent-Type: application/json\r\nContent-Length: 2\r\nExpect: 100-continue\r\n\r\n`,
        );
        await until('A to take the request', () => heldAnswer.startsWith('HTTP/1.1 100 Continue'));

        aDraining = true;
        const aStopped = a.stop();
        await until('the balancer to send the client to B', () => upstream === b.url);
        const during = await createClaim(b.url);
        await until('the claim created on B during the switch', () => created.includes(during));
        const afterwards = await createClaim(b.url);
        await until('the claim created on B after the switch', () => created.includes(afterwards));

        held.write('{}');
        await until('A to answer the request it held', () => /HTTP\/1\.1 400 /.test(heldAnswer));
        held.destroy();
        await aStopped;
        assert.equal(await a.exited, '0');

        assert.deepEqual(created, [before, during, afterwards], `each claim once, in order. Connections and their answers: ${answers.join('; ')}`);
        assert.deepEqual(ids, [...ids].sort((x, y) => x - y), 'event ids increase');
        assert.deepEqual(answers.slice(0, 2), ['A: 200 text/event-stream', 'A (draining): 200 text/event-stream'], 'the draining A answered the reconnect with a stream');
        assert.ok(answers.slice(2).every((answer) => answer === 'B: 200 text/event-stream'), answers.join('; '));
      } finally {
        source?.close();
        await Promise.all(processes.map((process) => process.kill()));
        await db.dispose();
      }
    });
  });
}
