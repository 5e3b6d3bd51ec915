import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sign } from 'hono/jwt';
import { API_KEY, createTestApi, JWT_SECRET, USERS } from '../testing/harness.ts';
import { signUserToken } from './tokens.ts';

type TestApi = Awaited<ReturnType<typeof createTestApi>>;
type Response = Awaited<ReturnType<TestApi['call']>>;

const inOneHour = () => Math.floor(Date.now() / 1000) + 3600;

/** A complete, valid claim set for a user nobody has seen yet. */
function claimsFor(sub: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    sub,
    company: 'ferreteria',
    role: 'member',
    name: 'Pau Serra',
    email: `${sub}@ferreteria.test`,
    exp: inOneHour(),
    ...overrides,
  };
}

function base64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** The field list of "The token is missing or has invalid claims: a, b. Required: …". */
function invalidClaimsNamedIn(detail: string): string[] {
  const match = detail.match(/invalid claims: ([^.]*)\./);
  assert.ok(match?.[1], `expected the detail to list the invalid claims, got: ${detail}`);
  return match[1].split(', ');
}

describe('user tokens (GET /me)', () => {
  let api: TestApi;
  before(async () => {
    api = await createTestApi();
  });
  after(() => api.close());

  const withAuthorization = (authorization: string) =>
    api.call('anonymous', 'GET', '/me', undefined, { Authorization: authorization });
  const withToken = (token: string) => withAuthorization(`Bearer ${token}`);

  function assertUnauthorized(res: Response, detail?: RegExp) {
    assert.equal(res.status, 401, JSON.stringify(res.body));
    assert.equal(res.headers.get('content-type'), 'application/problem+json');
    assert.equal(res.body.status, 401);
    assert.equal(typeof res.body.detail, 'string');
    assert.ok(res.body.detail.length > 0, 'detail must say what to do');
    if (detail) assert.match(res.body.detail, detail);
  }

  describe('rejects', () => {
    it('an unsigned `alg: none` token', async () => {
      const token = `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(claimsFor('mallory'))}.`;
      const res = await withToken(token);
      assertUnauthorized(res, /HS256/);
    });

    it('a token signed with another secret', async () => {
      const token = await sign(claimsFor('mallory'), 'not-the-shared-secret-0123456789abcdef', 'HS256');
      assertUnauthorized(await withToken(token), /signature/);
    });

    it('an expired token, saying it expired', async () => {
      const token = await sign(claimsFor('pau', { exp: Math.floor(Date.now() / 1000) - 60 }), JWT_SECRET, 'HS256');
      assertUnauthorized(await withToken(token), /expired/);
    });

    it('a token accepted before, once it has expired (verified tokens are remembered only until exp)', async () => {
      const exp = Math.floor(Date.now() / 1000) + 2;
      const token = await sign(claimsFor('pau', { exp }), JWT_SECRET, 'HS256');
      assert.equal((await withToken(token)).status, 200);
      while (Date.now() < exp * 1000 + 50) await new Promise((resolve) => setTimeout(resolve, 100));
      assertUnauthorized(await withToken(token), /expired/);
    });

    it('a token signed with the right secret but HS512 (the algorithm is pinned to HS256)', async () => {
      const token = await sign(claimsFor('pau'), JWT_SECRET, 'HS512');
      assertUnauthorized(await withToken(token), /HS256/);
    });

    for (const field of ['sub', 'company', 'role', 'name', 'email', 'exp']) {
      it(`a token without \`${field}\`, naming the missing claim`, async () => {
        const claims = claimsFor('pau');
        delete claims[field];
        const res = await withToken(await sign(claims, JWT_SECRET, 'HS256'));
        assertUnauthorized(res);
        assert.deepEqual(invalidClaimsNamedIn(res.body.detail), [field]);
      });
    }

    it('a token whose role is not admin, member or handler', async () => {
      const res = await withToken(await sign(claimsFor('pau', { role: 'superuser' }), JWT_SECRET, 'HS256'));
      assertUnauthorized(res);
      assert.deepEqual(invalidClaimsNamedIn(res.body.detail), ['role']);
    });

    it('a token whose email is not an email address', async () => {
      const res = await withToken(await sign(claimsFor('pau', { email: 'pau at ferreteria' }), JWT_SECRET, 'HS256'));
      assertUnauthorized(res);
      assert.deepEqual(invalidClaimsNamedIn(res.body.detail), ['email']);
    });

    it('"Authorization: Bearer" with no token, asking for a bearer token', async () => {
      const res = await withAuthorization('Bearer');
      assertUnauthorized(res, /Bearer <token>/);
      assert.equal(res.headers.get('www-authenticate'), 'Bearer');
    });

    it('another scheme ("Basic x"), asking for a bearer token', async () => {
      const res = await withAuthorization('Basic x');
      assertUnauthorized(res, /Bearer <token>/);
      assert.equal(res.headers.get('www-authenticate'), 'Bearer');
    });

    it('no credentials at all, saying which headers to send', async () => {
      const res = await api.call('anonymous', 'GET', '/me');
      assertUnauthorized(res, /X-Api-Key/);
      assert.equal(res.headers.get('www-authenticate'), 'Bearer');
    });

    for (const [label, token] of [
      ['a token that is not a JWT', 'garbage'],
      ['a token with three parts that are not JSON', 'a.b.c'],
    ] as const) {
      it(label, async () => {
        const res = await withToken(token);
        assertUnauthorized(res, /not a valid JWT/);
        assert.match(res.headers.get('www-authenticate') ?? '', /^Bearer error="invalid_token"/);
      });
    }

    it('a wrong X-Api-Key', async () => {
      const res = await api.call('anonymous', 'GET', '/claims', undefined, { 'X-Api-Key': 'wrong-key' });
      assertUnauthorized(res, /X-Api-Key/);
    });

    it('a wrong X-Api-Key even when a valid bearer token comes with it', async () => {
      const token = await signUserToken(JWT_SECRET, USERS.admin);
      const res = await api.call('anonymous', 'GET', '/me', undefined, {
        'X-Api-Key': `${API_KEY}-but-longer`,
        Authorization: `Bearer ${token}`,
      });
      assertUnauthorized(res, /X-Api-Key/);
    });

    it('without creating the user or the company a rejected token names', async () => {
      const token = await sign(
        claimsFor('ghost', { company: 'ghost-company', exp: Math.floor(Date.now() / 1000) - 1 }),
        JWT_SECRET,
        'HS256',
      );
      assertUnauthorized(await withToken(token));
      const company = await api.db.selectFrom('companies').select('id').where('id', '=', 'ghost-company').executeTakeFirst();
      const user = await api.db.selectFrom('users').select('id').where('external_id', '=', 'ghost').executeTakeFirst();
      assert.equal(company, undefined);
      assert.equal(user, undefined);
    });
  });

  describe('first sight', () => {
    it('creates the company and the user from a valid token', async () => {
      const token = await signUserToken(JWT_SECRET, {
        sub: 'u-100',
        company: 'logistica-norte',
        companyName: 'Logística Norte S.L.',
        role: 'admin',
        name: 'Iker Etxeberria',
        email: 'iker@norte.test',
        lang: 'es',
      });
      const res = await withToken(token);
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(res.body.name, 'Iker Etxeberria');
      assert.equal(res.body.role, 'admin');
      assert.equal(res.body.companyId, 'logistica-norte');
      assert.equal(res.body.companyName, 'Logística Norte S.L.');
      assert.equal(res.body.externalId, 'u-100');
      assert.equal(res.body.email, 'iker@norte.test');
      assert.equal(res.body.lang, 'es');
      const company = await api.db.selectFrom('companies').selectAll().where('id', '=', 'logistica-norte').executeTakeFirst();
      assert.equal(company?.name, 'Logística Norte S.L.');
    });

    it('names a company after its id until a token brings its name', async () => {
      const res = await withToken(await signUserToken(JWT_SECRET, { ...USERS.member, company: 'sin-nombre', sub: 'u-1' }));
      assert.equal(res.status, 200);
      assert.equal(res.body.companyName, 'sin-nombre');
    });

    it('keeps the user in step with the host: a changed name in a later token updates it', async () => {
      const claims = { sub: 'u-200', company: 'ferreteria', role: 'member' as const, name: 'Pau Serra', email: 'pau@ferreteria.test' };
      const first = await withToken(await signUserToken(JWT_SECRET, claims));
      assert.equal(first.status, 200);
      assert.equal(first.body.name, 'Pau Serra');

      const second = await withToken(await signUserToken(JWT_SECRET, { ...claims, name: 'Pau Serra i Vidal' }));
      assert.equal(second.status, 200);
      assert.equal(second.body.id, first.body.id, 'the same user, not a new one');
      assert.equal(second.body.name, 'Pau Serra i Vidal');

      const again = await withToken(await signUserToken(JWT_SECRET, { ...claims, name: 'Pau Serra i Vidal' }));
      assert.equal(again.body.name, 'Pau Serra i Vidal');
      const rows = await api.db.selectFrom('users').select('id').where('external_id', '=', 'u-200').execute();
      assert.equal(rows.length, 1);
    });

    it('treats the same `sub` in two companies as two different users', async () => {
      const inFerreteria = await withToken(
        await signUserToken(JWT_SECRET, { sub: 'u-7', company: 'ferreteria', role: 'member', name: 'Ana A', email: 'a@ferreteria.test' }),
      );
      const inTextiles = await withToken(
        await signUserToken(JWT_SECRET, { sub: 'u-7', company: 'textiles', role: 'admin', name: 'Ana B', email: 'b@textiles.test' }),
      );
      assert.equal(inFerreteria.status, 200);
      assert.equal(inTextiles.status, 200);
      assert.notEqual(inFerreteria.body.id, inTextiles.body.id);
      assert.equal(inFerreteria.body.companyId, 'ferreteria');
      assert.equal(inTextiles.body.companyId, 'textiles');
      assert.equal(inFerreteria.body.role, 'member');
      assert.equal(inTextiles.body.role, 'admin');
    });
  });
});
