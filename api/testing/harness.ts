import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createApp, liveFeedFor, writePathFor, type AppDeps, type ReactionSettings } from '../app.ts';
import { API_KEY_SCOPES, type ApiKeyScope } from '../../domain/constants.ts';
import { signUserToken, type TokenClaims } from '../auth/tokens.ts';
import { migrateToLatest, openDatabase } from '../db/connect.ts';
import { createEventBus } from '../events/bus.ts';
import type { WriteDeps } from '../events/record.ts';
import type { CreateClaimInput } from '../claims/claims.schema.ts';
import { createTestDatabaseUrl, dropTestDatabase } from './database.ts';
import { checkResponses } from './openapi-check.ts';
import { LocalDiskStorage } from '../storage/local-disk.ts';

export const JWT_SECRET = 'test-secret-0123456789abcdef0123456789';
export const API_KEY = 'test-api-key-0123456789abcdef';

export type TestUser = Omit<TokenClaims, 'exp'>;

/** The people every test can call on: two customer companies and the operator's handler. */
export const USERS = {
  admin: { sub: 'ana', company: 'ferreteria', companyName: 'Ferretería Martínez S.L.', role: 'admin', name: 'Ana Martínez', email: 'ana@ferreteria.test' },
  member: { sub: 'jordi', company: 'ferreteria', role: 'member', name: 'Jordi Puig', email: 'jordi@ferreteria.test' },
  memberWithoutAccess: { sub: 'lucia', company: 'ferreteria', role: 'member', name: 'Lucía Gómez', email: 'lucia@ferreteria.test' },
  otherAdmin: { sub: 'marta', company: 'textiles', companyName: 'Textiles del Sur S.A.', role: 'admin', name: 'Marta Ruiz', email: 'marta@textiles.test' },
  handler: { sub: 'carmen', company: 'operator', companyName: 'Claimdesk Logística', role: 'handler', name: 'Carmen Ruiz', email: 'carmen@operator.test' },
} satisfies Record<string, TestUser>;

/**
 * `companyKey` and `otherCompanyKey`: API keys of ferreteria and of textiles with every scope,
 * created on first use as an administrator would.
 */
export type Caller = keyof typeof USERS | 'apiKey' | 'companyKey' | 'otherCompanyKey' | 'anonymous';

const COMPANY_KEY_ADMINS = { companyKey: 'admin', otherCompanyKey: 'otherAdmin' } as const;

export function claimInput(overrides: Partial<CreateClaimInput> = {}): CreateClaimInput {
  return {
    company: { id: 'ferreteria', name: 'Ferretería Martínez S.L.' },
    externalRef: `INC-${Math.random().toString(36).slice(2, 10)}`,
    type: 'breakage',
    goods: 'pallet',
    scope: 'international',
    carrier: 'Transportes Azkar',
    trackingNumber: 'AZK-2026-55821',
    description: 'Palé con 12 cajas de azulejos; 4 llegaron rotas.',
    incidentAt: '2026-11-20T09:30:00Z',
    declaredValue: { amountCents: 184_000, currency: 'EUR' },
    packages: 12,
    ...overrides,
  };
}

/**
 * A claim of a served API (its own process, reached over HTTP) opened with the operator's key and
 * accepted by the company's admin, and its first document requirement: a document to upload to.
 * `api` fetches a path under /api/v1; `admin` is the admin's Authorization header.
 */
export async function servedDocumentToFill(api: (path: string, init?: RequestInit) => Promise<Response>, admin: Record<string, string>): Promise<{ claimId: string; requirementId: string }> {
  const created = await api('/claims', {
    method: 'POST',
    headers: { 'X-Api-Key': API_KEY, 'Content-Type': 'application/json' },
    body: JSON.stringify(claimInput({ type: 'loss', goods: 'parcel', scope: 'national' })),
  });
  if (created.status !== 201) throw new Error(`opening a claim: ${created.status} ${await created.text()}`);
  const claimId = ((await created.json()) as { id: string }).id;
  const accepted = await api(`/claims/${claimId}/accept`, { method: 'POST', headers: admin });
  if (accepted.status !== 200) throw new Error(`accepting it: ${accepted.status} ${await accepted.text()}`);
  const documents = (await (await api(`/claims/${claimId}/documents`, { headers: admin })).json()) as { items: Array<{ id: string }> };
  return { claimId, requirementId: documents.items[0]!.id };
}

