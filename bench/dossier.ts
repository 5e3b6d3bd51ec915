/**
 * `npm run bench -- dossier`: the extra memory a claim's dossier costs the server while it
 * streams (issue 22: 10 files of 20 MiB, with flat memory). The server runs in a child process
 * (bench/live-server.ts, on a temporary SQLite file and DATA_DIR) so its resident memory is its
 * own. Ten 20 MiB PDF-like files are uploaded to one claim; after a warm-up download of a small
 * claim's dossier (so PDFKit's fonts and the ZIP writer are loaded) and a full GC, the server's
 * RSS at rest is the baseline. The 200 MiB dossier is then downloaded over HTTP by a client
 * slower than the disk (it pauses 1 ms every 16 chunks, so the server must wait for it) while
 * the server's RSS is sampled every few milliseconds. Budget: peak − baseline ≤ 48 MiB, against
 * the 200 MiB the archive holds. Three downloads; the median growth is reported.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { signUserToken } from '../api/auth/tokens.ts';
import { API_KEY, claimInput, JWT_SECRET, USERS } from '../api/testing/harness.ts';
import { startChildServer } from './child.ts';
import { budgetTable, median, num, progress, round, type Budget, type PartReport } from './report.ts';
import { call, upload } from './upload.ts';

const MiB = 1024 * 1024;
const FILES = 10;
const FILE_BYTES = 20 * MiB;
const SAMPLE_MS = 5;
const BUDGET_MIB = 48;
const RUNS = 3;

/** Downloads `url` as a client slower than the server's disk; resolves with the bytes received and the declared length. */
function slowDownload(url: string): Promise<{ status: number; bytes: number; length: number }> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { headers: { 'X-Api-Key': API_KEY } }, (response) => {
      let bytes = 0;
      let chunks = 0;
      response.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        if (++chunks % 16 === 0) {
          response.pause();
          setTimeout(() => response.resume(), 1);
        }
      });
      response.once('error', reject);
      response.once('end', () => resolve({ status: response.statusCode ?? 0, bytes, length: Number(response.headers['content-length']) }));
    });
    request.once('error', reject);
  });
}

