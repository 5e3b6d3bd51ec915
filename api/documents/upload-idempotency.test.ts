import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApi } from '../testing/harness.ts';
import { DEFAULTS } from '../defaults.ts';
import { sweepFiles } from '../file-sweep.ts';
import { UPLOAD_KEY_RETENTION_MS } from './upload-idempotency.ts';

// A client that cannot tell whether its upload was stored (the link dropped after the last byte)
// sends it again with the same Idempotency-Key, and gets what the first attempt stored: the same
// bytes are never stored twice on the same document or conversation.

type Api = Awaited<ReturnType<typeof createTestApi>>;

const PDF = new Uint8Array(Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n'));
const invoice = [{ name: 'factura.pdf', bytes: PDF }];
const keyed = (key: string) => ({ headers: { 'Idempotency-Key': key } });

let api: Api;
before(async () => {
  api = await createTestApi();
  await api.grantAccess('member');
});
after(() => api.close());

async function acceptedClaim() {
  const claim = await api.createClaim({ type: 'loss', goods: 'parcel', scope: 'national' });
  assert.equal((await api.call('admin', 'POST', `/claims/${claim.id}/accept`)).status, 200);
  const list = await api.call('handler', 'GET', `/claims/${claim.id}/documents`);
  const [first, second] = list.body.items as Array<{ id: string }>;
  return { claim, first: first!.id, second: second!.id };
}

const uploadedEvents = async (claimId: string) =>
  (await api.db.selectFrom('claim_events').select('id').where('claim_id', '=', claimId).where('type', '=', 'document.uploaded').execute()).length;

describe('Idempotency-Key on document uploads', () => {
  it('stores a retried upload once: 201, then 200 with the same file and no new event or bytes', async () => {
    const { claim, first } = await acceptedClaim();
    const stored = api.storedFiles().length;
    const once = await api.upload('admin', claim.id, first, invoice, keyed('upload-1'));
    assert.equal(once.status, 201, JSON.stringify(once.body));
    assert.equal(api.storedFiles().length, stored + 1);

    const again = await api.upload('admin', claim.id, first, invoice, keyed('upload-1'));
    assert.equal(again.status, 200, JSON.stringify(again.body));
    assert.deepEqual(again.body.files, once.body.files);
    assert.equal(await uploadedEvents(claim.id), 1);
    assert.equal(api.storedFiles().length, stored + 1, 'the retry stored no bytes');

    // Without a key, the same bytes are another upload, as before.
    assert.equal((await api.upload('admin', claim.id, first, invoice)).status, 201);
    assert.equal(await uploadedEvents(claim.id), 2);
  });

  it('answers a retry with the document as it stands now, even once it no longer takes files', async () => {
    const { claim, first } = await acceptedClaim();
    assert.equal((await api.upload('admin', claim.id, first, invoice, keyed('before-review'))).status, 201);
    const reviewed = await api.call('handler', 'POST', `/claims/${claim.id}/documents/${first}/review`, { decision: 'accepted' });
    assert.equal(reviewed.status, 200);
    const retry = await api.upload('admin', claim.id, first, invoice, keyed('before-review'));
    assert.equal(retry.status, 200, JSON.stringify(retry.body));
    assert.equal(retry.body.status, 'accepted');
  });

  it('keeps each user’s keys apart, and refuses a key reused for another document (422) or malformed (400)', async () => {
    const { claim, first, second } = await acceptedClaim();
    assert.equal((await api.upload('admin', claim.id, first, invoice, keyed('shared-key'))).status, 201);
    assert.equal((await api.upload('handler', claim.id, first, invoice, keyed('shared-key'))).status, 201, 'another user’s key of the same name');

    const elsewhere = await api.upload('admin', claim.id, second, invoice, keyed('shared-key'));
    assert.equal(elsewhere.status, 422, JSON.stringify(elsewhere.body));
    assert.match(elsewhere.body.detail, /another document.*new key/);

    for (const bad of ['', 'a'.repeat(256), 'clé-única']) {
      const res = await api.upload('admin', claim.id, second, invoice, keyed(bad));
      assert.equal(res.status, 400, `${JSON.stringify(bad)}: ${JSON.stringify(res.body)}`);
      assert.equal(res.body.errors[0].field, 'Idempotency-Key');
    }
    assert.equal(await uploadedEvents(claim.id), 2);
  });

  it('stores once when the retry races the first attempt', async () => {
    const { claim, first } = await acceptedClaim();
    const stored = api.storedFiles().length;
    const answers = await Promise.all(Array.from({ length: 4 }, () => api.upload('admin', claim.id, first, invoice, keyed('racing'))));
    assert.deepEqual(answers.map((res) => res.status).sort(), [200, 200, 200, 201], JSON.stringify(answers.map((res) => res.body)));
    const ids = new Set(answers.map((res) => JSON.stringify(res.body.files.map((file: { id: string }) => file.id))));
    assert.equal(ids.size, 1, 'every answer names the one stored file');
    assert.equal(await uploadedEvents(claim.id), 1);
    assert.equal(api.storedFiles().length, stored + 1, 'the losers’ bytes are gone');
  });

  it('forgets keys after a day, in the periodic file sweep', async () => {
    const { claim, first } = await acceptedClaim();
    assert.equal((await api.upload('admin', claim.id, first, invoice, keyed('yesterday'))).status, 201);
    const sweep = (at: number) => sweepFiles(api, { graceMs: DEFAULTS.fileSweepGraceMs, unsentTtlMs: DEFAULTS.unsentAttachmentTtlMs }, new Date(at));
    assert.equal((await sweep(Date.now())).forgotten, 0, 'a fresh key is kept');
    assert.ok((await sweep(Date.now() + UPLOAD_KEY_RETENTION_MS + 1000)).forgotten >= 1);
    assert.equal((await api.upload('admin', claim.id, first, invoice, keyed('yesterday'))).status, 201, 'a forgotten key is a new upload');
  });
});

describe('Idempotency-Key on chat attachments', () => {
  it('stores a retried attachment once, and a key used for a document is not one for the conversation', async () => {
    const { claim, first } = await acceptedClaim();
    const path = `/claims/${claim.id}/attachments`;
    const once = await api.uploadTo('member', path, invoice, keyed('attach-1'));
    assert.equal(once.status, 201, JSON.stringify(once.body));
    const again = await api.uploadTo('member', path, invoice, keyed('attach-1'));
    assert.equal(again.status, 200, JSON.stringify(again.body));
    assert.deepEqual(again.body.items, once.body.items);
    const unsent = await api.db.selectFrom('files').select('id').where('claim_id', '=', claim.id).where('requirement_id', 'is', null).execute();
    assert.equal(unsent.length, 1);

    assert.equal((await api.upload('admin', claim.id, first, invoice, keyed('doc-key'))).status, 201);
    assert.equal((await api.uploadTo('admin', path, invoice, keyed('doc-key'))).status, 422);
  });
});
