/**
 * `npm run bench -- upload`: the extra memory a 20 MiB document upload costs the server. The
 * server runs in a child process (bench/live-server.ts, on a temporary SQLite file and DATA_DIR)
 * so its resident memory (/proc/<pid>/status VmRSS) is its own. After a small warm-up upload
 * (so the modules an upload loads are in memory) and a full GC, the server's RSS at rest is the
 * baseline; a 20 MiB PDF-like file (it starts with %PDF-1.4) is then streamed as multipart to a
 * claim's document requirement while its RSS is sampled every few milliseconds. Budget: peak −
 * baseline ≤ 8 MiB (the upload is streamed to storage, never held whole). Three uploads, each to a
 * fresh claim; the median growth is reported.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { signUserToken } from '../api/auth/tokens.ts';
import { API_KEY, claimInput, JWT_SECRET, USERS } from '../api/testing/harness.ts';
import { startChildServer, type ChildServer } from './child.ts';
import { budgetTable, median, num, progress, round, type Budget, type PartReport } from './report.ts';

const MiB = 1024 * 1024;
const FILE_BYTES = 20 * MiB;
const WARMUP_BYTES = 256 * 1024;
const CHUNK = 64 * 1024;
const SAMPLE_MS = 5;
const BUDGET_MIB = 8;
const RUNS = 3;

/** PDF-looking bytes: the magic a type sniffer reads, then random content that does not compress. */
function pdfChunk(offset: number, length: number): Buffer {
  const bytes = randomBytes(length);
  if (offset === 0) bytes.write('%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n', 0, 'latin1');
  return bytes;
}

