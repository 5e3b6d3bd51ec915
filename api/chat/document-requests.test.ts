import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApi, USERS } from '../testing/harness.ts';
import { readSse } from '../testing/sse.ts';
import { startTestMailer } from '../testing/smtp.ts';

// A handler asks for a document from the chat (issue 24): one change adds the document to the
// claim's checklist and posts the message that names it; the customer uploads to it; a retry
// stores neither again; only handlers ask, and another company's claim does not exist.

type Api = Awaited<ReturnType<typeof createTestApi>>;

let api: Api;
let mailer: Awaited<ReturnType<typeof startTestMailer>>;

before(async () => {
  // Emails are due at once, so the test decides when the worker sends them.
  api = await createTestApi({ settings: { messageEmailDelayMs: 0, writesPerMinutePerUser: 10_000, writesPerMinutePerAddress: 10_000 } });
  await api.grantAccess('member');
  mailer = await startTestMailer(api.db);
});
after(async () => {
  await mailer.close();
  await api.close();
});

const PDF = new Uint8Array(Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n'));
const newClientId = () => crypto.randomUUID();
const POLICE_REPORT = { kind: 'police_report', note: 'La denuncia completa, con el sello de la comisaría.' };

async function openClaim() {
  const claim = await api.createClaim();
  assert.equal((await api.call('admin', 'POST', `/claims/${claim.id}/accept`)).status, 200);
  return claim;
}

/** What the claim holds: its checklist, its conversation, and the events of its log, oldest first. */
async function stateOf(claimId: string) {
  const [documents, messages, events] = await Promise.all([
    api.call('handler', 'GET', `/claims/${claimId}/documents`),
    api.call('handler', 'GET', `/claims/${claimId}/messages`),
    api.db.selectFrom('claim_events').select(['id', 'type', 'data']).where('claim_id', '=', claimId).orderBy('id').execute(),
  ]);
  return {
    requirements: documents.body.items as Array<{ id: string; kind: string; note: string | null; status: string; required: boolean; requestedBy: { name: string } | null; label: Record<string, string> }>,
    messages: messages.body.items as Array<{ id: string; body: string; documentRequest: { requirementId: string; kind: string; label: { es: string; en: string }; note: string | null } | null }>,
    events: events.map((event) => ({ ...event, data: JSON.parse(event.data) })),
  };
}

function ask(caller: Parameters<Api['call']>[0], claimId: string, documentRequest: Record<string, unknown> = POLICE_REPORT, clientId = newClientId()) {
  return api.call(caller, 'POST', `/claims/${claimId}/messages`, { clientId, documentRequest });
}

describe('asking for a document in the chat', () => {
  it('adds exactly one document to the checklist and posts one message naming it, in one change', async () => {
    const claim = await openClaim();
    const before = await stateOf(claim.id);
    const res = await ask('handler', claim.id);
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.equal(res.headers.get('location'), `/api/v1/claims/${claim.id}/messages`);

    const now = await stateOf(claim.id);
    const added = now.requirements.filter((r) => !before.requirements.some((b) => b.id === r.id));
    assert.equal(added.length, 1, 'one document more in the checklist');
    const [requirement] = added;
    assert.deepEqual(
      { kind: requirement!.kind, note: requirement!.note, status: requirement!.status, required: requirement!.required, by: requirement!.requestedBy?.name },
      { kind: 'police_report', note: POLICE_REPORT.note, status: 'missing', required: true, by: 'Carmen Ruiz' },
    );
    assert.equal(now.messages.length, before.messages.length + 1, 'one message more in the conversation');
    assert.deepEqual(res.body.documentRequest, {
      requirementId: requirement!.id,
      kind: 'police_report',
      label: requirement!.label,
      note: POLICE_REPORT.note,
    });
    assert.deepEqual([requirement!.label.es, requirement!.label.en, requirement!.label.fr], ['Denuncia policial', 'Police report', 'Dépôt de plainte'], 'named as the checklist names it, in every language');
    assert.deepEqual(now.messages[0]!.documentRequest, res.body.documentRequest, 'the conversation names the document too');
    // Said in words, for what only reads text: the handler's token gives no language, so Spanish.
    assert.equal(
      res.body.body,
      `Necesitamos este documento: «Denuncia policial». Puedes subirlo desde la conversación o desde Documentos.\n\n${POLICE_REPORT.note}`,
    );

    const appended = now.events.slice(before.events.length);
    assert.deepEqual(appended.map((event) => event.type), ['document.requested', 'message.posted'], 'both events of one change, nothing between');
    assert.equal(appended[0]!.data.document.requirementId, requirement!.id);
    assert.equal(appended[0]!.data.note, POLICE_REPORT.note);
    assert.deepEqual(appended[1]!.data.message.documentRequest, res.body.documentRequest);
    assert.equal(appended[1]!.data.message.body, res.body.body);
  });

  it('takes a kind with no note, and writes the message in the handler’s language', async () => {
    const claim = await openClaim();
    const english = api.as({ ...USERS.handler, sub: 'carmen-en', lang: 'en' });
    const res = await english('POST', `/claims/${claim.id}/messages`, { clientId: newClientId(), documentRequest: { kind: 'bank_account_certificate', required: false } });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.equal(res.body.body, 'We need this document: “Bank account certificate”. You can upload it from the conversation or from Documents.');
    assert.equal(res.body.documentRequest.note, null);
    const { requirements } = await stateOf(claim.id);
    const asked = requirements.filter((r) => r.kind === 'bank_account_certificate');
    assert.equal(asked.length, 2, 'the rules’ certificate and the one asked for');
    assert.deepEqual(asked.map((r) => r.required), [true, false]);
  });

  it('writes it in any language a handler speaks, the document named in that language', async () => {
    const claim = await openClaim();
    const german = api.as({ ...USERS.handler, sub: 'carmen-de', lang: 'de' });
    const res = await german('POST', `/claims/${claim.id}/messages`, { clientId: newClientId(), documentRequest: { kind: 'bank_account_certificate', required: false } });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.equal(res.body.body, 'Wir benötigen dieses Dokument: „Bankbestätigung über den Kontoinhaber“. Sie können es in der Unterhaltung oder unter Dokumente hochladen.');
    assert.equal(res.body.documentRequest.label.de, 'Bankbestätigung über den Kontoinhaber');
    assert.equal(res.body.documentRequest.label.es, 'Certificado de titularidad bancaria', 'the request names it in every language, for each reader');
  });

  it('the customer sees the request arrive live, both events, and a notification and an email that say what is asked', async () => {
    const claim = await openClaim();
    // The admin reads claims by email too (admins start so), the member in the customer area only.
    await deliverMail();
    const res = await api.app.request('/api/v1/events', { headers: await api.headersFor('member') });
    const sse = readSse(res);
    await sse.until(() => sse.messages.length > 0);
    const sent = await ask('handler', claim.id);
    assert.equal(sent.status, 201);
    const events = () =>
      sse.messages
        .filter((m) => m.event?.startsWith('document.') || m.event?.startsWith('message.'))
        .map((m) => JSON.parse(m.data))
        .filter((event) => event.claimId === claim.id);
    await sse.until(() => events().some((e) => e.type === 'message.posted'));
    await sse.close();
    assert.deepEqual(events().map((e) => e.type), ['document.requested', 'message.posted']);
    assert.deepEqual(events()[1].data.message.documentRequest, sent.body.documentRequest);

    const notifications = await api.call('member', 'GET', '/notifications');
    const told = notifications.body.items.filter((n: { claimId: string }) => n.claimId === claim.id);
    assert.equal(told.length, 1, 'one entry for the claim: its news while unread, the request among them, fold into the newest');
    assert.equal(told[0].kind, 'message');
    assert.match(told[0].data.preview, /^Necesitamos este documento: «Denuncia policial»/);
    const kinds = await api.db
      .selectFrom('notifications')
      .innerJoin('claim_events', 'claim_events.id', 'notifications.event_id')
      .select(['notifications.kind', 'claim_events.type'])
      .where('notifications.claim_id', '=', claim.id)
      .where('notifications.user_id', '=', (await api.call('member', 'GET', '/me')).body.id)
      .orderBy('notifications.event_id')
      .execute();
    assert.deepEqual(kinds.slice(-2), [
      { kind: 'document_requested', type: 'document.requested' },
      { kind: 'message', type: 'message.posted' },
    ]);

    const mails = (await deliverMail()).filter((mail) => mail.subject.includes(claim.reference));
    assert.deepEqual(mails.map((mail) => mail.to), [['ana@ferreteria.test']], 'the handler wrote: one email, to the admin');
    const text = mails[0]!.raw.replace(/=\r\n/g, '');
    assert.match(text, /Necesitamos este documento/);
    assert.match(text, /Puedes subirlo desde la conversaci/);
  });

  it('gives a webhook the message with its text and the document it asks for', async () => {
    const claim = await openClaim();
    const required = (await api.call('handler', 'GET', `/claims/${claim.id}`)).body.documents.required as number;
    const endpoint = await api.call('admin', 'POST', '/webhooks', { url: 'https://erp.ferreteria.example/hooks', eventTypes: ['message.posted', 'document.requested'] });
    assert.equal(endpoint.status, 201, JSON.stringify(endpoint.body));
    const sent = await ask('handler', claim.id);
    const deliveries = await api.db
      .selectFrom('webhook_deliveries')
      .select(['event_type', 'payload'])
      .where('endpoint_id', '=', endpoint.body.id)
      .orderBy('id')
      .execute();
    assert.deepEqual(deliveries.map((d) => d.event_type), ['document.requested', 'message.posted']);
    const posted = JSON.parse(deliveries[1]!.payload);
    assert.equal(posted.data.data.message.body, sent.body.body);
    assert.deepEqual(posted.data.data.message.documentRequest, sent.body.documentRequest);
    assert.equal(posted.claim.id, claim.id);
    assert.equal(posted.claim.documents.required, required + 1, 'the claim it carries counts the document asked for');
  });

  it('fills the requirement when the customer uploads to it from the message, as any upload to it', async () => {
    const claim = await openClaim();
    const sent = await ask('handler', claim.id);
    const requirementId = sent.body.documentRequest.requirementId as string;
    const res = await api.upload('member', claim.id, requirementId, [{ name: 'denuncia.pdf', bytes: PDF }]);
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.equal(res.body.status, 'uploaded');
    assert.deepEqual(res.body.files.map((f: { name: string }) => f.name), ['denuncia.pdf']);
    const { requirements, messages, events } = await stateOf(claim.id);
    assert.equal(requirements.find((r) => r.id === requirementId)!.status, 'uploaded');
    assert.equal(messages[0]!.documentRequest!.requirementId, requirementId, 'the message still names it');
    assert.equal(events.at(-1)!.type, 'document.uploaded');
    assert.equal(events.at(-1)!.data.document.requirementId, requirementId);
    // The same checks as any upload: a file of a type uploads may not be is refused.
    const refused = await api.upload('member', claim.id, requirementId, [{ name: 'script.exe', bytes: new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03]) }]);
    assert.equal(refused.status, 415);
  });
});

