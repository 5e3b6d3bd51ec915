import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { signUserToken } from '../auth/tokens.ts';
import { createTestApi, JWT_SECRET, USERS } from '../testing/harness.ts';

// The caller's row is held by each process between commits (api/db/held-until-commit.ts).
describe('a user held by the API', () => {
  let api: Awaited<ReturnType<typeof createTestApi>>;
  let other: ReturnType<typeof api.anotherProcess>;
  before(async () => {
    api = await createTestApi({ settings: { heldReadsTtlMs: 60_000 } });
    other = api.anotherProcess({ heldReadsTtlMs: 60_000 });
    await api.grantAccess('member');
  });
  after(() => api.close());

  it('loses their access at once when their admin removes it, in the process that made the change', async () => {
    const member = await api.call('member', 'GET', '/me');
    assert.equal(member.body.claimsAccess, true);
    assert.equal((await api.call('member', 'GET', '/claims')).status, 200, 'held now');
    assert.equal((await api.call('admin', 'PATCH', `/users/${member.body.id}`, { claimsAccess: false })).status, 200);
    assert.equal((await api.call('member', 'GET', '/claims')).status, 403);
    assert.equal((await api.call('member', 'GET', '/me')).body.claimsAccess, false);
    assert.equal((await api.call('admin', 'PATCH', `/users/${member.body.id}`, { claimsAccess: true })).status, 200);
    assert.equal((await api.call('member', 'GET', '/claims')).status, 200, 'and regains it as soon');
  });

  it('tells the company’s new name at once when a token renames it, though no event says so', async () => {
    assert.equal((await api.call('member', 'GET', '/me')).body.companyName, USERS.admin.companyName, 'held now');
    const renamed = `${USERS.admin.companyName} (renamed)`;
    assert.equal((await api.as({ ...USERS.admin, companyName: renamed })('GET', '/me')).status, 200);
    assert.equal((await api.call('member', 'GET', '/me')).body.companyName, renamed);
    assert.equal((await api.call('admin', 'GET', '/me')).body.companyName, USERS.admin.companyName, 'and back, by the admin’s own token');
    assert.equal((await api.call('member', 'GET', '/me')).body.companyName, USERS.admin.companyName);
  });

  it('loses it in another process once that process hears of a commit on its bus', async () => {
    const token = await signUserToken(JWT_SECRET, USERS.member);
    const claimsThere = async () => (await other.app.request('/api/v1/claims', { headers: { Authorization: `Bearer ${token}` } })).status;
    const member = await api.call('member', 'GET', '/me');
    assert.equal(await claimsThere(), 200, 'held there');
    assert.equal((await api.call('admin', 'PATCH', `/users/${member.body.id}`, { claimsAccess: false })).status, 200);
    assert.equal(await claimsThere(), 200, 'not heard of yet, and the time to live is long: still held');
    // What the other process's bus does when PostgreSQL's NOTIFY or the SQLite poll tells of another's commit.
    other.bus.committed(0);
    assert.equal(await claimsThere(), 403, 'read again');
  });
});
