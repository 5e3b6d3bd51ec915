/**
 * The data set the `api` and `plans` parts measure: 100,000 claims over 1,000 companies, with
 * their events, document requirements (claim_documents) and chat messages, written straight
 * into a file-backed SQLite database in batches. Generating it takes about 15 s on the 2-core
 * machine (plus ~5 s to rebuild the read models) and ~700 MB, so it is kept under the system's
 * temporary directory (BENCH_DATA_DIR to move it) and reused while its GENERATOR_VERSION and size
 * match; each run measures a copy, removed afterwards, so the writes a run makes (intake) never
 * grow the kept set.
 *
 * Rows are copies of template rows the API itself wrote for one claim (created, accepted,
 * assigned, one message), with ids, companies, times and searchable text varied: a column a
 * migration adds later gets the API's own value rather than a guess here.
 *
 * Shape: Ferretería Martínez (USERS.admin's company) is a large customer with 10,000 claims, so
 * its admin has deep pages to walk; the other 90,000 fall evenly on 999 companies. 60% of claims
 * are assigned to USERS.handler. Tracking numbers are 8 random digits, so a 4-digit fragment
 * such as "4410" matches a few hundred claims.
 *
 * Each claim's log tells how it reached its status, as the analytics read it (api/analytics/):
 * the customer's answer, the moves through review, filing and outcome (paid, partially paid or
 * denied, with the amount) and closing, days apart; two documents uploaded and reviewed (one in
 * six rejected first) before review, one waiting for review in half the claims collecting them;
 * messages by the company's admin and, in assigned claims, answers by the handler. The events of
 * uploads have no files rows or bytes behind them. 5% of claims are in GBP.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import SQLite from 'better-sqlite3';
import { signUserToken } from '../api/auth/tokens.ts';
import { catchUpAnalytics, rebuildAnalytics } from '../api/analytics/read-models.ts';
import { migrateToLatest, openDatabase, type DB } from '../api/db/connect.ts';
import { startServer } from '../api/server.ts';
import { API_KEY, claimInput, JWT_SECRET, USERS } from '../api/testing/harness.ts';
import { progress } from './report.ts';

/** Bump when the generated rows change shape or distribution: a kept set of another version is regenerated. */
const GENERATOR_VERSION = 2;

const CLAIMS = Number(process.env.BENCH_API_CLAIMS ?? 100_000);
const COMPANIES = 1_000;
/** USERS.admin's company holds this share of the claims. */
const BIG_COMPANY_SHARE = 0.1;
const HANDLED_SHARE = 0.6;
const MAX_MESSAGES_PER_CLAIM = 6;
const BATCH = 5_000;

/** A fragment of tracking numbers the search measurements look for. */
export const SEARCH_FRAGMENT = '4410';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const DIR = process.env.BENCH_DATA_DIR ?? path.join(os.tmpdir(), 'claimdesk-bench-api');
const FILE = path.join(DIR, `dataset-v${GENERATOR_VERSION}-${CLAIMS}.sqlite`);
/** This run's copy, and the files its server stores uploads in. */
const RUN_FILE = path.join(DIR, 'run.sqlite');
export const RUN_DATA_DIR = path.join(DIR, 'run-files');

/** What the measurements need to know about the set they run on. */
export interface Dataset {
  file: string;
  /** The kept set this run's file is a copy of (what bench/api-dataset-postgres.ts copies into PostgreSQL). */
  kept: string;
  claims: number;
  companies: number;
  bigCompanyClaims: number;
  events: number;
  documents: number;
  messages: number;
  /** How long generating it took, when it was generated (in this run or an earlier one). */
  generatedMs: number;
  /** Whether this run generated it. */
  fresh: boolean;
  /** What was done about derived read-model rows (see readModelHook). */
  readModels: string;
  /** Claim ids of USERS.admin's company and of all companies, for requests on random claims. */
  adminClaimIds: string[];
  anyClaimIds: string[];
  /** Ids of the other companies, for intake into random companies. */
  companyIds: string[];
}

type Row = Record<string, unknown>;

