import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import createClient from 'openapi-fetch';
import openapiTS, { astToString } from 'openapi-typescript';
import ts from 'typescript';
import { API_KEY, createTestApi } from './testing/harness.ts';

// An integrator's client, generated from the served document with openapi-typescript's defaults
// (and its documented recipe for `format: binary`: a Blob), drives the API through openapi-fetch
// with no cast and no `any`: intake, amend, lookup, an upload as FormData, messages with and
// without text (issue 22). The program is type-checked as the integrator's compiler would, then
// run against the test API.

type Api = Awaited<ReturnType<typeof createTestApi>>;

const ROOT = fileURLToPath(new URL('..', import.meta.url));

// What the integrator writes. Its only imports are types: the generated `paths`, and openapi-fetch's
// createClient, which the test hands it (so the file runs from a directory of its own).
const PROGRAM = `import type createClient from 'openapi-fetch';
import type { paths } from './schema';

export interface Connection {
  create: typeof createClient;
  baseUrl: string;
  fetch: (request: Request) => Promise<Response>;
  apiKey: string;
}

const clientOf = ({ create, baseUrl, fetch, apiKey }: Connection) => create<paths>({ baseUrl, fetch, headers: { 'X-Api-Key': apiKey } });

function fail(step: string, error: unknown): never {
  throw new Error(step + ': ' + JSON.stringify(error));
}

/** The ERP opens a claim for an incident, corrects it, and finds it again by its own reference. */
export async function intake(connection: Connection, externalRef: string) {
  const client = clientOf(connection);
  const created = await client.POST('/claims', {
    body: {
      company: { id: 'ferreteria', name: 'Ferretería Martínez S.L.' },
      externalRef,
      type: 'breakage',
      goods: 'pallet',
      scope: 'international',
      carrier: 'Transportes Azkar',
      trackingNumber: 'AZK-2026-55821',
      description: 'Palé con 12 cajas de azulejos; 4 llegaron rotas.',
      incidentAt: '2026-11-20T09:30:00Z',
      declaredValue: { amountCents: 184000, currency: 'EUR' },
    },
  });
  if (!created.data) fail('intake', created.error);
  const amended = await client.PATCH('/claims/{id}', {
    params: { path: { id: created.data.id } },
    body: { description: 'Palé con 12 cajas de azulejos; 5 llegaron rotas.' },
  });
  if (!amended.data) fail('amend', amended.error);
  const found = await client.GET('/claims', { params: { query: { externalRef } } });
  if (!found.data) fail('lookup', found.error);
  return { id: created.data.id, packages: created.data.packages, description: amended.data.description, found: found.data.items.map((claim) => claim.id) };
}

const cmr = () => new Blob(['%PDF-1.4\\n1 0 obj << /Type /Catalog >> endobj\\ntrailer << /Root 1 0 R >>\\n%%EOF\\n'], { type: 'application/pdf' });

function formOf(body: { file: Blob[] }, name: string): FormData {
  const form = new FormData();
  for (const file of body.file) form.append('file', file, name);
  return form;
}

/** The ERP uploads the CMR it holds, sends a photo without a word, then writes. */
export async function contribute(connection: Connection, claimId: string) {
  const client = clientOf(connection);
  const documents = await client.GET('/claims/{id}/documents', { params: { path: { id: claimId } } });
  if (!documents.data) fail('documents', documents.error);
  const requirement = documents.data.items.find((item) => item.kind === 'cmr_consignment_note');
  if (!requirement) fail('documents', 'no CMR asked for');
  const uploaded = await client.POST('/claims/{id}/documents/{requirementId}/files', {
    params: { path: { id: claimId, requirementId: requirement.id } },
    body: { file: [cmr()] },
    bodySerializer: (body) => formOf(body, 'cmr.pdf'),
  });
  if (!uploaded.data) fail('upload', uploaded.error);

  const attachments = await client.POST('/claims/{id}/attachments', {
    params: { path: { id: claimId } },
    body: { file: [cmr()] },
    bodySerializer: (body) => formOf(body, 'albaran.pdf'),
  });
  if (!attachments.data) fail('attachments', attachments.error);
  const filesOnly = await client.POST('/claims/{id}/messages', {
    params: { path: { id: claimId } },
    body: { clientId: 'erp-1', attachments: attachments.data.items.map((file) => file.id) },
  });
  if (!filesOnly.data) fail('message with files only', filesOnly.error);
  const written = await client.POST('/claims/{id}/messages', {
    params: { path: { id: claimId } },
    body: { clientId: 'erp-2', body: 'Adjuntamos el CMR y el albarán.', sender: { name: 'ERP — Almacén Valencia' } },
  });
  if (!written.data) fail('message', written.error);
  const conversation = await client.GET('/claims/{id}/messages', { params: { path: { id: claimId }, query: { limit: 10 } } });
  if (!conversation.data) fail('conversation', conversation.error);
  return {
    uploadedBy: uploaded.data.files.map((file) => file.uploadedBy.name),
    documentStatus: uploaded.data.status,
    messages: conversation.data.items.map((message) => ({ body: message.body, author: message.author.name, files: message.attachments.map((file) => file.name) })),
  };
}
`;

