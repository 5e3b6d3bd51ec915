import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApi } from '../testing/harness.ts';

// The documents an ERP already holds (the CMR, the delivery note), uploaded by integrations
// (issue 22): the operator's key and company keys with claims:write upload them, the history
// names the integration, and a file stays its uploader's to remove — the same key's.

type Api = Awaited<ReturnType<typeof createTestApi>>;

let api: Api;
before(async () => {
  api = await createTestApi();
});
after(() => api.close());

const PDF = new Uint8Array(Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n'));

/** An accepted international pallet claim, which asks for a CMR, and that requirement. */
async function cmrOfNewClaim() {
  const claim = await api.createClaim({ type: 'breakage', goods: 'pallet', scope: 'international' });
  assert.equal((await api.call('admin', 'POST', `/claims/${claim.id}/accept`)).status, 200);
  const list = await api.call('handler', 'GET', `/claims/${claim.id}/documents`);
  const cmr = list.body.items.find((item: { kind: string }) => item.kind === 'cmr_consignment_note');
  assert.ok(cmr, 'an international pallet claim asks for the CMR');
  return { claimId: claim.id, requirementId: cmr.id as string };
}

const fileOf = (document: { files: Array<{ id: string; name: string; uploadedBy: unknown; removable: boolean }> }, name: string) =>
  document.files.find((file) => file.name === name)!;

async function uploadedFile(claimId: string, requirementId: string, caller: 'admin' | 'apiKey' | 'companyKey', fileId: string) {
  const list = await api.call(caller, 'GET', `/claims/${claimId}/documents`);
  return list.body.items.find((item: { id: string }) => item.id === requirementId).files.find((file: { id: string }) => file.id === fileId);
}

describe('documents uploaded by integrations', () => {
  it('the operator’s key uploads the CMR; the history says Host system; only that key removes it', async () => {
    const { claimId, requirementId } = await cmrOfNewClaim();
    const res = await api.upload('apiKey', claimId, requirementId, [{ name: 'cmr.pdf', bytes: PDF }]);
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.equal(res.body.status, 'uploaded');
    const file = fileOf(res.body, 'cmr.pdf');
    assert.deepEqual(file.uploadedBy, { kind: 'service', id: null, name: 'Host system' });
    assert.equal(file.removable, true, 'its uploader may remove it');

    const timeline = await api.call('admin', 'GET', `/claims/${claimId}/events`);
    const uploaded = timeline.body.items.find((event: { type: string }) => event.type === 'document.uploaded');
    assert.deepEqual(uploaded.actor, { kind: 'service', id: null, name: 'Host system' });
    assert.equal(uploaded.data.file.name, 'cmr.pdf');

    assert.equal((await uploadedFile(claimId, requirementId, 'admin', file.id)).removable, false);
    const byAdmin = await api.call('admin', 'DELETE', `/files/${file.id}`);
    assert.equal(byAdmin.status, 403);
    assert.match(byAdmin.body.detail, /Host system/);
    assert.equal((await api.call('companyKey', 'DELETE', `/files/${file.id}`)).status, 403, 'another key is not the uploader');
    assert.equal((await api.call('apiKey', 'DELETE', `/files/${file.id}`)).status, 204);
  });

  it('a company key with claims:write uploads in its own name, retries safely with an Idempotency-Key, and removes what it uploaded', async () => {
    const { claimId, requirementId } = await cmrOfNewClaim();
    const headers = { 'Idempotency-Key': crypto.randomUUID() };
    const first = await api.upload('companyKey', claimId, requirementId, [{ name: 'cmr firmado.pdf', bytes: PDF }], { headers });
    assert.equal(first.status, 201, JSON.stringify(first.body));
    const retry = await api.upload('companyKey', claimId, requirementId, [{ name: 'cmr firmado.pdf', bytes: PDF }], { headers });
    assert.equal(retry.status, 200, 'the retry stores nothing again');
    assert.equal(retry.body.files.length, 1);
    const sameKeyOtherUploader = await api.upload('apiKey', claimId, requirementId, [{ name: 'otro.pdf', bytes: PDF }], { headers });
    assert.equal(sameKeyOtherUploader.status, 201, 'an Idempotency-Key is its uploader’s own');

    const file = fileOf(first.body, 'cmr firmado.pdf');
    const by = file.uploadedBy as { kind: string; id: string; name: string };
    assert.equal(by.kind, 'service');
    assert.equal(by.name, 'ERP companyKey');
    assert.match(by.id, /^key_/);
    assert.equal((await api.call('otherCompanyKey', 'DELETE', `/files/${file.id}`)).status, 404, 'another company’s key does not see it');
    assert.equal((await api.call('apiKey', 'DELETE', `/files/${file.id}`)).status, 403);
    assert.equal((await api.call('companyKey', 'DELETE', `/files/${file.id}`)).status, 204);
  });

  it('a company key without claims:write reads the checklist but uploads nothing', async () => {
    const { claimId, requirementId } = await cmrOfNewClaim();
    const readOnly = { 'X-Api-Key': await api.createCompanyKey('admin', { name: 'Solo lectura', scopes: ['claims:read'] }) };
    const list = await api.call('anonymous', 'GET', `/claims/${claimId}/documents`, undefined, readOnly);
    assert.equal(list.status, 200);
    assert.ok(list.body.items.every((item: { actions: string[] }) => item.actions.length === 0), 'nothing to upload');
    const res = await api.uploadTo('anonymous', `/claims/${claimId}/documents/${requirementId}/files`, [{ name: 'cmr.pdf', bytes: PDF }], { headers: readOnly });
    assert.equal(res.status, 403);
    assert.match(res.body.detail, /claims:write/);
    assert.equal((await api.upload('otherCompanyKey', claimId, requirementId, [{ name: 'cmr.pdf', bytes: PDF }])).status, 404);
  });

  it('completes the checklist like the company’s own uploads: the claim goes to review', async () => {
    const claim = await api.createClaim({ type: 'loss', goods: 'parcel', scope: 'national' });
    assert.equal((await api.call('admin', 'POST', `/claims/${claim.id}/accept`)).status, 200);
    const list = await api.call('apiKey', 'GET', `/claims/${claim.id}/documents`);
    for (const item of list.body.items.filter((r: { required: boolean }) => r.required)) {
      assert.equal((await api.upload('companyKey', claim.id, item.id, [{ name: `${item.kind}.pdf`, bytes: PDF }])).status, 201);
    }
    assert.equal((await api.call('handler', 'GET', `/claims/${claim.id}`)).body.status, 'review');
  });
});
