import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import { createTestApi } from '../testing/harness.ts';
import { readSse } from '../testing/sse.ts';

// Each claim's conversation: idempotent sends, order and pages, read receipts and unread counts,
// typing for the others only, tenancy, and no messages once a claim is over.

type Api = Awaited<ReturnType<typeof createTestApi>>;

let api: Api;
before(async () => {
  api = await createTestApi();
  await api.grantAccess('member');
});
after(() => api.close());

const newClientId = () => crypto.randomUUID();

async function openClaim() {
  const claim = await api.createClaim();
  assert.equal((await api.call('admin', 'POST', `/claims/${claim.id}/accept`)).status, 200);
  return claim;
}

async function send(caller: 'admin' | 'member' | 'handler', claimId: string, body: string, clientId = newClientId()) {
  const res = await api.call(caller, 'POST', `/claims/${claimId}/messages`, { body, clientId });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body as { id: string; body: string; clientId: string; author: { kind: string; name: string } };
}

async function openStream(caller: 'admin' | 'member' | 'handler' | 'otherAdmin') {
  const res = await api.app.request('/api/v1/events', { headers: await api.headersFor(caller) });
  assert.equal(res.status, 200);
  const sse = readSse(res);
  await sse.until(() => sse.messages.length > 0);
  return sse;
}

describe('sending messages', () => {
  it('stores a message once per clientId, however often it is retried', async () => {
    const claim = await openClaim();
    const clientId = newClientId();
    const first = await api.call('admin', 'POST', `/claims/${claim.id}/messages`, { body: 'Hola, adjunto las fotos mañana.', clientId });
    const retry = await api.call('admin', 'POST', `/claims/${claim.id}/messages`, { body: 'Hola, adjunto las fotos mañana.', clientId });
    assert.equal(first.status, 201);
    assert.equal(retry.status, 200);
    assert.equal(retry.body.id, first.body.id);
    const page = await api.call('admin', 'GET', `/claims/${claim.id}/messages`);
    assert.equal(page.body.items.length, 1);
  });

  it('stores one message when retries race each other', async () => {
    const claim = await openClaim();
    const clientId = newClientId();
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => api.call('member', 'POST', `/claims/${claim.id}/messages`, { body: 'Enviado dos veces', clientId })),
    );
    assert.deepEqual(answers.map((a) => a.status).sort(), [200, 200, 200, 200, 200, 200, 200, 201]);
    assert.equal(new Set(answers.map((a) => a.body.id)).size, 1);
    const posted = await api.db.selectFrom('claim_events').select('id').where('claim_id', '=', claim.id).where('type', '=', 'message.posted').execute();
    assert.equal(posted.length, 1, 'one message.posted event');
  });

  it('refuses a clientId reused for another text, naming the message it belongs to', async () => {
    const claim = await openClaim();
    const clientId = newClientId();
    const first = await send('admin', claim.id, 'Primero', clientId);
    const reused = await api.call('admin', 'POST', `/claims/${claim.id}/messages`, { body: 'Otro texto', clientId });
    assert.equal(reused.status, 409);
    assert.equal(reused.body.messageId, first.id);
    assert.match(reused.body.detail, /clientId/);
  });

  it('keeps a body with HTML as the text it is, trimmed', async () => {
    const claim = await openClaim();
    const body = '<img src=x onerror="alert(1)"><script>alert(2)</script> & <b>negrita</b>';
    const message = await send('admin', claim.id, `  ${body}  `);
    assert.equal(message.body, body);
    const page = await api.call('handler', 'GET', `/claims/${claim.id}/messages`);
    assert.equal(page.body.items[0].body, body);
  });

  it('refuses empty and oversized bodies and a missing clientId, with the field named', async () => {
    const claim = await openClaim();
    for (const bad of [{ body: '   ', clientId: newClientId() }, { body: 'x'.repeat(5001), clientId: newClientId() }, { body: 'hola' }]) {
      const res = await api.call('admin', 'POST', `/claims/${claim.id}/messages`, bad);
      assert.equal(res.status, 400, JSON.stringify(bad).slice(0, 60));
      assert.ok(res.body.errors.length > 0);
    }
  });

  it('refuses new messages on a declined claim (409), but still answers a retry of one already sent', async () => {
    const claim = await api.createClaim();
    const clientId = newClientId();
    const sent = await send('admin', claim.id, 'Lo rechazamos, gracias', clientId);
    assert.equal((await api.call('admin', 'POST', `/claims/${claim.id}/decline`, { reason: 'Ya resuelto con el cliente' })).status, 200);
    const late = await api.call('admin', 'POST', `/claims/${claim.id}/messages`, { body: 'Otra cosa', clientId: newClientId() });
    assert.equal(late.status, 409);
    assert.equal(late.body.currentStatus, 'declined');
    const retry = await api.call('admin', 'POST', `/claims/${claim.id}/messages`, { body: 'Lo rechazamos, gracias', clientId });
    assert.equal(retry.status, 200);
    assert.equal(retry.body.id, sent.id);
    assert.equal((await api.call('handler', 'POST', `/claims/${claim.id}/typing`)).status, 409);
  });

  it('names the author’s side: the company’s user or the handler', async () => {
    const claim = await openClaim();
    const fromCustomer = await send('member', claim.id, 'Pregunta');
    const fromHandler = await send('handler', claim.id, 'Respuesta');
    assert.equal(fromCustomer.author.kind, 'user');
    assert.equal(fromHandler.author.kind, 'handler');
    assert.equal(fromHandler.author.name, 'Carmen Ruiz');
  });
});

