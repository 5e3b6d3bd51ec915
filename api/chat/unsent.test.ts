import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sweepFiles } from '../file-sweep.ts';
import { createTestApi, type Caller } from '../testing/harness.ts';
import { expireUnsentAttachments } from './unsent.ts';

// Attachments uploaded and never sent: each person may have only so many waiting (files and
// bytes, over every claim), and what waits too long is removed, bytes and all.

type Api = Awaited<ReturnType<typeof createTestApi>>;

const MAX_FILES = 3;
const MAX_BYTES = 10_000;
const DAY_MS = 86_400_000;

let api: Api;
before(async () => {
  api = await createTestApi({ settings: { maxUnsentAttachments: MAX_FILES, maxUnsentAttachmentBytes: MAX_BYTES } });
  await api.grantAccess('member');
});
after(() => api.close());

/** A PDF of exactly `size` bytes. */
function pdf(size: number): Uint8Array {
  const head = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n');
  const tail = Buffer.from('\ntrailer << /Root 1 0 R >>\n%%EOF\n');
  return new Uint8Array(Buffer.concat([head, Buffer.alloc(size - head.length - tail.length, 0x20), tail]));
}

const files = (count: number, size = 1_000) => Array.from({ length: count }, (_, i) => ({ name: `adjunto-${i}.pdf`, bytes: pdf(size) }));

async function openClaim(company?: { id: string; name: string }) {
  const claim = await api.createClaim(company ? { company } : {});
  assert.equal((await api.call(company ? 'otherAdmin' : 'admin', 'POST', `/claims/${claim.id}/accept`)).status, 200);
  return claim;
}

const attach = (caller: Caller, claimId: string, parts: ReturnType<typeof files>) => api.uploadTo(caller, `/claims/${claimId}/attachments`, parts);

describe('the files one person may have waiting to be sent', () => {
  it('counts them over every claim, refuses the next before reading it, and makes room as they are sent', async () => {
    const [first, second] = [await openClaim(), await openClaim()];
    assert.equal((await attach('admin', first.id, files(2))).status, 201);
    const third = await attach('admin', second.id, files(1));
    assert.equal(third.status, 201);
    const stored = api.storedFiles().length;

    const full = await attach('admin', first.id, files(1));
    assert.equal(full.status, 409, JSON.stringify(full.body));
    assert.equal(full.body.unsentFiles, MAX_FILES);
    assert.equal(full.body.maxUnsentFiles, MAX_FILES);
    assert.match(full.body.detail, /not sent yet/);
    // A body that is not even a form gets the same answer: it was never read.
    const unread = await api.call('admin', 'POST', `/claims/${first.id}/attachments`, 'not multipart', { 'Content-Type': 'text/plain' });
    assert.equal(unread.status, 409);
    assert.equal(api.storedFiles().length, stored, 'nothing of a refused upload is kept');
    assert.equal((await attach('member', first.id, files(1))).status, 201, 'each person has their own');

    const sent = await api.call('admin', 'POST', `/claims/${second.id}/messages`, { body: 'Adjunto', clientId: crypto.randomUUID(), attachments: [third.body.items[0].id] });
    assert.equal(sent.status, 201);
    assert.equal((await attach('admin', first.id, files(1))).status, 201, 'a sent file no longer waits');
  });

  it('checks again with the files’ sizes once they are in, and keeps none of an upload that does not fit', async () => {
    const claim = await openClaim();
    assert.equal((await attach('handler', claim.id, files(1, 6_000))).status, 201);
    const stored = api.storedFiles().length;
    const tooMany = await attach('handler', claim.id, files(3));
    assert.equal(tooMany.status, 409, 'two would fit in number, three do not');
    const tooBig = await attach('handler', claim.id, files(1, 5_000));
    assert.equal(tooBig.status, 409, JSON.stringify(tooBig.body));
    assert.equal(tooBig.body.unsentBytes, 6_000);
    assert.equal(tooBig.body.maxUnsentBytes, MAX_BYTES);
    assert.equal(api.storedFiles().length, stored, 'the refused files’ bytes are gone');
    assert.deepEqual(await api.db.selectFrom('storage_pending').select('key').execute(), [], 'and so are their keys in the ledger');
    assert.equal((await attach('handler', claim.id, files(1, 4_000))).status, 201, 'exactly at the limit');
  });
});

describe('attachments never sent', () => {
  it('are removed, with their bytes, once they waited longer than their time; sent files and documents stay', async () => {
    const textiles = { id: 'textiles', name: 'Textiles del Sur S.A.' };
    const claim = await openClaim(textiles);
    const [waiting] = (await attach('otherAdmin', claim.id, files(1))).body.items;
    const [sent] = (await attach('otherAdmin', claim.id, files(1))).body.items;
    assert.equal((await api.call('otherAdmin', 'POST', `/claims/${claim.id}/messages`, { body: 'Va', clientId: crypto.randomUUID(), attachments: [sent.id] })).status, 201);
    const [requirement] = (await api.call('otherAdmin', 'GET', `/claims/${claim.id}/documents`)).body.items;
    const document = await api.upload('otherAdmin', claim.id, requirement.id, files(1));
    assert.equal(document.status, 201);
    const documentFile = document.body.files[0];
    const keyOf = async (id: string) => (await api.db.selectFrom('files').select('storage_key').where('id', '=', id).executeTakeFirstOrThrow()).storage_key;
    const waitingKey = await keyOf(waiting.id);

    assert.equal(await expireUnsentAttachments(api, DAY_MS), 0, 'not a day old yet');
    const tomorrow = new Date(Date.now() + DAY_MS + 60_000);
    // Other tests' unsent files are a day old by then too.
    const swept = await sweepFiles(api, { unsentTtlMs: DAY_MS, graceMs: 0 }, tomorrow);
    assert.ok(swept.expired >= 1 && swept.removed >= swept.expired, JSON.stringify(swept));
    assert.equal((await api.call('otherAdmin', 'GET', `/files/${waiting.id}`)).status, 404);
    assert.equal(await api.storage.open(waitingKey), null, 'its bytes are gone');
    assert.equal((await api.call('otherAdmin', 'GET', `/files/${sent.id}`)).status, 200);
    assert.equal((await api.call('otherAdmin', 'GET', `/files/${documentFile.id}`)).status, 200);
    assert.deepEqual(await sweepFiles(api, { unsentTtlMs: DAY_MS, graceMs: 0 }, tomorrow), { expired: 0, uploadsExpired: 0, removed: 0, forgotten: 0 }, 'a second run has nothing left to do');
  });
});
