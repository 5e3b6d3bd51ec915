import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { createTestApi } from '../testing/harness.ts';

// Downloads as a phone on a poor connection makes them: it keeps what it already has
// (If-None-Match), and resumes what broke off (Range, If-Range) instead of starting over.

type Api = Awaited<ReturnType<typeof createTestApi>>;

const PDF_HEAD = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const SIZE = 300_000;
const BYTES = new Uint8Array(Buffer.concat([PDF_HEAD, randomBytes(SIZE - PDF_HEAD.byteLength)]));
const ETAG = `"${createHash('sha256').update(BYTES).digest('hex')}"`;

let api: Api;
let url: string;

before(async () => {
  api = await createTestApi();
  const claim = await api.createClaim({ type: 'loss', goods: 'parcel', scope: 'national' });
  assert.equal((await api.call('admin', 'POST', `/claims/${claim.id}/accept`)).status, 200);
  const list = await api.call('admin', 'GET', `/claims/${claim.id}/documents`);
  const invoice = list.body.items.find((item: { kind: string }) => item.kind === 'commercial_invoice');
  const uploaded = await api.upload('admin', claim.id, invoice.id, [{ name: 'factura.pdf', bytes: BYTES }]);
  assert.equal(uploaded.status, 201, JSON.stringify(uploaded.body));
  url = `/api/v1/files/${uploaded.body.files[0].id}`;
});
after(() => api.close());

async function download(headers: Record<string, string> = {}, method = 'GET') {
  const res = await api.app.request(url, { method, headers: { ...(await api.headersFor('admin')), ...headers } });
  return { status: res.status, headers: res.headers, bytes: new Uint8Array(await res.arrayBuffer()) };
}

describe('GET /files/{id}: conditional and partial downloads', () => {
  it('sends the whole file with Accept-Ranges: bytes and its hash as ETag', async () => {
    const res = await download();
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('accept-ranges'), 'bytes');
    assert.equal(res.headers.get('etag'), ETAG);
    assert.deepEqual(res.bytes, BYTES);
  });

  it('answers 304 without the bytes when If-None-Match names the file (weakly compared, in a list, or *)', async () => {
    for (const value of [ETAG, `W/${ETAG}`, `"other", ${ETAG}`, '*']) {
      for (const method of ['GET', 'HEAD']) {
        const res = await download({ 'If-None-Match': value }, method);
        assert.equal(res.status, 304, `${method} If-None-Match: ${value}`);
        assert.equal(res.bytes.byteLength, 0);
        assert.equal(res.headers.get('etag'), ETAG);
        assert.equal(res.headers.get('cache-control'), 'private, no-store');
      }
    }
    const changed = await download({ 'If-None-Match': '"0000"' });
    assert.equal(changed.status, 200, 'another version: the file');
    assert.deepEqual(changed.bytes, BYTES);
  });

  it('resumes a download that broke off: the rest from byte N, as a 206 with Content-Range', async () => {
    const firstPart = BYTES.subarray(0, 123_457);
    const rest = await download({ Range: `bytes=${firstPart.byteLength}-`, 'If-Range': ETAG });
    assert.equal(rest.status, 206);
    assert.equal(rest.headers.get('content-range'), `bytes ${firstPart.byteLength}-${SIZE - 1}/${SIZE}`);
    assert.equal(rest.headers.get('content-length'), String(SIZE - firstPart.byteLength));
    assert.equal(rest.headers.get('content-type'), 'application/pdf');
    assert.equal(rest.headers.get('etag'), ETAG);
    assert.deepEqual(new Uint8Array(Buffer.concat([firstPart, rest.bytes])), BYTES, 'the two parts make the file');
  });

  it('serves first-last, a suffix, and a last byte past the end as RFC 9110 says', async () => {
    const CASES: Array<[range: string, start: number, end: number]> = [
      ['bytes=0-99', 0, 99],
      ['bytes=1000-1000', 1000, 1000],
      ['bytes=-500', SIZE - 500, SIZE - 1],
      [`bytes=-${SIZE * 2}`, 0, SIZE - 1],
      [`bytes=${SIZE - 10}-${SIZE * 10}`, SIZE - 10, SIZE - 1],
      ['BYTES = 5 - 9', 5, 9],
    ];
    for (const [range, start, end] of CASES) {
      const res = await download({ Range: range });
      assert.equal(res.status, 206, range);
      assert.equal(res.headers.get('content-range'), `bytes ${start}-${end}/${SIZE}`, range);
      assert.equal(res.headers.get('content-length'), String(end - start + 1), range);
      assert.deepEqual(res.bytes, BYTES.subarray(start, end + 1), range);
    }
  });

  it('answers 416 with Content-Range: bytes */size to a range past the end', async () => {
    for (const range of [`bytes=${SIZE}-`, `bytes=${SIZE + 5}-${SIZE + 9}`, 'bytes=-0']) {
      const res = await api.app.request(url, { headers: { ...(await api.headersFor('admin')), Range: range } });
      assert.equal(res.status, 416, range);
      assert.equal(res.headers.get('content-range'), `bytes */${SIZE}`);
      const problem = (await res.json()) as { detail: string };
      assert.match(problem.detail, new RegExp(`has ${SIZE} bytes`));
    }
  });

  it('sends the whole file for a Range it does not serve: another unit, bad syntax, several ranges, or an If-Range of another version', async () => {
    const CASES: Array<Record<string, string>> = [
      { Range: 'items=0-9' },
      { Range: 'bytes=9-0' },
      { Range: 'bytes=abc' },
      { Range: 'bytes=-' },
      { Range: 'bytes=0-9, 20-29' },
      { Range: 'bytes=100-', 'If-Range': '"another version"' },
      { Range: 'bytes=100-', 'If-Range': `W/${ETAG}` },
      { Range: 'bytes=100-', 'If-Range': 'Sun, 06 Dec 2026 10:00:00 GMT' },
    ];
    for (const headers of CASES) {
      const res = await download(headers);
      assert.equal(res.status, 200, JSON.stringify(headers));
      assert.equal(res.headers.get('content-range'), null);
      assert.deepEqual(res.bytes, BYTES, JSON.stringify(headers));
    }
  });

  it('ignores Range on HEAD, which describes the whole file', async () => {
    const res = await download({ Range: 'bytes=0-99' }, 'HEAD');
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-length'), String(SIZE));
    assert.equal(res.headers.get('accept-ranges'), 'bytes');
  });
});
