import type { Kysely } from 'kysely';

// Frozen in time: this file never imports application code.
//
// The analytics flag the claims whose amount claimed is over the carrier's liability limit (issue
// 24): each claim's row carries the limit, in cents of euros, counted as the claim shows it to a
// handler — null where none is counted (no rule for its carriage, no weight, not in euros, no rate
// recorded for its day). The money panel sums it over the outcomes, so the index those read
// carries it, as it carries every column they read. The rows are filled by the app's rebuild as
// it starts (the derivation's version is raised with this), not here.

const FILTERS = ['carrier', 'type', 'scope', 'company_id'];
const OUTCOME_COLUMNS = ['outcome_at', 'currency', 'claimed_cents', 'recovered_cents', 'seconds_to_outcome'];

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('analytics_claims').addColumn('limit_cents', 'integer').execute();
  await db.schema.dropIndex('analytics_claims_outcome_idx').execute();
  await db.schema
    .createIndex('analytics_claims_outcome_idx')
    .on('analytics_claims')
    .columns([...OUTCOME_COLUMNS, 'limit_cents', ...FILTERS])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('analytics_claims_outcome_idx').execute();
  await db.schema.createIndex('analytics_claims_outcome_idx').on('analytics_claims').columns([...OUTCOME_COLUMNS, ...FILTERS]).execute();
  await db.schema.alterTable('analytics_claims').dropColumn('limit_cents').execute();
}