describe('retries', () => {
  it('answers a retry with the message already stored, adding nothing', async () => {
    const claim = await openClaim();
    const clientId = newClientId();
    const first = await ask('handler', claim.id, POLICE_REPORT, clientId);
    const before = await stateOf(claim.id);
    const retry = await ask('handler', claim.id, POLICE_REPORT, clientId);
    assert.equal(first.status, 201);
    assert.equal(retry.status, 200);
    assert.equal(retry.body.id, first.body.id);
    assert.deepEqual(retry.body.documentRequest, first.body.documentRequest);
    const after = await stateOf(claim.id);
    assert.equal(after.requirements.length, before.requirements.length);
    assert.equal(after.messages.length, before.messages.length);
    assert.equal(after.events.length, before.events.length);
  });

  it('stores one document and one message when retries race each other', async () => {
    const claim = await openClaim();
    const before = await stateOf(claim.id);
    const clientId = newClientId();
    const answers = await Promise.all(Array.from({ length: 6 }, () => ask('handler', claim.id, POLICE_REPORT, clientId)));
    assert.deepEqual(answers.map((a) => a.status).sort(), [200, 200, 200, 200, 200, 201]);
    assert.equal(new Set(answers.map((a) => a.body.id)).size, 1);
    const after = await stateOf(claim.id);
    assert.equal(after.requirements.length, before.requirements.length + 1);
    assert.equal(after.messages.length, 1);
    assert.deepEqual(after.events.slice(before.events.length).map((e) => e.type), ['document.requested', 'message.posted']);
  });

  it('refuses a clientId used for another document, or for a plain message, naming the message', async () => {
    const claim = await openClaim();
    const clientId = newClientId();
    const first = await ask('handler', claim.id, POLICE_REPORT, clientId);
    for (const other of [{ ...POLICE_REPORT, note: 'Otra cosa' }, { kind: 'damage_photos' }, { ...POLICE_REPORT, required: false }]) {
      const reused = await ask('handler', claim.id, other, clientId);
      assert.equal(reused.status, 409, JSON.stringify(other));
      assert.equal(reused.body.messageId, first.body.id);
      assert.match(reused.body.detail, /documentRequest/);
    }
    const plain = await api.call('handler', 'POST', `/claims/${claim.id}/messages`, { body: first.body.body, clientId });
    assert.equal(plain.status, 409);
    assert.equal(plain.body.messageId, first.body.id);
    assert.equal((await stateOf(claim.id)).messages.length, 1);
  });
});

