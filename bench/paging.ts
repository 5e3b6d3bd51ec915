/**
 * `npm run bench -- paging`: keyset paging. A page 19,000 claims deep should cost about what
 * the second page costs (the first also counts claims per status). In-process server on an
 * in-memory SQLite database, 20,000 claims seeded directly.
 */
import { performance } from 'node:perf_hooks';
import { signUserToken } from '../api/auth/tokens.ts';
import { startServer } from '../api/server.ts';
import { API_KEY, claimInput, JWT_SECRET, USERS } from '../api/testing/harness.ts';
import { median, num, progress, ratio, round, type PartReport } from './report.ts';

const CLAIMS = 20_000;
const PAGE = 50;
const DEEP_PAGES = 380;
const RUNS = 30;

export async function run(): Promise<PartReport> {
  const server = await startServer({ port: 0, databaseUrl: 'sqlite::memory:', jwtSecret: JWT_SECRET, apiKey: API_KEY, corsOrigins: [] });
  try {
    const token = await signUserToken(JWT_SECRET, USERS.admin);
    const auth = { Authorization: `Bearer ${token}` };

    const res = await fetch(`${server.url}/api/v1/claims`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Api-Key': API_KEY },
      body: JSON.stringify(claimInput()),
    });
    if (res.status !== 201) throw new Error(`create failed: ${res.status} ${await res.text()}`);

    // Seed directly: the bench measures reads, not 20,000 HTTP round trips.
    progress(`seeding ${CLAIMS.toLocaleString('en-US')} claims`);
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
      const r = await fetch(`${server.url}/api/v1/claims?limit=${PAGE}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { headers: auth });
      return (await r.json()) as { nextCursor: string | null };
    };
    const timed = async (runs: number, fn: () => Promise<unknown>) => {
      const times: number[] = [];
      for (let i = 0; i < runs; i++) {
        const start = performance.now();
        await fn();
        times.push(performance.now() - start);
      }
      return median(times);
    };

    progress('walking to page 382 and timing pages');
    // Page 2 rather than page 1: the first page also counts claims per status.
    const shallowCursor = (await page()).nextCursor ?? undefined;
    let deepCursor = shallowCursor;
    for (let i = 0; i < DEEP_PAGES; i++) deepCursor = (await page(deepCursor)).nextCursor ?? undefined;
    const shallow = await timed(RUNS, () => page(shallowCursor));
    const deep = await timed(RUNS, () => page(deepCursor));
    const deepPage = DEEP_PAGES + 2;

    return {
      name: 'paging',
      tables: [
        {
          title: `paging — GET /claims?limit=${PAGE}, ${CLAIMS.toLocaleString('en-US')} claims, median of ${RUNS}`,
          head: ['page', 'ms', 'vs page 2', 'target'],
          rows: [
            ['page 2 (baseline)', num(shallow, 2), '×1.00', ''],
            [`page ${deepPage} (${((deepPage - 1) * PAGE).toLocaleString('en-US')} deep)`, num(deep, 2), ratio(deep, shallow), '~×1 (keyset)'],
          ],
        },
      ],
      notes: [],
      results: {
        claims: CLAIMS,
        pageSize: PAGE,
        runs: RUNS,
        page2Ms: round(shallow, 3),
        deepPage,
        deepPageMs: round(deep, 3),
        ratio: round(deep / shallow, 3),
      },
    };
  } finally {
    await server.close();
  }
}
