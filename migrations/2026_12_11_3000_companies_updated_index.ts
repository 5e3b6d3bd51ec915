import type { Kysely } from 'kysely';

// Frozen in time: this file never imports application code.
//
// Conditional requests on claims (issue 26): a page of claims across companies is tagged with when
// any company last changed (a name a token renames it to is not an event), read at every
// revalidation as the newest updated_at: one step down this index rather than a walk of companies.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('companies_updated_idx').on('companies').column('updated_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('companies_updated_idx').execute();
}
