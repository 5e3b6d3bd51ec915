import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { after, before, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import v8 from 'node:v8';
import vm from 'node:vm';
import { createApp } from '../app.ts';
import { API_KEY, createTestApi, JWT_SECRET } from '../testing/harness.ts';

// Issue 22, done means: the dossier of a claim with 10 files of 20 MiB streams with flat memory.
// The archive is read by a reader slower than the disk, so the writer has to wait for it; the
// process's resident memory is sampled all along, from a baseline taken after a full GC. A
// writer that buffered the archive, or read files ahead of the reader, would grow by the
// archive's 200 MiB. `npm run bench -- dossier` measures the same over HTTP in a server of its own.

type Api = Awaited<ReturnType<typeof createTestApi>>;

const MiB = 1024 * 1024;
const FILES = 10;
const FILE_BYTES = 20 * MiB;
/** Well under the 200 MiB the archive holds: what a streamed archive must stay within. */
const BUDGET_MIB = 100;

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

let api: Api;
let claimId: string;
const hashes: string[] = [];

before(async () => {
  api = await createTestApi();
  const claim = await api.createClaim();
  claimId = claim.id;
  assert.equal((await api.call('admin', 'POST', `/claims/${claim.id}/accept`)).status, 200);
  const { body } = await api.call('admin', 'GET', `/claims/${claim.id}/documents`);
  const requirements = body.items as { id: string }[];
  for (let i = 0; i < FILES; i++) {
    const bytes = randomBytes(FILE_BYTES);
    bytes.write('%PDF-1.4\n', 0, 'latin1');
    hashes.push(createHash('sha256').update(bytes).digest('hex'));
    const res = await api.upload('admin', claim.id, requirements[i % requirements.length]!.id, [{ name: `documento-${i + 1}.pdf`, bytes }]);
    assert.equal(res.status, 201, JSON.stringify(res.body));
  }
});
after(() => api.close());

it(`streams the dossier of ${FILES} files of ${FILE_BYTES / MiB} MiB with flat memory`, async (t) => {
  // Unchecked: the harness's app checks each answer against the OpenAPI document by reading a copy of its body whole.
  const app = createApp({ db: api.db, bus: api.bus, reactions: api.reactions, feed: api.feed, jwtSecret: JWT_SECRET, apiKey: API_KEY, corsOrigins: [], storage: api.storage });
  const request = () => app.request(`/api/v1/claims/${claimId}/dossier`, { headers: { 'X-Api-Key': API_KEY } });
  // A first, small read loads what the route needs (PDFKit's fonts, yazl) before the baseline.
  await (await request()).body!.cancel();

  gc();
  await sleep(100);
  gc();
  const baseline = process.memoryUsage.rss();
  let peak = baseline;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 2);

  const res = await request();
  assert.equal(res.status, 200);
  const reader = res.body!.getReader();
  let bytes = 0;
  let chunks = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    // Slower than the disk: the writer waits for this reader, rather than reading ahead.
    if (++chunks % 16 === 0) await sleep(1);
  }
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage.rss());

  const total = FILES * FILE_BYTES;
  assert.equal(bytes, Number(res.headers.get('content-length')));
  assert.ok(bytes > total, 'the archive holds every file');
  const growth = (peak - baseline) / MiB;
  t.diagnostic(`${FILES} × ${FILE_BYTES / MiB} MiB: ${(bytes / MiB).toFixed(1)} MiB streamed; peak RSS growth ${growth.toFixed(1)} MiB over a baseline of ${(baseline / MiB).toFixed(0)} MiB`);
  assert.ok(growth < BUDGET_MIB, `peak RSS grew by ${growth.toFixed(1)} MiB while streaming ${(total / MiB).toFixed(0)} MiB of files (budget ${BUDGET_MIB} MiB)`);
});
