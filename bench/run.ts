/**
 * `npm run bench`: ratios measured in one run on this machine, never absolute timings to
 * compare across machines.
 *
 * 1. Keyset paging: a page 19,000 claims deep should cost about what the first page costs.
 * 2. Live fan-out: delivering one commit to 100 open streams, per stream, against 1 stream.
 */
import { performance } from 'node:perf_hooks';
import { signUserToken } from '../api/auth/tokens.ts';
import { startServer } from '../api/server.ts';
import { API_KEY, claimInput, JWT_SECRET, USERS } from '../api/testing/harness.ts';
import { readSse } from '../api/testing/sse.ts';

const CLAIMS = 20_000;
const server = await startServer({ port: 0, databaseUrl: 'sqlite::memory:', jwtSecret: JWT_SECRET, apiKey: API_KEY, corsOrigins: [] });
const token = await signUserToken(JWT_SECRET, USERS.admin);
const auth = { Authorization: `Bearer ${token}` };

async function createClaim() {
  const res = await fetch(`${server.url}/api/v1/claims`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Api-Key': API_KEY },
    body: JSON.stringify(claimInput()),
  });
  if (res.status !== 201) throw new Error(`create failed: ${res.status}`);
}

async function median(runs: number, fn: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

// Seed directly: the bench measures reads, not 20,000 HTTP round trips.
await createClaim();
const template = await server.deps.db.selectFrom('claims').selectAll().executeTakeFirstOrThrow();
for (let batch = 0; batch < CLAIMS / 500; batch++) {
  await server.deps.db
    .insertInto('claims')
    .values(
      Array.from({ length: 500 }, (_, i) => {
        const n = batch * 500 + i;
        const createdAt = new Date(Date.UTC(2026, 0, 1) + n * 60_000).toISOString();
        return { ...template, id: `clm_bench${String(n).padStart(6, '0')}`, reference: `SIN-BENCH-${n}`, external_ref: `B-${n}`, created_at: createdAt, updated_at: createdAt };
      }),
    )
    .execute();
}

const page = async (cursor?: string) => {
  const res = await fetch(`${server.url}/api/v1/claims?limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { headers: auth });
  return (await res.json()) as { nextCursor: string | null };
};
// Page 2 rather than page 1: the first page also counts claims per status.
const shallowCursor = (await page()).nextCursor ?? undefined;
let deepCursor = shallowCursor;
for (let i = 0; i < 380; i++) deepCursor = (await page(deepCursor)).nextCursor ?? undefined;
const shallow = await median(30, () => page(shallowCursor));
const deep = await median(30, () => page(deepCursor));
console.log(`paging   page 2 ${shallow.toFixed(2)} ms, page 382 (19,000 deep) ${deep.toFixed(2)} ms → ratio ${(deep / shallow).toFixed(2)} (keyset: ~1)`);

async function fanOut(streams: number): Promise<number> {
  const readers = await Promise.all(
    Array.from({ length: streams }, async () => readSse(await fetch(`${server.url}/api/v1/events`, { headers: auth }))),
  );
  await Promise.all(readers.map((r) => r.until(() => r.messages.length > 0)));
  const start = performance.now();
  await createClaim();
  await Promise.all(readers.map((r) => r.until(() => r.events().length === 1, 30_000)));
  const elapsed = performance.now() - start;
  await Promise.all(readers.map((r) => r.close()));
  return elapsed;
}
const one = await median(7, () => fanOut(1));
const hundred = await median(5, () => fanOut(100));
console.log(`fan-out  1 stream ${one.toFixed(2)} ms, 100 streams ${hundred.toFixed(2)} ms → per-stream cost ratio ${(hundred / 100 / one).toFixed(2)} (below 1: a commit is shared, not repeated)`);

await server.close();