/** Streams one multipart/form-data `file` part of `size` bytes (PDF-like, named albaran.pdf); resolves with the answer. */
export function upload(url: string, token: string, size: number): Promise<{ status: number; body: string }> {
  const boundary = `----claimdesk-bench-${randomBytes(8).toString('hex')}`;
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="albaran.pdf"\r\nContent-Type: application/pdf\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return new Promise((resolve, reject) => {
    const request = http.request(url, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': `multipart/form-data; boundary=${boundary}`, 'Content-Length': head.length + size + tail.length },
    });
    request.once('error', reject);
    request.once('response', (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.once('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    let offset = 0;
    const pump = () => {
      while (offset < size) {
        const length = Math.min(CHUNK, size - offset);
        const more = request.write(pdfChunk(offset, length));
        offset += length;
        if (!more) return void request.once('drain', pump);
      }
      request.end(tail);
    };
    request.write(head);
    pump();
  });
}

export async function call(server: ChildServer, headers: Record<string, string>, method: string, route: string, body?: unknown) {
  const res = await fetch(`${server.url}/api/v1${route}`, {
    method,
    headers: { ...headers, ...(body ? { 'Content-Type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  if (!res.ok) throw new Error(`${method} ${route}: ${res.status} ${await res.text()}`);
  return (await res.json()) as Record<string, any>;
}

export async function run(): Promise<PartReport> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'claimdesk-bench-upload-'));
  const server = await startChildServer(
    './live-server.ts',
    {
      DATABASE_URL: `sqlite:${path.join(dir, 'bench.sqlite')}`,
      DATA_DIR: dir,
      CLAIMS_JWT_SECRET: JWT_SECRET,
      CLAIMS_API_KEY: API_KEY,
      PORT: '0',
      BENCH_TMP_DIR: dir,
    },
    ['--expose-gc'],
  );
  try {
    const token = await signUserToken(JWT_SECRET, USERS.admin, 3600);
    const admin = { Authorization: `Bearer ${token}` };
    /** A fresh accepted claim's first document requirement, to upload to. */
    const requirementUrl = async () => {
      const claim = await call(server, { 'X-Api-Key': API_KEY }, 'POST', '/claims', claimInput());
      await call(server, admin, 'POST', `/claims/${claim.id}/accept`);
      const { items } = (await call(server, admin, 'GET', `/claims/${claim.id}/documents`)) as { items: { id: string }[] };
      if (items.length === 0) throw new Error('the claim has no document requirement to upload to');
      return `${server.url}/api/v1/claims/${claim.id}/documents/${items[0]!.id}/files`;
    };

    progress(`warm-up upload of ${WARMUP_BYTES / 1024} KiB`);
    const warm = await upload(await requirementUrl(), token, WARMUP_BYTES);
    if (warm.status !== 201) throw new Error(`warm-up upload: ${warm.status} ${warm.body}`);

    const runs: { baselineKb: number; peakKb: number; afterKb: number; uploadMs: number; samples: number }[] = [];
    for (let run = 0; run < RUNS; run++) {
      const url = await requirementUrl();
      await server.ask('gc');
      await sleep(500);
      const rest: number[] = [];
      for (let i = 0; i < 10; i++) {
        rest.push(server.rssKb());
        await sleep(50);
      }
      const baselineKb = median(rest);
      progress(`upload ${run + 1} of ${RUNS}: ${FILE_BYTES / MiB} MiB while sampling the server's RSS every ${SAMPLE_MS} ms`);
      let peakKb = baselineKb;
      let samples = 0;
      const sampler = setInterval(() => {
        peakKb = Math.max(peakKb, server.rssKb());
        samples++;
      }, SAMPLE_MS);
      const started = performance.now();
      const big = await upload(url, token, FILE_BYTES);
      const uploadMs = performance.now() - started;
      // The answer is out; what the server still does (the commit's wake-up, the feed) counts too.
      await sleep(200);
      clearInterval(sampler);
      if (big.status !== 201) throw new Error(`the ${FILE_BYTES / MiB} MiB upload: ${big.status} ${big.body}`);
      await server.ask('gc');
      await sleep(300);
      runs.push({ baselineKb, peakKb, afterKb: server.rssKb(), uploadMs, samples });
    }
    // The run with the median growth, so one unlucky GC timing neither hides nor invents a cost.
    const byDelta = [...runs].sort((a, b) => a.peakKb - a.baselineKb - (b.peakKb - b.baselineKb));
    const { baselineKb, peakKb, afterKb, uploadMs, samples } = byDelta[Math.floor(byDelta.length / 2)]!;
    const deltas = runs.map((r) => num((r.peakKb - r.baselineKb) / 1024, 1));

    const deltaMiB = (peakKb - baselineKb) / 1024;
    const budgets: Budget[] = [
      { name: `${FILE_BYTES / MiB} MiB upload: extra server RSS`, target: `≤ ${BUDGET_MIB} MiB`, value: `${num(deltaMiB, 1)} MiB`, pass: deltaMiB <= BUDGET_MIB },
    ];
    return {
      name: 'upload',
      tables: [
        {
          title: `upload — a ${FILE_BYTES / MiB} MiB PDF as multipart to a document requirement; server RSS (child process), median of ${RUNS} uploads`,
          head: ['moment', 'RSS MiB', 'vs at rest'],
          rows: [
            ['at rest, after a warm-up upload and a GC (baseline)', num(baselineKb / 1024, 1), '+0.0'],
            [`peak during the upload (${samples} samples over ${num(uploadMs / 1000, 1)} s)`, num(peakKb / 1024, 1), `+${num(deltaMiB, 1)}`],
            ['after it, and a GC', num(afterKb / 1024, 1), `${afterKb >= baselineKb ? '+' : ''}${num((afterKb - baselineKb) / 1024, 1)}`],
          ],
        },
        budgetTable('upload — budget', budgets),
      ],
      notes: [
        `growth in each upload: ${deltas.join(', ')} MiB; the median one took ${num(uploadMs, 0)} ms over loopback (${num(FILE_BYTES / MiB / (uploadMs / 1000), 0)} MiB/s).`,
        'The peak counts buffers already passed on but not yet collected: the server holds them until its next GC.',
      ],
      results: {
        fileBytes: FILE_BYTES,
        baselineRssMiB: round(baselineKb / 1024, 1),
        peakRssMiB: round(peakKb / 1024, 1),
        deltaMiB: round(deltaMiB, 2),
        afterRssMiB: round(afterKb / 1024, 1),
        uploadMs: round(uploadMs, 0),
        samples,
        deltasMiB: runs.map((r) => round((r.peakKb - r.baselineKb) / 1024, 2)),
      },
      budgets,
    };
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
