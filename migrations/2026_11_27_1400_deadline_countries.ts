import { sql, type Kysely } from 'kysely';

// Frozen in time: this file never imports application code.
//
// A filing deadline runs in a country: its public holidays are not business days and its day
// ends at midnight on its clock. Claims name the countries at both ends of the carriage
// (`origin_country`, `destination_country`: ISO 3166-1 alpha-2, null when the host did not
// say), each deadline rule says at which end its deadline runs (`runs_in`), and a claim keeps
// the country its deadline was counted in (`deadline_country`), as it keeps the rule's days
// and legal basis.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('claims').addColumn('origin_country', 'text').execute();
  await db.schema.alterTable('claims').addColumn('destination_country', 'text').execute();
  // Every deadline counted before this migration was counted with Spain's holidays.
  await db.schema.alterTable('claims').addColumn('deadline_country', 'text', (c) => c.notNull().defaultTo('ES')).execute();
  // A national claim is a Spanish one, as Claimdesk assumes when the host names no country.
  await db.updateTable('claims').set({ origin_country: 'ES', destination_country: 'ES' }).where('scope', '=', 'national').execute();

  // Hidden damage is found, and reserved, where the goods are delivered: a rule that does not
  // say runs there. Loss counts from when the carrier took the goods over, and a cargo
  // policy's notice of robbery or theft comes from the insured shipper: both where the goods left.
  await db.schema
    .alterTable('deadline_rules')
    .addColumn('runs_in', 'text', (c) => c.notNull().defaultTo('destination').check(sql`runs_in in ('origin', 'destination')`))
    .execute();
  await db.updateTable('deadline_rules').set({ runs_in: 'origin' }).where('claim_type', 'in', ['loss', 'robbery', 'theft']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('deadline_rules').dropColumn('runs_in').execute();
  await db.schema.alterTable('claims').dropColumn('deadline_country').execute();
  await db.schema.alterTable('claims').dropColumn('destination_country').execute();
  await db.schema.alterTable('claims').dropColumn('origin_country').execute();
}
