import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { compare, Ledger, type Snapshot } from './lib/ledger.ts';
import { encodeComponent, IdPool, mutate, requestArbitrary, routesOf, type OpenApiDocument } from './lib/openapi-arbitraries.ts';
import { printfFormat, toCurl } from './lib/raw-http.ts';

// The suite's own machinery, checked on its own: what the fuzzer generates for a route that
// takes multipart/form-data (a document of its own here, so the check does not depend on the
// upload routes' shape), the replay lines it prints, and that the crash checker does notice a
// lost write.

const UPLOAD_DOC: OpenApiDocument = {
  servers: [{ url: '/api/v1' }],
  paths: {
    '/claims/{id}/documents/{requirementId}/files': {
      post: {
        parameters: [
          { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
          { name: 'requirementId', in: 'path', required: true, schema: { type: 'string' } },
        ],
        requestBody: {
          required: true,
          content: {
            'multipart/form-data': {
              schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' }, note: { type: 'string', maxLength: 200 } }, required: ['file'] },
              encoding: { file: { contentType: 'application/pdf, image/jpeg' } },
            },
          },
        },
        responses: { '201': { content: { 'application/json': {} } } },
      },
    },
  },
};

describe('the fuzzer’s generators', () => {
  it('builds multipart/form-data bodies a server can parse for a route that declares one, and broken ones', async () => {
    const [route] = routesOf(UPLOAD_DOC);
    const ctx = { doc: UPLOAD_DOC, pool: new IdPool(), prefix: '/api/v1', describe: () => '' };
    const cases = fc.sample(requestArbitrary(route!, ctx), { numRuns: 400, seed: 1 });
    const wellFormed = cases.filter((c) => c.note.includes('multipart (none') && c.request.method === 'POST');
    const broken = cases.filter((c) => /multipart \((?!none)/.test(c.note));
    assert.ok(wellFormed.length > 50, `well-formed multipart cases: ${wellFormed.length}`);
    assert.ok(broken.length > 20, `broken multipart cases: ${broken.length}`);
    for (const c of wellFormed) {
      const form = await new Response(c.request.body as Uint8Array<ArrayBuffer>, { headers: { 'Content-Type': c.request.headers['Content-Type']! } }).formData();
      const file = form.get('file');
      assert.ok(file instanceof File, `a file part in ${c.note}`);
    }
  });

  it('mutates copies and never the shared constants', () => {
    const shared = {};
    const value = { a: { b: 1 } };
    const out = mutate(value, [{ kind: 'set', at: 1, value: shared }, { kind: 'add', at: 2, key: 'x', value: 1 }]);
    assert.deepEqual(value, { a: { b: 1 } });
    assert.deepEqual(shared, {});
    assert.notEqual(out, value);
  });

  it('percent-encodes lone surrogates as the bytes a broken client would send', () => {
    assert.equal(encodeComponent('a\ud800b'), 'a%ED%A0%80b');
    assert.equal(encodeComponent('😀'), '%F0%9F%98%80');
  });
});

describe('the replay lines', () => {
  it('print any body byte for byte, NUL included', () => {
    const bytes = new Uint8Array(Array.from({ length: 256 }, (_, i) => i));
    const printed = execFileSync('bash', ['-c', `printf ${printfFormat(bytes)}`]);
    assert.deepEqual(new Uint8Array(printed), bytes);
  });

  it('name the method, the raw path, each header and the body', () => {
    const line = toCurl('http://127.0.0.1:8787', { method: 'POST', path: '/api/v1/claims/%E0%A4%A/accept', headers: { 'X-Api-Key': "it's", 'Content-Type': '' }, body: new Uint8Array([0x7b, 0x7d]) });
    assert.match(line, /^printf '\{\}' \| curl -sS -i --path-as-is -X POST /);
    assert.match(line, /'http:\/\/127\.0\.0\.1:8787\/api\/v1\/claims\/%E0%A4%A\/accept'|http:\/\/127\.0\.0\.1:8787\/api\/v1\/claims\/%E0%A4%A\/accept/);
    assert.match(line, /-H \$'X-Api-Key: it\\'s'/);
    assert.match(line, /-H 'Content-Type;'|-H \$'Content-Type;'/);
    assert.match(line, /--data-binary @-$/);
  });
});

describe('the crash checker', () => {
  const ledger = new Ledger();
  ledger.created('c1', 'R1', 'ferreteria', 1);
  ledger.moved('c1', 'accept', 'documentation', 1);
  ledger.created('c2', 'R2', 'ferreteria', 1);
  ledger.moved('c2', 'decline', 'declined', 1);
  const events = [
    { id: 1, claimId: 'c1', type: 'claim.created', to: 'notified' },
    { id: 2, claimId: 'c2', type: 'claim.created', to: 'notified' },
    { id: 3, claimId: 'c1', type: 'claim.accepted', to: 'documentation' },
    { id: 4, claimId: 'c2', type: 'claim.declined', to: 'declined' },
  ];
  const good: Snapshot = { integrity: 'ok', statuses: new Map([['c1', 'review'], ['c2', 'declined']]), events };

  it('passes what holds every acknowledged write (a later status included)', () => {
    assert.deepEqual(compare(ledger, good, events.slice(0, 2)), []);
  });

  it('names a lost claim, a lost move, a lost event, a reused id and a damaged file', () => {
    const bad: Snapshot = {
      integrity: '*** in database main ***\nPage 5: btreeInitPage() returns error code 11',
      statuses: new Map([['c1', 'notified']]),
      events: [events[0]!, { ...events[1]!, id: 1 }],
    };
    const problems = compare(ledger, bad, events).join('\n');
    assert.match(problems, /integrity_check/);
    assert.match(problems, /claim c2 .* is not in the database/);
    assert.match(problems, /move to documentation was acknowledged .* database says notified/);
    assert.match(problems, /no claim.accepted event/);
    assert.match(problems, /not strictly increasing/);
    assert.match(problems, /event 3 .* is gone/);
  });
});
