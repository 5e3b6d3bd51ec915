import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import { signUserToken } from '../auth/tokens.ts';
import { describeStartupFailure, StartupError } from '../db/connect.ts';
import { sweepFiles } from '../file-sweep.ts';
import { startServer, type RunningServer, type StartOptions } from '../server.ts';
import { createTestDatabaseUrl, dropTestDatabase, testEngine } from '../testing/database.ts';
import { JWT_SECRET, servedDocumentToFill, USERS } from '../testing/harness.ts';
import { checkedFetch, loadServedDocument } from '../testing/openapi-check.ts';
import { S3RVER_CREDENTIALS, servedOverS3, startTestS3, type TestS3 } from '../testing/s3.ts';

// The API with its files in an S3-compatible bucket, as STORAGE_URL and S3_ENDPOINT set it up: an
// upload streams into the bucket, downloads come out of it (whole, unchanged, ranged), a removed
// file's bytes leave it, and a bucket that does not answer keeps the server from starting.

const PREFIX = 'claimdesk';

let s3: TestS3;
let server: RunningServer;
let databaseUrl: string;
let admin: Record<string, string>;
let png: Uint8Array;

const serverOptions = (overrides: Partial<StartOptions> = {}): StartOptions => ({ ...servedOverS3(s3, PREFIX, databaseUrl), ...overrides });

before(async () => {
  s3 = await startTestS3();
  // As an operator gives them: the AWS SDK's default chain reads them from the environment.
  process.env.AWS_ACCESS_KEY_ID = S3RVER_CREDENTIALS.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY = S3RVER_CREDENTIALS.secretAccessKey;
  databaseUrl = await createTestDatabaseUrl();
  server = await startServer(serverOptions());
  await loadServedDocument(server.url);
  admin = { Authorization: `Bearer ${await signUserToken(JWT_SECRET, USERS.admin)}` };
  png = new Uint8Array(await sharp({ create: { width: 640, height: 480, channels: 3, background: { r: 200, g: 80, b: 20 } } }).png().toBuffer());
});
after(async () => {
  await server.close();
  await dropTestDatabase(databaseUrl);
  await s3.close();
});

const api = (path: string, init: RequestInit = {}) => checkedFetch(`${server.url}/api/v1${path}`, init);
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
/** The bucket's object keys, without the prefix. */
const inBucket = async () => (await s3.keys()).map((key) => key.slice(PREFIX.length + 1));

const documentToFill = () => servedDocumentToFill(api, admin);

async function upload(name: string, bytes: Uint8Array): Promise<{ id: string; hasThumbnail: boolean }> {
  const { claimId, requirementId } = await documentToFill();
  const form = new FormData();
  form.append('file', new Blob([bytes as Uint8Array<ArrayBuffer>]), name);
  const res = await api(`/claims/${claimId}/documents/${requirementId}/files`, { method: 'POST', headers: admin, body: form });
  const body = (await res.json()) as { files: Array<{ id: string; name: string; hasThumbnail: boolean }> };
  assert.equal(res.status, 201, JSON.stringify(body));
  return body.files.find((file) => file.name === name)!;
}

const storageKeysOf = (fileId: string) =>
  server.deps.db.selectFrom('files').select(['storage_key', 'thumbnail_key']).where('id', '=', fileId).executeTakeFirstOrThrow();

describe(`files in an S3 bucket, on ${testEngine}`, () => {
  it('keeps an upload and its thumbnail in the bucket, serves it whole, unchanged (304) and in part (206), and its bytes leave with it', async () => {
    const file = await upload('golpe.png', png);
    assert.equal(file.hasThumbnail, true);
    const keys = await storageKeysOf(file.id);
    assert.deepEqual(await inBucket(), [keys.storage_key, keys.thumbnail_key!].sort(), 'the file and its thumbnail, under the prefix');

    const whole = await api(`/files/${file.id}`, { headers: admin });
    assert.equal(whole.status, 200);
    assert.deepEqual(new Uint8Array(await whole.arrayBuffer()), png);
    const etag = whole.headers.get('etag')!;
    assert.equal(etag, `"${sha256(png)}"`);
    const unchanged = await api(`/files/${file.id}`, { headers: { ...admin, 'If-None-Match': etag } });
    assert.equal(unchanged.status, 304);
    const part = await api(`/files/${file.id}`, { headers: { ...admin, Range: 'bytes=100-199', 'If-Range': etag } });
    assert.equal(part.status, 206);
    assert.equal(part.headers.get('content-range'), `bytes 100-199/${png.byteLength}`);
    assert.deepEqual(new Uint8Array(await part.arrayBuffer()), png.subarray(100, 200));
    const thumbnail = await api(`/files/${file.id}/thumbnail`, { headers: admin });
    assert.equal(thumbnail.status, 200);
    assert.equal((await sharp(new Uint8Array(await thumbnail.arrayBuffer())).metadata()).format, 'webp');

    assert.equal((await api(`/files/${file.id}`, { method: 'DELETE', headers: admin })).status, 204);
    await sweepFiles(server.deps, { graceMs: 0, unsentTtlMs: 86_400_000 });
    assert.deepEqual(await inBucket(), [], 'nothing of it left in the bucket');
    assert.deepEqual(await server.deps.db.selectFrom('storage_pending').select('key').execute(), []);
  });

  it('streams a file of several parts up and serves any range of it', async () => {
    const pdf = new Uint8Array(Buffer.concat([Buffer.from('%PDF-1.4\n%%EOF\n'), randomBytes(12 * 1024 * 1024)]));
    const file = await upload('albaran.pdf', pdf);
    const whole = await api(`/files/${file.id}`, { headers: admin });
    assert.equal(sha256(new Uint8Array(await whole.arrayBuffer())), sha256(pdf));
    const start = 5 * 1024 * 1024 - 3;
    const acrossParts = await api(`/files/${file.id}`, { headers: { ...admin, Range: `bytes=${start}-${start + 5}` } });
    assert.equal(acrossParts.status, 206);
    assert.deepEqual(new Uint8Array(await acrossParts.arrayBuffer()), pdf.subarray(start, start + 6));
    assert.deepEqual(s3.openUploads(), []);
  });

  it('refuses to start when the bucket does not answer, saying which settings to check', async () => {
    const failure = await startServer(serverOptions({ storageUrl: 's3://claimdesk-absent/files' })).then(
      () => assert.fail('started without its bucket'),
      (error: unknown) => error,
    );
    assert.ok(failure instanceof StartupError);
    assert.match(
      describeStartupFailure(failure, databaseUrl),
      new RegExp(`^Uploaded files cannot be stored: The bucket claimdesk-absent at ${s3.endpoint} does not exist \\(404\\).* Check STORAGE_URL, S3_ENDPOINT and S3_REGION\\.$`),
    );
  });
});