export async function run(): Promise<PartReport> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'claimdesk-bench-dossier-'));
  const server = await startChildServer(
    './live-server.ts',
    { DATABASE_URL: `sqlite:${path.join(dir, 'bench.sqlite')}`, DATA_DIR: dir, CLAIMS_JWT_SECRET: JWT_SECRET, CLAIMS_API_KEY: API_KEY, PORT: '0', BENCH_TMP_DIR: dir },
    ['--expose-gc'],
  );
  try {
    const token = await signUserToken(JWT_SECRET, USERS.admin, 3600);
    const admin = { Authorization: `Bearer ${token}` };
    /** A fresh accepted claim, and its checklist's requirements to upload to. */
    const newClaim = async () => {
      const claim = await call(server, { 'X-Api-Key': API_KEY }, 'POST', '/claims', claimInput());
      await call(server, admin, 'POST', `/claims/${claim.id}/accept`);
      const { items } = (await call(server, admin, 'GET', `/claims/${claim.id}/documents`)) as { items: { id: string }[] };
      return { id: claim.id as string, requirements: items.map((item) => `${server.url}/api/v1/claims/${claim.id}/documents/${item.id}/files`) };
    };
    const dossierUrl = (id: string) => `${server.url}/api/v1/claims/${id}/dossier`;

    progress('warm-up: a small claim’s dossier');
    const small = await newClaim();
    await upload(small.requirements[0]!, token, 256 * 1024);
    const warm = await slowDownload(dossierUrl(small.id));
    if (warm.status !== 200) throw new Error(`warm-up dossier: ${warm.status}`);

    progress(`uploading ${FILES} files of ${FILE_BYTES / MiB} MiB to one claim`);
    const big = await newClaim();
    for (let i = 0; i < FILES; i++) {
      const answer = await upload(big.requirements[i % big.requirements.length]!, token, FILE_BYTES);
      if (answer.status !== 201) throw new Error(`upload ${i + 1}: ${answer.status} ${answer.body}`);
    }

    const runs: { baselineKb: number; peakKb: number; afterKb: number; ms: number; bytes: number; samples: number }[] = [];
    for (let run = 0; run < RUNS; run++) {
      await server.ask('gc');
      await sleep(500);
      const rest: number[] = [];
      for (let i = 0; i < 10; i++) {
        rest.push(server.rssKb());
        await sleep(50);
      }
      const baselineKb = median(rest);
      progress(`download ${run + 1} of ${RUNS}: the ${FILES * FILE_BYTES / MiB} MiB dossier while sampling the server's RSS every ${SAMPLE_MS} ms`);
      let peakKb = baselineKb;
      let samples = 0;
      const sampler = setInterval(() => {
        peakKb = Math.max(peakKb, server.rssKb());
        samples++;
      }, SAMPLE_MS);
      const started = performance.now();
      const got = await slowDownload(dossierUrl(big.id));
      const ms = performance.now() - started;
      await sleep(200);
      clearInterval(sampler);
      if (got.status !== 200 || got.bytes !== got.length) throw new Error(`the dossier: ${got.status}, ${got.bytes} of ${got.length} bytes`);
      await server.ask('gc');
      await sleep(300);
      runs.push({ baselineKb, peakKb, afterKb: server.rssKb(), ms, bytes: got.bytes, samples });
    }
    const byDelta = [...runs].sort((a, b) => a.peakKb - a.baselineKb - (b.peakKb - b.baselineKb));
    const { baselineKb, peakKb, afterKb, ms, bytes, samples } = byDelta[Math.floor(byDelta.length / 2)]!;
    const deltaMiB = (peakKb - baselineKb) / 1024;
    const budgets: Budget[] = [
      { name: `dossier of ${FILES} × ${FILE_BYTES / MiB} MiB: extra server RSS`, target: `≤ ${BUDGET_MIB} MiB`, value: `${num(deltaMiB, 1)} MiB`, pass: deltaMiB <= BUDGET_MIB },
    ];
    return {
      name: 'dossier',
      tables: [
        {
          title: `dossier — a claim with ${FILES} files of ${FILE_BYTES / MiB} MiB, as one streamed ZIP to a slow client; server RSS (child process), median of ${RUNS} downloads`,
          head: ['moment', 'RSS MiB', 'vs at rest'],
          rows: [
            ['at rest, after a warm-up dossier and a GC (baseline)', num(baselineKb / 1024, 1), '+0.0'],
            [`peak during the download (${samples} samples over ${num(ms / 1000, 1)} s)`, num(peakKb / 1024, 1), `+${num(deltaMiB, 1)}`],
            ['after it, and a GC', num(afterKb / 1024, 1), `${afterKb >= baselineKb ? '+' : ''}${num((afterKb - baselineKb) / 1024, 1)}`],
          ],
        },
        budgetTable('dossier — budget', budgets),
      ],
      notes: [
        `growth in each download: ${runs.map((r) => num((r.peakKb - r.baselineKb) / 1024, 1)).join(', ')} MiB; the median one sent ${num(bytes / MiB, 1)} MiB in ${num(ms, 0)} ms over loopback (${num(bytes / MiB / (ms / 1000), 0)} MiB/s).`,
        'The peak counts buffers already sent but not yet collected: the server holds them until its next GC.',
      ],
      results: {
        files: FILES,
        fileBytes: FILE_BYTES,
        archiveBytes: bytes,
        baselineRssMiB: round(baselineKb / 1024, 1),
        peakRssMiB: round(peakKb / 1024, 1),
        deltaMiB: round(deltaMiB, 2),
        afterRssMiB: round(afterKb / 1024, 1),
        downloadMs: round(ms, 0),
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
