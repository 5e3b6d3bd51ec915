import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import net, { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import * as tus from 'tus-js-client';
import { signUserToken } from '../auth/tokens.ts';
import { startServer, type RunningServer } from '../server.ts';
import { createTestDatabaseUrl, dropTestDatabase, testEngine } from '../testing/database.ts';
import { JWT_SECRET, servedDocumentToFill, USERS } from '../testing/harness.ts';
import { checkedFetch, loadServedDocument } from '../testing/openapi-check.ts';
import { startRoundRobinProxy, type RoundRobinProxy } from '../testing/round-robin-proxy.ts';
import { S3RVER_CREDENTIALS, servedOverS3, startTestS3, type TestS3 } from '../testing/s3.ts';
import { eventually } from '../testing/webhooks.ts';

// What a phone at a warehouse door does: a 20 MiB file sent with tus-js-client in 4 MiB chunks,
// the mobile link lost half-way through (in the middle of the third chunk), and the upload
// resumed once it is back by a new client from the URL the first one kept. Two API processes
// share the database and an S3 bucket behind a balancer that hands each request to the next
// process in turn, so the chunks, the HEAD that resumes and the completion are each answered by
// whichever process gets them.

const MIB = 1024 * 1024;
const CHUNK = 4 * MIB;
const PREFIX = 'claimdesk';
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

let s3: TestS3;
let dataDir: string;
let databaseUrl: string;
let servers: RunningServer[] = [];
let proxy: RoundRobinProxy;
let auth: Record<string, string>;

before(async () => {
  s3 = await startTestS3();
  // As an operator gives them: the AWS SDK's default chain reads them from the environment.
  process.env.AWS_ACCESS_KEY_ID = S3RVER_CREDENTIALS.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY = S3RVER_CREDENTIALS.secretAccessKey;
  dataDir = mkdtempSync(path.join(tmpdir(), 'claimdesk-resume-'));
  // One database for both processes: a file for SQLite (an in-memory one is a process's own).
  databaseUrl = testEngine === 'postgres' ? await createTestDatabaseUrl() : `sqlite:${path.join(dataDir, 'claimdesk.sqlite')}`;
  const options = servedOverS3(s3, PREFIX, databaseUrl);
  // One after the other: the first migrates the database.
  servers.push(await startServer(options));
  servers.push(await startServer(options));
  proxy = await startRoundRobinProxy(servers.map((server) => server.url));
  await loadServedDocument(proxy.url);
  auth = { Authorization: `Bearer ${await signUserToken(JWT_SECRET, USERS.admin)}` };
});
after(async () => {
  await proxy?.close();
  await Promise.all(servers.map((server) => server.close()));
  if (testEngine === 'postgres') await dropTestDatabase(databaseUrl);
  rmSync(dataDir, { recursive: true, force: true });
  await s3?.close();
});

const api = (path: string, init: RequestInit = {}) => checkedFetch(`${proxy.url}/api/v1${path}`, init);

const documentToFill = () => servedDocumentToFill(api, auth);

/**
 * A link to `target` that goes down once `cutAfter` bytes went through it towards the target:
 * every connection it carries is cut there, mid-request, and new ones are refused until `heal()`.
 */
async function startDroppingLink(target: string, cutAfter: number) {
  const { hostname, port } = new URL(target);
  let passed = 0;
  let down = false;
  const open = new Set<net.Socket>();
  const server = net.createServer((client) => {
    if (down) return void client.destroy();
    const upstream = net.connect(Number(port), hostname);
    for (const socket of [client, upstream]) {
      open.add(socket);
      socket.on('error', () => {});
      socket.on('close', () => {
        open.delete(socket);
        client.destroy();
        upstream.destroy();
      });
    }
    client.on('data', (bytes: Buffer) => {
      passed += bytes.length;
      if (passed >= cutAfter) {
        down = true;
        for (const socket of open) socket.destroy();
        return;
      }
      if (!upstream.write(bytes)) {
        client.pause();
        upstream.once('drain', () => client.resume());
      }
    });
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    heal() {
      down = false;
      passed = Number.NEGATIVE_INFINITY;
    },
    close() {
      for (const socket of open) socket.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** What each request of a client was answered, in order: method, status, Upload-Offset. */
type Exchange = [string, number, string | undefined];

describe(`a 20 MiB upload cut at half way and resumed by a new client (tus-js-client, two API processes, an S3 bucket), on ${testEngine}`, () => {
  it('completes with the bytes unchanged, shows the file in the document, and leaves no chunk anywhere', async (t) => {
    const { claimId, requirementId } = await documentToFill();
    const file = Buffer.concat([Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1'), randomBytes(20 * MIB - 15)]);
    const link = await startDroppingLink(proxy.url, file.length / 2);
    t.after(() => link.close());
    const endpoint = `${link.url}/api/v1/claims/${claimId}/documents/${requirementId}/uploads`;
    const options = (exchanges: Exchange[]): tus.UploadOptions => ({
      endpoint,
      chunkSize: CHUNK,
      metadata: { filename: 'CMR 2026-55821.pdf', filetype: 'application/pdf' },
      headers: auth,
      onAfterResponse: (request, response) => void exchanges.push([request.getMethod(), response.getStatus(), response.getHeader('Upload-Offset')]),
    });

    // The first client: the link drops at 10 MiB, while the third chunk (8 to 12 MiB) is on its way.
    const cut: Exchange[] = [];
    let uploadUrl: string | null = null;
    const failure = await new Promise<Error>((resolve, reject) => {
      const first: tus.Upload = new tus.Upload(file, {
        ...options(cut),
        retryDelays: null,
        onUploadUrlAvailable: () => void (uploadUrl = first.url),
        onSuccess: () => reject(new Error('the upload completed although the link dropped')),
        onError: resolve,
      });
      first.start();
    });
    assert.match(failure.message, /failed to upload chunk at offset 8388608/);
    assert.deepEqual(cut, [['POST', 201, undefined], ['PATCH', 204, String(4 * MIB)], ['PATCH', 204, String(8 * MIB)]]);
    assert.match(uploadUrl!, new RegExp(`^${link.url}/api/v1/uploads/upl_`));
    link.heal();

    // Later, a new client with only the URL kept: it asks where the upload stands and sends the rest.
    const resumed: Exchange[] = [];
    const accepted: number[] = [];
    const lastResponse = await new Promise<tus.HttpResponse>((resolve, reject) => {
      new tus.Upload(file, {
        ...options(resumed),
        uploadUrl,
        retryDelays: [0, 200, 1000],
        onChunkComplete: (_size, bytes) => void accepted.push(bytes),
        onSuccess: (payload) => resolve(payload.lastResponse),
        onError: reject,
      }).start();
    });
    assert.deepEqual(resumed[0], ['HEAD', 200, String(8 * MIB)], 'the cut chunk kept nothing: the upload resumes from the last chunk stored whole');
    assert.deepEqual(accepted, [12 * MIB, 16 * MIB, 20 * MIB], 'only the missing bytes were sent again');
    const fileUrl = lastResponse.getHeader('Location')!;
    assert.match(fileUrl, /^\/api\/v1\/files\/fil_/);
    assert.ok(proxy.sent.every((count) => count >= 3), `both processes answered the upload's requests: ${proxy.sent.join(', ')}`);

    const download = await checkedFetch(`${proxy.url}${fileUrl}`, { headers: auth });
    assert.equal(download.status, 200);
    assert.equal(sha256(new Uint8Array(await download.arrayBuffer())), sha256(file), 'the stored bytes are the original’s');

    const upload = await api(new URL(uploadUrl!).pathname.slice('/api/v1'.length), { headers: auth });
    const state = (await upload.json()) as { status: string; fileId: string; document: { status: string; files: Array<{ id: string; name: string; size: number; sha256: string }> } };
    assert.equal(state.status, 'complete');
    assert.equal(state.document.status, 'uploaded');
    assert.deepEqual(
      state.document.files.map((f) => [f.id, f.name, f.size, f.sha256]),
      [[state.fileId, 'CMR 2026-55821.pdf', file.length, sha256(file)]],
    );
    const documents = (await (await api(`/claims/${claimId}/documents`, { headers: auth })).json()) as { items: Array<{ id: string; files: Array<{ id: string }> }> };
    assert.deepEqual(documents.items.find((item) => item.id === requirementId)!.files.map((f) => f.id), [state.fileId]);

    // No chunk left in the bucket, nor an unfinished write, nor a key waiting in the ledger (the
    // process that served the cut chunk clears it away as it notices the connection gone).
    const { db } = servers[0]!.deps;
    const stored = await db.selectFrom('files').select('storage_key').where('id', '=', state.fileId).executeTakeFirstOrThrow();
    await eventually('the cut chunk is cleared away', async () => (await db.selectFrom('storage_pending').select('key').execute()).length === 0);
    assert.deepEqual((await s3.keys()).map((key) => key.slice(PREFIX.length + 1)), [stored.storage_key], 'only the file itself is in the bucket');
    assert.deepEqual(s3.openUploads(), []);
    assert.deepEqual(await db.selectFrom('upload_parts').selectAll().execute(), []);
  });
});
