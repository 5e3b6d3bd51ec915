import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { openDatabase, type DB } from '../api/db/connect.ts';
import { API_KEY, claimInput } from '../api/testing/harness.ts';
import { eventually, seedEndpoint, startReceiver, type Receiver } from '../api/testing/webhooks.ts';
import { sealingKeyOf } from '../api/webhooks/secrets.ts';
import { createDatabase, enginesToRun, knob, startApi, thousands, type ApiProcess, type Database } from './lib/api-process.ts';
import { random } from './lib/random.ts';

// SIGKILL while webhooks are being delivered: clients open claims (each one a delivery to each
// of three endpoints) while the receiver takes its time answering, and the API process is killed
// at a random moment, round after round, and restarted on the same database. At the end every
// delivery the log calls for exists, is delivered, and reached the receiver — at least once,
// under its one webhook-id; more than once only for a delivery under way when its process died —
// and each endpoint first received its events in event order.
//
//   WEBHOOK_KILL_ROUNDS=20 WEBHOOK_KILL_SEED=7 npm run test:reliability

const ROUNDS = knob('WEBHOOK_KILL_ROUNDS', 6);
const CLIENTS = knob('WEBHOOK_KILL_CLIENTS', 2);
// Each endpoint takes its deliveries one at a time (~120 ms each here), so the last process's drain
// grows with what was opened: bounded per round rather than by how fast the intake happens to be —
// a faster SQLite intake opened enough in 3.5 s of rounds to drain past two minutes on CI.
const CLAIMS_PER_ROUND = knob('WEBHOOK_KILL_CLAIMS_PER_ROUND', 60);
const SEED = knob('WEBHOOK_KILL_SEED', 20_261_207);
const MIN_MS = knob('WEBHOOK_KILL_MIN_MS', 300);
const MAX_MS = knob('WEBHOOK_KILL_MAX_MS', 1500);
/** Each attempt's deadline: a killed process's leases run out after three of these. */
const TIMEOUT_MS = 1000;
const ENDPOINTS = ['/a', '/b', '/operator'] as const;

/** Clients opening claims until the process dies or the round's share is sent; resolves with how many it acknowledged. */
async function openClaims(api: ApiProcess, round: number, killed: () => boolean): Promise<number> {
  let acked = 0;
  let serial = 0;
  const client = async (index: number) => {
    while (!killed() && serial < CLAIMS_PER_ROUND) {
      try {
        const res = await fetch(`${api.url}/api/v1/claims`, {
          method: 'POST',
          headers: { 'X-Api-Key': API_KEY, 'Content-Type': 'application/json' },
          body: JSON.stringify(claimInput({ externalRef: `HOOK-${SEED}-${round}-${index}-${serial++}` })),
        });
        await res.text();
        if (res.status === 201) acked++;
        else if (!killed()) assert.fail(`POST /claims answered ${res.status}`);
      } catch (error) {
        if (!killed()) throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: CLIENTS }, (_, i) => client(i)));
  return acked;
}

