import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { LANGUAGES } from '../../domain/constants.ts';
import { createTestApi, USERS } from '../testing/harness.ts';

type TestApi = Awaited<ReturnType<typeof createTestApi>>;
interface User {
  id: string;
  externalId: string;
  companyId: string;
  name: string;
  role: string;
  claimsAccess: boolean;
  notifications: string;
  lang: string | null;
}

describe('users', () => {
  let api: TestApi;
  before(async () => {
    api = await createTestApi();
    // Everyone of ferreteria and textiles has signed in once, so the admins can see them.
    for (const caller of ['admin', 'member', 'memberWithoutAccess', 'otherAdmin', 'handler'] as const) {
      await api.call(caller, 'GET', '/me');
    }
  });
  after(() => api.close());

  async function userId(caller: keyof typeof USERS): Promise<string> {
    return (await api.call(caller, 'GET', '/me')).body.id;
  }

  describe('GET /me', () => {
    it('describes the caller with exactly the documented fields', async () => {
      const res = await api.call('admin', 'GET', '/me');
      assert.equal(res.status, 200);
      assert.deepEqual(Object.keys(res.body).sort(), [
        'claimsAccess', 'companyId', 'companyName', 'email', 'externalId', 'id', 'lang', 'name', 'notifications', 'role',
      ]);
      assert.equal(typeof res.body.id, 'string');
      assert.deepEqual(
        { ...res.body, id: undefined },
        {
          id: undefined,
          externalId: 'ana',
          companyId: 'ferreteria',
          companyName: 'Ferretería Martínez S.L.',
          name: 'Ana Martínez',
          email: 'ana@ferreteria.test',
          role: 'admin',
          lang: null,
          claimsAccess: true,
          notifications: 'in_app_and_email',
        },
      );
    });

    it('gives admins and handlers claims access, and a new member none', async () => {
      assert.equal((await api.call('admin', 'GET', '/me')).body.claimsAccess, true);
      assert.equal((await api.call('handler', 'GET', '/me')).body.claimsAccess, true);
      assert.equal((await api.call('memberWithoutAccess', 'GET', '/me')).body.claimsAccess, false);
    });
  });

  describe('GET /users', () => {
    it('lists only the admin’s company users, each with claimsAccess and notifications', async () => {
      const res = await api.call('admin', 'GET', '/users');
      assert.equal(res.status, 200);
      const items = res.body.items as User[];
      assert.ok(items.every((u) => u.companyId === 'ferreteria'), 'no user of another company');
      const bySub = new Map(items.map((u) => [u.externalId, u]));
      assert.ok(bySub.has('ana') && bySub.has('jordi') && bySub.has('lucia'));
      assert.ok(!bySub.has('marta') && !bySub.has('carmen'), 'neither textiles nor the operator');
      for (const user of items) {
        assert.equal(typeof user.claimsAccess, 'boolean');
        assert.ok(['in_app', 'in_app_and_email'].includes(user.notifications));
      }
      assert.equal(bySub.get('ana')?.claimsAccess, true);
      assert.equal(bySub.get('lucia')?.claimsAccess, false);
    });

    it('shows another company’s admin only their own users', async () => {
      const res = await api.call('otherAdmin', 'GET', '/users');
      assert.equal(res.status, 200);
      assert.deepEqual(
        (res.body.items as User[]).map((u) => u.companyId),
        (res.body.items as User[]).map(() => 'textiles'),
      );
      assert.ok((res.body.items as User[]).some((u) => u.externalId === 'marta'));
    });

    it('is for admins only', async () => {
      const res = await api.call('member', 'GET', '/users');
      assert.equal(res.status, 403);
      assert.equal(res.headers.get('content-type'), 'application/problem+json');
      assert.match(res.body.detail, /administrator/);
    });
  });

  describe('PATCH /users/:id', () => {
    it('grants claims access', async () => {
      const id = await userId('member');
      const res = await api.call('admin', 'PATCH', `/users/${id}`, { claimsAccess: true });
      assert.equal(res.status, 200);
      assert.equal(res.body.id, id);
      assert.equal(res.body.claimsAccess, true);
      assert.equal((await api.call('member', 'GET', '/me')).body.claimsAccess, true);
      assert.equal((await api.call('member', 'GET', '/claims')).status, 200);
    });

    it('switches notifications to in-app and email and back', async () => {
      const id = await userId('member');
      const email = await api.call('admin', 'PATCH', `/users/${id}`, { notifications: 'in_app_and_email' });
      assert.equal(email.status, 200);
      assert.equal(email.body.notifications, 'in_app_and_email');
      const listed = (await api.call('admin', 'GET', '/users')).body.items.find((u: User) => u.id === id);
      assert.equal(listed.notifications, 'in_app_and_email');

      const inApp = await api.call('admin', 'PATCH', `/users/${id}`, { notifications: 'in_app' });
      assert.equal(inApp.body.notifications, 'in_app');
      assert.equal((await api.call('member', 'GET', '/me')).body.notifications, 'in_app');
    });

    it('sets both settings in one request, leaving what is not sent alone', async () => {
      const id = await userId('memberWithoutAccess');
      const both = await api.call('admin', 'PATCH', `/users/${id}`, { claimsAccess: true, notifications: 'in_app_and_email' });
      assert.equal(both.status, 200);
      assert.equal(both.body.claimsAccess, true);
      assert.equal(both.body.notifications, 'in_app_and_email');

      const onlyAccess = await api.call('admin', 'PATCH', `/users/${id}`, { claimsAccess: false });
      assert.equal(onlyAccess.body.claimsAccess, false);
      assert.equal(onlyAccess.body.notifications, 'in_app_and_email', 'notifications untouched');
    });

    it('refuses to remove an administrator’s claims access, saying why, and changes nothing', async () => {
      const id = await userId('admin');
      const before = await api.db.selectFrom('claim_events').select('id').where('user_id', '=', id).execute();
      const res = await api.call('admin', 'PATCH', `/users/${id}`, { claimsAccess: false, notifications: 'in_app' });
      assert.equal(res.status, 400);
      assert.equal(res.body.errors[0].field, 'claimsAccess');
      assert.match(res.body.detail, /administrators always have claims access/);
      assert.equal((await api.call('admin', 'GET', '/me')).body.claimsAccess, true);
      const after = await api.db.selectFrom('claim_events').select('id').where('user_id', '=', id).execute();
      assert.equal(after.length, before.length, 'no event, no change');
      const synced = await api.call('apiKey', 'PUT', '/companies/ferreteria/users/new-admin', {
        name: 'Pilar Ortega',
        email: 'pilar@ferreteria.test',
        role: 'admin',
        claimsAccess: false,
      });
      assert.equal(synced.status, 400, 'nor can the host sync an administrator without it');
      assert.equal(synced.body.errors[0].field, 'claimsAccess');
    });

    for (const [label, body, field] of [
      ['a notification channel that does not exist', { notifications: 'sms' }, 'notifications'],
      ['claimsAccess that is not a boolean', { claimsAccess: 'yes' }, 'claimsAccess'],
      ['claimsAccess null', { claimsAccess: null }, 'claimsAccess'],
    ] as const) {
      it(`rejects ${label} with 400 naming the field`, async () => {
        const id = await userId('member');
        const res = await api.call('admin', 'PATCH', `/users/${id}`, body);
        assert.equal(res.status, 400);
        assert.equal(res.headers.get('content-type'), 'application/problem+json');
        assert.ok(res.body.detail.length > 0);
        assert.deepEqual(
          res.body.errors.map((e: { field: string }) => e.field),
          [field],
        );
        assert.ok(res.body.errors[0].message.length > 0);
      });
    }

    it('rejects an empty body with 400 saying what to send', async () => {
      const id = await userId('member');
      const res = await api.call('admin', 'PATCH', `/users/${id}`, {});
      assert.equal(res.status, 400);
      assert.equal(res.headers.get('content-type'), 'application/problem+json');
      assert.match(res.body.detail, /claimsAccess/);
      assert.ok(Array.isArray(res.body.errors) && res.body.errors.length > 0);
    });

    it('rejects a body that is not JSON with 400, not 500', async () => {
      const id = await userId('member');
      const res = await api.call('admin', 'PATCH', `/users/${id}`, '{"claimsAccess": tru');
      assert.equal(res.status, 400);
      assert.equal(res.headers.get('content-type'), 'application/problem+json');
      assert.match(res.body.detail, /JSON/);
    });

    it('answers 404 for a user id that does not exist', async () => {
      const res = await api.call('admin', 'PATCH', '/users/usr_nobody', { claimsAccess: true });
      assert.equal(res.status, 404);
      assert.equal(res.headers.get('content-type'), 'application/problem+json');
    });

    it('leaves the stored settings unchanged when the request is refused', async () => {
      const id = await userId('memberWithoutAccess');
      const before = (await api.call('memberWithoutAccess', 'GET', '/me')).body;
      assert.equal((await api.call('member', 'PATCH', `/users/${id}`, { claimsAccess: !before.claimsAccess })).status, 403);
      assert.equal((await api.call('admin', 'PATCH', `/users/${id}`, { notifications: 'fax' })).status, 400);
      const after = (await api.call('memberWithoutAccess', 'GET', '/me')).body;
      assert.equal(after.claimsAccess, before.claimsAccess);
      assert.equal(after.notifications, before.notifications);
    });
  });

  describe('PUT /companies/:companyId/users/:userId (host sync)', () => {
    const path = '/companies/ferreteria/users/nuria';
    const nuria = { name: 'Núria Soler', email: 'nuria@ferreteria.test', role: 'member', lang: 'es' };

    it('creates a user the host knows before they ever sign in (201), then updates it (200)', async () => {
      const created = await api.call('apiKey', 'PUT', path, { ...nuria, claimsAccess: true, notifications: 'in_app_and_email' });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      assert.equal(created.body.externalId, 'nuria');
      assert.equal(created.body.companyId, 'ferreteria');
      assert.equal(created.body.name, 'Núria Soler');
      assert.equal(created.body.claimsAccess, true);
      assert.equal(created.body.notifications, 'in_app_and_email');

      const updated = await api.call('apiKey', 'PUT', path, { ...nuria, name: 'Núria Soler Pons' });
      assert.equal(updated.status, 200);
      assert.equal(updated.body.id, created.body.id);
      assert.equal(updated.body.name, 'Núria Soler Pons');
      assert.equal(updated.body.claimsAccess, true, 'settings not sent stay as they were');
      assert.equal(updated.body.notifications, 'in_app_and_email');

      const listed = (await api.call('admin', 'GET', '/users')).body.items.find((u: User) => u.externalId === 'nuria');
      assert.equal(listed?.name, 'Núria Soler Pons');
    });

    it('applies the synced settings when that user later calls with a token', async () => {
      const nuriaCalls = api.as({ sub: 'nuria', company: 'ferreteria', role: 'member', name: 'Núria Soler Pons', email: 'nuria@ferreteria.test', lang: 'es' });
      const asNuria = (p: string) => nuriaCalls('GET', p);
      const me = await asNuria('/me');
      assert.equal(me.status, 200);
      assert.equal(me.body.claimsAccess, true);
      assert.equal(me.body.notifications, 'in_app_and_email');
      assert.equal((await asNuria('/claims')).status, 200, 'the access granted by sync lets her see claims');
    });

    it('keeps the settings of a user who already signed in when a sync does not mention them', async () => {
      const id = await userId('member');
      await api.call('admin', 'PATCH', `/users/${id}`, { claimsAccess: true });
      const res = await api.call('apiKey', 'PUT', `/companies/ferreteria/users/${USERS.member.sub}`, {
        name: USERS.member.name,
        email: USERS.member.email,
        role: 'member',
      });
      assert.equal(res.status, 200);
      assert.equal(res.body.id, id);
      assert.equal(res.body.claimsAccess, true);
    });

    it('creates the company when the host syncs its first user', async () => {
      const res = await api.call('apiKey', 'PUT', '/companies/conservas/users/u-1', {
        name: 'Xoán Castro',
        email: 'xoan@conservas.test',
        role: 'admin',
        companyName: 'Conservas Rías Baixas',
      });
      assert.equal(res.status, 201);
      assert.equal(res.body.companyName, 'Conservas Rías Baixas');
    });

    it('validates the body with 400 listing each bad field', async () => {
      const res = await api.call('apiKey', 'PUT', '/companies/ferreteria/users/bad', {
        name: '',
        email: 'not-an-email',
        role: 'handler',
        notifications: 'pigeon',
      });
      assert.equal(res.status, 400);
      assert.equal(res.headers.get('content-type'), 'application/problem+json');
      assert.deepEqual(
        res.body.errors.map((e: { field: string }) => e.field).sort(),
        ['email', 'name', 'notifications', 'role'],
      );
    });

    it('keeps the language the host gives, any Claimdesk speaks, and refuses another with 400 naming them', async () => {
      const languagePath = '/companies/ferreteria/users/language';
      const person = { name: 'Joana Reis', email: 'joana@ferreteria.test', role: 'member' };
      for (const lang of LANGUAGES) {
        const res = await api.call('apiKey', 'PUT', languagePath, { ...person, lang });
        assert.ok(res.status === 200 || res.status === 201, `${lang}: ${JSON.stringify(res.body)}`);
        assert.equal(res.body.lang, lang);
      }
      const refused = await api.call('apiKey', 'PUT', languagePath, { ...person, lang: 'ja' });
      assert.equal(refused.status, 400);
      assert.equal(refused.headers.get('content-type'), 'application/problem+json');
      assert.deepEqual(refused.body.errors, [{ field: 'lang', message: 'must be one of es, en, pt, fr, de, it, ca' }]);
      assert.match(refused.body.detail, /lang: must be one of es, en, pt, fr, de, it, ca/);
      const listed = (await api.call('admin', 'GET', '/users')).body.items.find((u: User) => u.externalId === 'language');
      assert.equal(listed?.lang, LANGUAGES.at(-1), 'the refused sync changed nothing');
      const me = await api.as({ sub: 'language', company: 'ferreteria', role: 'member', name: person.name, email: person.email, lang: 'fr' })('GET', '/me');
      assert.equal(me.status, 200);
      assert.equal(me.body.lang, 'fr', 'a token names the language too');
    });

    it('is for the host backend only', async () => {
      const res = await api.call('admin', 'PUT', '/companies/ferreteria/users/intruder', nuria);
      assert.equal(res.status, 403);
      assert.match(res.body.detail, /X-Api-Key/);
    });
  });
});