/** What the program exports, as the test calls it (the compiler checked the program itself). */
interface Program {
  intake(connection: Connection, externalRef: string): Promise<{ id: string; packages: number; description: string; found: string[] }>;
  contribute(
    connection: Connection,
    claimId: string,
  ): Promise<{ uploadedBy: string[]; documentStatus: string; messages: Array<{ body: string; author: string; files: string[] }> }>;
}

interface Connection {
  create: typeof createClient;
  baseUrl: string;
  fetch: (request: Request) => Promise<Response>;
  apiKey: string;
}

/** What the integrator's compiler says of the program, and every cast or `any` in it. */
function typeCheck(file: string): string[] {
  const program = ts.createProgram([file], {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ['lib.es2022.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
    types: [],
    skipLibCheck: true,
    exactOptionalPropertyTypes: true,
    noUncheckedIndexedAccess: true,
  });
  const problems = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  const source = program.getSourceFile(file)!;
  const visit = (node: ts.Node): void => {
    const { line } = source.getLineAndCharacterOfPosition(node.getStart());
    if (ts.isAsExpression(node) || ts.isTypeAssertionExpression(node) || ts.isNonNullExpression(node) || ts.isSatisfiesExpression(node)) {
      problems.push(`line ${line + 1}: a cast (${node.getText()})`);
    }
    if (node.kind === ts.SyntaxKind.AnyKeyword) problems.push(`line ${line + 1}: any`);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return problems;
}

describe('a client generated from the served document with openapi-typescript', () => {
  let api: Api;
  let dir: string;
  let program: string;
  before(async () => {
    api = await createTestApi();
    const doc = (await api.call('anonymous', 'GET', '/openapi.json')).body;
    const blob = ts.factory.createTypeReferenceNode(ts.factory.createIdentifier('Blob'));
    const schema = astToString(await openapiTS(doc, { transform: (schemaObject) => (schemaObject.format === 'binary' ? blob : undefined) }));
    // Under the repository's node_modules, so that the program resolves openapi-fetch's types as an integrator's would.
    const cache = path.join(ROOT, 'node_modules', '.cache');
    mkdirSync(cache, { recursive: true });
    dir = mkdtempSync(path.join(cache, 'claimdesk-generated-client-'));
    writeFileSync(path.join(dir, 'schema.d.ts'), schema);
    program = path.join(dir, 'client.ts');
    writeFileSync(program, PROGRAM);
  });
  after(async () => {
    rmSync(dir, { recursive: true, force: true });
    await api.close();
  });

  it('type-checks an integration program with no cast and no any', () => {
    assert.deepEqual(typeCheck(program), []);
  });

  it('which runs: intake, amend, lookup, an upload as FormData, and messages with files only and with text', async () => {
    const { intake, contribute } = (await import(pathToFileURL(program).href)) as Program;
    const connection: Connection = { create: createClient, baseUrl: 'http://claimdesk.test/api/v1', fetch: async (request: Request) => api.app.request(request), apiKey: API_KEY };
    const externalRef = `INC-${crypto.randomUUID()}`;
    const claim = await intake(connection, externalRef);
    assert.equal(claim.packages, 1, 'packages has a default, so the program left it out');
    assert.match(claim.description, /5 llegaron rotas/);
    assert.deepEqual(claim.found, [claim.id]);

    assert.equal((await api.call('admin', 'POST', `/claims/${claim.id}/accept`)).status, 200, 'the company accepts handling it');
    const result = await contribute(connection, claim.id);
    assert.deepEqual(result.uploadedBy, ['Host system']);
    assert.equal(result.documentStatus, 'uploaded');
    assert.deepEqual(result.messages, [
      { body: 'Adjuntamos el CMR y el albarán.', author: 'ERP — Almacén Valencia', files: [] },
      { body: '', author: 'Host system', files: ['albaran.pdf'] },
    ]);
  });
});
