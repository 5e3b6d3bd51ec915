import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApi } from '../testing/harness.ts';
import { readSse } from '../testing/sse.ts';

// The conversation as integrations take part in it (issue 22): the operator's key and company
// keys read it and post to it, in their own name; the company's users are told of it as of the
// handler's messages; unread counts and read receipts stay the people's.

type Api = Awaited<ReturnType<typeof createTestApi>>;

let api: Api;
before(async () => {
  api = await createTestApi();
  await api.grantAccess('member');
});
after(() => api.close());

const PDF = new Uint8Array(Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n'));
const newClientId = () => crypto.randomUUID();

async function openClaim() {
  const claim = await api.createClaim();
  assert.equal((await api.call('admin', 'POST', `/claims/${claim.id}/accept`)).status, 200);
  return claim;
}

/** A ferreteria key with only these scopes: its secret, to send as X-Api-Key. */
async function keyWith(...scopes: Array<'claims:read' | 'claims:write'>) {
  const secret = await api.createCompanyKey('admin', { name: `ERP ${scopes.join(' ')}`, scopes });
  return { 'X-Api-Key': secret };
}

describe('integrations in the conversation', () => {
  it('let the operator’s key and company keys read it; a key without claims:read is refused', async () => {
    const claim = await openClaim();
    await api.call('handler', 'POST', `/claims/${claim.id}/messages`, { body: '¿Tienen el CMR?', clientId: newClientId() });
    for (const caller of ['apiKey', 'companyKey'] as const) {
      const page = await api.call(caller, 'GET', `/claims/${claim.id}/messages`);
      assert.equal(page.status, 200, caller);
      assert.equal(page.body.items[0].body, '¿Tienen el CMR?');
      assert.equal(page.body.unreadMessages, 0, 'a key keeps no read position');
    }
    assert.equal((await api.call('otherCompanyKey', 'GET', `/claims/${claim.id}/messages`)).status, 404);
    const writeOnly = await api.call('anonymous', 'GET', `/claims/${claim.id}/messages`, undefined, await keyWith('claims:write'));
    assert.equal(writeOnly.status, 403);
    assert.match(writeOnly.body.detail, /claims:read/);
  });

  it('post in the integration’s name: Host system, the sender the operator names, or the company key’s name', async () => {
    const claim = await openClaim();
    const host = await api.call('apiKey', 'POST', `/claims/${claim.id}/messages`, { body: 'Recibido el parte.', clientId: newClientId() });
    assert.equal(host.status, 201, JSON.stringify(host.body));
    assert.deepEqual(host.body.author, { kind: 'service', id: null, name: 'Host system' });
    const clientId = newClientId();
    const desk = { body: 'Le llamamos mañana.', clientId, sender: { name: 'Atención al cliente — Valencia' } };
    const named = await api.call('apiKey', 'POST', `/claims/${claim.id}/messages`, desk);
    assert.deepEqual(named.body.author, { kind: 'service', id: null, name: 'Atención al cliente — Valencia' });
    const retried = await api.call('apiKey', 'POST', `/claims/${claim.id}/messages`, desk);
    assert.equal(retried.status, 200, 'the operator’s key retries with the same clientId like anyone');
    assert.equal(retried.body.id, named.body.id);

    const erp = await api.call('companyKey', 'POST', `/claims/${claim.id}/messages`, { body: 'Albarán firmado adjunto en documentos.', clientId });
    assert.equal(erp.status, 201, 'a clientId is the author’s own: the company key’s is not the operator’s');
    assert.equal(erp.body.author.kind, 'service');
    assert.equal(erp.body.author.name, 'ERP companyKey');
    assert.match(erp.body.author.id, /^key_/);

    const logged = await api.db.selectFrom('claim_events').select(['actor_kind', 'actor_id', 'actor_name']).where('claim_id', '=', claim.id).where('type', '=', 'message.posted').orderBy('id').execute();
    assert.deepEqual(logged.map((event) => event.actor_name), ['Host system', 'Atención al cliente — Valencia', 'ERP companyKey']);
    assert.deepEqual(logged.map((event) => event.actor_id), [null, null, erp.body.author.id]);
  });

  it('take a sender from the operator’s key only, saying so', async () => {
    const claim = await openClaim();
    for (const caller of ['companyKey', 'admin', 'handler'] as const) {
      const res = await api.call(caller, 'POST', `/claims/${claim.id}/messages`, { body: 'x', clientId: newClientId(), sender: { name: 'Otro' } });
      assert.equal(res.status, 400, caller);
      assert.equal(res.body.errors[0].field, 'sender');
      assert.match(res.body.detail, /operator’s key/);
    }
  });

  it('refuse a company key without claims:write', async () => {
    const claim = await openClaim();
    const res = await api.call('anonymous', 'POST', `/claims/${claim.id}/messages`, { body: 'x', clientId: newClientId() }, await keyWith('claims:read'));
    assert.equal(res.status, 403);
    assert.match(res.body.detail, /claims:write/);
    assert.equal((await api.call('otherCompanyKey', 'POST', `/claims/${claim.id}/messages`, { body: 'x', clientId: newClientId() })).status, 404);
  });

  it('count as unread for the company’s people, who are told by notification and email as of the handler’s messages', async () => {
    const claim = await openClaim();
    const unread = async (caller: 'admin' | 'member') => (await api.call(caller, 'GET', `/claims/${claim.id}`)).body.unreadMessages;
    await api.call('apiKey', 'POST', `/claims/${claim.id}/messages`, { body: 'Primero', clientId: newClientId(), sender: { name: 'Mesa Valencia' } });
    const last = await api.call('companyKey', 'POST', `/claims/${claim.id}/messages`, { body: 'Segundo', clientId: newClientId() });
    assert.equal(await unread('admin'), 2);
    const page = await api.call('member', 'GET', `/claims/${claim.id}/messages`);
    assert.equal(page.body.unreadMessages, 2);

    const notifications = await api.db
      .selectFrom('notifications')
      .innerJoin('users', 'users.id', 'notifications.user_id')
      .select(['users.external_id', 'notifications.kind', 'notifications.count', 'notifications.data', 'notifications.id'])
      .where('notifications.claim_id', '=', claim.id)
      .where('notifications.kind', '=', 'message')
      .orderBy('users.external_id')
      .execute();
    assert.deepEqual(notifications.map((n) => [n.external_id, n.count]), [['ana', 2], ['jordi', 2]], 'one notification each, the burst folded in');
    assert.equal(JSON.parse(notifications[0]!.data).actor.name, 'ERP companyKey');
    const emails = await api.db.selectFrom('email_outbox').select(['user_id', 'template']).where('notification_id', 'in', notifications.map((n) => n.id)).execute();
    assert.ok(emails.some((email) => email.template === 'message'), 'the admin, who gets email, is emailed');

    const read = await api.call('admin', 'POST', `/claims/${claim.id}/read`, { messageId: last.body.id });
    assert.equal(read.status, 200);
    assert.equal(read.body.unreadMessages, 0);
    assert.equal(await unread('admin'), 0);
    assert.equal(await unread('member'), 2, 'each person reads for themself');
    const reads = (await api.call('apiKey', 'GET', `/claims/${claim.id}/messages`)).body.reads;
    assert.deepEqual(reads.map((r: { user: { name: string }; messageId: string }) => [r.user.name, r.messageId]), [['Ana Martínez', last.body.id]]);
  });

  it('send what the operator’s key attached, body or not, live to the company', async () => {
    const claim = await openClaim();
    const upload = await api.uploadTo('apiKey', `/claims/${claim.id}/attachments`, [{ name: 'cmr.pdf', bytes: PDF }]);
    assert.equal(upload.status, 201, JSON.stringify(upload.body));
    const [cmr] = upload.body.items as Array<{ id: string }>;
    assert.equal((await api.call('companyKey', 'POST', `/claims/${claim.id}/messages`, { clientId: newClientId(), attachments: [cmr!.id] })).status, 400, 'not the company key’s to send');
    assert.equal((await api.call('admin', 'GET', `/files/${cmr!.id}`)).status, 404, 'unsent: its uploader’s alone');
    assert.equal((await api.call('apiKey', 'GET', `/files/${cmr!.id}`)).status, 200);

    const res = await api.app.request('/api/v1/events', { headers: await api.headersFor('admin') });
    const stream = readSse(res);
    try {
      await stream.until(() => stream.messages.length > 0);
      const sent = await api.call('apiKey', 'POST', `/claims/${claim.id}/messages`, { clientId: newClientId(), attachments: [cmr!.id] });
      assert.equal(sent.status, 201, JSON.stringify(sent.body));
      assert.equal(sent.body.body, '', 'an attachments-only message needs no body');
      await stream.until(() => stream.messages.some((m) => m.event === 'message.posted'));
      const event = JSON.parse(stream.messages.find((m) => m.event === 'message.posted')!.data);
      assert.deepEqual(event.actor, { kind: 'service', id: null, name: 'Host system' });
      assert.deepEqual(event.data.message.attachments.map((a: { name: string }) => a.name), ['cmr.pdf']);
    } finally {
      await stream.close();
    }
    assert.equal((await api.call('admin', 'GET', `/files/${cmr!.id}`)).status, 200, 'sent: the company reads it');

    const empty = await api.call('apiKey', 'POST', `/claims/${claim.id}/messages`, { clientId: newClientId() });
    assert.equal(empty.status, 400);
    assert.equal(empty.body.errors[0].field, 'body');
    assert.match(empty.body.detail, /attach/);
  });

  it('let a company key remove an attachment it has not sent, and nobody else', async () => {
    const claim = await openClaim();
    const upload = await api.uploadTo('companyKey', `/claims/${claim.id}/attachments`, [{ name: 'albaran.pdf', bytes: PDF }]);
    assert.equal(upload.status, 201, JSON.stringify(upload.body));
    const [file] = upload.body.items as Array<{ id: string }>;
    assert.equal((await api.call('apiKey', 'DELETE', `/files/${file!.id}`)).status, 404, 'nobody else knows it exists');
    assert.equal((await api.call('admin', 'DELETE', `/files/${file!.id}`)).status, 404);
    assert.equal((await api.call('companyKey', 'DELETE', `/files/${file!.id}`)).status, 204);
  });
});