describe('attachments', () => {
  const pdf = new Uint8Array(Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n'));
  let png: Uint8Array;
  before(async () => {
    png = new Uint8Array(await sharp({ create: { width: 640, height: 480, channels: 3, background: { r: 20, g: 120, b: 200 } } }).png().toBuffer());
  });

  async function attach(caller: 'admin' | 'member' | 'handler', claimId: string, files = [{ name: 'foto palé.png', bytes: png }]) {
    const res = await api.uploadTo(caller, `/claims/${claimId}/attachments`, files);
    assert.equal(res.status, 201, JSON.stringify(res.body));
    return res.body.items as Array<{ id: string; name: string; type: string; hasThumbnail: boolean }>;
  }

  it('sends uploaded files with a message, typed from their bytes, visible to others only once sent', async () => {
    const claim = await openClaim();
    const [photo, invoice] = await attach('member', claim.id, [
      { name: 'foto palé.png', bytes: png },
      { name: '../../factura.pdf', bytes: pdf },
    ]);
    assert.equal(photo!.type, 'image/png');
    assert.equal(photo!.hasThumbnail, true);
    assert.equal(invoice!.name, 'factura.pdf');
    assert.equal((await api.call('admin', 'GET', `/files/${photo!.id}`)).status, 404, 'not sent yet: only its uploader sees it');
    assert.equal((await api.call('member', 'GET', `/files/${photo!.id}`)).status, 200);

    const customer = await openStream('handler');
    try {
      const clientId = newClientId();
      const res = await api.call('member', 'POST', `/claims/${claim.id}/messages`, { body: 'Las fotos', clientId, attachments: [photo!.id, invoice!.id] });
      assert.equal(res.status, 201, JSON.stringify(res.body));
      assert.deepEqual(res.body.attachments.map((a: { id: string }) => a.id), [photo!.id, invoice!.id]);
      const [alone] = await attach('member', claim.id);
      const onlyFile = await api.call('member', 'POST', `/claims/${claim.id}/messages`, { body: '', clientId: newClientId(), attachments: [alone!.id] });
      assert.equal(onlyFile.status, 201, 'a file may go without words');
      await customer.until(() => customer.messages.some((m) => m.event === 'message.posted'));
      const event = JSON.parse(customer.messages.find((m) => m.event === 'message.posted')!.data);
      assert.deepEqual(event.data.message.attachments.map((a: { name: string }) => a.name), ['foto palé.png', 'factura.pdf']);
      const retry = await api.call('member', 'POST', `/claims/${claim.id}/messages`, { body: 'Las fotos', clientId, attachments: [photo!.id, invoice!.id] });
      assert.equal(retry.status, 200, 'a retry gets the message back, attachments and all');
      assert.equal(retry.body.attachments.length, 2);
    } finally {
      await customer.close();
    }
    const page = await api.call('admin', 'GET', `/claims/${claim.id}/messages`);
    assert.equal(page.body.items.find((m: { body: string }) => m.body === 'Las fotos').attachments.length, 2);
    const download = await api.call('handler', 'GET', `/files/${invoice!.id}`);
    assert.equal(download.status, 200);
    assert.equal(download.headers.get('content-type'), 'application/pdf');
    assert.equal((await api.call('admin', 'GET', `/files/${photo!.id}/thumbnail`)).status, 200);
    assert.equal((await api.call('otherAdmin', 'GET', `/files/${photo!.id}`)).status, 404);
    assert.equal((await api.call('member', 'DELETE', `/files/${photo!.id}`)).status, 409, 'a sent message keeps its attachments');
  });

  it('refuses attachments that are not the sender’s unsent uploads to this claim, and keeps nothing', async () => {
    const claim = await openClaim();
    const elsewhere = await openClaim();
    const [mine] = await attach('admin', claim.id);
    const [colleagues] = await attach('member', claim.id);
    const [otherClaims] = await attach('admin', elsewhere.id);
    for (const id of [colleagues!.id, otherClaims!.id, 'fil_nope']) {
      const res = await api.call('admin', 'POST', `/claims/${claim.id}/messages`, { body: 'x', clientId: newClientId(), attachments: [mine!.id, id] });
      assert.equal(res.status, 400, id);
      assert.equal(res.body.errors[0].field, 'attachments');
    }
    assert.equal((await api.call('admin', 'GET', `/claims/${claim.id}/messages`)).body.items.length, 0, 'no message was stored');
    await send('admin', claim.id, 'ahora sí', undefined);
    const reused = await api.call('admin', 'POST', `/claims/${claim.id}/messages`, { body: 'y', clientId: newClientId(), attachments: [mine!.id] });
    assert.equal(reused.status, 201, 'the refused sends left it unsent');
    const again = await api.call('admin', 'POST', `/claims/${claim.id}/messages`, { body: 'z', clientId: newClientId(), attachments: [mine!.id] });
    assert.equal(again.status, 400, 'a file is sent once');
  });

  it('lets the uploader remove an unsent attachment, refuses executables, and takes none on a declined claim', async () => {
    const claim = await api.createClaim();
    const [draft] = await attach('admin', claim.id);
    assert.equal((await api.call('member', 'DELETE', `/files/${draft!.id}`)).status, 404, 'nobody else knows it exists');
    assert.equal((await api.call('admin', 'DELETE', `/files/${draft!.id}`)).status, 204);
    const exe = await api.uploadTo('admin', `/claims/${claim.id}/attachments`, [{ name: 'factura.pdf', bytes: new Uint8Array(Buffer.from('MZ\x90\x00\x03\x00\x00\x00'.repeat(600), 'latin1')) }]);
    assert.equal(exe.status, 415);
    assert.equal((await api.call('admin', 'POST', `/claims/${claim.id}/decline`, { reason: 'No procede' })).status, 200);
    const late = await api.uploadTo('admin', `/claims/${claim.id}/attachments`, [{ name: 'tarde.png', bytes: png }]);
    assert.equal(late.status, 409);
    assert.equal(late.body.currentStatus, 'declined');
    assert.deepEqual(api.storedFiles().filter((f) => f.startsWith('.tmp')), [], 'nothing half-written is left');
  });
});

describe('who may take part', () => {
  it('hides another company’s conversation (404), refuses members without access (403), and keeps read receipts and typing to people', async () => {
    const claim = await openClaim();
    const message = await send('admin', claim.id, 'Privado');
    const other = await api.call('otherAdmin', 'GET', `/claims/${claim.id}/messages`);
    assert.equal(other.status, 404);
    assert.equal((await api.call('otherAdmin', 'POST', `/claims/${claim.id}/messages`, { body: 'x', clientId: newClientId() })).status, 404);
    assert.equal((await api.call('otherAdmin', 'POST', `/claims/${claim.id}/typing`)).status, 404);
    assert.equal((await api.call('memberWithoutAccess', 'GET', `/claims/${claim.id}/messages`)).status, 403);
    assert.equal((await api.call('apiKey', 'POST', `/claims/${claim.id}/typing`)).status, 403);
    const read = await api.call('apiKey', 'POST', `/claims/${claim.id}/read`, { messageId: message.id });
    assert.equal(read.status, 403);
    assert.match(read.body.detail, /a person’s/);
  });
});

describe('order and pages', () => {
  it('pages newest first by cursor, with no repeat and no gap while new messages arrive', async () => {
    const claim = await openClaim();
    const sent: string[] = [];
    for (let i = 0; i < 25; i++) sent.push((await send(i % 2 ? 'handler' : 'admin', claim.id, `mensaje ${i}`)).id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: Array<{ id: string }>; nextCursor: string | null } } = await api.call(
        'admin',
        'GET',
        `/claims/${claim.id}/messages?limit=10${cursor ? `&cursor=${cursor}` : ''}`,
      );
      seen.push(...page.body.items.map((m) => m.id));
      cursor = page.body.nextCursor;
      // Arrives while the reader scrolls back: it belongs to the newest page, not to older ones.
      if (cursor) await send('handler', claim.id, 'nuevo mientras tanto');
    } while (cursor);
    assert.deepEqual(seen, [...sent].reverse());
  });

  it('refuses a forged cursor with a 400', async () => {
    const claim = await openClaim();
    const res = await api.call('admin', 'GET', `/claims/${claim.id}/messages?cursor=not-a-cursor`);
    assert.equal(res.status, 400);
  });
});

