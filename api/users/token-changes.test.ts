import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { signUserToken } from '../auth/tokens.ts';
import { SseConnection } from '../events/sse-connection.ts';
import { startServer, type RunningServer } from '../server.ts';
import { API_KEY, claimInput, JWT_SECRET, type TestUser } from '../testing/harness.ts';
import { createTestDatabaseUrl, dropTestDatabase } from '../testing/database.ts';
import { checkedFetch, loadServedDocument } from '../testing/openapi-check.ts';
import { readSse } from '../testing/sse.ts';

// What a user's token says about them (role, name, email, language) is a change like any other:
// recorded as user.updated through the write path, audited, and live — on the engine
// TEST_DATABASE_URL names (SQLite by default).

let server: RunningServer;
let databaseUrl: string;
before(async () => {
  databaseUrl = await createTestDatabaseUrl();
  server = await startServer({ port: 0, databaseUrl, jwtSecret: JWT_SECRET, apiKey: API_KEY, corsOrigins: [], heartbeatMs: 60_000 });
  await loadServedDocument(server.url);
});
after(async () => {
  await server.close();
  await dropTestDatabase(databaseUrl);
});

const bearer = async (user: TestUser) => ({ Authorization: `Bearer ${await signUserToken(JWT_SECRET, user)}` });

