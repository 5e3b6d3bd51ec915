import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { testEngine } from './testing/database.ts';
import { createTestApi } from './testing/harness.ts';
import { ResponseChecker } from './testing/openapi-check.ts';

let api: Awaited<ReturnType<typeof createTestApi>>;
let doc: any;

before(async () => {
  api = await createTestApi();
  const res = await api.call('anonymous', 'GET', '/openapi.json');
  assert.equal(res.status, 200);
  doc = res.body;
});
after(() => api.close());

/** Every operation of the document, with its method and path. */
function operations(): Array<{ method: string; path: string; op: any }> {
  return Object.entries(doc.paths as Record<string, Record<string, any>>).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => ({ method: method.toUpperCase(), path, op })),
  );
}

/** A response of the document, its $ref (to components.responses) followed. */
function response(value: any): any {
  const name = value?.$ref?.match(/^#\/components\/responses\/(.+)$/)?.[1];
  return name ? doc.components.responses[name] : value;
}

describe('OpenAPI document and reference', () => {
  it('describes every route the API serves, and nothing it does not', async () => {
    assert.equal(doc.openapi, '3.1.0');
    const documented = new Set<string>();
    for (const [path, methods] of Object.entries(doc.paths as Record<string, Record<string, unknown>>)) {
      for (const method of Object.keys(methods)) documented.add(`${method.toUpperCase()} ${path}`);
    }
    const served = new Set(
      api.app.routes
        .filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/v1/') && !r.path.startsWith('/api/v1/reference'))
        .map((r) => `${r.method} ${r.path.slice('/api/v1'.length).replace(/:(\w+)/g, '{$1}')}`),
    );
    // Every GET answers HEAD (hono runs the GET and drops the body); a HEAD is documented where clients use one.
    const heads = [...documented].filter((operation) => operation.startsWith('HEAD '));
    for (const head of heads) assert.ok(served.has(head.replace(/^HEAD/, 'GET')), head);
    assert.deepEqual(heads, ['HEAD /files/{id}', 'HEAD /uploads/{id}']);
    assert.deepEqual([...documented].filter((operation) => !heads.includes(operation)).sort(), [...served].sort());
  });

  it('takes its request and response shapes from the validating schemas', () => {
    const create = doc.paths['/claims'].post;
    assert.deepEqual(create.requestBody.content['application/json'].schema, { $ref: '#/components/schemas/CreateClaimInput' });
    assert.equal(create.requestBody.required, true);
    const input = doc.components.schemas.CreateClaimInput;
    assert.deepEqual(input.properties.type.enum, ['breakage', 'robbery', 'theft', 'loss']);
    assert.ok(input.required.includes('externalRef'));
    assert.ok(!input.required.includes('packages'), 'defaulted fields are optional on input');
    assert.equal(input.properties.packages.default, undefined, 'a default in a request component reads as "always present" to generators');
    assert.match(input.properties.packages.description, /Default: `1`/);
    assert.ok(!doc.components.schemas.RequestDocumentInput.required.includes('required'));
    assert.deepEqual(doc.components.schemas.PostMessageInput.required, ['clientId'], 'an attachments-only message needs no body');
    const upload = doc.paths['/claims/{id}/documents/{requirementId}/files'].post.requestBody.content['multipart/form-data'].schema;
    assert.equal(upload.properties.file.items.format, 'binary', 'generators type a file as a Blob');
    const head = doc.paths['/files/{id}'].head;
    assert.equal(head.operationId, 'getFileHeaders');
    assert.deepEqual(head.parameters.map((p: { name: string }) => p.name), ['If-None-Match', 'id'], 'HEAD takes no Range');
    assert.ok(!('206' in head.responses) && !('416' in head.responses));
    assert.ok(head.responses['200'].headers['Content-Length'] && !head.responses['200'].content);
    assert.equal(input.properties.carrier.maxLength, 200, 'text limits are shown on input');
    assert.deepEqual(input.properties.declaredValue, { $ref: '#/components/schemas/MoneyInput' });
    assert.equal(doc.components.schemas.Money.properties.amountCents.type, 'integer');
    assert.equal(doc.components.schemas.Claim.additionalProperties, false, 'answers are closed: an extra field fails the response check');
    const list = doc.paths['/claims'].get;
    assert.deepEqual(list.parameters.map((p: { name: string }) => p.name), ['If-None-Match', 'status', 'type', 'q', 'companyId', 'handler', 'externalRef', 'updatedSince', 'deadline', 'sort', 'cursor', 'limit', 'view']);
    assert.equal(list.parameters.find((p: { name: string }) => p.name === 'limit').required, undefined, 'limit has a default');
    assert.ok(doc.paths['/claims/{id}/accept'].post.parameters.some((p: { name: string; in: string }) => p.name === 'id' && p.in === 'path'));
    assert.deepEqual(doc.paths['/events'].get.parameters.map((p: { name: string; in: string }) => `${p.in} ${p.name}`), ['header Last-Event-ID', 'query lastEventId', 'query after', 'query limit']);
    assert.deepEqual(Object.keys(doc.components.schemas.ClaimPage.properties.counts.properties), [
      'notified', 'declined', 'documentation', 'review', 'submitted', 'resolved', 'closed',
    ]);
  });

  it('names every operation, tags it, and says who may call it', () => {
    const ids = operations().map(({ op }) => op.operationId);
    assert.deepEqual(ids, [
      'getHealth', 'getLiveness', 'getReadiness', 'getOpenApiDocument', 'getHelpContact', 'getMe', 'createClaim', 'listClaims', 'createClaims', 'getClaim', 'amendClaim', 'acceptClaim', 'declineClaim',
      'transitionClaim', 'assignClaim', 'listClaimEvents',
      'listClaimDocuments', 'requestClaimDocument', 'waiveClaimDocument', 'reviewClaimDocument', 'uploadClaimDocumentFiles',
      'downloadFile', 'removeFile', 'getFileHeaders', 'getFileThumbnail',
      'createDocumentUpload', 'getDocumentUpload', 'appendDocumentUpload', 'cancelDocumentUpload', 'getDocumentUploadOffset',
      'listMessages', 'postMessage', 'uploadAttachments', 'readMessages', 'announceTyping',
      'downloadClaimDossier', 'downloadClaimLetter',
      'streamEvents', 'listUsers', 'getUser', 'updateUser', 'listCompanies', 'syncUser', 'listHandlers',
      'getAnalytics', 'getAnalyticsVolume', 'getAnalyticsTimes', 'getAnalyticsMoney', 'getAnalyticsDeadlines', 'getAnalyticsCarriers', 'getAnalyticsHandlers',
      'listLiabilityRates', 'addLiabilityRate',
      'listCompanyApiKeys', 'createCompanyApiKey', 'revokeCompanyApiKey', 'listApiKeysOfCompany', 'createApiKeyForCompany', 'revokeApiKeyOfCompany', 'issueUserToken', 'listTokenIssuers', 'addTokenIssuer', 'removeTokenIssuer', 'rotateTokenIssuerSecret',
      'getCompany', 'updateCompany', 'listNotifications', 'markNotificationsRead',
      'listWebhooks', 'createWebhook', 'getWebhook', 'updateWebhook', 'deleteWebhook', 'rotateWebhookSecret', 'testWebhook',
      'listWebhookDeliveries', 'getWebhookDelivery', 'redeliverWebhookDelivery', 'redeliverWebhookSince',
    ]);
    const tags = new Set(doc.tags.map((t: { name: string }) => t.name));
    assert.deepEqual([...tags], ['Claims', 'Documents', 'Chat', 'Notifications', 'Live stream', 'Users', 'Integration', 'Analytics', 'Meta']);
    for (const { method, path, op } of operations()) {
      assert.equal(op.tags.length, 1, `${method} ${path}`);
      assert.ok(tags.has(op.tags[0]), `${method} ${path}: tag ${op.tags[0]}`);
      assert.ok(op.summary && op.description, `${method} ${path} has a summary and a description`);
      assert.ok(Array.isArray(op.security), `${method} ${path} says its security`);
    }
    const security = (method: string, path: string) => doc.paths[path][method].security;
    assert.deepEqual(security('get', '/health'), []);
    assert.deepEqual(security('get', '/claims'), [{ bearer: [] }, { apiKey: [] }]);
    assert.deepEqual(security('post', '/claims/{id}/transitions'), [{ bearer: [] }]);
    assert.deepEqual(security('put', '/companies/{companyId}/users/{userId}'), [{ apiKey: [] }]);
    assert.deepEqual(doc.servers, [{ url: '/api/v1', description: 'This server.' }]);
    assert.deepEqual(Object.keys(doc.components.securitySchemes), ['bearer', 'apiKey']);
    assert.equal(doc.components.securitySchemes.apiKey.name, 'X-Api-Key');
  });

  it('gives each operation the statuses that follow from what it is', () => {
    for (const { method, path, op } of operations()) {
      const statuses = Object.keys(op.responses);
      const authenticated = op.security.length > 0;
      const name = `${method} ${path}`;
      for (const status of ['401', '403', '429']) assert.equal(statuses.includes(status), authenticated, `${name} ${status}`);
      assert.equal(statuses.includes('415'), op.requestBody !== undefined, `${name} 415`);
      assert.equal(statuses.includes('404'), path.includes('{'), `${name} 404`);
      for (const status of ['400', '413', '500', '503']) assert.ok(statuses.includes(status), `${name} ${status}`);
      if (authenticated) {
        assert.equal(response(op.responses['401']).headers['WWW-Authenticate'].required, true, name);
        assert.ok(response(op.responses['429']).headers['Retry-After'], name);
      }
      assert.ok(response(op.responses['503']).headers['Retry-After'], name);
      for (const [status, answer] of Object.entries(op.responses)) {
        if (method === 'HEAD') assert.equal(response(answer).content, undefined, `${name} ${status}: a HEAD answer has no body`);
        else if (Number(status) >= 400) assert.deepEqual(Object.keys(response(answer).content), ['application/problem+json'], `${name} ${status}`);
      }
    }
    const route = (method: string, path: string) => Object.keys(doc.paths[path][method].responses);
    assert.deepEqual(route('post', '/claims/{id}/accept'), ['200', '400', '401', '403', '404', '409', '413', '429', '500', '503']);
    assert.deepEqual(route('post', '/claims/{id}/transitions'), ['200', '400', '401', '403', '404', '409', '413', '415', '429', '500', '503']);
    assert.deepEqual(route('get', '/events'), ['200', '400', '401', '403', '413', '429', '500', '503']);
    assert.deepEqual(route('patch', '/users/{id}'), ['200', '400', '401', '403', '404', '412', '413', '415', '429', '500', '503']);
    assert.deepEqual(route('post', '/claims'), ['200', '201', '400', '401', '403', '409', '413', '415', '429', '500', '503']);
    assert.deepEqual(route('get', '/health'), ['200', '400', '413', '500', '503']);
    const unmatched = doc['x-unmatched-responses'];
    assert.deepEqual(Object.keys(unmatched), ['400', '404', '405']);
    assert.equal(unmatched['405'].headers.Allow.required, true);
  });

  it('describes problems, with the errors list and the 409 extensions', () => {
    const { Problem, TransitionConflict, ExternalRefConflict, FieldError } = doc.components.schemas;
    assert.deepEqual(Object.keys(Problem.properties), ['type', 'title', 'status', 'detail', 'instance', 'errors']);
    assert.deepEqual(Problem.required, ['type', 'title', 'status', 'detail', 'instance']);
    assert.deepEqual(Problem.properties.errors.items, { $ref: '#/components/schemas/FieldError' });
    assert.deepEqual(FieldError.required, ['field', 'message']);
    assert.ok(TransitionConflict.required.includes('currentStatus') && TransitionConflict.required.includes('requestedStatus'));
    assert.ok(ExternalRefConflict.required.includes('claimId') && ExternalRefConflict.required.includes('differingFields'));
    assert.deepEqual(doc.paths['/claims'].post.responses['409'].content['application/problem+json'].schema, { $ref: '#/components/schemas/ExternalRefConflict' });
  });

  it('has no fragment $id, and every $ref points at a component it defines', () => {
    const text = JSON.stringify(doc);
    assert.doesNotMatch(text, /"\$id"/);
    assert.doesNotMatch(text, /"\$schema"/);
    for (const [, section, name] of text.matchAll(/"\$ref":"#\/components\/(\w+)\/([^"]+)"/g)) {
      assert.ok(doc.components[section!]?.[name!], `#/components/${section}/${name}`);
    }
  });

  it('serves an interactive reference page without any CDN', async () => {
    const redirect = await api.app.request('/api/v1/reference');
    assert.equal(redirect.status, 302);
    const page = await api.app.request('/api/v1/reference/');
    assert.equal(page.status, 200);
    const html = await page.text();
    assert.match(html, /swagger-ui-bundle\.js/);
    assert.doesNotMatch(html, /https?:\/\//);
    const bundle = await api.app.request('/api/v1/reference/swagger-ui-bundle.js');
    assert.equal(bundle.status, 200);
    assert.match(bundle.headers.get('content-type') ?? '', /javascript/);
    assert.equal((await api.app.request('/api/v1/reference/secrets.txt')).status, 404);
  });

  it('answers health without credentials', async () => {
    const res = await api.call('anonymous', 'GET', '/health');
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, { status: 'ok' });
  });
});