describe('reads', () => {
  it('counts unread messages per user, only others’ messages, and moves read positions forward only', async () => {
    const claim = await openClaim();
    const a = await send('handler', claim.id, 'uno');
    const b = await send('handler', claim.id, 'dos');
    await send('admin', claim.id, 'mío');
    const unread = async (who: 'admin' | 'member' | 'handler') => (await api.call(who, 'GET', `/claims/${claim.id}/messages`)).body.unreadMessages;
    assert.equal(await unread('admin'), 2, 'the admin’s own message is not unread for them');
    assert.equal(await unread('member'), 3, 'a colleague’s message is unread too');
    assert.equal(await unread('handler'), 1);

    const read = await api.call('admin', 'POST', `/claims/${claim.id}/read`, { messageId: b.id });
    assert.equal(read.status, 200);
    assert.equal(read.body.unreadMessages, 0);
    assert.equal(await unread('member'), 3, 'reads are per user');

    // A late request from another tab does not mark read messages unread again.
    await api.call('admin', 'POST', `/claims/${claim.id}/read`, { messageId: a.id });
    assert.equal(await unread('admin'), 0);
    const page = await api.call('handler', 'GET', `/claims/${claim.id}/messages`);
    const receipt = page.body.reads.find((r: { user: { name: string } }) => r.user.name === 'Ana Martínez');
    assert.equal(receipt.messageId, b.id, 'the handler sees how far the admin has read (visto)');
    assert.equal(receipt.user.kind, 'user');
  });

  it('gives each caller their own unreadMessages on GET /claims and GET /claims/:id', async () => {
    const claim = await openClaim();
    const message = await send('handler', claim.id, '¿Me envía el CMR?');
    await send('handler', claim.id, 'Gracias');
    const unreadIn = async (who: 'admin' | 'member' | 'handler' | 'apiKey') => {
      const one = await api.call(who, 'GET', `/claims/${claim.id}`);
      const list = await api.call(who, 'GET', '/claims?limit=100');
      const listed = list.body.items.find((c: { id: string }) => c.id === claim.id);
      assert.equal(listed.unreadMessages, one.body.unreadMessages, `${who}: the list and the claim agree`);
      return one.body.unreadMessages as number;
    };
    assert.equal(await unreadIn('admin'), 2);
    assert.equal(await unreadIn('handler'), 0, 'the author has nothing unread');
    assert.equal(await unreadIn('apiKey'), 0);
    await api.call('admin', 'POST', `/claims/${claim.id}/read`, { messageId: message.id });
    assert.equal(await unreadIn('admin'), 1);
    assert.equal(await unreadIn('member'), 2, 'another user of the company has read nothing');
  });

  it('refuses a message of another claim (404)', async () => {
    const claim = await openClaim();
    const elsewhere = await openClaim();
    const message = await send('handler', elsewhere.id, 'otra');
    assert.equal((await api.call('admin', 'POST', `/claims/${claim.id}/read`, { messageId: message.id })).status, 404);
  });
});

