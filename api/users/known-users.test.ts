import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { UserWithCompany } from '../auth/principal.ts';
import { signUserToken } from '../auth/tokens.ts';
import { createTestApi, JWT_SECRET, USERS } from '../testing/harness.ts';
import { KnownUsers } from './known-users.ts';

const user = (externalId: string, companyId = 'ferreteria') => ({ id: `usr_${externalId}`, company_id: companyId, external_id: externalId, name: externalId }) as UserWithCompany;

describe('the users a process holds (KnownUsers)', () => {
  it('answers with a user read until the time to live passes, frozen', () => {
    let now = 1_000;
    const known = new KnownUsers({ ttlMs: 500, now: () => now });
    assert.equal(known.get('ferreteria', 'ana'), undefined);
    known.remember(user('ana'), known.reading());
    const held = known.get('ferreteria', 'ana');
    assert.equal(held?.id, 'usr_ana');
    assert.ok(Object.isFrozen(held), 'every request of the user shares it: none may change it');
    assert.equal(known.get('textiles', 'ana'), undefined, 'the same id in another company is another user');
    now += 499;
    assert.equal(known.get('ferreteria', 'ana')?.id, 'usr_ana');
    now += 1;
    assert.equal(known.get('ferreteria', 'ana'), undefined, 'read again once the time to live is over');
    assert.equal(known.size, 0);
  });

  it('forgets everything at a commit, and does not keep a row read while one landed', () => {
    const known = new KnownUsers();
    known.remember(user('ana'), known.reading());
    known.remember(user('marta', 'textiles'), known.reading());
    const begun = known.reading();
    known.forgetAll();
    assert.equal(known.get('ferreteria', 'ana'), undefined);
    assert.equal(known.get('textiles', 'marta'), undefined);
    known.remember(user('jordi'), begun);
    assert.equal(known.get('ferreteria', 'jordi'), undefined, 'read before the commit: it may be the row as it was');
    known.remember(user('jordi'), known.reading());
    assert.equal(known.get('ferreteria', 'jordi')?.id, 'usr_jordi');
  });

  it('holds at most its capacity, letting go of the longest held', () => {
    const known = new KnownUsers({ capacity: 2 });
    for (const id of ['a', 'b', 'c']) known.remember(user(id), known.reading());
    assert.equal(known.size, 2);
    assert.equal(known.get('ferreteria', 'a'), undefined);
    assert.ok(known.get('ferreteria', 'b') && known.get('ferreteria', 'c'));
  });
});

describe('a user held by the API', () => {
  let api: Awaited<ReturnType<typeof createTestApi>>;
  let other: ReturnType<typeof api.anotherProcess>;
  before(async () => {
    api = await createTestApi({ settings: { knownUsersTtlMs: 60_000 } });
    other = api.anotherProcess({ knownUsersTtlMs: 60_000 });
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
