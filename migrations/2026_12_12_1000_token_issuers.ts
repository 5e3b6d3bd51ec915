import { sql, type Kysely } from 'kysely';

// Frozen in time: this file never imports application code.
//
// Trusted token issuers kept as data (issue 28): besides the operator's own (CLAIMS_JWT_SECRET,
// CLAIMS_JWKS_URL / CLAIMS_JWKS_FILE), parties whose signed user tokens the API accepts, which
// the operator's backend adds and removes (POST/DELETE /token-issuers) without a restart. Each
// names itself in `iss` (unique: the token's iss picks one) and signs for the operator's users
// (scope 'operator') or one company's admins and members (scope 'company', with company_id; the
// company need not exist yet: users create it on first sight). Its keys are a JWKS at a URL, a
// JWKS given inline (jwks, as JSON), or an HS256 secret the API generated, sealed as webhook
// secrets are (secret_ciphertext). Every API process reads the table into memory and again at
// least every 30 s, so a removal is seen everywhere within that.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('token_issuers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('iss', 'text', (c) => c.notNull().unique())
    .addColumn('scope', 'text', (c) => c.notNull().check(sql`scope in ('operator', 'company')`))
    .addColumn('company_id', 'text')
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('jwks_url', 'jwks', 'secret')`))
    .addColumn('jwks_url', 'text')
    .addColumn('jwks', 'text')
    .addColumn('secret_ciphertext', 'text')
    .addColumn('created_by_name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    // A company issuer names its company, an operator's none; each kind has its keys where it says.
    .addCheckConstraint('token_issuers_company_of_scope', sql`(company_id is not null) = (scope = 'company')`)
    .addCheckConstraint(
      'token_issuers_keys_of_kind',
      sql`(jwks_url is not null) = (kind = 'jwks_url') and (jwks is not null) = (kind = 'jwks') and (secret_ciphertext is not null) = (kind = 'secret')`,
    )
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('token_issuers').execute();
}
