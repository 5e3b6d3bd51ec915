import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { EventSource } from 'eventsource';
import sharp from 'sharp';
import { signUserToken } from '../api/auth/tokens.ts';
import { openDatabase, type DB } from '../api/db/connect.ts';
import { API_KEY, claimInput, JWT_SECRET, USERS } from '../api/testing/harness.ts';
import { startRoundRobinProxy, type RoundRobinProxy } from '../api/testing/round-robin-proxy.ts';
import { startTestS3, type TestS3 } from '../api/testing/s3.ts';
import { startTestSmtpServer } from '../api/testing/smtp.ts';
import { eventually, seedEndpoint, startReceiver, type Receiver } from '../api/testing/webhooks.ts';
import { sealingKeyOf } from '../api/webhooks/secrets.ts';
import { createDatabase, startApi, type ApiProcess, type Database } from './lib/api-process.ts';

// The README's "Scaling out", as it is run: three API processes on one PostgreSQL and one
// S3-compatible store (s3rver), each with an empty DATA_DIR of its own, behind a round-robin
// balancer (api/testing/round-robin-proxy.ts, which, like a real one, leaves a process that
// refuses connections out of the turn). Nothing is shared but the database and the bucket:
// a document uploaded through one process is served by the others, a stream on one hears
// what another wrote, each email and webhook goes out once, the limits count once, and a
// process killed with SIGKILL loses nothing it acknowledged while its streams resume elsewhere.

const NODES = 3;
const AUTH_FAILURES_PER_MINUTE = 6;
const CLIENT = 'x-test-client';

const skip = process.env.TEST_DATABASE_URL ? false : 'several processes share one database only on PostgreSQL (set TEST_DATABASE_URL, as .ci/run does)';

