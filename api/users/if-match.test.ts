import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApi } from '../testing/harness.ts';

// What can be edited carries an ETag, and a change sent with If-Match is made only while the
// resource is still what the client read (issue 22: `If-Match` on PATCH /company was ignored).

type Api = Awaited<ReturnType<typeof createTestApi>>;

let api: Api;
before(async () => {
  api = await createTestApi();
});
after(() => api.close());

describe('ETag and If-Match', () => {
  it('the company’s settings: GET and PATCH answer the same ETag for the same settings; a stale If-Match is 412 and changes nothing', async () => {
    const read = await api.call('admin', 'GET', '/company');
    const etag = read.headers.get('etag')!;
    assert.match(etag, /^"[\w-]+"$/, 'a strong ETag');

    const change = await api.call('admin', 'PATCH', '/company', { defaultNotifications: 'in_app_and_email' }, { 'If-Match': etag });
    assert.equal(change.status, 200);
    const changed = change.headers.get('etag')!;
    assert.notEqual(changed, etag);
    assert.equal((await api.call('admin', 'GET', '/company')).headers.get('etag'), changed);

    const stale = await api.call('admin', 'PATCH', '/company', { defaultNotifications: 'in_app' }, { 'If-Match': etag });
    assert.equal(stale.status, 412);
    assert.equal(stale.body.type, 'https://claimdesk.dev/problems/precondition-failed');
    assert.match(stale.body.detail, /GET it again/);
    assert.equal((await api.call('admin', 'GET', '/company')).body.defaultNotifications, 'in_app_and_email', 'nothing changed');

    for (const ifMatch of ['*', `"other", ${changed}`]) {
      assert.equal((await api.call('admin', 'PATCH', '/company', { defaultNotifications: 'in_app_and_email' }, { 'If-Match': ifMatch })).status, 200, ifMatch);
    }
    assert.equal((await api.call('admin', 'PATCH', '/company', { defaultNotifications: 'in_app_and_email' }, { 'If-Match': `W/${changed}` })).status, 412, 'a weak tag never matches');
    assert.equal((await api.call('admin', 'PATCH', '/company', { defaultNotifications: 'in_app' })).status, 200, 'without If-Match, the change is made whatever the settings are');
  });

  it('a user: GET /users/{id} and PATCH answer its ETag; an admin’s change made meanwhile makes the other’s If-Match stale', async () => {
    await api.call('member', 'GET', '/me');
    const users = await api.call('admin', 'GET', '/users');
    const jordi = users.body.items.find((user: { externalId: string }) => user.externalId === 'jordi');
    const read = await api.call('admin', 'GET', `/users/${jordi.id}`);
    assert.equal(read.status, 200);
    assert.deepEqual(read.body, jordi);
    const etag = read.headers.get('etag')!;

    const first = await api.call('admin', 'PATCH', `/users/${jordi.id}`, { claimsAccess: true }, { 'If-Match': etag });
    assert.equal(first.status, 200);
    assert.equal(first.headers.get('etag'), (await api.call('admin', 'GET', `/users/${jordi.id}`)).headers.get('etag'));
    const second = await api.call('admin', 'PATCH', `/users/${jordi.id}`, { notifications: 'in_app_and_email' }, { 'If-Match': etag });
    assert.equal(second.status, 412);
    assert.equal((await api.call('admin', 'GET', `/users/${jordi.id}`)).body.notifications, jordi.notifications, 'nothing changed');

    assert.equal((await api.call('otherAdmin', 'GET', `/users/${jordi.id}`)).status, 404);
    assert.equal((await api.call('member', 'GET', `/users/${jordi.id}`)).status, 403);
  });

  it('a change the host made to the user through their token makes an admin’s If-Match stale too', async () => {
    const pau = { sub: 'pau', company: 'ferreteria', role: 'member', name: 'Pau Serra', email: 'pau@ferreteria.test' } as const;
    const me = await api.as(pau)('GET', '/me');
    const etag = (await api.call('admin', 'GET', `/users/${me.body.id}`)).headers.get('etag')!;
    await api.as({ ...pau, name: 'Pau Serra i Vives' })('GET', '/me');
    const res = await api.call('admin', 'PATCH', `/users/${me.body.id}`, { claimsAccess: true }, { 'If-Match': etag });
    assert.equal(res.status, 412);
  });
});
