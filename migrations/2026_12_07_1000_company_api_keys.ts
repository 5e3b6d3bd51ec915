import type { Kysely } from 'kysely';

// Frozen in time: this file never imports application code.
//
// Besides the operator's CLAIMS_API_KEY, each company's administrators create keys of their own
// for their ERP: bound to that company and to chosen scopes. Only a SHA-256 of each key is kept
// (the keys are long random strings: a fast hash cannot be brute-forced), with its first
// characters so people can tell keys apart. A revoked key stays listed, with who revoked it.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('api_keys')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('company_id', 'text', (col) => col.notNull().references('companies.id'))
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('prefix', 'text', (col) => col.notNull())
    .addColumn('secret_hash', 'text', (col) => col.notNull().unique())
    // A JSON array of scopes: claims:read, claims:write, webhooks:manage.
    .addColumn('scopes', 'text', (col) => col.notNull())
    // Null: created with the operator's key.
    .addColumn('created_by_id', 'text', (col) => col.references('users.id'))
    .addColumn('created_by_name', 'text')
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('last_used_at', 'text')
    .addColumn('revoked_at', 'text')
    .addColumn('revoked_by_name', 'text')
    .execute();
  await db.schema.createIndex('api_keys_company_idx').on('api_keys').columns(['company_id', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('api_keys').execute();
}
