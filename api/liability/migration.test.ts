import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Migrator } from 'kysely';
import { createMigrator, openDatabase, type DB } from '../db/connect.ts';
import { createTestDatabaseUrl, dropTestDatabase } from '../testing/database.ts';

const MIGRATION = '2026_12_09_1000_liability_limits';

describe(`migration ${MIGRATION}`, () => {
  let url: string;
  let db: DB;
  let migrator: Migrator;
  let previous: string;
  before(async () => {
    url = await createTestDatabaseUrl();
    db = openDatabase(url);
    migrator = await createMigrator(db);
    const names = (await migrator.getMigrations()).map((migration) => migration.name);
    previous = names[names.indexOf(MIGRATION) - 1]!;
  });
  after(async () => {
    await db.destroy();
    await dropTestDatabase(url);
  });

  it('gives claims opened before it no weight, keeps rates to their kinds and positive weights, and rolls back keeping the claims', async () => {
    assert.equal((await migrator.migrateTo(previous)).error, undefined);
    const now = new Date().toISOString();
    await db.insertInto('companies').values({ id: 'co', name: 'Co', created_at: now, updated_at: now }).execute();
    const claim = (id: string) =>
      ({
        id, reference: id, company_id: 'co', external_ref: id, type: 'loss', goods: 'pallet', scope: 'international', status: 'notified',
        carrier: 'Dachser', tracking_number: 'T', description: 'd', origin: null, destination: null, packages: 1, currency: 'EUR',
        declared_value_cents: 100, claimed_amount_cents: null, outcome: null, outcome_amount_cents: null, decline_reason: null,
        incident_at: now, deadline_at: now, deadline_days: 365, deadline_day_kind: 'calendar', deadline_basis: 'b', deadline_basis_es: 'b',
        deadline_order: now, search_text: id, created_at: now, updated_at: now,
      }) as never;
    await db.insertInto('claims').values(claim('before')).execute();

    assert.equal((await migrator.migrateTo(MIGRATION)).error, undefined);
    const opened = await db.selectFrom('claims').select(['id', 'gross_weight_grams']).execute();
    assert.deepEqual(opened, [{ id: 'before', gross_weight_grams: null }]);
    await assert.rejects(db.updateTable('claims').set({ gross_weight_grams: 0 }).where('id', '=', 'before').execute(), 'a weight is above zero');
    await db.updateTable('claims').set({ gross_weight_grams: 12_500 }).where('id', '=', 'before').execute();
    assert.deepEqual(await db.selectFrom('liability_rates').selectAll().execute(), [], 'no rate is seeded');
    const rate = (kind: string) =>
      ({ id: kind, kind, value: '1.15', effective_from: '2026-11-01', source: null, recorded_by_kind: 'handler', recorded_by_id: null, recorded_by_name: 'Carmen', recorded_at: now }) as never;
    await db.insertInto('liability_rates').values(rate('eur-per-sdr')).execute();
    await assert.rejects(db.insertInto('liability_rates').values(rate('usd-per-sdr')).execute(), 'kinds are checked');

    assert.equal((await migrator.migrateTo(previous)).error, undefined);
    await assert.rejects(db.selectFrom('liability_rates').selectAll().execute(), 'the rates are gone');
    await assert.rejects(db.selectFrom('claims').select('gross_weight_grams').execute(), 'and so is the weight');
    assert.deepEqual(await db.selectFrom('claims').select('id').execute(), [{ id: 'before' }], 'the claim stays');
    assert.equal((await migrator.migrateToLatest()).error, undefined);
  });
});
