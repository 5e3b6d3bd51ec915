import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { PROBLEM_TYPE_BASE, type ProblemCode } from '../../domain/problems.ts';
import { signUserToken } from '../auth/tokens.ts';
import { startServer, type RunningServer } from '../server.ts';
import { createTestDatabaseUrl, dropTestDatabase } from '../testing/database.ts';
import { API_KEY, claimInput, JWT_SECRET, USERS } from '../testing/harness.ts';
import { checkAnswer, loadServedDocument } from '../testing/openapi-check.ts';

// Uploads over a real socket, as browsers send them: a refused upload still gets its problem
// answer, the keep-alive connection it came on keeps serving, and an upload the client abandons
// half-way leaves nothing in DATA_DIR.

const MAX = 1024 * 1024;

interface Answer {
  status: number;
  headers: Headers;
  body: string;
}

function send(url: string, agent: http.Agent, method: string, pathname: string, headers: Record<string, string>, body?: Buffer, chunked = false): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = http.request(`${url}${pathname}`, { method, agent, headers: { ...headers, ...(body && !chunked ? { 'Content-Length': String(body.byteLength) } : {}) } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const answer = { status: response.statusCode!, headers: new Headers(response.headers as Record<string, string>), body: Buffer.concat(chunks).toString('utf8') };
        checkAnswer(new URL(`${url}${pathname}`), method, answer.status, answer.headers, answer.body).then(() => resolve(answer), reject);
      });
      response.on('error', reject);
    });
    request.on('error', reject);
    if (body && chunked) {
      // Several writes, as a client streaming a file does.
      for (let offset = 0; offset < body.byteLength; offset += 16 * 1024) request.write(body.subarray(offset, offset + 16 * 1024));
      request.end();
    } else request.end(body);
  });
}

/** One part of a form: a file when it has a file name, a text field otherwise. */
interface Part {
  field: string;
  fileName?: string;
  bytes: Buffer;
}

