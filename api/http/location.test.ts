import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApi, type Caller } from '../testing/harness.ts';

// Every 201 names what it created in Location (RFC 9110 §15.3.2): the resource's own URL, or,
// for what has none (a message, a document of a checklist), the collection that lists it.

type Api = Awaited<ReturnType<typeof createTestApi>>;
let api: Api;

const PDF = (n: number) => new Uint8Array(Buffer.from(`%PDF-1.4\n${n} 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`));

/** GETs a Location as `caller`, as a client following it would. */
async function follow(caller: Caller, location: string | null) {
  assert.ok(location, 'a Location');
  assert.match(location, /^\/api\/v1\//);
  const res = await api.app.request(location, { headers: await api.headersFor(caller) });
  assert.equal(res.status, 200, location);
  return res;
}

describe('Location on every 201', () => {
  before(async () => {
    api = await createTestApi();
  });
  after(() => api.close());

  async function claimInDocumentation() {
    const claim = await api.createClaim();
    assert.equal((await api.call('admin', 'POST', `/claims/${claim.id}/accept`)).status, 200);
    return claim;
  }

  it('a message: the conversation it is listed in', async () => {
    const claim = await claimInDocumentation();
    const sent = await api.call('admin', 'POST', `/claims/${claim.id}/messages`, { body: 'Hola', clientId: 'loc-1' });
    assert.equal(sent.status, 201);
    assert.equal(sent.headers.get('location'), `/api/v1/claims/${claim.id}/messages`);
    const listed = (await (await follow('admin', sent.headers.get('location'))).json()) as { items: { id: string }[] };
    assert.ok(listed.items.some((message) => message.id === sent.body.id));
    const again = await api.call('admin', 'POST', `/claims/${claim.id}/messages`, { body: 'Hola', clientId: 'loc-1' });
    assert.equal(again.status, 200);
    assert.equal(again.headers.get('location'), null, 'a repeat created nothing');
  });

  it('attachments: the first file', async () => {
    const claim = await claimInDocumentation();
    const res = await api.uploadTo('admin', `/claims/${claim.id}/attachments`, [
      { name: 'a.pdf', bytes: PDF(1) },
      { name: 'b.pdf', bytes: PDF(2) },
    ]);
    assert.equal(res.status, 201);
    assert.equal(res.headers.get('location'), `/api/v1/files/${res.body.items[0].id}`);
    await follow('admin', res.headers.get('location'));
  });

  it('a document’s files: the first file uploaded by the request', async () => {
    const claim = await claimInDocumentation();
    const requirement = (await api.call('admin', 'GET', `/claims/${claim.id}/documents`)).body.items[0] as { id: string };
    await api.upload('admin', claim.id, requirement.id, [{ name: 'antes.pdf', bytes: PDF(3) }]);
    const res = await api.upload('admin', claim.id, requirement.id, [
      { name: 'factura.pdf', bytes: PDF(4) },
      { name: 'anexo.pdf', bytes: PDF(5) },
    ]);
    assert.equal(res.status, 201);
    const file = await follow('admin', res.headers.get('location'));
    assert.match(file.headers.get('content-disposition') ?? '', /factura\.pdf/);
  });

  it('a document requested: the checklist it is listed in', async () => {
    const claim = await claimInDocumentation();
    const res = await api.call('handler', 'POST', `/claims/${claim.id}/documents`, { kind: 'other', note: 'El parte del almacén.', required: true });
    assert.equal(res.status, 201);
    assert.equal(res.headers.get('location'), `/api/v1/claims/${claim.id}/documents`);
    const listed = (await (await follow('handler', res.headers.get('location'))).json()) as { items: { id: string }[] };
    assert.ok(listed.items.some((document) => document.id === res.body.id));
  });

  it('a user synced by the host: the user', async () => {
    const res = await api.call('apiKey', 'PUT', '/companies/ferreteria/users/loc-user', { name: 'Rosa Vidal', email: 'rosa@ferreteria.test', role: 'member' });
    assert.equal(res.status, 201);
    assert.equal(res.headers.get('location'), `/api/v1/users/${res.body.id}`);
    const user = (await (await follow('admin', res.headers.get('location'))).json()) as { id: string };
    assert.equal(user.id, res.body.id);
    const again = await api.call('apiKey', 'PUT', '/companies/ferreteria/users/loc-user', { name: 'Rosa Vidal', email: 'rosa@ferreteria.test', role: 'member' });
    assert.equal(again.status, 200);
    assert.equal(again.headers.get('location'), null);
  });
});
