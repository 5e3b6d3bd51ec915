import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import pg from 'pg';
import sharp from 'sharp';
import { signUserToken } from '../api/auth/tokens.ts';
import { API_KEY, claimInput, JWT_SECRET } from '../api/testing/harness.ts';
import { createDatabase, enginesToRun, knob, startApi, thousands, type ApiProcess, type Database as TestDatabase } from './lib/api-process.ts';
import { random } from './lib/random.ts';

// SIGKILL while files come and go: clients upload documents (images, which get a thumbnail, and
// PDFs), upload chat attachments, send some with a message and remove others (DELETE /files/:id);
// the API process is killed with SIGKILL at a random moment and restarted on the same database
// and DATA_DIR, where it sweeps once before it listens. Then no files row may point at bytes that
// are not on disk, and no file may be on disk (DATA_DIR/files, temporary files included) that no
// row names: DESIGN.md, "Files: row and bytes agree".
//
//   FILES_KILL_ROUNDS=20 FILES_KILL_CLIENTS=8 FILES_KILL_SEED=3 npm run test:reliability

const ROUNDS = knob('FILES_KILL_ROUNDS', 8);
const CLIENTS = knob('FILES_KILL_CLIENTS', 4);
const SEED = knob('FILES_KILL_SEED', 20_261_206);
const MIN_MS = knob('FILES_KILL_MIN_MS', 500);
const MAX_MS = knob('FILES_KILL_MAX_MS', 2000);

/** The restarted process sweeps every pending key at once (no upload of a dead process is in flight), and not again while the load runs. */
const SWEEP_ON_START = { FILE_SWEEP_GRACE_MS: '0', FILE_SWEEP_MS: '86400000' };

interface Upload {
  name: string;
  bytes: Uint8Array;
}

/** Files of a few sizes, so that kills land before, during and after their bytes are written. */
async function samples(): Promise<Upload[]> {
  const image = (width: number, height: number) =>
    sharp({ create: { width, height, channels: 3, background: { r: 0, g: 0, b: 0 }, noise: { type: 'gaussian', mean: 128, sigma: 40 } } })
      .png()
      .toBuffer();
  const pdf = (bytes: number) => new Uint8Array(Buffer.concat([Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n'), Buffer.alloc(bytes, 0x20), Buffer.from('\ntrailer << /Root 1 0 R >>\n%%EOF\n')]));
  return [
    { name: 'foto.png', bytes: new Uint8Array(await image(320, 240)) },
    { name: 'foto-grande.png', bytes: new Uint8Array(await image(1024, 768)) },
    { name: 'factura.pdf', bytes: pdf(2_000) },
    { name: 'albaran.pdf', bytes: pdf(3 * 1024 * 1024) },
  ];
}

/** What the database and the disk hold, seen beside the running API. */
interface FilesState {
  rows: number;
  /** Keys rows name (storage and thumbnail) that are not on disk. */
  missing: string[];
  /** Files on disk (relative to DATA_DIR/files) that no row names. */
  orphans: string[];
}

async function rowKeys(db: TestDatabase): Promise<Array<{ storage_key: string; thumbnail_key: string | null }>> {
  const query = 'select storage_key, thumbnail_key from files';
  if (db.sqliteFile) {
    const sqlite = new Database(db.sqliteFile, { readonly: true, fileMustExist: true });
    try {
      return sqlite.prepare(query).all() as Array<{ storage_key: string; thumbnail_key: string | null }>;
    } finally {
      sqlite.close();
    }
  }
  const client = new pg.Client({ connectionString: db.databaseUrl });
  await client.connect();
  try {
    return (await client.query<{ storage_key: string; thumbnail_key: string | null }>(query)).rows;
  } finally {
    await client.end();
  }
}

async function filesState(db: TestDatabase): Promise<FilesState> {
  const root = path.join(db.dir, 'files');
  const onDisk = readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)));
  const rows = await rowKeys(db);
  const named = new Set(rows.flatMap((row) => [row.storage_key, ...(row.thumbnail_key ? [row.thumbnail_key] : [])]));
  const present = new Set(onDisk.map((file) => path.basename(file)));
  return {
    rows: rows.length,
    missing: [...named].filter((key) => !present.has(key)),
    orphans: onDisk.filter((file) => !named.has(path.basename(file))),
  };
}