/** One file of an upload: its name as the client sends it, its bytes, and the part's Content-Type (default application/octet-stream). */
export interface UploadPart {
  name: string;
  bytes: Uint8Array;
  type?: string;
}

export interface UploadOptions {
  /** Streams the body without Content-Length. */
  chunked?: boolean;
  /** The form field of the parts (default `file`). */
  field?: string;
  /** More request headers (an Idempotency-Key, say). */
  headers?: Record<string, string>;
}

/** `bytes` as a stream of 64 KiB chunks, as a client streaming a body without Content-Length sends it. */
export function chunkedStream(bytes: Uint8Array, chunkSize = 64 * 1024): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (offset >= bytes.byteLength) return controller.close();
      controller.enqueue(bytes.slice(offset, offset + chunkSize));
      offset += chunkSize;
    },
  });
}

/** A fresh in-memory API for one test file, with helpers to call it as anyone; `settings` overrides the app's defaults. */
export async function createTestApi({ settings = {}, ...options }: { heartbeatMs?: number; settings?: Partial<Omit<AppDeps, keyof WriteDeps>> & ReactionSettings } = {}) {
  const databaseUrl = await createTestDatabaseUrl();
  const db = openDatabase(databaseUrl);
  await migrateToLatest(db);
  const bus = createEventBus();
  const writePath = writePathFor(db, bus, settings);
  const feed = liveFeedFor({ db, bus, ...options });
  // Uploaded files go to a directory of this test API's own, removed by close().
  const dataDir = mkdtempSync(path.join(tmpdir(), 'claimdesk-test-files-'));
  const storage = new LocalDiskStorage(path.join(dataDir, 'files'));
  // Every answer, through call() or app.request(), is checked against the served OpenAPI document.
  const app = checkResponses(createApp({ ...writePath, feed, jwtSecret: JWT_SECRET, apiKey: API_KEY, corsOrigins: ['https://host.test'], storage, ...settings }));

  const tokens = new Map<string, string>();
  async function headersFor(caller: Caller): Promise<Record<string, string>> {
    if (caller === 'anonymous') return {};
    if (caller === 'apiKey') return { 'X-Api-Key': API_KEY };
    if (caller === 'companyKey' || caller === 'otherCompanyKey') {
      let key = tokens.get(caller);
      if (!key) {
        key = await createCompanyKey(COMPANY_KEY_ADMINS[caller], { name: `ERP ${caller}`, scopes: [...API_KEY_SCOPES] });
        tokens.set(caller, key);
      }
      return { 'X-Api-Key': key };
    }
    let token = tokens.get(caller);
    if (!token) {
      token = await signUserToken(JWT_SECRET, USERS[caller]);
      tokens.set(caller, token);
    }
    return { Authorization: `Bearer ${token}` };
  }

  async function call(caller: Caller, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const text = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
    // With the Content-Length an HTTP client sends: the body limit decides from the headers.
    const bodyHeaders: Record<string, string> = text === undefined ? {} : { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(text)) };
    const response = await app.request(`/api/v1${path}`, {
      method,
      headers: { ...(await headersFor(caller)), ...bodyHeaders, ...headers },
      ...(text !== undefined ? { body: text } : {}),
    });
    const answer = await response.text();
    const json: any = answer && response.headers.get('content-type')?.includes('json') ? JSON.parse(answer) : answer;
    return { status: response.status, headers: response.headers, body: json };
  }

  /** Calls as someone outside USERS: the token is signed the way the host backend would. */
  function as(user: TestUser) {
    const token = signUserToken(JWT_SECRET, user);
    return async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
      call('anonymous', method, path, body, { ...headers, Authorization: `Bearer ${await token}` });
  }

  /** A company API key created by that company's administrator: its secret, for X-Api-Key. */
  async function createCompanyKey(admin: 'admin' | 'otherAdmin', input: { name: string; scopes: readonly ApiKeyScope[] }): Promise<string> {
    const { status, body } = await call(admin, 'POST', '/company/api-keys', input);
    if (status !== 201) throw new Error(`createCompanyKey failed: ${status} ${JSON.stringify(body)}`);
    return body.secret as string;
  }

  async function createClaim(overrides: Partial<CreateClaimInput> = {}) {
    const { status, body } = await call('apiKey', 'POST', '/claims', claimInput(overrides));
    if (status !== 201) throw new Error(`createClaim failed: ${status} ${JSON.stringify(body)}`);
    return body as { id: string; reference: string; status: string; companyId: string };
  }

  /** Grants a member claims access the way the admin screen does. */
  async function grantAccess(who: 'member') {
    await call(who, 'GET', '/me');
    const users = await call('admin', 'GET', '/users');
    const user = users.body.items.find((u: { externalId: string }) => u.externalId === USERS[who].sub);
    const res = await call('admin', 'PATCH', `/users/${user.id}`, { claimsAccess: true });
    if (res.status !== 200) throw new Error(`grant failed: ${res.status}`);
  }

  /**
   * Uploads files to a requirement as a browser's FormData would: each `{ name, bytes }` as a
   * part (named `field`, default `file`), with Content-Length unless `chunked` streams the body
   * without one.
   */
  function upload(caller: Caller, claimId: string, requirementId: string, files: UploadPart[], options: UploadOptions = {}) {
    return uploadTo(caller, `/claims/${claimId}/documents/${requirementId}/files`, files, options);
  }

  /** The same, to any upload route (`path` under /api/v1): a message's attachments, say. */
  async function uploadTo(caller: Caller, path: string, files: UploadPart[], { chunked = false, field = 'file', headers = {} }: UploadOptions = {}) {
    const form = new FormData();
    for (const file of files) form.append(field, new Blob([file.bytes as Uint8Array<ArrayBuffer>], { type: file.type ?? 'application/octet-stream' }), file.name);
    const encoded = new Response(form);
    const contentType = encoded.headers.get('content-type')!;
    const bytes = new Uint8Array(await encoded.arrayBuffer());
    const body = chunked ? chunkedStream(bytes) : bytes;
    const response = await app.request(`/api/v1${path}`, {
      method: 'POST',
      headers: {
        ...(await headersFor(caller)),
        'Content-Type': contentType,
        ...(chunked ? { 'Transfer-Encoding': 'chunked' } : { 'Content-Length': String(bytes.byteLength) }),
        ...headers,
      },
      body,
      ...(chunked ? { duplex: 'half' } : {}),
    } as RequestInit);
    const answer = await response.text();
    const json: any = answer && response.headers.get('content-type')?.includes('json') ? JSON.parse(answer) : answer;
    return { status: response.status, headers: response.headers, body: json };
  }

  /** What the storage directory holds, temporary files included: a refused upload must leave nothing. */
  function storedFiles(): string[] {
    return readdirSync(storage.root, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => path.relative(storage.root, path.join(entry.parentPath, entry.name)));
  }

  const others: (() => Promise<void>)[] = [];
  /**
   * Another process on this test API's database: an app of its own, with its own bus (what it
   * hears of), feed and memory (the users it holds, the issuers it read); closed with this one.
   */
  function anotherProcess(settings: Partial<Omit<AppDeps, keyof WriteDeps>> = {}) {
    const otherBus = createEventBus();
    const otherFeed = liveFeedFor({ db, bus: otherBus });
    const otherDir = mkdtempSync(path.join(tmpdir(), 'claimdesk-test-other-'));
    const otherApp = checkResponses(
      createApp({
        ...writePathFor(db, otherBus),
        feed: otherFeed,
        jwtSecret: JWT_SECRET,
        apiKey: API_KEY,
        corsOrigins: [],
        storage: new LocalDiskStorage(path.join(otherDir, 'files')),
        ...settings,
      }),
    );
    others.push(async () => {
      await otherFeed.close();
      rmSync(otherDir, { recursive: true, force: true });
    });
    return { app: otherApp, bus: otherBus };
  }

  async function close() {
    for (const closeOther of others) await closeOther();
    await feed.close();
    await db.destroy();
    await dropTestDatabase(databaseUrl);
    rmSync(dataDir, { recursive: true, force: true });
  }

  return { app, databaseUrl, ...writePath, feed, storage, call, as, headersFor, createCompanyKey, createClaim, grantAccess, upload, uploadTo, storedFiles, anotherProcess, close };
}