describe('the response check the API tests run on every answer', () => {
  const url = new URL('http://localhost/api/v1/claims/clm_1');
  const json = (body: unknown, type = 'application/json') => ({ headers: new Headers({ 'Content-Type': type }), body: JSON.stringify(body) });
  const problem = (status: number, extra: Record<string, unknown> = {}) => ({
    type: 'https://claimdesk.dev/problems/not-found', title: 'X', status, detail: 'Why.', instance: '/api/v1/claims/clm_1', ...extra,
  });
  let checker: ResponseChecker;
  before(() => {
    checker = new ResponseChecker(doc);
  });

  it('refuses a status the operation does not declare', () => {
    const { headers, body } = json(problem(418), 'application/problem+json');
    assert.throws(() => checker.check('GET', url, 418, headers, body), /GET \/api\/v1\/claims\/clm_1 answered 418, which getClaim \(GET \/claims\/\{id\}\) does not declare/);
  });

  it('refuses a body the document does not describe, naming what differs', () => {
    const { headers, body } = json({ id: 'clm_1' });
    headers.set('ETag', '"v1"');
    headers.set('Cache-Control', 'private, no-cache');
    assert.throws(() => checker.check('GET', url, 200, headers, body), /does not describe: body must have required property/);
    const extra = json(problem(404, { secret: 'leaked' }), 'application/problem+json');
    assert.throws(() => checker.check('GET', url, 404, extra.headers, extra.body), /must NOT have additional properties/);
  });

  it('refuses a missing required header and a Content-Type not declared', () => {
    const { headers, body } = json(problem(401), 'application/problem+json');
    assert.throws(() => checker.check('GET', url, 401, headers, body), /without the WWW-Authenticate header/);
    const plain = json(problem(404));
    assert.throws(() => checker.check('GET', url, 404, plain.headers, plain.body), /Content-Type "application\/json"; .* declares application\/problem\+json/);
  });

  it('holds a request no operation takes to the unmatched answers', () => {
    const { headers, body } = json(problem(405, { allowed: ['GET', 'HEAD', 'OPTIONS'] }), 'application/problem+json');
    assert.throws(() => checker.check('DELETE', url, 405, headers, body), /without the Allow header/);
    headers.set('Allow', 'GET, HEAD, OPTIONS');
    checker.check('DELETE', url, 405, headers, body);
    assert.throws(() => checker.check('DELETE', url, 200, headers, '{}'), /no operation takes DELETE \/claims\/clm_1/);
  });
});