interface RoundResult {
  acked: number;
  /** Uploads acknowledged, documents and attachments. */
  uploads: number;
  attempted: number;
  unexpected: string[];
}

/** Clients working until the process dies; `underway` resolves once the first of them uploads. */
function load(api: ApiProcess, round: number, files: Upload[], rnd: () => number, killed: () => boolean): { underway: Promise<void>; done: Promise<RoundResult> } {
  const result: RoundResult = { acked: 0, uploads: 0, attempted: 0, unexpected: [] };
  let onUnderway = () => {};
  const underway = new Promise<void>((resolve) => (onUnderway = resolve));

  async function send(method: string, url: string, token: string | null, body?: RequestInit['body'], type?: string): Promise<{ status: number; json: any } | 'lost'> {
    result.attempted++;
    try {
      const res = await fetch(`${api.url}/api/v1${url}`, {
        method,
        headers: { ...(token ? { Authorization: `Bearer ${token}` } : { 'X-Api-Key': API_KEY }), ...(type ? { 'Content-Type': type } : {}) },
        ...(body !== undefined ? { body } : {}),
      });
      const text = await res.text();
      return { status: res.status, json: text ? JSON.parse(text) : null };
    } catch (error) {
      if (!killed()) result.unexpected.push(`${method} ${url}: no answer while the API was up (${(error as Error).message})`);
      return 'lost';
    }
  }
  const json = (value: unknown) => JSON.stringify(value);
  const form = (picked: Upload[]) => {
    const data = new FormData();
    for (const file of picked) data.append('file', new Blob([file.bytes as Uint8Array<ArrayBuffer>]), file.name);
    return data;
  };
  const expect = (answer: { status: number; json: any }, status: number, what: string) => {
    if (answer.status === status) result.acked++;
    else result.unexpected.push(`${what} answered ${answer.status}: ${json(answer.json)}`);
    return answer.status === status;
  };

  async function client(index: number): Promise<void> {
    // A user of its own each round: what a killed round left unsent never counts against the next.
    const token = await signUserToken(JWT_SECRET, { sub: `files-${round}-${index}`, company: 'ferreteria', role: 'admin', name: `Cliente ${index}`, email: `c${index}@ferreteria.test` });
    const created = await send('POST', '/claims', null, json(claimInput({ externalRef: `FILES-${SEED}-${round}-${index}` })), 'application/json');
    if (created === 'lost' || !expect(created, 201, 'POST /claims')) return;
    const claimId = created.json.id as string;
    const accepted = await send('POST', `/claims/${claimId}/accept`, token);
    if (accepted === 'lost' || !expect(accepted, 200, 'accept')) return;
    const listed = await send('GET', `/claims/${claimId}/documents`, token);
    if (listed === 'lost' || !expect(listed, 200, 'GET documents')) return;
    const requirements = (listed.json.items as Array<{ id: string }>).map((item) => item.id);
    const documentFiles: string[] = [];
    const unsent: string[] = [];
    const pick = () => Array.from({ length: 1 + Math.floor(rnd() * 2) }, () => files[Math.floor(rnd() * files.length)]!);
    onUnderway();

    while (!killed()) {
      const choice = rnd();
      if (choice < 0.3) {
        const requirement = requirements[Math.floor(rnd() * requirements.length)]!;
        const answer = await send('POST', `/claims/${claimId}/documents/${requirement}/files`, token, form(pick()));
        if (answer === 'lost') return;
        if (expect(answer, 201, 'a document upload')) {
          result.uploads++;
          documentFiles.push(...(answer.json.files as Array<{ id: string }>).map((file) => file.id).filter((id) => !documentFiles.includes(id)));
        }
      } else if (choice < 0.6 && unsent.length < 8) {
        const answer = await send('POST', `/claims/${claimId}/attachments`, token, form(pick()));
        if (answer === 'lost') return;
        if (expect(answer, 201, 'an attachment upload')) {
          result.uploads++;
          unsent.push(...(answer.json.items as Array<{ id: string }>).map((file) => file.id));
        }
      } else if (choice < 0.75 && unsent.length > 0) {
        const attachments = unsent.splice(0, 1 + Math.floor(rnd() * unsent.length));
        const answer = await send('POST', `/claims/${claimId}/messages`, token, json({ body: 'Adjunto', clientId: `m-${round}-${index}-${result.attempted}`, attachments }), 'application/json');
        if (answer === 'lost') return;
        expect(answer, 201, 'a message with attachments');
      } else {
        const pool = rnd() < 0.5 && unsent.length > 0 ? unsent : documentFiles;
        if (pool.length === 0) continue;
        const [id] = pool.splice(Math.floor(rnd() * pool.length), 1);
        const answer = await send('DELETE', `/files/${id}`, token);
        if (answer === 'lost') return;
        expect(answer, 204, `DELETE /files/${id}`);
      }
    }
  }

  const done = Promise.all(Array.from({ length: CLIENTS }, (_, i) => client(i))).then(() => result);
  return { underway: Promise.race([underway, done.then(() => {})]), done };
}

