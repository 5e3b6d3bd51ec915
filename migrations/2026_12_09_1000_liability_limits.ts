import { sql, type Kysely } from 'kysely';

// Frozen in time: this file never imports application code.
//
// The carrier's liability is limited per kilogram of the goods' gross weight (CMR art. 23.3,
// Ley 15/2009 art. 57), so a claim may now carry that weight: in whole grams, which keeps the
// arithmetic exact on both engines (a REAL would make 0.1 kg a float), null where the host did
// not say. The limits are counted with published values that change — the euro value of one
// SDR, the daily IPREM — kept here as data the operator adds to, each from the day it takes
// effect. A correction is one more row for the same kind and day: the latest recorded wins, and
// the earlier stays as the record of what was used before. No row is seeded: a deployment
// shows "no rate" until its operator records one, rather than a figure nobody keeps current.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('claims')
    .addColumn('gross_weight_grams', 'integer', (c) => c.check(sql`gross_weight_grams > 0`))
    .execute();

  await db.schema
    .createTable('liability_rates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('eur-per-sdr', 'iprem-daily-eur')`))
    // A decimal as the operator wrote it ("1.1500"): exact, with the precision it was published in.
    .addColumn('value', 'text', (c) => c.notNull())
    // A calendar day, YYYY-MM-DD.
    .addColumn('effective_from', 'text', (c) => c.notNull())
    .addColumn('source', 'text')
    .addColumn('recorded_by_kind', 'text', (c) => c.notNull().check(sql`recorded_by_kind in ('user', 'handler', 'system', 'service')`))
    .addColumn('recorded_by_id', 'text')
    .addColumn('recorded_by_name', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('liability_rates_kind_effective').on('liability_rates').columns(['kind', 'effective_from']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('liability_rates').execute();
  await db.schema.alterTable('claims').dropColumn('gross_weight_grams').execute();
}