function form(parts: Part[], boundary = '----claimdesk-test'): { type: string; body: Buffer } {
  return {
    type: `multipart/form-data; boundary=${boundary}`,
    body: Buffer.concat([
      ...parts.flatMap(({ field, fileName, bytes }) => [
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="${field}"${fileName === undefined ? '' : `; filename="${fileName}"\r\nContent-Type: application/pdf`}\r\n\r\n`,
        ),
        bytes,
        Buffer.from('\r\n'),
      ]),
      Buffer.from(`--${boundary}--\r\n`),
    ]),
  };
}

const multipart = (name: string, bytes: Buffer) => form([{ field: 'file', fileName: name, bytes }]);

const PDF_HEAD = Buffer.from('%PDF-1.4\n');
const pdfOf = (size: number) => Buffer.concat([PDF_HEAD, Buffer.alloc(size - PDF_HEAD.byteLength, 0x20)]);
// Refused from its first bytes: most of it is still to come when the answer is decided.
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(900 * 1024)]);

describe('uploads over HTTP', () => {
  let server: RunningServer;
  let databaseUrl: string;
  let dataDir: string;
  let auth: Record<string, string>;
  let filesPath: string;

  before(async () => {
    databaseUrl = await createTestDatabaseUrl();
    dataDir = mkdtempSync(path.join(tmpdir(), 'claimdesk-upload-http-'));
    server = await startServer({ port: 0, databaseUrl, jwtSecret: JWT_SECRET, apiKey: API_KEY, corsOrigins: [], dataDir, maxUploadBytes: MAX });
    await loadServedDocument(server.url);
    auth = { Authorization: `Bearer ${await signUserToken(JWT_SECRET, USERS.admin)}` };
    const created = await fetch(`${server.url}/api/v1/claims`, {
      method: 'POST',
      headers: { 'X-Api-Key': API_KEY, 'Content-Type': 'application/json' },
      body: JSON.stringify(claimInput({ type: 'loss', goods: 'parcel', scope: 'national' })),
    });
    const claim = (await created.json()) as { id: string };
    await fetch(`${server.url}/api/v1/claims/${claim.id}/accept`, { method: 'POST', headers: auth });
    const list = (await (await fetch(`${server.url}/api/v1/claims/${claim.id}/documents`, { headers: auth })).json()) as { items: Array<{ id: string }> };
    filesPath = `/api/v1/claims/${claim.id}/documents/${list.items[0]!.id}/files`;
  });
  after(async () => {
    await server?.close();
    await dropTestDatabase(databaseUrl);
    rmSync(dataDir, { recursive: true, force: true });
  });

  const stored = () => readdirSync(path.join(dataDir, 'files'), { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile()).map((entry) => entry.name);

  const REFUSALS: Array<[string, () => { type: string; body: Buffer }, boolean, number, ProblemCode]> = [
    ['415: an executable named .pdf', () => multipart('factura.pdf', EXE), false, 415, 'file-type-not-allowed'],
    ['413: a file over MAX_UPLOAD_BYTES, streamed chunked', () => multipart('big.pdf', pdfOf(MAX + 20_000)), true, 413, 'file-too-large'],
    ['413: a file over MAX_UPLOAD_BYTES within the envelope, with Content-Length', () => multipart('big.pdf', pdfOf(MAX + 1)), false, 413, 'file-too-large'],
    ['400: an empty file', () => multipart('empty.pdf', Buffer.alloc(0)), false, 400, 'empty-file'],
    // Each of these used to end the process: the parser was destroyed with a file stream open.
    ['400: a 1 MiB file in a part not named file', () => form([{ field: 'doc', fileName: 'factura.pdf', bytes: pdfOf(MAX) }]), false, 400, 'invalid-upload'],
    ['400: a text field before the file', () => form([{ field: 'note', bytes: Buffer.from('hola') }, { field: 'file', fileName: 'factura.pdf', bytes: pdfOf(MAX) }]), true, 400, 'invalid-upload'],
    ['400: an empty file, then another', () => form([{ field: 'file', fileName: 'vacio.pdf', bytes: Buffer.alloc(0) }, { field: 'file', fileName: 'factura.pdf', bytes: pdfOf(MAX) }]), false, 400, 'empty-file'],
    ['415: a refused file, then another', () => form([{ field: 'file', fileName: 'x.pdf', bytes: EXE }, { field: 'file', fileName: 'factura.pdf', bytes: pdfOf(MAX) }]), true, 415, 'file-type-not-allowed'],
  ];
  for (const [what, form, chunked, status, code] of REFUSALS) {
    it(`answers a refused upload and keeps the connection serving (${what})`, async () => {
      const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
      try {
        const { type, body } = form();
        const refused = await send(server.url, agent, 'POST', filesPath, { ...auth, 'Content-Type': type }, body, chunked);
        assert.equal(refused.status, status, refused.body);
        assert.equal(refused.headers.get('content-type'), 'application/problem+json');
        assert.equal((JSON.parse(refused.body) as { type: string }).type, `${PROBLEM_TYPE_BASE}${code}`);
        const started = Date.now();
        let answered = 0;
        while (Date.now() - started < 1000) {
          const health = await send(server.url, agent, 'GET', '/api/v1/health', {});
          assert.equal(health.status, 200);
          answered++;
        }
        assert.ok(answered > 5, `${answered} requests answered on the connection after the refusal`);
        assert.deepEqual(stored(), []);
      } finally {
        agent.destroy();
      }
    });
  }

  it('says which part is wrong when a part has an empty name (busboy gives it none)', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const cases: Array<[Part[], RegExp]> = [
        [[{ field: 'file', fileName: 'factura.pdf', bytes: pdfOf(MAX) }, { field: '', bytes: Buffer.from('x') }], /has a field "" this upload does not take/],
        [[{ field: '', fileName: 'factura.pdf', bytes: pdfOf(1000) }], /a file in a part named ""/],
      ];
      for (const [parts, detail] of cases) {
        const { type, body } = form(parts);
        const refused = await send(server.url, agent, 'POST', filesPath, { ...auth, 'Content-Type': type }, body, true);
        assert.equal(refused.status, 400, refused.body);
        assert.match(JSON.parse(refused.body).detail, detail);
      }
      assert.equal((await send(server.url, agent, 'GET', '/api/v1/health', {})).status, 200);
      assert.deepEqual(stored(), []);
    } finally {
      agent.destroy();
    }
  });

  it('leaves nothing behind when the client goes away half-way through a file', async () => {
    const { type, body } = multipart('half.pdf', pdfOf(MAX - 1000));
    const request = http.request(`${server.url}${filesPath}`, { method: 'POST', headers: { ...auth, 'Content-Type': type, 'Content-Length': String(body.byteLength) } });
    request.on('error', () => {});
    request.write(body.subarray(0, body.byteLength / 2));
    await sleep(200);
    request.destroy();
    await sleep(300);
    assert.deepEqual(stored(), []);
  });

  it('takes the upload that follows, over HTTP too', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const { type, body } = multipart('ok.pdf', pdfOf(MAX));
      const res = await send(server.url, agent, 'POST', filesPath, { ...auth, 'Content-Type': type }, body, true);
      assert.equal(res.status, 201, res.body);
      assert.equal(stored().length, 1);
    } finally {
      agent.destroy();
    }
  });
});