for (const engine of enginesToRun()) {
  describe(`SIGKILL while files are uploaded and removed, on ${engine}`, () => {
    let db: TestDatabase | undefined;
    let api: ApiProcess | undefined;
    after(async () => {
      await api?.kill();
      await db?.dispose();
    });

    it(`leaves rows and bytes agreeing after ${ROUNDS} kills and a sweep`, { timeout: Math.max(10, ROUNDS) * 30_000 }, async () => {
      db = await createDatabase(engine, 'files-kill');
      const files = await samples();
      const killAt = random(SEED + (engine === 'postgres' ? 1 : 0));
      const rnd = random(SEED + 1000);
      const lines: string[] = [];
      const missing: string[] = [];
      let orphans: string[] = [];
      let writes = 0;
      let uploads = 0;
      const started = Date.now();

      for (let round = 1; round <= ROUNDS + 1; round++) {
        api = await startApi(db, SWEEP_ON_START);
        const state = await filesState(db);
        if (round > 1) {
          missing.push(...state.missing.map((key) => `after kill ${round - 1}: a row names ${key}, which is not on disk`));
          orphans = state.orphans;
          lines.push(`  after kill ${round - 1} and the sweep: ${state.rows} rows, ${state.missing.length} pointing to missing bytes, ${state.orphans.length} files on disk without a row`);
        }
        if (round > ROUNDS) break;
        let killed = false;
        const delay = MIN_MS + Math.floor(killAt() * (MAX_MS - MIN_MS));
        const running = load(api, round, files, rnd, () => killed);
        // Counted from the first upload, so that a slow start (a busy machine) still leaves files in flight to kill.
        await running.underway;
        await new Promise((resolve) => setTimeout(resolve, delay));
        killed = true;
        await api.kill();
        const result = await running.done;
        writes += result.acked;
        uploads += result.uploads;
        assert.deepEqual(result.unexpected, [], `round ${round} on ${engine}: answers a valid load should never get`);
        lines.push(`round ${round}: killed after ${delay} ms, ${result.acked} of ${result.attempted} requests acknowledged`);
      }
      await api!.stop();
      api = undefined;

      console.log(`${lines.join('\n')}\nfiles kill rounds: ${ROUNDS} on ${engine}, ${thousands(writes)} acknowledged requests (${thousands(uploads)} uploads), ${CLIENTS} clients, FILES_KILL_SEED=${SEED}, ${((Date.now() - started) / 1000).toFixed(1)} s`);
      assert.ok(uploads > 0, 'files were uploaded between the kills');
      assert.deepEqual(missing, [], 'no row points to missing bytes');
      assert.deepEqual(orphans, [], 'no bytes lack a row once the restarted process swept');
    });
  });
}
