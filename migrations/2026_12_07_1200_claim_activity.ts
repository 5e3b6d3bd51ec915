import { sql, type Kysely } from 'kysely';

// Frozen in time: this file never imports application code.
//
// For integrations that keep their own copy of the claims (issue 22):
// - claims.updated_at now moves with every event about the claim but a read receipt (a message,
//   a document, a move…), not only with the claim's own row; claims changed before are brought
//   to the time of their last such event.
// - GET /claims?sort=updated pages by (updated_at, id), across companies or within one, and
//   ?updatedSince= starts there.
// - GET /claims?externalRef= finds a claim by the host's id across companies; within one, the
//   unique (company_id, external_ref) constraint's index serves.

const INDEXES: Record<string, string[]> = {
  claims_updated_idx: ['updated_at', 'id'],
  claims_company_updated_idx: ['company_id', 'updated_at', 'id'],
  claims_external_ref_idx: ['external_ref'],
};

export async function up(db: Kysely<any>): Promise<void> {
  await sql`update claims set updated_at = last.at
    from (select claim_id, max(created_at) as at from claim_events where claim_id is not null and type <> 'message.read' group by claim_id) as last
    where last.claim_id = claims.id and last.at > claims.updated_at`.execute(db);
  for (const [name, columns] of Object.entries(INDEXES)) await db.schema.createIndex(name).on('claims').columns(columns).execute();
}

// The indexes go; updated_at keeps the times it was brought to, which are true.
export async function down(db: Kysely<any>): Promise<void> {
  for (const name of Object.keys(INDEXES)) await db.schema.dropIndex(name).execute();
}