for (const engine of enginesToRun()) {
  describe(`SIGKILL while webhooks are delivered, on ${engine}`, () => {
    let database: Database | undefined;
    let api: ApiProcess | undefined;
    let db: DB | undefined;
    let receiver: Receiver | undefined;
    after(async () => {
      await api?.kill();
      await db?.destroy();
      await receiver?.close();
      await database?.dispose();
    });

    it(`loses no delivery through ${ROUNDS} kills, and sends none under another id`, { timeout: Math.max(10, ROUNDS) * 30_000 }, async () => {
      database = await createDatabase(engine, 'webhooks-kill');
      const delay = random(SEED + (engine === 'postgres' ? 1 : 0));
      // Slow enough answers that a kill often lands while one is under way.
      receiver = await startReceiver((_request, response) => void setTimeout(() => response.writeHead(200).end(), 20 + delay() * 200));
      const env = { WEBHOOK_ALLOW_HTTP: 'true', WEBHOOK_ALLOW_PRIVATE: 'true', WEBHOOK_TIMEOUT_MS: String(TIMEOUT_MS) };
      const started = Date.now();
      const lines: string[] = [];
      let acked = 0;

      api = await startApi(database, env);
      db = openDatabase(database.databaseUrl);
      // The company's first claim makes the company its endpoints belong to.
      const first = await fetch(`${api.url}/api/v1/claims`, { method: 'POST', headers: { 'X-Api-Key': API_KEY, 'Content-Type': 'application/json' }, body: JSON.stringify(claimInput()) });
      assert.equal(first.status, 201);
      const key = sealingKeyOf({ apiKey: API_KEY });
      for (const path of ENDPOINTS) await seedEndpoint(db, key, { url: `${receiver.url}${path}`, companyId: path === '/operator' ? null : 'ferreteria' });

      for (let round = 1; round <= ROUNDS; round++) {
        if (round > 1) api = await startApi(database, env);
        let killed = false;
        const after = MIN_MS + Math.floor(delay() * (MAX_MS - MIN_MS));
        const load = openClaims(api, round, () => killed);
        await new Promise((resolve) => setTimeout(resolve, after));
        const inFlight = receiver.received.length;
        killed = true;
        await api.kill();
        const roundAcked = await load;
        acked += roundAcked;
        lines.push(`round ${round}: killed after ${after} ms, ${roundAcked} claims acknowledged, ${inFlight} requests received by then`);
      }

      // One more process, left to finish: what the killed ones leased is taken again once their leases run out.
      api = await startApi(database, env);
      const undelivered = async () => (await db!.selectFrom('webhook_deliveries').select('id').where('status', '!=', 'delivered').execute()).length;
      await eventually('every delivery is delivered', async () => (await undelivered()) === 0, 120_000).catch(async (error: Error) => {
        throw new Error(`${error.message}: ${await undelivered()} still not delivered`);
      });
      await api.stop();
      api = undefined;

      const events = await db.selectFrom('claim_events').select('id').where('type', '=', 'claim.created').execute();
      const deliveries = await db.selectFrom('webhook_deliveries').select(['id', 'event_id', 'endpoint_id']).execute();
      assert.ok(events.length >= acked + 1, 'every acknowledged claim is in the log');
      // Claims opened before the endpoints existed (the first) queued nothing; every later one, one delivery per endpoint.
      const afterEndpoints = events.filter((event) => Number(event.id) > Number(events[0]!.id));
      assert.equal(deliveries.length, afterEndpoints.length * ENDPOINTS.length, 'a delivery for every event, for every endpoint');

      const times = new Map<string, number>();
      for (const request of receiver.received) times.set(request.id, (times.get(request.id) ?? 0) + 1);
      const missing = deliveries.filter((delivery) => !times.has(delivery.id));
      assert.deepEqual(missing, [], 'every delivery reached the receiver');
      const unknown = [...times.keys()].filter((id) => !deliveries.some((delivery) => delivery.id === id));
      assert.deepEqual(unknown, [], 'nothing reached it under an id no delivery has');
      const repeats = [...times.values()].filter((n) => n > 1).length;
      assert.ok(repeats <= ROUNDS * ENDPOINTS.length, `at most the deliveries under way at each kill came again (${repeats})`);
      for (const path of ENDPOINTS) {
        const firsts: number[] = [];
        const seen = new Set<string>();
        for (const request of receiver.received.filter((r) => r.path === path)) {
          if (seen.has(request.id)) continue;
          seen.add(request.id);
          firsts.push(JSON.parse(request.body).id as number);
        }
        assert.deepEqual(firsts, [...firsts].sort((x, y) => x - y), `${path} first received its events in event order`);
      }

      console.log(
        `${lines.join('\n')}\nwebhook kill rounds: ${ROUNDS} on ${engine}, ${thousands(deliveries.length)} deliveries all delivered, ${repeats} sent again after a kill (WEBHOOK_KILL_SEED=${SEED}, ${((Date.now() - started) / 1000).toFixed(1)} s)`,
      );
    });
  });
}