const STATUSES = [
  ['notified', 10],
  ['declined', 5],
  ['documentation', 30],
  ['review', 15],
  ['submitted', 15],
  ['resolved', 15],
  ['closed', 10],
] as const;
/** The main path through the lifecycle, in order (declined is the branch off notified). */
const STATUS_ORDER: readonly string[] = STATUSES.map(([status]) => status).filter((status) => status !== 'declined');
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const TYPES = ['breakage', 'robbery', 'theft', 'loss'] as const;
const CARRIERS = ['Transportes Azkar', 'SEUR', 'MRW', 'DHL Freight', 'Palletways', 'GLS', 'Correos Express', 'TIPSA'];
const DESCRIPTIONS = [
  'Palé con cajas de azulejos; varias llegaron rotas.',
  'El envío no llegó a destino y el transportista no lo localiza.',
  'Faltan bultos a la entrega; el albarán no se firmó con reservas.',
  'Caja abierta en tránsito; faltan piezas de repuesto.',
  'Mercancía mojada durante el transporte internacional.',
];

/** A deterministic generator, so two runs of one version build the same set. */
function random(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (below: number) => Math.floor(next() * below),
    pick: <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!,
  };
}

function weighted(r: number): string {
  const total = STATUSES.reduce((sum, [, w]) => sum + w, 0);
  let at = r * total;
  for (const [status, w] of STATUSES) {
    if ((at -= w) < 0) return status;
  }
  return STATUSES[0][0];
}

/** A template row's JSON with the template's ids replaced by the copy's. */
function rebind(text: string, ids: Map<string, string>): string {
  let out = text;
  for (const [from, to] of ids) out = out.replaceAll(from, to);
  return out;
}

function insertStatement(db: SQLite.Database, table: string, columns: string[]) {
  return db.prepare(`insert into ${table} (${columns.map((c) => `"${c}"`).join(', ')}) values (${columns.map((c) => `@${c}`).join(', ')})`);
}

/**
 * The function the claims module exports to rebuild derived read-model rows (counts, search
 * index) after a bulk insert, when it exists: `rebuildClaimReadModels(db)` in any module of
 * api/claims/. Rows written here bypass the write path, so without it such rows would be missing.
 */
async function readModelHook(): Promise<((db: DB) => Promise<unknown>) | null> {
  const dir = path.join(REPO, 'api/claims');
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts')).sort()) {
    const module = (await import(pathToFileURL(path.join(dir, file)).href)) as Record<string, unknown>;
    if (typeof module.rebuildClaimReadModels === 'function') return module.rebuildClaimReadModels as (db: DB) => Promise<unknown>;
  }
  return null;
}

function readMeta(file: string): Map<string, string> | null {
  if (!existsSync(file)) return null;
  const db = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare('select key, value from bench_dataset').all() as { key: string; value: string }[];
    return new Map(rows.map((row) => [row.key, row.value]));
  } catch {
    return null;
  } finally {
    db.close();
  }
}

