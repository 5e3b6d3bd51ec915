import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { PROBLEM_TYPE_BASE } from '../../domain/problems.ts';
import { DEFAULTS } from '../defaults.ts';
import { sweepFiles } from '../file-sweep.ts';
import { testEngine } from '../testing/database.ts';
import { createTestApi, type Caller } from '../testing/harness.ts';
import { assertUpright, TURNED_HEIC } from '../testing/photos.ts';

// Resumable uploads (tus 1.0.0) through the app, as tus-js-client speaks to it: created with the
// multipart upload's checks, fed in chunks that count only when stored whole, completed into the
// document through the same path, and leaving no chunk in storage once complete, cancelled,
// refused or expired. resume.test.ts drives it with tus-js-client itself over a dropped connection.

type Api = Awaited<ReturnType<typeof createTestApi>>;

const KIB = 1024;
const MAX = 1024 * KIB;
const TUS = { 'Tus-Resumable': '1.0.0' };
const PDF_HEAD = Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1');
const pdfOf = (size: number) => Buffer.concat([PDF_HEAD, randomBytes(size - PDF_HEAD.length)]);
// Refused from its first bytes: an executable, named as a PDF.
const exeOf = (size: number) => Buffer.concat([Buffer.from('MZ'), Buffer.alloc(size - 2, 0x90)]);
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const metadata = (name: string, type = 'application/pdf') => `filename ${Buffer.from(name).toString('base64')},filetype ${Buffer.from(type).toString('base64')}`;

let api: Api;
before(async () => {
  api = await createTestApi({ settings: { maxUploadBytes: MAX } });
  await api.grantAccess('member');
});
after(() => api.close());

async function acceptedClaim() {
  const claim = await api.createClaim({ type: 'loss', goods: 'parcel', scope: 'national' });
  assert.equal((await api.call('admin', 'POST', `/claims/${claim.id}/accept`)).status, 200);
  const list = await api.call('admin', 'GET', `/claims/${claim.id}/documents`);
  return { claimId: claim.id, requirementId: (list.body.items as Array<{ id: string }>)[0]!.id };
}

/** A request as tus-js-client makes it (Tus-Resumable included unless `headers` says otherwise), by `caller`. */
async function tus(caller: Caller, method: string, path: string, headers: Record<string, string> = {}, body?: Uint8Array) {
  const all: Record<string, string> = {
    ...TUS,
    ...(await api.headersFor(caller)),
    ...(body && { 'Content-Type': 'application/offset+octet-stream', 'Content-Length': String(body.byteLength) }),
    ...headers,
  };
  // An empty value leaves the header out.
  for (const [name, value] of Object.entries(all)) if (value === '') delete all[name];
  const response = await api.app.request(path.startsWith('/api/') ? path : `/api/v1${path}`, { method, headers: all, ...(body && { body }) });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text && response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text };
}

/** Creates an upload of `length` bytes named `name` to the document; its URL (/api/v1/uploads/…). */
async function create(target: { claimId: string; requirementId: string }, length: number, name = 'albaran.pdf', caller: Caller = 'admin', headers: Record<string, string> = {}) {
  const res = await tus(caller, 'POST', `/claims/${target.claimId}/documents/${target.requirementId}/uploads`, { 'Upload-Length': String(length), 'Upload-Metadata': metadata(name), ...headers });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.headers.get('location')!;
}

const patch = (url: string, offset: number, bytes: Uint8Array, caller: Caller = 'admin', headers: Record<string, string> = {}) =>
  tus(caller, 'PATCH', url, { 'Upload-Offset': String(offset), ...headers }, bytes);

const offsetOf = async (url: string, caller: Caller = 'admin') => {
  const res = await tus(caller, 'HEAD', url);
  assert.equal(res.status, 200);
  return Number(res.headers.get('upload-offset'));
};

const uploadRows = async () => ({
  parts: await api.db.selectFrom('upload_parts').select('storage_key').execute(),
  pending: await api.db.selectFrom('storage_pending').select('key').execute(),
});
/** What storage holds besides the files rows' bytes: chunks, temporary files, anything. */
async function strayObjects(): Promise<string[]> {
  const owned = new Set((await api.db.selectFrom('files').select(['storage_key', 'thumbnail_key']).execute()).flatMap((row) => [row.storage_key, row.thumbnail_key]));
  return api.storedFiles().filter((file) => !owned.has(file.split('/').at(-1)!));
}
async function assertNothingLeft(what: string) {
  assert.deepEqual(await strayObjects(), [], `${what}: no chunk or half-written object in storage`);
  assert.deepEqual(await uploadRows(), { parts: [], pending: [] }, `${what}: no part rows, nothing in the ledger`);
}