describe('live', () => {
  it('delivers each message and read as an event to both sides, keeps them off the timeline, and typing to the others only', async () => {
    const claim = await openClaim();
    const customer = await openStream('admin');
    const handler = await openStream('handler');
    const stranger = await openStream('otherAdmin');
    try {
      const typing = await api.call('admin', 'POST', `/claims/${claim.id}/typing`);
      assert.equal(typing.status, 204);
      await handler.until(() => handler.messages.some((m) => m.event === 'typing'));
      const message = await send('admin', claim.id, 'Hola');
      await api.call('handler', 'POST', `/claims/${claim.id}/read`, { messageId: message.id });
      for (const sse of [customer, handler]) {
        await sse.until(() => sse.messages.some((m) => m.event === 'message.read'));
        const posted = sse.messages.find((m) => m.event === 'message.posted')!;
        assert.equal(JSON.parse(posted.data).data.message.body, 'Hola');
      }
      assert.ok(!customer.messages.some((m) => m.event === 'typing'), 'the typist does not see their own typing');
      assert.ok(!stranger.messages.some((m) => m.event === 'typing' || m.event?.startsWith('message.')), 'another company sees nothing');
      const timeline = await api.call('admin', 'GET', `/claims/${claim.id}/events`);
      assert.ok(!timeline.body.items.some((e: { type: string }) => e.type.startsWith('message.')));
    } finally {
      await Promise.all([customer.close(), handler.close(), stranger.close()]);
    }
  });
});