function writeMeta(file: string, entries: Record<string, string | number>): void {
  const db = new SQLite(file);
  try {
    db.exec('create table if not exists bench_dataset (key text primary key, value text not null)');
    const put = db.prepare('insert into bench_dataset (key, value) values (?, ?) on conflict (key) do update set value = excluded.value');
    for (const [key, value] of Object.entries(entries)) put.run(key, String(value));
    // One file, no WAL beside it: copies of it are whole.
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
}

/** Writes the template rows through the API: one claim created, accepted, assigned, with one message. */
async function writeTemplates(file: string): Promise<void> {
  const server = await startServer({ port: 0, databaseUrl: `sqlite:${file}`, jwtSecret: JWT_SECRET, apiKey: API_KEY, corsOrigins: [], holdMail: true });
  try {
    const as = async (user: (typeof USERS)[keyof typeof USERS], method: string, route: string, body?: unknown) => {
      const res = await fetch(`${server.url}/api/v1${route}`, {
        method,
        headers: { Authorization: `Bearer ${await signUserToken(JWT_SECRET, user)}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
      if (!res.ok) throw new Error(`${method} ${route}: ${res.status} ${await res.text()}`);
      return (await res.json()) as Record<string, any>;
    };
    const created = await fetch(`${server.url}/api/v1/claims`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Api-Key': API_KEY },
      body: JSON.stringify(claimInput({ externalRef: 'BENCH-TEMPLATE' })),
    });
    if (created.status !== 201) throw new Error(`template claim: ${created.status} ${await created.text()}`);
    const claim = (await created.json()) as { id: string };
    await as(USERS.handler, 'GET', '/me');
    const handler = await server.deps.db.selectFrom('users').select('id').where('external_id', '=', USERS.handler.sub).executeTakeFirstOrThrow();
    await as(USERS.admin, 'POST', `/claims/${claim.id}/accept`);
    await as(USERS.handler, 'POST', `/claims/${claim.id}/assignee`, { handlerId: handler.id });
    await as(USERS.admin, 'POST', `/claims/${claim.id}/messages`, { body: '¿Necesitáis las fotos del embalaje?', clientId: 'bench-template' });
  } finally {
    await server.close();
  }
}

async function generate(file: string): Promise<void> {
  const started = performance.now();
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
  mkdirSync(path.dirname(file), { recursive: true });
  progress(`generating the api data set (${CLAIMS.toLocaleString('en-US')} claims) in ${file}; kept for later runs`);
  await writeTemplates(file);

  const db = new SQLite(file);
  // Generation only: a crash mid-way leaves a set without its meta row, which is regenerated.
  db.pragma('synchronous = OFF');
  db.pragma('foreign_keys = OFF');
  db.pragma('cache_size = -262144');

  const claimTemplate = db.prepare('select * from claims').get() as Row;
  const events = db.prepare("select * from claim_events where claim_id = ? order by id").all(claimTemplate.id) as Row[];
  const eventOf = (type: string) => {
    const row = events.find((e) => e.type === type);
    if (!row) throw new Error(`the template claim has no ${type} event`);
    return row;
  };
  const createdEvent = eventOf('claim.created');
  const assignedEvent = eventOf('claim.assigned');
  const messageEvent = eventOf('message.posted');
  const documents = db.prepare('select * from claim_documents where claim_id = ? order by position').all(claimTemplate.id) as Row[];
  const labels = new Map((db.prepare('select code, label_en, label_es from document_kinds').all() as Row[]).map((kind) => [kind.code as string, { en: kind.label_en, es: kind.label_es }]));
  const messageTemplate = db.prepare('select * from messages where claim_id = ?').get(claimTemplate.id) as Row;
  const adminTemplate = db.prepare('select * from users where external_id = ?').get(USERS.admin.sub) as Row;
  const handlerRow = db.prepare('select * from users where external_id = ?').get(USERS.handler.sub) as Row;
  const companyTemplate = db.prepare('select * from companies where id = ?').get(USERS.admin.company) as Row;

  const columns = (row: Row, without: string[] = []) => Object.keys(row).filter((c) => !without.includes(c));
  const insertCompany = insertStatement(db, 'companies', columns(companyTemplate));
  const insertUser = insertStatement(db, 'users', columns(adminTemplate));
  const insertClaim = insertStatement(db, 'claims', columns(claimTemplate));
  const insertEvent = insertStatement(db, 'claim_events', columns(createdEvent, ['id']));
  const insertDocument = insertStatement(db, 'claim_documents', columns(documents[0]!));
  const insertMessage = insertStatement(db, 'messages', columns(messageTemplate));

  const rnd = random(GENERATOR_VERSION * 7919);
  const companies: { id: string; admin: Row }[] = [{ id: USERS.admin.company, admin: adminTemplate }];
  db.transaction(() => {
    for (let c = 1; c < COMPANIES; c++) {
      const id = `co_bench${String(c).padStart(4, '0')}`;
      insertCompany.run({ ...companyTemplate, id, name: `Cliente de prueba ${c} S.L.` });
      const admin = { ...adminTemplate, id: `usr_bench${String(c).padStart(4, '0')}`, company_id: id, external_id: `admin-${c}`, email: `admin@cliente${c}.test`, name: `Admin ${c}` };
      insertUser.run(admin);
      companies.push({ id, admin });
    }
  })();

  const bigCompanyClaims = Math.round(CLAIMS * BIG_COMPANY_SHARE);
  // Two years of claims, oldest first, so event ids grow with time as they do in use.
  const from = Date.UTC(2024, 0, 1);
  const span = Date.UTC(2026, 0, 1) - from;
  const toInsert = CLAIMS - 1; // the template claim is the first
  let n = 0;
  while (n < toInsert) {
    const end = Math.min(toInsert, n + BATCH);
    db.transaction(() => {
      for (; n < end; n++) {
        // Spread the big company's claims evenly through time; the rest round-robin.
        const company = n % Math.round(toInsert / (bigCompanyClaims - 1)) === 0 ? companies[0]! : companies[1 + (n % (COMPANIES - 1))]!;
        const at = from + Math.floor((n / toInsert) * span) + rnd.int(60_000);
        const createdAt = new Date(at).toISOString();
        const year = new Date(at).getUTCFullYear();
        const status = weighted(rnd.next());
        const handled = status !== 'notified' && rnd.next() < HANDLED_SHARE / 0.9;
        const type = rnd.pick(TYPES);
        const carrier = rnd.pick(CARRIERS);
        const currency = rnd.next() < 0.05 ? 'GBP' : (claimTemplate.currency as string);
        const claimed = claimTemplate.declared_value_cents as number;
        const reached = (phase: string) => STATUS_ORDER.indexOf(status) >= STATUS_ORDER.indexOf(phase);
        const outcome = !reached('resolved') ? null : rnd.next() < 0.6 ? 'paid' : rnd.next() < 0.6 ? 'partially_paid' : 'denied';
        const recovered = outcome === 'paid' ? claimed : outcome === 'partially_paid' ? Math.round(claimed * (0.3 + rnd.next() * 0.6)) : 0;
        const claimId = `clm_bench${String(n).padStart(7, '0')}`;
        const reference = `SIN-${year}-${String(n + 1).padStart(6, '0')}`;
        const ids = new Map<string, string>([
          [claimTemplate.id as string, claimId],
          [claimTemplate.reference as string, reference],
        ]);
        insertClaim.run({
          ...claimTemplate,
          id: claimId,
          reference,
          company_id: company.id,
          external_ref: `BENCH-${n}`,
          type,
          status,
          carrier,
          tracking_number: `${carrier.slice(0, 3).toUpperCase()}-${String(rnd.int(100_000_000)).padStart(8, '0')}`,
          description: rnd.pick(DESCRIPTIONS),
          currency,
          outcome,
          outcome_amount_cents: outcome === null ? null : recovered,
          decline_reason: status === 'declined' ? 'No nos interesa reclamar.' : null,
          incident_at: new Date(at - 86_400_000).toISOString(),
          deadline_at: new Date(at + (7 + rnd.int(24)) * 86_400_000).toISOString(),
          handler_id: handled ? handlerRow.id : null,
          handler_name: handled ? handlerRow.name : null,
          created_at: createdAt,
          updated_at: createdAt,
        });
        let t = at;
        const event = (template: Row, after = 1_000 + rnd.int(3_600_000)) => {
          t += after;
          const { id: _id, ...row } = template;
          insertEvent.run({ ...row, claim_id: claimId, company_id: company.id, data: rebind(row.data as string, ids), created_at: new Date(t).toISOString() });
        };
        // The template's columns, as the customer (the company's admin), the handler or Claimdesk wrote them.
        const by = (who: 'customer' | 'handler' | 'system', type: string, data: Record<string, unknown>): Row => {
          const actor =
            who === 'customer'
              ? { actor_kind: 'user', actor_id: company.admin.id, actor_name: company.admin.name }
              : who === 'handler'
                ? { actor_kind: 'handler', actor_id: handlerRow.id, actor_name: handlerRow.name }
                : { actor_kind: 'system', actor_id: null, actor_name: 'Claimdesk' };
          return { ...createdEvent, ...actor, type, data: JSON.stringify(data) };
        };
        const move = (from: string, to: string, after: number, extra: Record<string, unknown> = {}) =>
          event(by(to === 'review' ? 'system' : 'handler', 'claim.transitioned', { from, to, ...extra }), after);
        const document = (position: number) => {
          const doc = documents[position % documents.length]!;
          return { requirementId: `req_${claimId.slice(4)}_${doc.position}`, kind: doc.kind, label: labels.get(doc.kind as string) };
        };
        let files = 0;
        const upload = (position: number, after: number) =>
          event(by('customer', 'document.uploaded', { document: document(position), file: { id: `fil_${claimId.slice(4)}_${files}`, name: `documento-${files++}.pdf` } }), after);
        const review = (position: number, decision: 'accepted' | 'rejected', after: number) =>
          event(by('handler', 'document.reviewed', { document: document(position), decision, ...(decision === 'rejected' ? { reason: 'No se lee bien.' } : {}) }), after);
        event(createdEvent);
        if (status === 'declined') event(by('customer', 'claim.declined', { from: 'notified', to: 'declined', reason: 'No nos interesa reclamar.' }), HOUR + rnd.int(48 * HOUR));
        else if (status !== 'notified') event(by('customer', 'claim.accepted', { from: 'notified', to: 'documentation' }), HOUR + rnd.int(48 * HOUR));
        if (handled) event(assignedEvent);
        for (const doc of documents) {
          const done = status !== 'notified' && status !== 'declined' && (status !== 'documentation' || rnd.next() < 0.5);
          insertDocument.run({ ...doc, id: `req_${claimId.slice(4)}_${doc.position}`, claim_id: claimId, company_id: company.id, status: done ? 'accepted' : 'missing', created_at: createdAt, updated_at: createdAt });
        }
        const messages = status === 'notified' ? 0 : rnd.int(MAX_MESSAGES_PER_CLAIM + 1);
        for (let m = 0; m < messages; m++) {
          const messageId = `msg_${claimId.slice(4)}_${m}`;
          t += 60_000 + rnd.int(86_400_000);
          const byHandler = handled && m % 2 === 1;
          insertMessage.run({
            ...messageTemplate,
            id: messageId,
            claim_id: claimId,
            company_id: company.id,
            author_id: byHandler ? handlerRow.id : company.admin.id,
            author_name: byHandler ? handlerRow.name : company.admin.name,
            author_kind: byHandler ? 'handler' : messageTemplate.author_kind,
            client_id: `bench-${messageId}`,
            body: byHandler ? 'Recibido, lo reviso hoy mismo.' : '¿Cómo va la reclamación?',
            created_at: new Date(t).toISOString(),
          });
          ids.set(messageTemplate.id as string, messageId);
          const { actor_kind, actor_id, actor_name } = by(byHandler ? 'handler' : 'customer', 'message.posted', {});
          event({ ...messageEvent, actor_kind, actor_id, actor_name }, 0);
        }
        if (status === 'documentation' && rnd.next() < 0.5) upload(0, HOUR + rnd.int(72 * HOUR));
        if (reached('review')) {
          // The documentation phase: two documents in and reviewed, over 1 to 25 days.
          for (const position of [0, 1]) {
            upload(position, HOUR + rnd.int(5 * DAY));
            if (rnd.next() < 1 / 6) {
              review(position, 'rejected', HOUR + rnd.int(2 * DAY));
              upload(position, HOUR + rnd.int(3 * DAY));
            }
            review(position, 'accepted', 10 * MINUTE + rnd.int(2 * DAY));
          }
          move('documentation', 'review', HOUR + rnd.int(5 * DAY));
        }
        if (reached('submitted')) move('review', 'submitted', 12 * HOUR + rnd.int(6 * DAY));
        if (reached('resolved')) {
          move('submitted', 'resolved', 5 * DAY + rnd.int(55 * DAY), { outcome, amount: { amountCents: recovered, currency } });
        }
        if (reached('closed')) move('resolved', 'closed', DAY + rnd.int(9 * DAY));
      }
    })();
    progress(`  ${n.toLocaleString('en-US')} / ${toInsert.toLocaleString('en-US')} claims written (${((performance.now() - started) / 1000).toFixed(0)} s)`);
  }
  const count = (table: string) => (db.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
  const totals = { claims: count('claims'), events: count('claim_events'), documents: count('claim_documents'), messages: count('messages') };
  db.close();
  writeMeta(file, {
    version: GENERATOR_VERSION,
    ...totals,
    companies: COMPANIES,
    bigCompanyClaims: bigCompanyClaims,
    generatedMs: Math.round(performance.now() - started),
    // Set by prepare() once the read models are rebuilt for the migrations in force.
    readModels: 'pending',
  });
  progress(`data set written in ${((performance.now() - started) / 1000).toFixed(0)} s: ${JSON.stringify(totals)}`);
}

/** Removes a run's copy of the set (and what its server stored), leaving the kept set. */
export function discardRunCopy(): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${RUN_FILE}${suffix}`, { force: true });
  rmSync(RUN_DATA_DIR, { recursive: true, force: true });
}

/**
 * Makes sure the kept set exists and is migrated to the current schema (with its read models
 * rebuilt when the migrations changed), then copies it for this run to measure.
 */
export async function prepareDataset(): Promise<Dataset> {
  const kept = readMeta(FILE);
  const fresh = kept?.get('version') !== String(GENERATOR_VERSION) || kept.get('claims') !== String(CLAIMS);
  if (fresh) await generate(FILE);
  else progress(`reusing the api data set ${FILE} (generator v${GENERATOR_VERSION}; delete it to regenerate)`);
  const meta = fresh ? readMeta(FILE)! : kept!;

  // Migrations that landed since bring the kept set up to date once, not every run's copy.
  const db = openDatabase(`sqlite:${FILE}`);
  let readModels = meta.get('readModels')!;
  try {
    await migrateToLatest(db);
    // The analytics replayed from the log: a set just generated was written past the write path
    // (its templates' server built them for one claim); a kept one, as a server's first start
    // would, once per version of their derivation.
    const analyticsStarted = performance.now();
    const analytics = fresh ? await rebuildAnalytics(db) : await catchUpAnalytics(db);
    if (analytics) progress(`analytics built from the log (${analytics.events.toLocaleString('en-US')} events) in ${((performance.now() - analyticsStarted) / 1000).toFixed(1)} s`);
    const applied = await db.selectFrom('kysely_migration' as never).select('name' as never).execute();
    const schema = (applied as { name: string }[]).map((row) => row.name).sort().join(',');
    const hook = await readModelHook();
    const wanted = hook ? `rebuilt with rebuildClaimReadModels for ${applied.length} migrations` : `no rebuildClaimReadModels exported (${applied.length} migrations)`;
    if (readModels !== wanted || meta.get('schema') !== schema) {
      if (hook) {
        const started = performance.now();
        progress('rebuilding derived read models (rebuildClaimReadModels)');
        await hook(db);
        progress(`read models rebuilt in ${((performance.now() - started) / 1000).toFixed(1)} s`);
      }
      readModels = wanted;
    }
    await db.destroy();
    writeMeta(FILE, { readModels, schema });
  } catch (error) {
    await db.destroy().catch(() => {});
    throw error;
  }

  discardRunCopy();
  copyFileSync(FILE, RUN_FILE);

  const read = new SQLite(RUN_FILE, { readonly: true });
  try {
    const ids = (sqlText: string, ...params: unknown[]) => (read.prepare(sqlText).pluck().all(...params) as string[]);
    return {
      file: RUN_FILE,
      kept: FILE,
      claims: Number(meta.get('claims')),
      companies: Number(meta.get('companies')),
      bigCompanyClaims: Number(meta.get('bigCompanyClaims')),
      events: Number(meta.get('events')),
      documents: Number(meta.get('documents')),
      messages: Number(meta.get('messages')),
      generatedMs: Number(meta.get('generatedMs')),
      fresh,
      readModels,
      adminClaimIds: ids('select id from claims where company_id = ?', USERS.admin.company),
      anyClaimIds: ids('select id from claims'),
      companyIds: ids('select id from companies where id like ?', 'co_bench%'),
    };
  } finally {
    read.close();
  }
}