describe('three API processes behind a balancer, on one PostgreSQL and one bucket', { skip }, () => {
  let database: Database;
  let db: DB;
  let s3: TestS3;
  let smtp: Awaited<ReturnType<typeof startTestSmtpServer>>;
  let receiver: Receiver;
  let env: Record<string, string>;
  const dataDirs: string[] = [];
  let nodes: ApiProcess[] = [];
  let balancer: RoundRobinProxy;
  let adminAuth: string;
  let handlerAuth: string;

  /** A process with a DATA_DIR of its own, empty, as on a machine of its own. */
  const startNode = async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'claimdesk-node-'));
    dataDirs.push(dataDir);
    return startApi({ ...database, dir: dataDir }, env);
  };

  before(async () => {
    adminAuth = `Bearer ${await signUserToken(JWT_SECRET, USERS.admin)}`;
    handlerAuth = `Bearer ${await signUserToken(JWT_SECRET, USERS.handler)}`;
    database = await createDatabase('postgres', 'multi-node');
    db = openDatabase(database.databaseUrl);
    s3 = await startTestS3('claimdesk-multi-node');
    smtp = await startTestSmtpServer();
    receiver = await startReceiver();
    env = {
      ...s3.env('claimdesk'),
      SMTP_URL: smtp.url,
      MESSAGE_EMAIL_DELAY_MS: '0',
      STATUS_EMAIL_DELAY_MS: '0',
      WEBHOOK_ALLOW_HTTP: 'true',
      WEBHOOK_ALLOW_PRIVATE: 'true',
      // The balancer says who the client is; each test plays clients of its own.
      TRUST_PROXY: '1',
      AUTH_FAILURES_PER_MINUTE: String(AUTH_FAILURES_PER_MINUTE),
    };
    nodes = await Promise.all(Array.from({ length: NODES }, startNode));
    balancer = await startRoundRobinProxy(
      nodes.map((node) => node.url),
      { clientAddress: (request) => String(request.headers[CLIENT] ?? '192.0.2.1') },
    );
  });
  after(async () => {
    await balancer?.close();
    await Promise.all(nodes.map((node) => node.stop()));
    await db?.destroy();
    await receiver?.close();
    await smtp?.close();
    await s3?.close();
    await database?.dispose();
    dataDirs.forEach((dir) => rmSync(dir, { recursive: true, force: true }));
  });

  const call = (pathAndQuery: string, init: RequestInit & { client?: string } = {}) =>
    fetch(`${balancer.url}/api/v1${pathAndQuery}`, { ...init, headers: { [CLIENT]: init.client ?? '192.0.2.1', ...init.headers } });
  const openClaim = async (overrides = {}) => {
    const res = await call('/claims', { method: 'POST', headers: { 'X-Api-Key': API_KEY, 'Content-Type': 'application/json' }, body: JSON.stringify(claimInput(overrides)) });
    assert.equal(res.status, 201, await res.clone().text());
    return ((await res.json()) as { id: string }).id;
  };

  it('serves a document uploaded through one process from the others: listed, previewed and downloaded', async () => {
    const claimId = await openClaim();
    const accepted = await call(`/claims/${claimId}/accept`, { method: 'POST', headers: { Authorization: adminAuth } });
    assert.equal(accepted.status, 200, await accepted.clone().text());
    const checklist = (await (await call(`/claims/${claimId}/documents`, { headers: { Authorization: adminAuth } })).json()) as { items: Array<{ id: string }> };
    const photo = await sharp({ create: { width: 800, height: 600, channels: 3, background: { r: 30, g: 120, b: 200 } } }).jpeg().toBuffer();
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(photo)], { type: 'image/jpeg' }), 'palet-roto.jpg');
    const upload = await call(`/claims/${claimId}/documents/${checklist.items[0]!.id}/files`, { method: 'POST', headers: { Authorization: adminAuth }, body: form });
    assert.equal(upload.status, 201, await upload.clone().text());
    // Each request goes to the next process in turn: NODES of each kind reach every process.
    const sentBefore = [...balancer.sent];
    for (let i = 0; i < NODES; i++) {
      const list = (await (await call(`/claims/${claimId}/documents`, { headers: { Authorization: handlerAuth } })).json()) as {
        items: Array<{ files: Array<{ id: string; hasThumbnail: boolean }> }>;
      };
      const file = list.items[0]!.files[0]!;
      assert.equal(file.hasThumbnail, true);
      const preview = await call(`/files/${file.id}/thumbnail`, { headers: { Authorization: handlerAuth } });
      assert.equal(preview.status, 200);
      assert.match(preview.headers.get('content-type') ?? '', /^image\//);
      await preview.arrayBuffer();
      const download = await call(`/files/${file.id}`, { headers: { Authorization: handlerAuth } });
      assert.equal(download.status, 200);
      assert.equal(createHash('sha256').update(new Uint8Array(await download.arrayBuffer())).digest('hex'), createHash('sha256').update(photo).digest('hex'));
    }
    assert.deepEqual(
      balancer.sent.map((n, i) => n - sentBefore[i]!),
      Array(NODES).fill(3),
      'every process listed, previewed and downloaded it, whichever took the upload',
    );
    assert.ok((await s3.keys()).length >= 2, 'the file and its preview are in the bucket');
  });

  it('pushes to a stream on one process what was written through another', async () => {
    const claimId = await openClaim();
    const stream = await fetch(`${nodes[0]!.url}/api/v1/events`, { headers: { Authorization: adminAuth, Accept: 'text/event-stream' } });
    assert.equal(stream.status, 200);
    const reader = stream.body!.pipeThrough(new TextDecoderStream()).getReader();
    let received = '';
    const text = `Written through process 2 at ${Date.now()}`;
    const posted = await fetch(`${nodes[1]!.url}/api/v1/claims/${claimId}/messages`, {
      method: 'POST',
      headers: { Authorization: handlerAuth, 'Content-Type': 'application/json' },
      body: JSON.stringify({ body: text, clientId: `multi-node-${Date.now()}` }),
    });
    assert.equal(posted.status, 201);
    try {
      while (!received.includes(text)) {
        const { value, done } = await reader.read();
        assert.ok(!done, 'the stream ended before the message arrived');
        received += value;
      }
      assert.match(received, /event: message\.posted/);
    } finally {
      await reader.cancel();
    }
  });

  it('sends each email and each webhook once, whichever process wrote the event', { timeout: 120_000 }, async () => {
    const key = sealingKeyOf({ apiKey: API_KEY });
    await seedEndpoint(db, key, { url: `${receiver.url}/erp`, companyId: 'ferreteria', eventTypes: ['claim.created'] });
    // The admin is known (and gets emails, as administrators do) once they have called.
    assert.equal((await call('/me', { headers: { Authorization: adminAuth } })).status, 200);
    const opened: string[] = [];
    for (let i = 0; i < 9; i++) opened.push(await openClaim({ externalRef: `MULTI-${Date.now()}-${i}` }));

    const pending = async () => (await db.selectFrom('email_outbox').select('id').where('status', '=', 'pending').execute()).length;
    await eventually('every email is sent', async () => (await pending()) === 0, 60_000);
    const undelivered = async () => (await db.selectFrom('webhook_deliveries').select('id').where('status', '!=', 'delivered').execute()).length;
    await eventually('every webhook is delivered', async () => (await undelivered()) === 0, 60_000);

    const emails = await db.selectFrom('email_outbox').select(['message_id', 'status']).where('status', '=', 'sent').execute();
    assert.ok(emails.length >= opened.length, `an email per claim at least (${emails.length})`);
    const timesSent = new Map<string, number>();
    for (const mail of smtp.received) {
      const id = mail.messageId.replace(/^<|>$/g, '');
      timesSent.set(id, (timesSent.get(id) ?? 0) + 1);
    }
    for (const email of emails) assert.equal(timesSent.get(email.message_id), 1, `${email.message_id} reached the server once`);

    const deliveries = await db.selectFrom('webhook_deliveries').select('id').execute();
    assert.equal(deliveries.length, opened.length, 'a delivery per claim.created');
    for (const delivery of deliveries) assert.equal(receiver.received.filter((r) => r.id === delivery.id).length, 1, `${delivery.id} was delivered once`);
    const created = receiver.received.map((r) => (JSON.parse(r.body) as { data: { claimId: string } }).data.claimId);
    assert.deepEqual([...created].sort(), [...opened].sort());
  });

  it('counts failed authentications once across the processes: the limit holds at 1×, not 3×', async () => {
    // Limits count in windows of a clock minute: an attempt a minute boundary fell inside is made again, from a fresh address.
    for (let attempt = 1; ; attempt++) {
      const guesser = `203.0.113.${attempt}`;
      const minute = Math.floor(Date.now() / 60_000);
      const statuses: number[] = [];
      for (let i = 0; i < AUTH_FAILURES_PER_MINUTE + NODES; i++) {
        statuses.push((await call('/me', { client: guesser, headers: { Authorization: 'Bearer not-a-token' } })).status);
      }
      const rightToken = (await call('/me', { client: guesser, headers: { Authorization: adminAuth } })).status;
      if (Math.floor(Date.now() / 60_000) !== minute && attempt < 3) continue;
      assert.deepEqual(statuses, [...Array(AUTH_FAILURES_PER_MINUTE).fill(401), ...Array(NODES).fill(429)], 'every process refuses once the address reached the limit');
      assert.equal(rightToken, 429, 'a right token from that address too, until the minute ends');
      break;
    }
    assert.equal((await call('/me', { client: '203.0.113.200', headers: { Authorization: adminAuth } })).status, 200, 'another address is not affected');
  });

  it('loses nothing acknowledged when one process is killed, and its streams resume on the others', { timeout: 120_000 }, async () => {
    const created: string[] = [];
    const source = new EventSource(`${balancer.url}/api/v1/events`, {
      fetch: (input, init) => fetch(input, { ...init, headers: { ...init.headers, Authorization: adminAuth, [CLIENT]: '198.51.100.7' } }),
    });
    source.addEventListener('claim.created', (event) => created.push((JSON.parse(event.data) as { claimId: string }).claimId));
    const sentBefore = [...balancer.sent];
    await new Promise<void>((resolve, reject) => {
      source.onopen = () => resolve();
      source.onerror = (error) => reject(new Error(`the stream did not open: ${error.message ?? error.code}`));
    });
    source.onerror = null;
    // The process the stream reached is the one killed.
    const streaming = balancer.sent.findIndex((n, i) => n > sentBefore[i]!);

    const acknowledged: string[] = [];
    let writing = true;
    let serial = 0;
    const writer = async (index: number) => {
      while (writing) {
        const res = await call('/claims', {
          method: 'POST',
          client: `198.51.100.${10 + index}`,
          headers: { 'X-Api-Key': API_KEY, 'Content-Type': 'application/json' },
          body: JSON.stringify(claimInput({ externalRef: `KILL-${Date.now()}-${index}-${serial++}` })),
        }).catch(() => null);
        // 502: the balancer reached the killed process; not acknowledged, so nothing is owed.
        if (res?.status === 201) acknowledged.push(((await res.json()) as { id: string }).id);
        else await res?.text();
      }
    };
    const writers = Promise.all([0, 1, 2].map(writer));
    await eventually('some claims are acknowledged', () => acknowledged.length >= 10, 30_000);
    await nodes[streaming]!.kill();
    const atKill = acknowledged.length;
    await eventually('more claims are acknowledged after the kill', () => acknowledged.length >= atKill + 20, 60_000);
    writing = false;
    await writers;

    await eventually('the stream heard every acknowledged claim', () => acknowledged.every((id) => created.includes(id)), 60_000);
    source.close();
    assert.equal(new Set(created).size, created.length, 'each event once, though the stream moved to another process');
    const stored = await db.selectFrom('claims').select('id').where('id', 'in', acknowledged).execute();
    assert.equal(stored.length, acknowledged.length, 'every acknowledged claim is stored');

    // The killed process comes back, on an empty DATA_DIR, and serves as the others do.
    nodes[streaming] = await startNode();
    const revived = await fetch(`${nodes[streaming]!.url}/api/v1/claims/${acknowledged[0]}`, { headers: { Authorization: handlerAuth } });
    assert.equal(revived.status, 200);
  });
});