describe(`resumable uploads (tus), on ${testEngine}`, () => {
  it('creates an upload, stores its chunks as they come, and completes it into the document as the multipart upload does', async () => {
    const target = await acceptedClaim();
    const file = pdfOf(600 * KIB);
    const created = await tus('admin', 'POST', `/claims/${target.claimId}/documents/${target.requirementId}/uploads`, {
      'Upload-Length': String(file.length),
      'Upload-Metadata': metadata('Albarán de entrega.pdf'),
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.match(created.headers.get('location')!, /^\/api\/v1\/uploads\/upl_/);
    assert.equal(created.headers.get('tus-resumable'), '1.0.0');
    const expires = Date.parse(created.headers.get('upload-expires')!);
    assert.ok(Math.abs(expires - (Date.now() + DEFAULTS.uploadSessionTtlMs)) < 60_000, created.headers.get('upload-expires')!);
    const url = created.headers.get('location')!;

    const head = await tus('admin', 'HEAD', url);
    assert.equal(head.status, 200);
    assert.equal(head.headers.get('upload-offset'), '0');
    assert.equal(head.headers.get('upload-length'), String(file.length));
    assert.equal(head.headers.get('cache-control'), 'no-store');

    for (const [start, end] of [[0, 256 * KIB], [256 * KIB, 512 * KIB]] as const) {
      const res = await patch(url, start, file.subarray(start, end));
      assert.equal(res.status, 204, JSON.stringify(res.body));
      assert.equal(res.headers.get('upload-offset'), String(end));
      assert.ok(res.headers.get('upload-expires'));
      assert.equal(await offsetOf(url), end);
    }
    const open = await tus('admin', 'GET', url);
    assert.equal(open.body.status, 'open');
    assert.equal(open.body.offset, 512 * KIB);
    assert.equal(open.body.document, null);

    const last = await patch(url, 512 * KIB, file.subarray(512 * KIB));
    assert.equal(last.status, 204, JSON.stringify(last.body));
    assert.equal(last.headers.get('upload-offset'), String(file.length));
    assert.equal(last.headers.get('upload-expires'), null, 'a complete upload no longer expires');
    const fileUrl = last.headers.get('location')!;
    assert.match(fileUrl, /^\/api\/v1\/files\/fil_/);

    const done = await tus('admin', 'GET', url);
    assert.equal(done.status, 200);
    assert.equal(done.body.status, 'complete');
    assert.equal(done.body.fileId, fileUrl.split('/').at(-1));
    assert.equal(done.body.document.status, 'uploaded');
    const [stored] = done.body.document.files;
    assert.deepEqual([stored.name, stored.size, stored.type, stored.sha256], ['Albarán de entrega.pdf', file.length, 'application/pdf', sha256(file)]);
    const download = await api.app.request(fileUrl, { headers: await api.headersFor('admin') });
    assert.equal(sha256(new Uint8Array(await download.arrayBuffer())), sha256(file));

    const events = await api.db.selectFrom('claim_events').select(['type', 'actor_name']).where('claim_id', '=', target.claimId).where('type', '=', 'document.uploaded').execute();
    assert.deepEqual(events, [{ type: 'document.uploaded', actor_name: 'Ana Martínez' }]);
    await assertNothingLeft('once complete');

    const headDone = await tus('admin', 'HEAD', url);
    assert.equal(headDone.headers.get('upload-offset'), String(file.length), 'a client that resumes finds it complete');
    assert.equal(headDone.headers.get('location'), fileUrl);
    const again = await patch(url, file.length, new Uint8Array(0));
    assert.equal(again.status, 204, 'the last chunk again, from a client that never heard it was stored');
    assert.equal(again.headers.get('location'), fileUrl);
    assert.equal(await api.db.selectFrom('files').select('id').where('requirement_id', '=', target.requirementId).execute().then((rows) => rows.length), 1);
  });

  it('answers tus discovery on OPTIONS, and lets a host page send and read the tus headers', async () => {
    const target = await acceptedClaim();
    for (const path of [`/api/v1/claims/${target.claimId}/documents/${target.requirementId}/uploads`, '/api/v1/uploads/upl_x']) {
      const res = await api.app.request(path, {
        method: 'OPTIONS',
        headers: { Origin: 'https://host.test', 'Access-Control-Request-Method': 'PATCH', 'Access-Control-Request-Headers': 'tus-resumable,upload-offset' },
      });
      assert.equal(res.status, 204);
      assert.equal(res.headers.get('tus-version'), '1.0.0');
      assert.equal(res.headers.get('tus-extension'), 'creation,termination,expiration');
      assert.equal(res.headers.get('tus-max-size'), String(MAX));
      assert.match(res.headers.get('access-control-allow-headers')!, /Tus-Resumable.*Upload-Length.*Upload-Offset.*Upload-Metadata/);
    }
    const created = await api.app.request(`/api/v1/claims/${target.claimId}/documents/${target.requirementId}/uploads`, {
      method: 'POST',
      headers: { ...TUS, ...(await api.headersFor('admin')), Origin: 'https://host.test', 'Upload-Length': '10', 'Upload-Metadata': metadata('a.pdf') },
    });
    assert.equal(created.status, 201);
    assert.match(created.headers.get('access-control-expose-headers')!, /Location.*Tus-Resumable.*Upload-Offset.*Upload-Length.*Upload-Expires/);
    assert.equal((await api.app.request('/api/v1/claims', { method: 'OPTIONS' })).headers.get('tus-version'), null, 'other paths are not tus endpoints');
  });

  it('refuses a chunk sent for another offset than the one stored (409 with the offset), keeping nothing of it', async () => {
    const target = await acceptedClaim();
    const file = pdfOf(300 * KIB);
    const url = await create(target, file.length);
    assert.equal((await patch(url, 0, file.subarray(0, 100 * KIB))).status, 204);
    for (const offset of [0, 200 * KIB]) {
      const res = await patch(url, offset, file.subarray(offset, offset + 100 * KIB));
      assert.equal(res.status, 409, JSON.stringify(res.body));
      assert.equal(res.body.type, `${PROBLEM_TYPE_BASE}upload-offset-mismatch`);
      assert.equal(res.body.offset, 100 * KIB);
      assert.equal(res.headers.get('upload-offset'), String(100 * KIB));
      assert.match(res.body.detail, /send the rest from byte 102400/);
      assert.equal(res.headers.get('tus-resumable'), '1.0.0', 'refusals speak tus too');
    }
    assert.equal((await uploadRows()).parts.length, 1);
    assert.equal((await patch(url, 100 * KIB, file.subarray(100 * KIB))).status, 204);
    const late = await patch(url, 100 * KIB, file.subarray(100 * KIB));
    assert.equal(late.status, 409, 'a chunk for a complete upload');
    assert.match(late.body.detail, /This upload is complete/);
    await assertNothingLeft('after the refusals');
  });

  it('keeps uploads to their uploader and company: another company’s user gets 404 on create, HEAD, GET, PATCH and DELETE', async () => {
    const target = await acceptedClaim();
    const res = await tus('otherAdmin', 'POST', `/claims/${target.claimId}/documents/${target.requirementId}/uploads`, { 'Upload-Length': '10', 'Upload-Metadata': metadata('a.pdf') });
    assert.equal(res.status, 404, JSON.stringify(res.body));
    const url = await create(target, 200 * KIB);
    for (const caller of ['otherAdmin', 'otherCompanyKey', 'member', 'companyKey'] as const) {
      assert.equal((await tus(caller, 'HEAD', url)).status, 404, `${caller} HEAD`);
      assert.equal((await tus(caller, 'GET', url)).status, 404, `${caller} GET`);
      assert.equal((await patch(url, 0, pdfOf(100 * KIB), caller)).status, 404, `${caller} PATCH`);
      assert.equal((await tus(caller, 'DELETE', url)).status, 404, `${caller} DELETE`);
    }
    assert.equal(await offsetOf(url), 0, 'nothing anyone else sent was stored');
    assert.equal((await tus('admin', 'DELETE', url)).status, 204);
  });

  it('refuses a member without claims access (403) on create and on an upload’s URL', async () => {
    const target = await acceptedClaim();
    const created = await tus('memberWithoutAccess', 'POST', `/claims/${target.claimId}/documents/${target.requirementId}/uploads`, { 'Upload-Length': '10', 'Upload-Metadata': metadata('a.pdf') });
    assert.equal(created.status, 403);
    assert.equal(created.body.type, `${PROBLEM_TYPE_BASE}no-claims-access`);
    const url = await create(target, 100);
    assert.equal((await tus('memberWithoutAccess', 'HEAD', url)).status, 403);
    assert.equal((await patch(url, 0, pdfOf(100), 'memberWithoutAccess')).status, 403);
    assert.equal((await tus('admin', 'DELETE', url)).status, 204);
  });

  it('refuses to create what the multipart upload refuses: too large (413), empty (400), a document that takes no files (409)', async () => {
    const target = await acceptedClaim();
    const path = `/claims/${target.claimId}/documents/${target.requirementId}/uploads`;
    const big = await tus('admin', 'POST', path, { 'Upload-Length': String(MAX + 1), 'Upload-Metadata': metadata('grande.pdf') });
    assert.equal(big.status, 413);
    assert.equal(big.body.type, `${PROBLEM_TYPE_BASE}file-too-large`);
    assert.equal(big.body.maxBytes, MAX);
    assert.match(big.body.detail, /The file "grande.pdf" is larger than 1 MiB \(1048576 bytes\), the largest upload this server takes \(MAX_UPLOAD_BYTES\)/);
    assert.equal((await tus('admin', 'POST', path, { 'Upload-Length': String(MAX), 'Upload-Metadata': metadata('justo.pdf') })).status, 201, 'exactly the limit is allowed');
    const empty = await tus('admin', 'POST', path, { 'Upload-Length': '0', 'Upload-Metadata': metadata('vacio.pdf') });
    assert.equal(empty.status, 400);
    assert.equal(empty.body.type, `${PROBLEM_TYPE_BASE}empty-file`);

    const claim = await api.createClaim({ type: 'loss', goods: 'parcel', scope: 'national' });
    const list = await api.call('admin', 'GET', `/claims/${claim.id}/documents`);
    const notAccepted = await tus('admin', 'POST', `/claims/${claim.id}/documents/${list.body.items[0].id}/uploads`, { 'Upload-Length': '10', 'Upload-Metadata': metadata('a.pdf') });
    assert.equal(notAccepted.status, 409);
    assert.match(notAccepted.body.detail, /has not been accepted yet/);
    assert.equal((await tus('admin', 'POST', `/claims/${target.claimId}/documents/req_nowhere/uploads`, { 'Upload-Length': '10', 'Upload-Metadata': metadata('a.pdf') })).status, 404);
  });

  it('refuses a file of a disallowed type at its first chunk (415), discarding the upload and everything it stored', async () => {
    const target = await acceptedClaim();
    const exe = exeOf(900 * KIB);
    const url = await create(target, exe.length, 'factura.pdf');
    const res = await patch(url, 0, exe.subarray(0, 300 * KIB));
    assert.equal(res.status, 415, JSON.stringify(res.body));
    assert.equal(res.body.type, `${PROBLEM_TYPE_BASE}file-type-not-allowed`);
    assert.equal(res.body.detectedType, 'application/x-msdownload');
    assert.match(res.body.detail, /"factura.pdf" is application\/x-msdownload/);
    assert.equal((await tus('admin', 'HEAD', url)).status, 404, 'the upload is gone');
    await assertNothingLeft('after a refused type');
  });

  it('judges the type across chunks too small to show it, from the chunks already stored', async () => {
    const target = await acceptedClaim();
    const exe = exeOf(100 * KIB);
    const url = await create(target, exe.length, 'foto.jpg');
    assert.equal((await patch(url, 0, exe.subarray(0, 1000))).status, 204, 'a thousand bytes say nothing yet');
    const res = await patch(url, 1000, exe.subarray(1000, 50 * KIB));
    assert.equal(res.status, 415, JSON.stringify(res.body));
    await assertNothingLeft('after a type refused at the second chunk');

    const file = pdfOf(20 * KIB);
    const pdfUrl = await create(target, file.length);
    assert.equal((await patch(pdfUrl, 0, file.subarray(0, 1000))).status, 204);
    assert.equal((await api.db.selectFrom('upload_sessions').select('type').where('id', '=', pdfUrl.split('/').at(-1)!).executeTakeFirstOrThrow()).type, null);
    assert.equal((await patch(pdfUrl, 1000, file.subarray(1000))).status, 204);
    assert.equal((await tus('admin', 'GET', pdfUrl)).body.document.files.at(-1).type, 'application/pdf');
    await assertNothingLeft('once complete');
  });

  it('makes the thumbnail of a HEIC sent in chunks, upright, as the multipart upload does', async () => {
    const target = await acceptedClaim();
    const url = await create(target, TURNED_HEIC.length, 'IMG_0001.HEIC');
    assert.equal((await patch(url, 0, TURNED_HEIC.subarray(0, 600))).status, 204);
    assert.equal((await patch(url, 600, TURNED_HEIC.subarray(600))).status, 204);
    const file = (await tus('admin', 'GET', url)).body.document.files.at(-1);
    assert.deepEqual([file.type, file.hasThumbnail], ['image/heic', true]);
    const thumbnail = await api.app.request(`/api/v1/files/${file.id}/thumbnail`, { headers: await api.headersFor('admin') });
    assert.equal(thumbnail.headers.get('content-type'), 'image/webp');
    await assertUpright(new Uint8Array(await thumbnail.arrayBuffer()));
    await assertNothingLeft('once complete');
  });

  it('refuses a chunk past the upload’s length (413), declared or streamed, keeping nothing of it', async () => {
    const target = await acceptedClaim();
    const file = pdfOf(100 * KIB);
    const url = await create(target, file.length);
    assert.equal((await patch(url, 0, file.subarray(0, 60 * KIB))).status, 204);
    const declared = await patch(url, 60 * KIB, pdfOf(50 * KIB));
    assert.equal(declared.status, 413, JSON.stringify(declared.body));
    assert.equal(declared.body.maxBytes, 40 * KIB);
    const streamed = await api.app.request(url, {
      method: 'PATCH',
      headers: { ...TUS, ...(await api.headersFor('admin')), 'Upload-Offset': String(60 * KIB), 'Content-Type': 'application/offset+octet-stream', 'Transfer-Encoding': 'chunked' },
      body: new Blob([pdfOf(50 * KIB)]).stream(),
      duplex: 'half',
    } as RequestInit);
    assert.equal(streamed.status, 413, await streamed.text());
    assert.equal(await offsetOf(url), 60 * KIB);
    assert.equal((await uploadRows()).parts.length, 1);
    assert.equal((await patch(url, 60 * KIB, file.subarray(60 * KIB))).status, 204);
    await assertNothingLeft('once complete');
  });

  it('cancels an upload (DELETE), deleting every chunk it stored', async () => {
    const target = await acceptedClaim();
    const file = pdfOf(300 * KIB);
    const url = await create(target, file.length);
    assert.equal((await patch(url, 0, file.subarray(0, 100 * KIB))).status, 204);
    assert.equal((await patch(url, 100 * KIB, file.subarray(100 * KIB, 200 * KIB))).status, 204);
    assert.equal((await strayObjects()).length, 2, 'two chunks stored');
    const res = await tus('admin', 'DELETE', url);
    assert.equal(res.status, 204);
    assert.equal(res.headers.get('tus-resumable'), '1.0.0');
    assert.equal((await tus('admin', 'HEAD', url)).status, 404);
    assert.equal((await patch(url, 200 * KIB, file.subarray(200 * KIB))).status, 404);
    await assertNothingLeft('once cancelled');
  });

  it('expires an upload left idle past UPLOAD_SESSION_TTL_MS: the sweep deletes its chunks, and its URL answers 410 until it is forgotten', async () => {
    const target = await acceptedClaim();
    const file = pdfOf(200 * KIB);
    const url = await create(target, file.length);
    assert.equal((await patch(url, 0, file.subarray(0, 100 * KIB))).status, 204);
    const options = { graceMs: DEFAULTS.fileSweepGraceMs, unsentTtlMs: DEFAULTS.unsentAttachmentTtlMs };
    const id = url.split('/').at(-1)!;
    const status = async () => (await api.db.selectFrom('upload_sessions').select('status').where('id', '=', id).executeTakeFirst())?.status;
    await sweepFiles(api, options);
    assert.equal(await status(), 'open', 'not idle long enough yet');
    // Other tests' uploads left open expire with it.
    const tomorrow = new Date(Date.now() + DEFAULTS.uploadSessionTtlMs + 60_000);
    assert.ok((await sweepFiles(api, options, tomorrow)).uploadsExpired >= 1);
    assert.equal(await status(), 'expired');
    await assertNothingLeft('once expired');
    for (const res of [await tus('admin', 'HEAD', url), await patch(url, 100 * KIB, file.subarray(100 * KIB)), await tus('admin', 'GET', url)]) {
      assert.equal(res.status, 410);
    }
    const gone = await tus('admin', 'GET', url);
    assert.equal(gone.body.type, `${PROBLEM_TYPE_BASE}upload-expired`);
    assert.match(gone.body.detail, /Start the upload again/);
    assert.equal((await sweepFiles(api, options, tomorrow)).uploadsExpired, 0, 'a second run has nothing left to expire');
    await sweepFiles(api, options, new Date(tomorrow.getTime() + DEFAULTS.uploadSessionTtlMs + 60_000));
    assert.equal((await tus('admin', 'HEAD', url)).status, 404, 'forgotten a day later');
  });

  it('counts one of two chunks sent at once for the same offset: the other is a 409 and keeps nothing', async () => {
    const target = await acceptedClaim();
    const file = pdfOf(400 * KIB);
    const url = await create(target, file.length);
    const middle = await Promise.all([patch(url, 0, file.subarray(0, 200 * KIB)), patch(url, 0, file.subarray(0, 200 * KIB))]);
    assert.deepEqual(middle.map((res) => res.status).sort(), [204, 409], JSON.stringify(middle.map((res) => res.body)));
    assert.equal(await offsetOf(url), 200 * KIB);
    assert.equal((await uploadRows()).parts.length, 1);

    const last = await Promise.all([patch(url, 200 * KIB, file.subarray(200 * KIB)), patch(url, 200 * KIB, file.subarray(200 * KIB))]);
    assert.deepEqual(last.map((res) => res.status).sort(), [204, 409], JSON.stringify(last.map((res) => res.body)));
    const files = await api.db.selectFrom('files').select('sha256').where('requirement_id', '=', target.requirementId).execute();
    assert.deepEqual(files, [{ sha256: sha256(file) }], 'the file recorded once');
    await assertNothingLeft('after the race');
  });

  it('discards an upload whose document was accepted meanwhile (409), keeping nothing', async () => {
    const target = await acceptedClaim();
    const file = pdfOf(200 * KIB);
    const url = await create(target, file.length);
    assert.equal((await patch(url, 0, file.subarray(0, 100 * KIB))).status, 204);
    assert.equal((await api.upload('admin', target.claimId, target.requirementId, [{ name: 'otra.pdf', bytes: pdfOf(10 * KIB) }])).status, 201);
    assert.equal((await api.call('handler', 'POST', `/claims/${target.claimId}/documents/${target.requirementId}/review`, { decision: 'accepted' })).status, 200);
    const res = await patch(url, 100 * KIB, file.subarray(100 * KIB));
    assert.equal(res.status, 409, JSON.stringify(res.body));
    assert.equal(res.body.type, `${PROBLEM_TYPE_BASE}document-conflict`);
    assert.match(res.body.detail, /already accepted/);
    assert.equal((await tus('admin', 'HEAD', url)).status, 404);
    await assertNothingLeft('after the document closed');
  });

  it('answers malformed tus requests with a 400 (or 412, 415) that says what to send, never a 5xx', async () => {
    const target = await acceptedClaim();
    const path = `/claims/${target.claimId}/documents/${target.requirementId}/uploads`;
    const creation = { 'Upload-Length': '100', 'Upload-Metadata': metadata('a.pdf') };
    const refusals: Array<[string, Record<string, string>, number, string, RegExp]> = [
      ['no Tus-Resumable', { ...creation, 'Tus-Resumable': '' }, 400, 'Tus-Resumable', /send "Tus-Resumable: 1.0.0"/],
      ['no Upload-Length', { 'Upload-Metadata': metadata('a.pdf') }, 400, 'Upload-Length', /Send Upload-Length: the size of the whole file/],
      ['a negative Upload-Length', { ...creation, 'Upload-Length': '-5' }, 400, 'Upload-Length', /not "-5"/],
      ['a garbage Upload-Length', { ...creation, 'Upload-Length': '12abc' }, 400, 'Upload-Length', /whole number of bytes/],
      ['Upload-Defer-Length', { 'Upload-Defer-Length': '1', 'Upload-Metadata': metadata('a.pdf') }, 400, 'Upload-Defer-Length', /send Upload-Length instead/],
      ['no Upload-Metadata', { 'Upload-Length': '100' }, 400, 'Upload-Metadata', /names the file/],
      ['metadata that is not base64', { ...creation, 'Upload-Metadata': 'filename factura.pdf' }, 400, 'Upload-Metadata', /not base64/],
      ['metadata of bytes that are not UTF-8', { ...creation, 'Upload-Metadata': `filename ${Buffer.from([0xff, 0xfe]).toString('base64')}` }, 400, 'Upload-Metadata', /not base64 of UTF-8/],
      ['metadata without a filename', { ...creation, 'Upload-Metadata': `filetype ${Buffer.from('application/pdf').toString('base64')}` }, 400, 'Upload-Metadata', /names no file/],
      ['a key twice', { ...creation, 'Upload-Metadata': `${metadata('a.pdf')},filename ${Buffer.from('b.pdf').toString('base64')}` }, 400, 'Upload-Metadata', /names "filename" twice/],
    ];
    for (const [what, headers, status, field, detail] of refusals) {
      const res = await tus('admin', 'POST', path, headers);
      assert.equal(res.status, status, `${what}: ${JSON.stringify(res.body)}`);
      assert.equal(res.body.errors?.[0]?.field, field, what);
      assert.match(res.body.detail, detail, what);
    }
    const version = await tus('admin', 'POST', path, { ...creation, 'Tus-Resumable': '0.2.2' });
    assert.equal(version.status, 412);
    assert.equal(version.headers.get('tus-version'), '1.0.0');
    const withBody = await tus('admin', 'POST', path, { ...creation, 'Content-Type': 'application/offset+octet-stream', 'Content-Length': '3' });
    assert.equal(withBody.status, 400, 'creation-with-upload is not offered');

    const url = await create(target, 100);
    for (const [what, headers, detail] of [
      ['no Upload-Offset', { 'Upload-Offset': '' }, /Send Upload-Offset/],
      ['a negative Upload-Offset', { 'Upload-Offset': '-1' }, /not "-1"/],
      ['a garbage Upload-Offset', { 'Upload-Offset': 'zero' }, /not "zero"/],
      ['no Tus-Resumable', { 'Tus-Resumable': '' }, /Tus-Resumable/],
    ] as const) {
      const res = await patch(url, 0, pdfOf(100), 'admin', headers);
      assert.equal(res.status, 400, `${what}: ${JSON.stringify(res.body)}`);
      assert.match(res.body.detail, detail, what);
    }
    const wrongType = await patch(url, 0, pdfOf(100), 'admin', { 'Content-Type': 'application/pdf' });
    assert.equal(wrongType.status, 415);
    assert.match(wrongType.body.detail, /application\/offset\+octet-stream/);
    assert.equal((await tus('admin', 'HEAD', url, { 'Tus-Resumable': '' })).status, 400, 'HEAD needs Tus-Resumable too');
    assert.equal((await tus('admin', 'GET', url, { 'Tus-Resumable': '' })).status, 200, 'GET, a JSON read, does not');
    assert.equal(await offsetOf(url), 0);
    assert.equal((await tus('admin', 'HEAD', '/uploads/upl_nowhere')).status, 404);
  });

  it('answers a repeated creation with the same Idempotency-Key with the upload the first started', async () => {
    const target = await acceptedClaim();
    const path = `/claims/${target.claimId}/documents/${target.requirementId}/uploads`;
    const headers = { 'Upload-Length': '5000', 'Upload-Metadata': metadata('a.pdf'), 'Idempotency-Key': 'tus-create-1' };
    const [first, second] = await Promise.all([tus('admin', 'POST', path, headers), tus('admin', 'POST', path, headers)]);
    assert.deepEqual([first.status, second.status].sort(), [200, 201]);
    assert.equal(first.headers.get('location'), second.headers.get('location'));
    const other = await tus('admin', 'POST', path, { ...headers, 'Upload-Length': '6000' });
    assert.equal(other.status, 422);
    assert.match(other.body.detail, /another file/);
    assert.equal((await tus('admin', 'DELETE', first.headers.get('location')!)).status, 204);
  });
});
