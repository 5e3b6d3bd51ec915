import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Migrator } from 'kysely';
import { LANGUAGES } from '../../domain/constants.ts';
import pg from 'pg';
import { createMigrator, migrateToLatest, openDatabase, type DB } from './connect.ts';
import { createTestDatabaseUrl, dropTestDatabase, testEngine } from '../testing/database.ts';

describe('migrations', () => {
  let url: string;
  let db: DB;
  let migrator: Migrator;
  before(async () => {
    url = await createTestDatabaseUrl();
    db = openDatabase(url);
    migrator = await createMigrator(db);
  });
  after(async () => {
    await db.destroy();
    await dropTestDatabase(url);
  });

  it('translates the deadline basis of claims opened before it, and rolls back to where it came from', async () => {
    const { error } = await migrator.migrateTo('2026_11_26_1200_create_claims_core');
    assert.equal(error, undefined);
    const now = new Date().toISOString();
    await db.insertInto('companies').values({ id: 'co', name: 'Co', created_at: now, updated_at: now }).execute();
    const rule = await db.selectFrom('deadline_rules').select('basis').where('claim_type', '=', 'loss').where('scope', '=', 'national').executeTakeFirstOrThrow();
    const claim = (id: string, basis: string) => ({
      id, reference: id, company_id: 'co', external_ref: id, type: 'loss', goods: 'parcel', scope: 'national', status: 'notified',
      carrier: 'SEUR', tracking_number: 'T', description: 'd', origin: null, destination: null, packages: 1, currency: 'EUR',
      declared_value_cents: 100, claimed_amount_cents: null, outcome: null, outcome_amount_cents: null, decline_reason: null,
      incident_at: now, deadline_at: now, deadline_days: 30, deadline_day_kind: 'calendar', deadline_basis: basis, created_at: now, updated_at: now,
    }) as never;
    await db.insertInto('claims').values([claim('by-rule', rule.basis), claim('by-fallback', 'CMR art. 32 — one-year limitation period'), claim('custom', 'Acuerdo con el transportista')]).execute();

    assert.equal((await migrator.migrateToLatest()).error, undefined);
    const rows = await db.selectFrom('claims').select(['id', 'deadline_basis', 'deadline_basis_es']).orderBy('id').execute();
    assert.deepEqual(rows, [
      { id: 'by-fallback', deadline_basis: 'CMR art. 32 — one-year limitation period', deadline_basis_es: 'CMR art. 32 — prescripción de un año' },
      { id: 'by-rule', deadline_basis: 'Ley 15/2009 art. 58 — goods may be treated as lost 30 days after the carrier received them', deadline_basis_es: 'Ley 15/2009 art. 58 — pérdida: la mercancía se considera perdida a los 30 días de su recepción' },
      { id: 'custom', deadline_basis: 'Acuerdo con el transportista', deadline_basis_es: 'Acuerdo con el transportista' },
    ]);
    const untranslated = await db.selectFrom('deadline_rules').select('id').where('basis_es', 'is', null).execute();
    assert.deepEqual(untranslated, []);

    assert.equal((await migrator.migrateTo('2026_11_26_1200_create_claims_core')).error, undefined);
    assert.equal((await migrator.migrateToLatest()).error, undefined);
  });

  it('lets the event log hold user events, keeping every id and the id sequence, and rolls back', async () => {
    assert.equal((await migrator.migrateTo('2026_11_26_1300_localize_deadline_basis')).error, undefined);
    const now = new Date().toISOString();
    await db.insertInto('companies').values({ id: 'co2', name: 'Co 2', created_at: now, updated_at: now }).onConflict((oc) => oc.doNothing()).execute();
    await db.insertInto('users').values({
      id: 'usr_1', company_id: 'co2', external_id: 'u1', name: 'U', email: 'u@co2.test', role: 'member', lang: null,
      claims_access: 0, notifications: 'in_app', created_at: now, updated_at: now,
    } as never).execute();
    const claimId = (await db.selectFrom('claims').select('id').executeTakeFirstOrThrow()).id;
    const event = (type: string, extra: Record<string, unknown> = {}) => ({
      claim_id: claimId, company_id: 'co', type, actor_kind: 'system', actor_id: null, actor_name: 'test', data: '{}', created_at: now, ...extra,
    }) as never;
    const ids: number[] = [];
    for (const type of ['claim.created', 'claim.accepted', 'claim.transitioned']) {
      ids.push(Number((await db.insertInto('claim_events').values(event(type)).returning('id').executeTakeFirstOrThrow()).id));
    }
    // The last event is gone (as after a restore); its id must still never be handed out again.
    await db.deleteFrom('claim_events').where('id', '=', ids[2]!).execute();

    assert.equal((await migrator.migrateToLatest()).error, undefined);
    const kept = await db.selectFrom('claim_events').select(['id', 'type']).orderBy('id').execute();
    assert.deepEqual(kept.map((r) => [Number(r.id), r.type]), [[ids[0], 'claim.created'], [ids[1], 'claim.accepted']]);
    const userEvent = await db
      .insertInto('claim_events')
      .values(event('user.updated', { claim_id: null, user_id: 'usr_1', company_id: 'co2' }))
      .returning('id')
      .executeTakeFirstOrThrow();
    assert.ok(Number(userEvent.id) > ids[2]!, 'ids keep increasing past every id ever handed out');
    await assert.rejects(db.insertInto('claim_events').values(event('x', { claim_id: null })).execute(), 'an event names a claim or a user');
    await assert.rejects(db.insertInto('claim_events').values(event('x', { user_id: 'usr_1' })).execute(), 'not both');
    await assert.rejects(db.insertInto('claim_events').values(event('x', { actor_kind: 'robot' })).execute(), 'actor kinds are checked');

    assert.equal((await migrator.migrateTo('2026_11_26_1300_localize_deadline_basis')).error, undefined);
    const after = await db.selectFrom('claim_events').select('id').orderBy('id').execute();
    assert.deepEqual(after.map((r) => Number(r.id)), [ids[0], ids[1]], 'user events leave with the column that named their user');
    await assert.rejects(db.insertInto('claim_events').values(event('x', { claim_id: null })).execute(), 'claim_id is required again');
    assert.equal((await migrator.migrateToLatest()).error, undefined);
  });

  it('gives claims their countries and rules the end of the carriage they run at, and rolls back', async () => {
    assert.equal((await migrator.migrateTo('2026_11_27_1200_user_events')).error, undefined);
    const now = new Date().toISOString();
    await db.insertInto('companies').values({ id: 'co3', name: 'Co 3', created_at: now, updated_at: now }).execute();
    const claim = (id: string, scope: string) => ({
      id, reference: id, company_id: 'co3', external_ref: id, type: 'breakage', goods: 'pallet', scope, status: 'notified',
      carrier: 'SEUR', tracking_number: 'T', description: 'd', origin: null, destination: null, packages: 1, currency: 'EUR',
      declared_value_cents: 100, claimed_amount_cents: null, outcome: null, outcome_amount_cents: null, decline_reason: null,
      incident_at: now, deadline_at: now, deadline_days: 7, deadline_day_kind: 'business', deadline_basis: 'b', deadline_basis_es: 'b',
      created_at: now, updated_at: now,
    }) as never;
    await db.insertInto('claims').values([claim('co3-national', 'national'), claim('co3-international', 'international')]).execute();
    // A rule an operator added, naming no claim type.
    await db.insertInto('deadline_rules').values({ claim_type: null, goods: 'parcel', scope: null, days: 10, day_kind: 'calendar', basis: 'Acuerdo', basis_es: 'Acuerdo' } as never).execute();

    assert.equal((await migrator.migrateToLatest()).error, undefined);
    const claims = await db
      .selectFrom('claims')
      .select(['id', 'origin_country', 'destination_country', 'deadline_country'])
      .where('company_id', '=', 'co3')
      .orderBy('id')
      .execute();
    assert.deepEqual(claims, [
      { id: 'co3-international', origin_country: null, destination_country: null, deadline_country: 'ES' },
      { id: 'co3-national', origin_country: 'ES', destination_country: 'ES', deadline_country: 'ES' },
    ]);
    const rules = await db.selectFrom('deadline_rules').select(['claim_type', 'runs_in']).execute();
    const runsIn = (type: string | null) => [...new Set(rules.filter((r) => r.claim_type === type).map((r) => r.runs_in))];
    assert.deepEqual(runsIn('breakage'), ['destination'], 'damage is found where the goods arrive');
    for (const type of ['loss', 'robbery', 'theft']) assert.deepEqual(runsIn(type), ['origin'], type);
    assert.deepEqual(runsIn(null), ['destination'], 'a rule that does not say runs at the destination');
    await assert.rejects(
      db.insertInto('deadline_rules').values({ claim_type: 'loss', days: 1, day_kind: 'calendar', runs_in: 'sideways', basis: 'x' } as never).execute(),
      'runs_in is origin or destination',
    );

    assert.equal((await migrator.migrateTo('2026_11_27_1200_user_events')).error, undefined);
    await assert.rejects(db.selectFrom('claims').select('origin_country').execute(), 'the claims columns are gone');
    await assert.rejects(db.selectFrom('deadline_rules').select('runs_in').execute(), 'and so is the rules column');
    assert.equal((await migrator.migrateToLatest()).error, undefined);
  });

  it('gives the files rejections already made the rejection each received, from the event log, and rolls back', async () => {
    assert.equal((await migrator.migrateTo('2026_12_06_1300_storage_pending')).error, undefined);
    const at = (minute: number) => `2026-12-01T10:0${minute}:00.000Z`;
    await db.insertInto('companies').values({ id: 'co4', name: 'Co 4', created_at: at(0), updated_at: at(0) }).execute();
    await db.insertInto('users').values({
      id: 'usr_h', company_id: 'co4', external_id: 'h', name: 'Carmen', email: 'h@co4.test', role: 'handler', lang: null,
      claims_access: 1, notifications: 'in_app', created_at: at(0), updated_at: at(0),
    } as never).execute();
    await db.insertInto('claims').values({
      id: 'co4-claim', reference: 'co4-claim', company_id: 'co4', external_ref: 'co4', type: 'loss', goods: 'parcel', scope: 'national', status: 'documentation',
      carrier: 'SEUR', tracking_number: 'T', description: 'd', origin: null, destination: null, packages: 1, currency: 'EUR',
      declared_value_cents: 100, claimed_amount_cents: null, outcome: null, outcome_amount_cents: null, decline_reason: null,
      incident_at: at(0), deadline_at: at(0), deadline_days: 30, deadline_day_kind: 'calendar', deadline_basis: 'b', deadline_basis_es: 'b',
      created_at: at(0), updated_at: at(0),
    } as never).execute();
    const requirement = (id: string, status: string) => ({
      id, claim_id: 'co4-claim', company_id: 'co4', kind: 'commercial_invoice', note: null, required: 1, position: 10, status, reason: null,
      requested_by_id: null, requested_by_name: null, reviewed_by_id: 'usr_h', reviewed_by_name: 'Carmen', reviewed_at: at(6), created_at: at(0), updated_at: at(6),
    }) as never;
    await db.insertInto('claim_documents').values([requirement('req_invoice', 'accepted'), requirement('req_other', 'uploaded')]).execute();
    const file = (id: string, requirementId: string, minute: number) => ({
      id, requirement_id: requirementId, message_id: null, claim_id: 'co4-claim', company_id: 'co4', name: `${id}.pdf`, size: 1, type: 'application/pdf',
      sha256: 'x', storage_key: `key-${id}`, thumbnail_key: null, uploaded_by_id: null, uploaded_by_name: 'Ana', uploaded_at: at(minute),
    }) as never;
    await db.insertInto('files').values([file('a', 'req_invoice', 1), file('b', 'req_invoice', 1), file('c', 'req_invoice', 3), file('d', 'req_invoice', 5), file('e', 'req_other', 1)]).execute();
    const reviewed = (requirementId: string, minute: number, decision: string, reason?: string) => ({
      claim_id: 'co4-claim', company_id: 'co4', type: 'document.reviewed', actor_kind: 'user', actor_id: 'usr_h', actor_name: 'Carmen', created_at: at(minute),
      data: JSON.stringify({ document: { requirementId, kind: 'commercial_invoice', label: { en: 'Invoice', es: 'Factura' } }, decision, ...(reason && { reason }) }),
    }) as never;
    await db.insertInto('claim_events').values([
      reviewed('req_invoice', 2, 'rejected', 'Son fotos.'),
      reviewed('req_invoice', 4, 'rejected', 'Ilegible.'),
      reviewed('req_invoice', 6, 'accepted'),
    ]).execute();

    assert.equal((await migrator.migrateToLatest()).error, undefined);
    const files = await db.selectFrom('files').select(['id', 'rejected_at', 'rejection_reason', 'rejected_by_id', 'rejected_by_name']).where('company_id', '=', 'co4').orderBy('id').execute();
    const rejected = (minute: number, reason: string) => ({ rejected_at: at(minute), rejection_reason: reason, rejected_by_id: 'usr_h', rejected_by_name: 'Carmen' });
    const never = { rejected_at: null, rejection_reason: null, rejected_by_id: null, rejected_by_name: null };
    assert.deepEqual(files, [
      { id: 'a', ...rejected(2, 'Son fotos.') },
      { id: 'b', ...rejected(2, 'Son fotos.') },
      { id: 'c', ...rejected(4, 'Ilegible.') },
      { id: 'd', ...never },
      { id: 'e', ...never },
    ]);

    assert.equal((await migrator.migrateTo('2026_12_06_1300_storage_pending')).error, undefined);
    await assert.rejects(db.selectFrom('files').select('rejected_at').execute(), 'the columns are gone');
    assert.equal((await db.selectFrom('files').select('id').where('company_id', '=', 'co4').execute()).length, 5, 'and every file is kept');
    assert.equal((await migrator.migrateToLatest()).error, undefined);
  });

  it('speaks to the customer as "tú" in every document kind’s Spanish help, and rolls back', async () => {
    assert.equal((await migrator.migrateToLatest()).error, undefined);
    // "su número" is the report's own number; these are the customer's, said as "usted".
    const formal = /\busted\b|\bsi la tiene\b|\bsu (banco|empresa|factura)\b/i;
    const kinds = await db.selectFrom('document_kinds').select(['code', 'help_es']).execute();
    assert.deepEqual(kinds.filter((kind) => formal.test(kind.help_es)), []);
    assert.equal((await migrator.migrateTo('2026_12_06_1300_storage_pending')).error, undefined);
    const before = await db.selectFrom('document_kinds').select('help_es').where('code', '=', 'bank_account_certificate').executeTakeFirstOrThrow();
    assert.match(before.help_es, /su banco/);
    assert.equal((await migrator.migrateToLatest()).error, undefined);
  });

  it('lets integrations write messages, files and upload keys with no user behind them, and rolls back keeping the people’s', async () => {
    const names = (await migrator.getMigrations()).map((migration) => migration.name);
    const before = names[names.indexOf('2026_12_07_1300_integration_authors') - 1]!;
    assert.equal((await migrator.migrateTo(before)).error, undefined);
    // co4's claim and handler come from the rejections' test above.
    const at = '2026-12-07T10:00:00.000Z';
    await db.insertInto('users').values({
      id: 'usr_m', company_id: 'co4', external_id: 'm', name: 'Ana', email: 'm@co4.test', role: 'member', lang: null,
      claims_access: 1, notifications: 'in_app', created_at: at, updated_at: at,
    } as never).execute();
    const message = (id: string, author: Record<string, unknown>, clientId = id) => ({
      id, claim_id: 'co4-claim', company_id: 'co4', author_name: 'x', client_id: clientId, body: 'hola', created_at: at, ...author,
    }) as never;
    await db.insertInto('messages').values([message('msg_h', { author_id: 'usr_h', author_kind: 'handler' }), message('msg_m', { author_id: 'usr_m', author_kind: 'user' })]).execute();
    const file = (id: string, uploader: Record<string, unknown>, messageId: string | null = null) => ({
      id, requirement_id: null, message_id: messageId, claim_id: 'co4-claim', company_id: 'co4', name: `${id}.pdf`, size: 1, type: 'application/pdf',
      sha256: 'x', storage_key: `key-${id}`, thumbnail_key: null, uploaded_by_name: 'x', uploaded_at: at, ...uploader,
    }) as never;
    await db.insertInto('files').values([file('by-handler', { uploaded_by_id: 'usr_h' }), file('by-member', { uploaded_by_id: 'usr_m' })]).execute();

    assert.equal((await migrator.migrateTo('2026_12_07_1300_integration_authors')).error, undefined);
    const kinds = await db.selectFrom('files').select(['id', 'uploaded_by_kind']).where('id', 'in', ['by-handler', 'by-member']).orderBy('id').execute();
    assert.deepEqual(kinds, [{ id: 'by-handler', uploaded_by_kind: 'handler' }, { id: 'by-member', uploaded_by_kind: 'user' }]);
    await db.insertInto('api_keys').values({
      id: 'key_erp', company_id: 'co4', name: 'ERP', prefix: 'cdk_x', secret_hash: 'h', scopes: '[]', created_by_id: null, created_by_name: null,
      created_at: at, last_used_at: null, revoked_at: null, revoked_by_name: null,
    } as never).execute();
    await db.insertInto('messages').values([
      message('msg_key', { author_id: null, author_key_id: 'key_erp', author_kind: 'service' }, 'same'),
      message('msg_host', { author_id: null, author_key_id: null, author_kind: 'service' }, 'same'),
      message('msg_m2', { author_id: 'usr_m', author_key_id: null, author_kind: 'user' }, 'same'),
    ]).execute();
    await assert.rejects(
      db.insertInto('messages').values(message('msg_host2', { author_id: null, author_key_id: null, author_kind: 'service' }, 'same')).execute(),
      'a client id is unique per author, the operator’s key included',
    );
    await db.insertInto('files').values(file('sent-by-key', { uploaded_by_id: null, uploaded_by_key_id: 'key_erp', uploaded_by_kind: 'service' }, 'msg_key')).execute();
    await db.insertInto('message_reads').values({ claim_id: 'co4-claim', user_id: 'usr_m', company_id: 'co4', message_id: 'msg_host', message_created_at: at, read_at: at } as never).execute();
    const upload = (userId: string | null, keyId: string | null) => ({ user_id: userId, key_id: keyId, idempotency_key: 'k', claim_id: 'co4-claim', requirement_id: null, file_ids: '[]', created_at: at }) as never;
    await db.insertInto('upload_requests').values([upload('usr_m', null), upload(null, 'key_erp'), upload(null, null)]).execute();
    await assert.rejects(db.insertInto('upload_requests').values(upload(null, null)).execute(), 'an Idempotency-Key is unique per uploader');

    assert.equal((await migrator.migrateTo(before)).error, undefined);
    const messages = await db.selectFrom('messages').select('id').where('claim_id', '=', 'co4-claim').orderBy('id').execute();
    assert.deepEqual(messages.map((m) => m.id), ['msg_h', 'msg_m', 'msg_m2'], 'the people’s messages stay');
    assert.deepEqual(await db.selectFrom('message_reads').select('message_id').where('claim_id', '=', 'co4-claim').execute(), []);
    const unsent = await db.selectFrom('files').select(['id', 'message_id']).where('id', '=', 'sent-by-key').executeTakeFirstOrThrow();
    assert.equal(unsent.message_id, null, 'an integration’s attachment is left unsent, to expire');
    assert.deepEqual((await db.selectFrom('upload_requests').select('user_id').where('claim_id', '=', 'co4-claim').execute()).map((r) => r.user_id), ['usr_m']);
    await assert.rejects(db.insertInto('messages').values(message('msg_m3', { author_id: 'usr_m', author_kind: 'user' }, 'same')).execute(), 'unique per user again');
    assert.equal((await migrator.migrateToLatest()).error, undefined);
  });

  it('lets a message name the document a handler asked for with it, and rolls back keeping the message', async () => {
    const names = (await migrator.getMigrations()).map((migration) => migration.name);
    const before = names[names.indexOf('2026_12_09_1100_message_document_requests') - 1]!;
    // co4's claim, its requirement req_other and the handler's message msg_h come from the tests above.
    assert.equal((await migrator.migrateTo('2026_12_09_1100_message_document_requests')).error, undefined);
    await db.updateTable('messages').set({ requirement_id: 'req_other' } as never).where('id', '=', 'msg_h').execute();
    const asked = await db.selectFrom('messages').select(['id', 'requirement_id']).where('claim_id', '=', 'co4-claim').orderBy('id').execute();
    assert.deepEqual(asked.map((m) => [m.id, m.requirement_id]), [['msg_h', 'req_other'], ['msg_m', null], ['msg_m2', null]]);
    await assert.rejects(
      db.updateTable('messages').set({ requirement_id: 'req_nowhere' } as never).where('id', '=', 'msg_m').execute(),
      'a message names a requirement that exists',
    );

    assert.equal((await migrator.migrateTo(before)).error, undefined);
    const kept = await db.selectFrom('messages').selectAll().where('id', '=', 'msg_h').executeTakeFirstOrThrow();
    assert.equal(kept.body, 'hola', 'the message stays, without the document it named');
    assert.ok(!('requirement_id' in kept));
    assert.equal((await migrator.migrateToLatest()).error, undefined);
  });

  it('marks the document kinds that are photos, refuses any flag but 0 and 1, and rolls back', async () => {
    const names = (await migrator.getMigrations()).map((migration) => migration.name);
    const before = names[names.indexOf('2026_12_10_1400_photo_document_kinds') - 1]!;
    assert.equal((await migrator.migrateTo('2026_12_10_1400_photo_document_kinds')).error, undefined);
    const photos = await db.selectFrom('document_kinds').select('code').where('photos', '=', 1).orderBy('code').execute();
    assert.deepEqual(photos.map((kind) => kind.code), ['damage_photos', 'packaging_photos']);
    await assert.rejects(db.updateTable('document_kinds').set({ photos: 2 }).where('code', '=', 'other').execute(), 'the flag is 0 or 1');
    await db.insertInto('document_kinds').values({ code: 'seal_photos', label_en: 'Photos of the seal', label_es: 'Fotos del precinto', help_en: '-', help_es: '-', position: 200 } as never).execute();
    const added = await db.selectFrom('document_kinds').select('photos').where('code', '=', 'seal_photos').executeTakeFirstOrThrow();
    assert.equal(added.photos, 0, 'a kind added without saying is a document');

    assert.equal((await migrator.migrateTo(before)).error, undefined);
    const kind = await db.selectFrom('document_kinds').selectAll().where('code', '=', 'damage_photos').executeTakeFirstOrThrow();
    assert.ok(!('photos' in kind));
    await db.deleteFrom('document_kinds').where('code', '=', 'seal_photos').execute();
    assert.equal((await migrator.migrateToLatest()).error, undefined);
  });

  it('words the seeded document kinds in every language, leaves an operator’s kinds and rewordings to fall back, and rolls back', async () => {
    const names = (await migrator.getMigrations()).map((migration) => migration.name);
    const before = names[names.indexOf('2026_12_10_1800_document_kind_languages') - 1]!;
    assert.equal((await migrator.migrateTo(before)).error, undefined);
    // An operator's own kind, in Spanish and English as their scripts insert it, and a seeded kind they reworded.
    await db.insertInto('document_kinds').values({ code: 'seal_photos', label_en: 'Photos of the seal', label_es: 'Fotos del precinto', help_en: '-', help_es: '-', position: 200 } as never).execute();
    await db.updateTable('document_kinds').set({ label_en: 'Anything else', label_es: 'Cualquier otro' } as never).where('code', '=', 'other').execute();

    assert.equal((await migrator.migrateTo('2026_12_10_1800_document_kind_languages')).error, undefined);
    // A column per language of domain/constants.ts: a language added there without its columns fails here.
    const columns = LANGUAGES.flatMap((language) => [`label_${language}`, `help_${language}`] as const);
    const kinds = await db.selectFrom('document_kinds').select(['code', ...columns]).orderBy('code').execute();
    const unwritten = (kind: (typeof kinds)[number]) => columns.filter((column) => kind[column] === null);
    for (const kind of kinds.filter((kind) => kind.code !== 'seal_photos' && kind.code !== 'other')) {
      assert.deepEqual(unwritten(kind), [], `${kind.code} is written in every language`);
    }
    const other = kinds.find((kind) => kind.code === 'other')!;
    assert.deepEqual(unwritten(other), ['label_pt', 'label_fr', 'label_de', 'label_it', 'label_ca'], 'the reworded name keeps no translation of the old one; its help, untouched, has them');
    assert.equal(other.help_fr, 'La note de votre gestionnaire précise ce qui est nécessaire.');
    const seal = kinds.find((kind) => kind.code === 'seal_photos')!;
    assert.deepEqual(unwritten(seal), columns.filter((column) => !column.endsWith('_es') && !column.endsWith('_en')));
    const police = kinds.find((kind) => kind.code === 'police_report')!;
    assert.deepEqual(
      [police.label_pt, police.label_fr, police.label_de, police.label_it, police.label_ca],
      ['Auto de denúncia', 'Dépôt de plainte', 'Polizeiliche Anzeige', 'Denuncia alle forze dell’ordine', 'Denúncia policial'],
    );

    assert.equal((await migrator.migrateTo(before)).error, undefined);
    const rolledBack = await db.selectFrom('document_kinds').selectAll().where('code', '=', 'police_report').executeTakeFirstOrThrow();
    assert.deepEqual(Object.keys(rolledBack).filter((column) => /^(label|help)_/.test(column)).sort(), ['help_en', 'help_es', 'label_en', 'label_es']);
    await db.deleteFrom('document_kinds').where('code', '=', 'seal_photos').execute();
    await db.updateTable('document_kinds').set({ label_en: 'Other document', label_es: 'Otro documento' } as never).where('code', '=', 'other').execute();
    assert.equal((await migrator.migrateToLatest()).error, undefined);
  });
  it('keeps trusted token issuers, each with the company its scope names and the keys its kind names, and rolls back', async () => {
    const names = (await migrator.getMigrations()).map((migration) => migration.name);
    const before = names[names.indexOf('2026_12_12_1000_token_issuers') - 1]!;
    assert.equal((await migrator.migrateTo('2026_12_12_1000_token_issuers')).error, undefined);
    const row = { id: 'iss_1', iss: 'https://sso.test', scope: 'company', company_id: 'ferreteria', kind: 'jwks_url', jwks_url: 'https://sso.test/jwks.json', jwks: null, secret_ciphertext: null, created_by_name: 'Operator (API key)', created_at: '2026-12-12T10:00:00.000Z' } as const;
    await db.insertInto('token_issuers').values(row).execute();
    await assert.rejects(db.insertInto('token_issuers').values({ ...row, id: 'iss_2' }).execute(), 'the iss picks one issuer');
    await assert.rejects(db.insertInto('token_issuers').values({ ...row, id: 'iss_3', iss: 'a', company_id: null }).execute(), 'a company issuer names its company');
    await assert.rejects(db.insertInto('token_issuers').values({ ...row, id: 'iss_4', iss: 'b', scope: 'operator' }).execute(), 'an operator’s names none');
    await assert.rejects(db.insertInto('token_issuers').values({ ...row, id: 'iss_5', iss: 'c', kind: 'secret' }).execute(), 'a secret issuer has its secret, and no URL');
    await assert.rejects(db.insertInto('token_issuers').values({ ...row, id: 'iss_6', iss: 'd', kind: 'x' as never }).execute(), 'a kind it knows');

    assert.equal((await migrator.migrateTo(before)).error, undefined);
    await assert.rejects(db.selectFrom('token_issuers').selectAll().execute(), 'the table is gone');
    assert.equal((await migrator.migrateToLatest()).error, undefined);
  });
});

describe('migrating while other schemas of the database come and go', { skip: testEngine !== 'postgres' && 'PostgreSQL: one database, a schema per test file' }, () => {
  it('migrates a fresh schema however many are dropped beside it meanwhile', { timeout: 120_000 }, async () => {
    // Kysely's migrator looks for its tables among every schema's; measured without looking
    // again, 4 of 8 migrations failed with "schema … does not exist" beside this churn.
    const other = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await other.connect();
    let churning = true;
    const churn = (async () => {
      for (let n = 0; churning; n++) {
        const schema = `churn_${process.pid}_${n}`;
        await other.query(`create schema ${schema}; create table ${schema}.t (id int)`);
        await other.query(`drop schema ${schema} cascade`);
      }
    })();
    try {
      for (let i = 0; i < 4; i++) {
        const url = await createTestDatabaseUrl();
        const db = openDatabase(url);
        try {
          const { results } = await migrateToLatest(db);
          assert.ok(results && results.length > 0, 'every migration applied');
        } finally {
          await db.destroy();
          await dropTestDatabase(url);
        }
      }
    } finally {
      churning = false;
      await churn;
      await other.end();
    }
  });
});