const BIN = fileURLToPath(new URL('../node_modules/.bin/', import.meta.url));
const LINT_TIMEOUT_MS = 90_000;

/** Runs a linter's CLI with a bounded time; resolves with its stdout whatever it found. */
function lint(command: string, args: string[], cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      path.join(BIN, command),
      args,
      { cwd, timeout: LINT_TIMEOUT_MS, maxBuffer: 16 * 1024 * 1024, env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' } },
      (error, stdout, stderr) => {
        // A linter that found something exits non-zero: its report says what, so only a run cut
        // short (timed out, or that could not start) fails here.
        if (error && (error.killed || typeof error.code !== 'number')) reject(new Error(`${command} ${args.join(' ')} failed: ${error.message}\n${stderr}`));
        else resolve(stdout);
      },
    );
  });
}

describe('the served document lints clean', { skip: testEngine === 'postgres' && 'engine-independent: runs with the SQLite suite', timeout: 3 * LINT_TIMEOUT_MS }, () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'claimdesk-openapi-'));
    writeFileSync(path.join(dir, 'openapi.json'), JSON.stringify(doc, null, 2));
    writeFileSync(path.join(dir, '.spectral.yaml'), 'extends: ["spectral:oas"]\n');
    writeFileSync(path.join(dir, 'redocly.yaml'), 'extends:\n  - recommended\n');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('with Spectral (spectral:oas): no errors, no warnings', async () => {
    await lint('spectral', ['lint', '--ruleset', '.spectral.yaml', '--format', 'json', '--output', 'spectral.json', '--fail-severity', 'hint', 'openapi.json'], dir);
    const results = JSON.parse(readFileSync(path.join(dir, 'spectral.json'), 'utf8')) as Array<{ code: string; message: string; path: string[] }>;
    assert.deepEqual(results.map((r) => `${r.code} at ${r.path.join('.')}: ${r.message}`), []);
  });

  it('with Redocly (recommended): no errors, no warnings', async () => {
    const out = await lint('redocly', ['lint', '--config', 'redocly.yaml', '--format', 'json', 'openapi.json'], dir);
    const report = JSON.parse(out.slice(out.indexOf('{'))) as { totals: { errors: number; warnings: number }; problems: Array<{ ruleId: string; message: string; location: Array<{ pointer: string }> }> };
    assert.deepEqual(report.problems.map((p) => `${p.ruleId} at ${p.location[0]?.pointer}: ${p.message}`), []);
    assert.deepEqual(report.totals, { errors: 0, warnings: 0, ignored: 0 });
  });
});