describe('who may ask, and what is refused', () => {
  it('refuses the company’s people and integrations with 403, saying only handlers ask; nothing is stored', async () => {
    const claim = await openClaim();
    const before = await stateOf(claim.id);
    for (const caller of ['admin', 'member', 'companyKey', 'apiKey'] as const) {
      const res = await ask(caller, claim.id);
      assert.equal(res.status, 403, caller);
      assert.equal(res.headers.get('content-type'), 'application/problem+json');
      assert.match(res.body.detail, /Only claims handlers request/);
    }
    const after = await stateOf(claim.id);
    assert.deepEqual(after.requirements.map((r) => r.id), before.requirements.map((r) => r.id));
    assert.equal(after.messages.length, 0);
    assert.equal(after.events.length, before.events.length);
  });

  it('answers 404 to another company, whose claim does not exist for it', async () => {
    const claim = await openClaim();
    for (const caller of ['otherAdmin', 'otherCompanyKey'] as const) {
      const res = await ask(caller, claim.id);
      assert.equal(res.status, 404, caller);
      assert.doesNotMatch(res.body.detail, /ferreteria/i);
    }
    assert.equal((await ask('handler', 'clm_does_not_exist')).status, 404);
    assert.equal((await stateOf(claim.id)).messages.length, 0);
  });

  it('refuses bad input with 400, naming the field, and stores nothing', async () => {
    const claim = await openClaim();
    const before = await stateOf(claim.id);
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ clientId: newClientId(), documentRequest: { kind: 'horoscope' } }, 'documentRequest.kind'],
      [{ clientId: newClientId(), documentRequest: { kind: 'other' } }, 'documentRequest.note'],
      [{ clientId: newClientId(), documentRequest: { kind: 'other', note: '   ' } }, 'documentRequest.note'],
      [{ clientId: newClientId(), documentRequest: { kind: 'police_report', note: 'x'.repeat(1001) } }, 'documentRequest.note'],
      [{ clientId: newClientId(), documentRequest: { kind: '' } }, 'documentRequest.kind'],
      [{ clientId: newClientId(), documentRequest: { kind: 'police_report', notes: 'typo' } }, 'documentRequest'],
      [{ clientId: newClientId(), documentRequest: { kind: 'police_report', required: 'yes' } }, 'documentRequest.required'],
      [{ clientId: newClientId(), body: 'Y además esto', documentRequest: POLICE_REPORT }, 'body'],
      [{ documentRequest: POLICE_REPORT }, 'clientId'],
    ];
    for (const [body, field] of cases) {
      const res = await api.call('handler', 'POST', `/claims/${claim.id}/messages`, body);
      assert.equal(res.status, 400, JSON.stringify(body).slice(0, 80));
      assert.ok(
        res.body.errors.some((e: { field: string }) => e.field === field),
        `${JSON.stringify(body).slice(0, 80)} names ${field}: ${JSON.stringify(res.body.errors)}`,
      );
      assert.ok(res.body.detail.includes(field), 'the detail names the field too');
    }
    const after = await stateOf(claim.id);
    assert.equal(after.requirements.length, before.requirements.length);
    assert.equal(after.messages.length, 0);
    assert.equal(after.events.length, before.events.length);
  });

  it('adds no document when its message cannot be posted: an attachment that is not the handler’s', async () => {
    const claim = await openClaim();
    const before = await stateOf(claim.id);
    const upload = await api.uploadTo('admin', `/claims/${claim.id}/attachments`, [{ name: 'albaran.pdf', bytes: PDF }]);
    assert.equal(upload.status, 201);
    const res = await api.call('handler', 'POST', `/claims/${claim.id}/messages`, {
      clientId: newClientId(),
      documentRequest: POLICE_REPORT,
      attachments: [upload.body.items[0].id],
    });
    assert.equal(res.status, 400);
    assert.equal(res.body.errors[0].field, 'attachments');
    const after = await stateOf(claim.id);
    assert.deepEqual(after.requirements.map((r) => r.id), before.requirements.map((r) => r.id), 'the document went with its message');
    assert.equal(after.events.length, before.events.length);
  });

  it('refuses once the claim was filed (409 document-conflict) or declined (409 claim-final)', async () => {
    const filed = await openClaim();
    for (const to of ['review', 'submitted']) {
      const moved = await api.call('handler', 'POST', `/claims/${filed.id}/transitions`, { to, note: 'Adelante' });
      assert.equal(moved.status, 200, JSON.stringify(moved.body));
    }
    const late = await ask('handler', filed.id);
    assert.equal(late.status, 409);
    assert.equal(late.body.type, 'https://claimdesk.dev/problems/document-conflict');
    assert.equal(late.body.claimStatus, 'submitted');
    assert.match(late.body.detail, /before it is filed/);

    const declined = await api.createClaim();
    assert.equal((await api.call('admin', 'POST', `/claims/${declined.id}/decline`, { reason: 'Lo resolvimos con el transportista' })).status, 200);
    const over = await ask('handler', declined.id);
    assert.equal(over.status, 409);
    assert.equal(over.body.currentStatus, 'declined');
    assert.equal((await stateOf(declined.id)).messages.length, 0);
  });

  it('sends a claim in review back to documentation when a required document is asked for, as the checklist’s request does', async () => {
    const claim = await openClaim();
    assert.equal((await api.call('handler', 'POST', `/claims/${claim.id}/transitions`, { to: 'review', note: 'A revisar' })).status, 200);
    assert.equal((await ask('handler', claim.id)).status, 201);
    const now = await api.call('handler', 'GET', `/claims/${claim.id}`);
    assert.equal(now.body.status, 'documentation');
  });
});

/** Sends what is due and answers the emails that arrived meanwhile. */
async function deliverMail() {
  const before = mailer.smtp.received.length;
  await mailer.worker.runOnce();
  return mailer.smtp.received.slice(before);
}