async function call(method: string, path: string, headers: Record<string, string>, body?: unknown) {
  const res = await checkedFetch(`${server.url}/api/v1${path}`, {
    method,
    headers: { ...headers, ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, body: (await res.json()) as any };
}

async function openSse(headers: Record<string, string>) {
  const res = await checkedFetch(`${server.url}/api/v1/events`, { headers });
  assert.equal(res.status, 200);
  const sse = readSse(res);
  await sse.until(() => sse.messages.length > 0); // the opening block: the stream is live
  return sse;
}

async function createClaim(company: string): Promise<string> {
  const res = await call('POST', '/claims', { 'X-Api-Key': API_KEY }, claimInput({ company: { id: company, name: company } }));
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body.id;
}

const claimIdsOf = (sse: ReturnType<typeof readSse>) => sse.events().map((m) => JSON.parse(m.data).claimId as string | undefined);
const userEventsOf = (sse: ReturnType<typeof readSse>) =>
  sse.events().filter((m) => m.event === 'user.updated').map((m) => JSON.parse(m.data) as { userId: string; data: Record<string, unknown> });

/** The user.updated events the log holds about one user, oldest first. */
function loggedUserEvents(userId: string) {
  return server.deps.db
    .selectFrom('claim_events')
    .select(['actor_kind', 'actor_id', 'actor_name', 'data'])
    .where('user_id', '=', userId)
    .where('type', '=', 'user.updated')
    .orderBy('id')
    .execute();
}

/** A company of the test's own, with an admin who watches it. */
async function company(key: string) {
  const boss: TestUser = { sub: `${key}-boss`, company: key, role: 'admin', name: 'Pere Boss', email: `boss@${key}.test` };
  return { boss, bossHeaders: await bearer(boss), bossId: (await call('GET', '/me', await bearer(boss))).body.id as string };
}

describe('a change a token brings is recorded as user.updated', () => {
  it('ends an admin’s open stream after the event when their next token makes them a member; the other admins see it, the log keeps it', async () => {
    const { bossHeaders } = await company('demote');
    const ines: TestUser = { sub: 'ines', company: 'demote', role: 'admin', name: 'Inés Admin', email: 'ines@demote.test' };
    const inesId = (await call('GET', '/me', await bearer(ines))).body.id as string;
    const inesStream = await openSse(await bearer(ines));
    const bossStream = await openSse(bossHeaders);
    const beforeChange = await createClaim('demote');
    await inesStream.until(() => claimIdsOf(inesStream).includes(beforeChange));

    const asMember = await bearer({ ...ines, role: 'member' });
    const me = await call('GET', '/me', asMember);
    assert.equal(me.status, 200);
    assert.equal(me.body.role, 'member');
    assert.equal(me.body.claimsAccess, false);

    await inesStream.until(() => inesStream.ended);
    const last = inesStream.events().at(-1)!;
    assert.equal(last.event, 'user.updated', 'the last thing the stream says is why it ends');
    assert.deepEqual(JSON.parse(last.data).data, { claimsAccess: false, notifications: 'in_app_and_email', role: 'member' });
    await bossStream.until(() => userEventsOf(bossStream).some((e) => e.userId === inesId));
    assert.deepEqual(userEventsOf(bossStream).find((e) => e.userId === inesId)!.data, { claimsAccess: false, notifications: 'in_app_and_email', role: 'member' });

    const afterChange = await createClaim('demote');
    await bossStream.until(() => claimIdsOf(bossStream).includes(afterChange));
    assert.ok(!claimIdsOf(inesStream).includes(afterChange), 'nothing reaches the old stream afterwards');
    assert.equal((await checkedFetch(`${server.url}/api/v1/events`, { headers: asMember })).status, 403, 'and the member cannot reopen it');

    // The host's identity system made the change; the token only carried it.
    assert.deepEqual(
      (await loggedUserEvents(inesId)).map(({ data, ...actor }) => ({ ...actor, data: JSON.parse(data) })),
      [{ actor_kind: 'service', actor_id: null, actor_name: 'Host system', data: { claimsAccess: false, notifications: 'in_app_and_email', role: 'member' } }],
    );
    await bossStream.close();
  });

  it('ends the stream of an admin who becomes a member with claims access, who reconnects with the member’s scope', async () => {
    const { bossHeaders } = await company('scope');
    const joan: TestUser = { sub: 'joan', company: 'scope', role: 'admin', name: 'Joan Admin', email: 'joan@scope.test' };
    const joanId = (await call('GET', '/me', await bearer(joan))).body.id as string;
    // Granted while an admin, so the access outlives the role.
    assert.equal((await call('PATCH', `/users/${joanId}`, bossHeaders, { claimsAccess: true })).status, 200);
    const adminStream = await openSse(await bearer(joan));

    const asMember = await bearer({ ...joan, role: 'member' });
    assert.equal((await call('GET', '/me', asMember)).body.claimsAccess, true);
    await adminStream.until(() => adminStream.ended);
    assert.deepEqual(userEventsOf(adminStream).at(-1)?.data, { claimsAccess: true, notifications: 'in_app_and_email', role: 'member' });

    const memberStream = await openSse(asMember);
    await call('PATCH', `/users/${(await call('GET', '/me', bossHeaders)).body.id}`, bossHeaders, { notifications: 'in_app' });
    const claim = await createClaim('scope');
    await memberStream.until(() => claimIdsOf(memberStream).includes(claim));
    assert.deepEqual(userEventsOf(memberStream), [], 'as a member, other users’ changes are no longer theirs to see');
    assert.ok(!memberStream.ended);
    await memberStream.close();
  });

  it('ends a handler’s stream when their token gives them another role', async () => {
    const marc: TestUser = { sub: 'marc', company: 'operator-roles', role: 'handler', name: 'Marc Handler', email: 'marc@operator.test' };
    const handlerStream = await openSse(await bearer(marc));
    assert.equal((await call('GET', '/me', await bearer({ ...marc, role: 'admin' }))).body.role, 'admin');
    await handlerStream.until(() => handlerStream.ended);
    const other = await createClaim('elsewhere');
    assert.ok(!claimIdsOf(handlerStream).includes(other), 'no other company’s claims reach it any more');
  });

  it('records name, email and language changes with what changed, leaving the user’s stream open', async () => {
    const { bossHeaders } = await company('rename');
    const eva: TestUser = { sub: 'eva', company: 'rename', role: 'admin', name: 'Eva Pons', email: 'eva@rename.test', lang: 'es' };
    const evaId = (await call('GET', '/me', await bearer(eva))).body.id as string;
    const bossStream = await openSse(bossHeaders);
    const evaStream = await openSse(await bearer(eva));

    const renamed = { ...eva, name: 'Eva Pons Vidal' };
    const moved = { ...renamed, email: 'eva.pons@rename.test' };
    const english = { ...moved, lang: 'en' as const };
    const { lang: _dropped, ...noLanguage } = english;
    for (const token of [renamed, moved, english, noLanguage]) assert.equal((await call('GET', '/me', await bearer(token))).status, 200);
    const claim = await createClaim('rename');
    for (const sse of [evaStream, bossStream]) await sse.until(() => claimIdsOf(sse).includes(claim));

    const settings = { claimsAccess: true, notifications: 'in_app_and_email' };
    const expected = [
      { ...settings, name: 'Eva Pons Vidal' },
      { ...settings, email: 'eva.pons@rename.test' },
      { ...settings, lang: 'en' },
      { ...settings, lang: null },
    ];
    assert.deepEqual(userEventsOf(evaStream).map((e) => e.data), expected);
    assert.deepEqual(userEventsOf(bossStream).filter((e) => e.userId === evaId).map((e) => e.data), expected);
    assert.ok(!evaStream.ended, 'the same role and access: the stream goes on');
    assert.equal((await loggedUserEvents(evaId)).length, 4);
    await Promise.all([evaStream.close(), bossStream.close()]);
  });

  it('writes nothing for a token that changes nothing', async () => {
    const { boss, bossHeaders, bossId } = await company('quiet');
    const stored = () => server.deps.db.selectFrom('users').select('updated_at').where('id', '=', bossId).executeTakeFirstOrThrow();
    const events = async () => Number((await server.deps.db.selectFrom('claim_events').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const [before, eventsBefore] = [await stored(), await events()];
    for (const headers of [bossHeaders, await bearer({ ...boss }), bossHeaders]) assert.equal((await call('GET', '/me', headers)).status, 200);
    assert.deepEqual(await stored(), before, 'the row is not rewritten');
    assert.equal(await events(), eventsBefore, 'and nothing is logged');
  });

  it('records one event when requests with the same new token race, and answers each of them', async () => {
    await company('race');
    const rita: TestUser = { sub: 'rita', company: 'race', role: 'admin', name: 'Rita Admin', email: 'rita@race.test' };
    const ritaId = (await call('GET', '/me', await bearer(rita))).body.id as string;
    const changed = await bearer({ ...rita, role: 'member', name: 'Rita Member' });
    const answers = await Promise.all(Array.from({ length: 8 }, () => call('GET', '/me', changed)));
    assert.deepEqual(answers.map((a) => a.status), Array(8).fill(200));
    assert.ok(answers.every((a) => a.body.role === 'member' && a.body.name === 'Rita Member'));
    assert.equal((await loggedUserEvents(ritaId)).length, 1);
  });

  it('records a role the host sync changes, ending that user’s stream as the token does', async () => {
    await company('synced');
    const olga: TestUser = { sub: 'olga', company: 'synced', role: 'admin', name: 'Olga Admin', email: 'olga@synced.test' };
    await call('GET', '/me', await bearer(olga));
    const stream = await openSse(await bearer(olga));
    const res = await call('PUT', '/companies/synced/users/olga', { 'X-Api-Key': API_KEY }, { name: olga.name, email: olga.email, role: 'member', claimsAccess: true });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    await stream.until(() => stream.ended);
    assert.deepEqual(userEventsOf(stream).at(-1)?.data, { claimsAccess: true, notifications: 'in_app_and_email', role: 'member' });
  });
});

describe('a role changed while a stream opens', () => {
  it('ends the stream if the role it was authenticated with is no longer the user’s when it joins the feed', async () => {
    const res = await call('PUT', '/companies/opening/users/lola', { 'X-Api-Key': API_KEY }, { name: 'Lola', email: 'lola@opening.test', role: 'member', claimsAccess: true });
    const userId = res.body.id as string;
    // As the stream of a request authenticated while Lola was an admin would be.
    const openedAsAdmin = new SseConnection({ companyId: 'opening', userId, isAdmin: true }, null, new PassThrough());
    await server.deps.feed.attach(openedAsAdmin, null);
    assert.ok(openedAsAdmin.ended);
    const openedAsMember = new SseConnection({ companyId: 'opening', userId, isAdmin: false }, null, new PassThrough());
    await server.deps.feed.attach(openedAsMember, null);
    assert.ok(!openedAsMember.ended, 'a stream of her present role stays');
    openedAsMember.end('client');
  });
});

describe('a token’s change racing the company’s other writes', () => {
  it('answers both a claim’s creation and a token that renames the company back, however they interleave', async () => {
    await company('tug');
    const admin: TestUser = { sub: 'tug-admin', company: 'tug', companyName: 'Tug Company S.L.', role: 'admin', name: 'Tug Admin', email: 'admin@tug.test' };
    const headers = await bearer(admin);
    for (let round = 0; round < 20; round++) {
      // The claim's intake names the company its own way; the token names it back: both write the company's row.
      const answers = await Promise.all([
        call('POST', '/claims', { 'X-Api-Key': API_KEY }, claimInput({ company: { id: 'tug', name: 'tug' } })),
        call('GET', '/me', headers),
        call('GET', '/me', headers),
      ]);
      assert.deepEqual(answers.map((a) => a.status), [201, 200, 200], JSON.stringify(answers.map((a) => a.body)));
    }
  });
});
