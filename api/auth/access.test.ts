import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SignJWT } from 'jose';
import { claimInput, createTestApi, USERS, type Caller } from '../testing/harness.ts';

type TestApi = Awaited<ReturnType<typeof createTestApi>>;

/**
 * Who may do what, across companies. Every claim the routes act on belongs to ferreteria
 * (admin, member, memberWithoutAccess); otherAdmin is an admin of textiles, so a ferreteria
 * claim must be 404 for them — its existence is not revealed — not 403.
 * `member` has been granted claims access by the admin; `memberWithoutAccess` has not.
 * `companyKey` is an API key of ferreteria, `otherCompanyKey` one of textiles, each with every
 * scope: a company key sees and writes its company's claims only, and never what is a person's.
 */
const CALLERS = ['admin', 'member', 'memberWithoutAccess', 'otherAdmin', 'handler', 'apiKey', 'companyKey', 'otherCompanyKey', 'anonymous'] as const satisfies readonly Caller[];
/** One expected status per caller, in the order of CALLERS. */
type Row = readonly [number, number, number, number, number, number, number, number, number];

const MATRIX = {
  //                                      admin member no-access otherAdmin handler apiKey companyKey otherCompanyKey anonymous
  'GET /me':                              [200, 200, 200, 200, 200, 403, 403, 403, 401],
  'GET /claims':                          [200, 200, 403, 200, 200, 200, 200, 200, 401],
  'GET /claims/:id':                      [200, 200, 403, 404, 200, 200, 200, 404, 401],
  'POST /claims':                         [403, 403, 403, 403, 201, 201, 403, 403, 401],
  'POST /claims/batch':                   [403, 403, 403, 403, 200, 200, 403, 403, 401],
  'PATCH /claims/:id':                    [403, 403, 403, 403, 200, 200, 403, 403, 401],
  'POST /claims/:id/accept':              [200, 200, 403, 404, 403, 403, 403, 403, 401],
  'POST /claims/:id/decline':             [200, 200, 403, 404, 403, 403, 403, 403, 401],
  'POST /claims/:id/transitions':         [403, 403, 403, 403, 200, 403, 403, 403, 401],
  'GET /claims/:id/events':               [200, 200, 403, 404, 200, 200, 200, 404, 401],
  'GET /claims/:id/dossier':              [200, 403, 403, 404, 200, 200, 200, 404, 401],
  'GET /claims/:id/letter':               [403, 403, 403, 403, 200, 200, 403, 403, 401],
  'GET /events':                          [200, 200, 403, 200, 200, 200, 200, 200, 401],
  'GET /users':                           [200, 403, 403, 200, 403, 403, 403, 403, 401],
  'GET /users/:id':                       [200, 403, 403, 404, 403, 403, 403, 403, 401],
  'PATCH /users/:id':                     [200, 403, 403, 404, 403, 403, 403, 403, 401],
  'PUT /companies/:companyId/users/:id':  [403, 403, 403, 403, 403, 201, 403, 403, 401],
  'POST /claims/:id/assignee':            [403, 403, 403, 403, 200, 403, 403, 403, 401],
  'GET /handlers':                        [403, 403, 403, 403, 200, 403, 403, 403, 401],
  'GET /companies':                       [403, 403, 403, 403, 200, 200, 403, 403, 401],
  'GET /analytics':                       [403, 403, 403, 403, 200, 200, 403, 403, 401],
  'GET /analytics/deadlines':             [403, 403, 403, 403, 200, 200, 403, 403, 401],
  'GET /liability-rates':                 [403, 403, 403, 403, 200, 200, 403, 403, 401],
  'POST /liability-rates':                [403, 403, 403, 403, 201, 201, 403, 403, 401],
  'GET /claims/:id/messages':             [200, 200, 403, 404, 200, 200, 200, 404, 401],
  'POST /claims/:id/messages':            [201, 201, 403, 404, 201, 201, 201, 404, 401],
  'POST /claims/:id/messages documentRequest':[403, 403, 403, 404, 201, 403, 403, 404, 401],
  'POST /claims/:id/attachments':         [201, 201, 403, 404, 201, 201, 201, 404, 401],
  'POST /claims/:id/read':                [200, 200, 403, 404, 200, 403, 403, 403, 401],
  'POST /claims/:id/typing':              [204, 204, 403, 404, 204, 403, 403, 403, 401],
  'GET /claims/:id/documents':            [200, 200, 403, 404, 200, 200, 200, 404, 401],
  'POST /claims/:id/documents':           [403, 403, 403, 403, 201, 403, 403, 403, 401],
  'POST /claims/:id/documents/:r/files':  [201, 201, 403, 404, 201, 201, 201, 404, 401],
  'POST /claims/:id/documents/:r/review': [403, 403, 403, 403, 200, 403, 403, 403, 401],
  'POST /claims/:id/documents/:r/waive':  [403, 403, 403, 403, 200, 403, 403, 403, 401],
  'GET /files/:id':                       [200, 200, 403, 404, 200, 200, 200, 404, 401],
  'DELETE /files/:id':                    [204, 403, 403, 404, 403, 403, 403, 404, 401],
  'GET /notifications':                   [200, 200, 403, 200, 200, 403, 403, 403, 401],
  'POST /notifications/read':             [200, 200, 403, 200, 200, 403, 403, 403, 401],
  'GET /company':                         [200, 200, 200, 200, 200, 403, 403, 403, 401],
  'PATCH /company':                       [200, 403, 403, 200, 403, 403, 403, 403, 401],
  'GET /webhooks':                        [200, 403, 403, 200, 403, 200, 200, 200, 401],
  'POST /webhooks':                       [201, 403, 403, 201, 403, 201, 201, 201, 401],
  'GET /webhooks/:id':                    [200, 403, 403, 404, 403, 200, 200, 404, 401],
  'PATCH /webhooks/:id':                  [200, 403, 403, 404, 403, 200, 200, 404, 401],
  'DELETE /webhooks/:id':                 [204, 403, 403, 404, 403, 204, 204, 404, 401],
  'POST /webhooks/:id/rotate-secret':     [200, 403, 403, 404, 403, 200, 200, 404, 401],
  'POST /webhooks/:id/test':              [202, 403, 403, 404, 403, 202, 202, 404, 401],
  'GET /webhooks/:id/deliveries':         [200, 403, 403, 404, 403, 200, 200, 404, 401],
  'GET /webhooks/:id/deliveries/:d':      [200, 403, 403, 404, 403, 200, 200, 404, 401],
  'POST /webhooks/:id/deliveries/:d/redeliver':[202, 403, 403, 404, 403, 202, 202, 404, 401],
  'POST /webhooks/:id/redeliver':         [202, 403, 403, 404, 403, 202, 202, 404, 401],
  'GET /company/api-keys':                [200, 403, 403, 200, 403, 403, 403, 403, 401],
  'POST /company/api-keys':               [201, 403, 403, 201, 403, 403, 403, 403, 401],
  'DELETE /company/api-keys/:id':         [204, 403, 403, 404, 403, 403, 403, 403, 401],
  'GET /companies/:companyId/api-keys':   [403, 403, 403, 403, 403, 200, 403, 403, 401],
  'POST /companies/:companyId/api-keys':  [403, 403, 403, 403, 403, 201, 403, 403, 401],
  'DELETE /companies/:companyId/api-keys/:id':[403, 403, 403, 403, 403, 204, 403, 403, 401],
  'POST /tokens':                         [403, 403, 403, 403, 403, 403, 201, 403, 401],
  'GET /token-issuers':                   [403, 403, 403, 403, 403, 200, 403, 403, 401],
  'POST /token-issuers':                  [403, 403, 403, 403, 403, 201, 403, 403, 401],
  'DELETE /token-issuers/:id':            [403, 403, 403, 403, 403, 204, 403, 403, 401],
  'POST /token-issuers/:id/rotate-secret':[403, 403, 403, 403, 403, 200, 403, 403, 401],
  'GET /help':                            [200, 200, 200, 200, 200, 200, 200, 200, 200],
} satisfies Record<string, Row>;

type Route = keyof typeof MATRIX;
interface Request {
  method: string;
  path: string;
  body?: unknown;
  /** A multipart upload of one small PDF to this path instead of a JSON body. */
  upload?: string;
}

const PDF = new Uint8Array(Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n'));

let api: TestApi;
let sequence = 0;

/** A ferreteria claim waiting in `notified`, fresh for each cell that would change it. */
const notifiedClaim = () => api.createClaim();

async function claimInDocumentation() {
  const claim = await api.createClaim();
  const accepted = await api.call('admin', 'POST', `/claims/${claim.id}/accept`);
  assert.equal(accepted.status, 200, 'setup: the admin accepts the claim');
  return claim;
}

/** A ferreteria user the host synced, so PATCHing it changes nobody the matrix calls as. */
async function ferreteriaUserToPatch() {
  const res = await api.call('apiKey', 'PUT', `/companies/ferreteria/users/patch-target-${++sequence}`, {
    name: 'Rosa Vidal',
    email: 'rosa@ferreteria.test',
    role: 'member',
  });
  assert.equal(res.status, 201, 'setup: the host syncs the user');
  return res.body as { id: string };
}

/** The handler's own id, to take a claim with. */
async function handlerId(): Promise<string> {
  return (await api.call('handler', 'GET', '/me')).body.id;
}

/** A ferreteria claim in documentation with one message in its conversation, by the handler. */
async function claimWithMessage() {
  const claim = await claimInDocumentation();
  const sent = await api.call('handler', 'POST', `/claims/${claim.id}/messages`, { body: 'Hola', clientId: `setup-${++sequence}` });
  assert.equal(sent.status, 201, 'setup: the handler writes');
  return { claim, message: sent.body as { id: string } };
}

/** A requirement of a claim in documentation: the first, or the first of a `kind`. */
async function requirement(kind?: string, input = claimInput()) {
  const claim = await api.call('apiKey', 'POST', '/claims', input);
  assert.equal((await api.call('admin', 'POST', `/claims/${claim.body.id}/accept`)).status, 200, 'setup: the admin accepts the claim');
  const list = await api.call('handler', 'GET', `/claims/${claim.body.id}/documents`);
  const item = list.body.items.find((r: { kind: string }) => kind === undefined || r.kind === kind);
  return { claimId: claim.body.id as string, requirementId: item.id as string };
}

/** A requirement with a PDF the admin uploaded. */
async function uploadedByAdmin() {
  const target = await requirement('commercial_invoice');
  const res = await api.upload('admin', target.claimId, target.requirementId, [{ name: 'factura.pdf', bytes: PDF }]);
  assert.equal(res.status, 201, 'setup: the admin uploads');
  return { ...target, fileId: res.body.files[0].id as string };
}

/**
 * A ferreteria webhook endpoint, made by the operator's key. The company's others are removed
 * first, so the cells that make one never meet the limit of endpoints per company.
 */
async function ferreteriaEndpoint() {
  await api.db.deleteFrom('webhook_endpoints').where('company_id', '=', 'ferreteria').execute();
  const res = await api.call('apiKey', 'POST', '/webhooks', { url: 'https://erp.ferreteria.example/hooks', eventTypes: ['*'], companyId: 'ferreteria' });
  assert.equal(res.status, 201, 'setup: the operator adds a webhook for ferreteria');
  return res.body as { id: string };
}

/** A ferreteria endpoint with one test delivery queued. */
async function ferreteriaDelivery() {
  const endpoint = await ferreteriaEndpoint();
  const res = await api.call('apiKey', 'POST', `/webhooks/${endpoint.id}/test`);
  assert.equal(res.status, 202, 'setup: the operator sends a test');
  return { endpointId: endpoint.id, deliveryId: res.body.id as string };
}

/** A live API key of ferreteria its admin created, to revoke. */
async function ferreteriaApiKey() {
  const res = await api.call('admin', 'POST', '/company/api-keys', { name: `ERP ${++sequence}`, scopes: ['claims:read'] });
  assert.equal(res.status, 201, 'setup: the admin creates a key');
  return res.body as { id: string };
}

/** A live API key of textiles, made by the operator (textiles, so ferreteria stays under its limit of keys). */
async function textilesApiKey() {
  const res = await api.call('apiKey', 'POST', '/companies/textiles/api-keys', { name: `ERP ${++sequence}`, scopes: ['claims:read'] });
  assert.equal(res.status, 201, 'setup: the operator creates a key');
  return res.body as { id: string };
}

/** A secret issuer of ferreteria's own, with an iss no other has. */
const companyIssuer = () => ({ iss: `https://sso.ferreteria.test/${++sequence}`, scope: { kind: 'company', companyId: 'ferreteria' }, keys: { kind: 'secret' } });

/** How to call each route: set up what it needs, then the request. */
const REQUESTS: Record<Route, () => Promise<Request>> = {
  'GET /me': async () => ({ method: 'GET', path: '/me' }),
  'GET /notifications': async () => ({ method: 'GET', path: '/notifications' }),
  'POST /notifications/read': async () => ({ method: 'POST', path: '/notifications/read', body: { all: true } }),
  'GET /company': async () => ({ method: 'GET', path: '/company' }),
  'PATCH /company': async () => ({ method: 'PATCH', path: '/company', body: { defaultNotifications: 'in_app' } }),
  'GET /webhooks': async () => ({ method: 'GET', path: '/webhooks' }),
  'POST /webhooks': async () => ({ method: 'POST', path: '/webhooks', body: { url: 'https://erp.example/hooks', eventTypes: ['claim.created'] } }),
  'GET /webhooks/:id': async () => ({ method: 'GET', path: `/webhooks/${(await ferreteriaEndpoint()).id}` }),
  'PATCH /webhooks/:id': async () => ({ method: 'PATCH', path: `/webhooks/${(await ferreteriaEndpoint()).id}`, body: { description: 'ERP' } }),
  'DELETE /webhooks/:id': async () => ({ method: 'DELETE', path: `/webhooks/${(await ferreteriaEndpoint()).id}` }),
  'POST /webhooks/:id/rotate-secret': async () => ({ method: 'POST', path: `/webhooks/${(await ferreteriaEndpoint()).id}/rotate-secret` }),
  'POST /webhooks/:id/test': async () => ({ method: 'POST', path: `/webhooks/${(await ferreteriaEndpoint()).id}/test` }),
  'GET /webhooks/:id/deliveries': async () => ({ method: 'GET', path: `/webhooks/${(await ferreteriaEndpoint()).id}/deliveries` }),
  'GET /webhooks/:id/deliveries/:d': async () => {
    const { endpointId, deliveryId } = await ferreteriaDelivery();
    return { method: 'GET', path: `/webhooks/${endpointId}/deliveries/${deliveryId}` };
  },
  'POST /webhooks/:id/deliveries/:d/redeliver': async () => {
    const { endpointId, deliveryId } = await ferreteriaDelivery();
    return { method: 'POST', path: `/webhooks/${endpointId}/deliveries/${deliveryId}/redeliver` };
  },
  'POST /webhooks/:id/redeliver': async () => ({
    method: 'POST',
    path: `/webhooks/${(await ferreteriaEndpoint()).id}/redeliver`,
    body: { since: new Date(Date.now() - 3_600_000).toISOString() },
  }),
  // Named for ferreteria: textiles' key is refused it (403), as a key of no company but ferreteria would be.
  'POST /tokens': async () => ({
    method: 'POST',
    path: '/tokens',
    body: { companyId: 'ferreteria', user: { id: `erp-${++sequence}`, name: 'Pau Serra', email: 'pau@ferreteria.test', role: 'member' } },
  }),
  'GET /token-issuers': async () => ({ method: 'GET', path: '/token-issuers' }),
  'POST /token-issuers': async () => ({ method: 'POST', path: '/token-issuers', body: companyIssuer() }),
  'DELETE /token-issuers/:id': async () => {
    const res = await api.call('apiKey', 'POST', '/token-issuers', companyIssuer());
    assert.equal(res.status, 201, 'setup: the operator trusts an issuer');
    return { method: 'DELETE', path: `/token-issuers/${res.body.id}` };
  },
  'POST /token-issuers/:id/rotate-secret': async () => {
    const res = await api.call('apiKey', 'POST', '/token-issuers', companyIssuer());
    assert.equal(res.status, 201, 'setup: the operator trusts an issuer');
    return { method: 'POST', path: `/token-issuers/${res.body.id}/rotate-secret` };
  },
  'GET /help': async () => ({ method: 'GET', path: '/help' }),
  'GET /company/api-keys': async () => ({ method: 'GET', path: '/company/api-keys' }),
  'POST /company/api-keys': async () => ({ method: 'POST', path: '/company/api-keys', body: { name: `ERP ${++sequence}`, scopes: ['claims:read'] } }),
  'DELETE /company/api-keys/:id': async () => ({ method: 'DELETE', path: `/company/api-keys/${(await ferreteriaApiKey()).id}` }),
  'GET /companies/:companyId/api-keys': async () => ({ method: 'GET', path: '/companies/textiles/api-keys' }),
  'POST /companies/:companyId/api-keys': async () => ({
    method: 'POST',
    path: '/companies/textiles/api-keys',
    body: { name: `ERP ${++sequence}`, scopes: ['claims:read'] },
  }),
  'DELETE /companies/:companyId/api-keys/:id': async () => ({ method: 'DELETE', path: `/companies/textiles/api-keys/${(await textilesApiKey()).id}` }),
  'GET /claims': async () => ({ method: 'GET', path: '/claims' }),
  'GET /claims/:id': async () => ({ method: 'GET', path: `/claims/${(await notifiedClaim()).id}` }),
  'POST /claims': async () => ({ method: 'POST', path: '/claims', body: claimInput() }),
  'POST /claims/batch': async () => ({ method: 'POST', path: '/claims/batch', body: { claims: [claimInput()] } }),
  'PATCH /claims/:id': async () => ({ method: 'PATCH', path: `/claims/${(await notifiedClaim()).id}`, body: { description: 'Palé con 5 cajas rotas' } }),
  'POST /claims/:id/accept': async () => ({ method: 'POST', path: `/claims/${(await notifiedClaim()).id}/accept` }),
  'POST /claims/:id/decline': async () => ({
    method: 'POST',
    path: `/claims/${(await notifiedClaim()).id}/decline`,
    body: { reason: 'We will handle it with the carrier directly.' },
  }),
  'POST /claims/:id/transitions': async () => ({
    method: 'POST',
    path: `/claims/${(await claimInDocumentation()).id}/transitions`,
    body: { to: 'review', note: 'Documents look complete.' },
  }),
  'GET /claims/:id/events': async () => ({ method: 'GET', path: `/claims/${(await notifiedClaim()).id}/events` }),
  'GET /claims/:id/dossier': async () => ({ method: 'GET', path: `/claims/${(await notifiedClaim()).id}/dossier` }),
  'GET /claims/:id/letter': async () => ({ method: 'GET', path: `/claims/${(await notifiedClaim()).id}/letter` }),
  'GET /events': async () => ({ method: 'GET', path: '/events' }),
  'GET /users': async () => ({ method: 'GET', path: '/users' }),
  'GET /users/:id': async () => ({ method: 'GET', path: `/users/${(await ferreteriaUserToPatch()).id}` }),
  'PATCH /users/:id': async () => ({
    method: 'PATCH',
    path: `/users/${(await ferreteriaUserToPatch()).id}`,
    body: { notifications: 'in_app_and_email' },
  }),
  'PUT /companies/:companyId/users/:id': async () => ({
    method: 'PUT',
    path: `/companies/ferreteria/users/synced-${++sequence}`,
    body: { name: 'Tomás Ibáñez', email: 'tomas@ferreteria.test', role: 'member' },
  }),
  'POST /claims/:id/assignee': async () => ({
    method: 'POST',
    path: `/claims/${(await notifiedClaim()).id}/assignee`,
    body: { handlerId: await handlerId() },
  }),
  'GET /handlers': async () => ({ method: 'GET', path: '/handlers' }),
  'GET /companies': async () => ({ method: 'GET', path: '/companies' }),
  'GET /analytics': async () => ({ method: 'GET', path: '/analytics?from=2026-01-01&to=2026-03-31' }),
  'GET /analytics/deadlines': async () => ({ method: 'GET', path: '/analytics/deadlines?from=2026-01-01&to=2026-03-31&companyId=ferreteria' }),
  'GET /liability-rates': async () => ({ method: 'GET', path: '/liability-rates' }),
  // Another value each time, so each is recorded (201) rather than taken for a retry of the last.
  'POST /liability-rates': async () => ({
    method: 'POST',
    path: '/liability-rates',
    body: { kind: 'iprem-daily-eur', value: (20 + ++sequence / 100).toFixed(2), effectiveFrom: '2026-01-01' },
  }),
  'GET /claims/:id/messages': async () => ({ method: 'GET', path: `/claims/${(await claimWithMessage()).claim.id}/messages` }),
  'POST /claims/:id/messages': async () => ({
    method: 'POST',
    path: `/claims/${(await claimInDocumentation()).id}/messages`,
    body: { body: '¿Necesitan algo más?', clientId: `client-${++sequence}` },
  }),
  'POST /claims/:id/messages documentRequest': async () => ({
    method: 'POST',
    path: `/claims/${(await claimInDocumentation()).id}/messages`,
    body: { clientId: `client-${++sequence}`, documentRequest: { kind: 'police_report', note: 'La denuncia sellada.' } },
  }),
  'POST /claims/:id/read': async () => {
    const { claim, message } = await claimWithMessage();
    return { method: 'POST', path: `/claims/${claim.id}/read`, body: { messageId: message.id } };
  },
  'POST /claims/:id/typing': async () => ({ method: 'POST', path: `/claims/${(await claimInDocumentation()).id}/typing` }),
  'GET /claims/:id/documents': async () => ({ method: 'GET', path: `/claims/${(await notifiedClaim()).id}/documents` }),
  'POST /claims/:id/documents': async () => ({
    method: 'POST',
    path: `/claims/${(await claimInDocumentation()).id}/documents`,
    body: { kind: 'other', note: 'El parte de daños del almacén.', required: true },
  }),
  'POST /claims/:id/documents/:r/files': async () => {
    const { claimId, requirementId } = await requirement();
    return { method: 'POST', path: '', upload: `/claims/${claimId}/documents/${requirementId}/files` };
  },
  'POST /claims/:id/attachments': async () => ({ method: 'POST', path: '', upload: `/claims/${(await claimInDocumentation()).id}/attachments` }),
  'POST /claims/:id/documents/:r/review': async () => {
    const { claimId, requirementId } = await uploadedByAdmin();
    return { method: 'POST', path: `/claims/${claimId}/documents/${requirementId}/review`, body: { decision: 'accepted' } };
  },
  'POST /claims/:id/documents/:r/waive': async () => {
    // International claims may bring customs documents, an optional requirement.
    const { claimId, requirementId } = await requirement('customs_documents', claimInput({ scope: 'international' }));
    return { method: 'POST', path: `/claims/${claimId}/documents/${requirementId}/waive` };
  },
  'GET /files/:id': async () => ({ method: 'GET', path: `/files/${(await uploadedByAdmin()).fileId}` }),
  'DELETE /files/:id': async () => ({ method: 'DELETE', path: `/files/${(await uploadedByAdmin()).fileId}` }),
};

/** GET /events never ends: read its status and content type, then hang up. */
async function openStream(caller: Caller, path: string) {
  const res = await api.app.request(`/api/v1${path}`, { headers: await api.headersFor(caller) });
  if (res.status === 200) {
    const contentType = res.headers.get('content-type');
    await res.body?.cancel();
    return { status: res.status, headers: res.headers, body: undefined, contentType };
  }
  return { status: res.status, headers: res.headers, body: await res.json(), contentType: res.headers.get('content-type') };
}

describe('access matrix: route × caller', () => {
  before(async () => {
    // Setting up every cell takes the admin past the per-user write limit, and the anonymous column
    // past the failed authentications an address may make in a minute: api/http tests both.
    api = await createTestApi({ settings: { writesPerMinutePerUser: 100_000, writesPerMinutePerAddress: 100_000, authFailuresPerMinute: 100_000 } });
    await api.grantAccess('member');
  });
  after(() => api.close());

  for (const [route, statuses] of Object.entries(MATRIX) as Array<[Route, Row]>) {
    describe(route, () => {
      CALLERS.forEach((caller, column) => {
        const expected = statuses[column]!;
        it(`${caller} → ${expected}`, async () => {
          const request = await REQUESTS[route]();
          if (route === 'GET /events') {
            const res = await openStream(caller, request.path);
            assert.equal(res.status, expected, JSON.stringify(res.body));
            if (expected === 200) assert.match(res.contentType ?? '', /^text\/event-stream/);
            else assertProblem(res, expected);
            return;
          }
          const res = request.upload
            ? await api.uploadTo(caller, request.upload, [{ name: 'factura.pdf', bytes: PDF }])
            : await api.call(caller, request.method, request.path, request.body);
          assert.equal(res.status, expected, `${caller} ${route}: ${JSON.stringify(res.body)}`);
          if (expected >= 400) assertProblem(res, expected);
        });
      });
    });
  }
});

function assertProblem(res: { status: number; headers: Headers; body: any }, status: number) {
  assert.equal(res.headers.get('content-type'), 'application/problem+json');
  assert.equal(res.body.status, status);
  assert.ok(typeof res.body.detail === 'string' && res.body.detail.length > 0, 'a problem says what to do');
  if (status === 401) assert.ok(res.headers.get('www-authenticate'), 'a 401 says how to authenticate');
}

describe('access: what the statuses mean', () => {
  before(async () => {
    api = await createTestApi();
    await api.grantAccess('member');
  });
  after(() => api.close());

  it('tells a member without access to ask an administrator', async () => {
    const res = await api.call('memberWithoutAccess', 'GET', '/claims');
    assert.equal(res.status, 403);
    assert.match(res.body.detail, /administrator/);
  });

  it('does not reveal another company’s claim: 404 like a claim that does not exist', async () => {
    const claim = await api.createClaim();
    const foreign = await api.call('otherAdmin', 'GET', `/claims/${claim.id}`);
    const missing = await api.call('otherAdmin', 'GET', '/claims/clm_does_not_exist');
    assert.equal(foreign.status, 404);
    assert.equal(missing.status, 404);
    assert.equal(foreign.body.title, missing.body.title);
    assert.doesNotMatch(foreign.body.detail, /ferreteria/i);
  });

  it('lists only the caller’s company claims to a customer admin', async () => {
    const ferreteria = await api.createClaim();
    const textiles = await api.createClaim({ company: { id: 'textiles', name: 'Textiles del Sur S.A.' } });
    const theirs = await api.call('otherAdmin', 'GET', '/claims?limit=100');
    assert.equal(theirs.status, 200);
    const ids = theirs.body.items.map((c: { id: string }) => c.id);
    assert.ok(ids.includes(textiles.id));
    assert.equal(theirs.body.items.filter((c: { companyId: string }) => c.companyId === 'ferreteria').length, 0);
    assert.ok(!ids.includes(ferreteria.id));

    const ours = await api.call('admin', 'GET', '/claims?limit=100');
    assert.deepEqual(new Set(ours.body.items.map((c: { companyId: string }) => c.companyId)), new Set(['ferreteria']));
  });

  it('lets the handler and the host backend see claims of every company', async () => {
    await api.createClaim();
    await api.createClaim({ company: { id: 'textiles', name: 'Textiles del Sur S.A.' } });
    for (const caller of ['handler', 'apiKey'] as const) {
      const res = await api.call(caller, 'GET', '/claims?limit=100');
      assert.equal(res.status, 200);
      const companies = new Set(res.body.items.map((c: { companyId: string }) => c.companyId));
      assert.ok(companies.has('ferreteria') && companies.has('textiles'), `${caller} sees both companies`);
    }
  });

  it('keeps another company’s admin from patching a ferreteria user: 404', async () => {
    const users = await api.call('admin', 'GET', '/users');
    const jordi = users.body.items.find((u: { externalId: string }) => u.externalId === USERS.member.sub);
    const res = await api.call('otherAdmin', 'PATCH', `/users/${jordi.id}`, { claimsAccess: false });
    assert.equal(res.status, 404);
    const after = await api.call('member', 'GET', '/me');
    assert.equal(after.body.claimsAccess, true, 'the foreign PATCH changed nothing');
  });

  it('answers a repeated user sync from the host with 200', async () => {
    const body = { name: 'Tomás Ibáñez', email: 'tomas@ferreteria.test', role: 'member' };
    assert.equal((await api.call('apiKey', 'PUT', '/companies/ferreteria/users/tomas', body)).status, 201);
    assert.equal((await api.call('apiKey', 'PUT', '/companies/ferreteria/users/tomas', body)).status, 200);
  });

  it('takes claims access away from a member when the admin revokes it', async () => {
    const pauCalls = api.as({ sub: 'pau', company: 'ferreteria', role: 'member', name: 'Pau Serra', email: 'pau@ferreteria.test' });
    const asPau = (path: string) => pauCalls('GET', path);
    const pau = await asPau('/me');
    assert.equal((await asPau('/claims')).status, 403, 'a new member has no access');

    const grant = await api.call('admin', 'PATCH', `/users/${pau.body.id}`, { claimsAccess: true });
    assert.equal(grant.status, 200);
    assert.equal((await asPau('/claims')).status, 200, 'granted');

    const revoke = await api.call('admin', 'PATCH', `/users/${pau.body.id}`, { claimsAccess: false });
    assert.equal(revoke.status, 200);
    const res = await asPau('/claims');
    assert.equal(res.status, 403, 'revoked');
    assert.match(res.body.detail, /administrator/);
  });

  it('never takes claims access away from an admin', async () => {
    const me = await api.call('admin', 'GET', '/me');
    const res = await api.call('admin', 'PATCH', `/users/${me.body.id}`, { claimsAccess: false });
    assert.equal(res.status, 400, 'refused, saying why, rather than ignored');
    assert.equal(res.body.errors[0].field, 'claimsAccess');
    assert.equal((await api.call('admin', 'GET', '/claims')).status, 200);
    assert.equal((await api.call('admin', 'GET', '/me')).body.claimsAccess, true);
  });

  it('keeps a company-bound issuer to its company’s admins and members: a handler or another company’s user it signs is 401', async () => {
    const iss = 'https://sso.ferreteria.test/access';
    const issuer = await api.call('apiKey', 'POST', '/token-issuers', { iss, scope: { kind: 'company', companyId: 'ferreteria' }, keys: { kind: 'secret' } });
    assert.equal(issuer.status, 201);
    const signed = (user: object) =>
      new SignJWT({ ...user, iss }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('10m').sign(new TextEncoder().encode(issuer.body.secret));
    const claims = async (user: object) => api.call('anonymous', 'GET', '/claims', undefined, { Authorization: `Bearer ${await signed(user)}` });
    assert.equal((await claims(USERS.admin)).status, 200);
    for (const [user, detail] of [
      [USERS.handler, /not for claims handlers/],
      [USERS.otherAdmin, /names company textiles, but its issuer/],
      [{ ...USERS.admin, role: 'handler' }, /not for claims handlers/],
    ] as const) {
      const res = await claims(user);
      assert.equal(res.status, 401, JSON.stringify(user));
      assert.match(res.body.detail, detail);
    }
  });
});
