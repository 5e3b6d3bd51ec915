import type { Kysely } from 'kysely';

// Frozen in time: this file never imports application code.
//
// The staff's analytics (issue 24) answer from read models derived from the event log, kept by a
// reaction in each event's transaction (api/analytics/):
// - analytics_claims: one row per claim — its facts (company, carrier, type, scope, claimed
//   amount, deadline) and the times its history reached (opened, assigned, declined, filed,
//   outcome, first message and the handler's first answer in its chat);
// - analytics_phase_stays: each stay of a claim in a status it leaves again (notified →
//   resolved), entered and left, with the claim's facts the panels filter on;
// - analytics_reviews: each round of a document's review, from the first file uploaded for it
//   to the handler's verdict;
// - analytics_phase_days: per day, status, type and scope, how many stays began and ended: the
//   backlog and the claims opened, summed over days rather than claims;
// - read_model_versions: which version of a read model's derivation built the rows. These tables
//   start empty; an existing deployment's log is replayed into them by the app when it starts
//   (rebuildAnalytics in api/analytics/read-models.ts), because the derivation is the app's and
//   a migration never runs the app's code.
// Each panel reads one range of an index — the time the fact happened, within the period — that
// holds every column the panel reads and filters on, so the rows themselves are never visited.

/** The claim's facts every panel may be narrowed by, carried at the end of each index. */
const FILTERS = ['carrier', 'type', 'scope', 'company_id'];

const INDEXES: Record<string, [table: string, columns: string[]]> = {
  analytics_claims_opened_idx: ['analytics_claims', ['opened_at', ...FILTERS]],
  analytics_claims_outcome_idx: ['analytics_claims', ['outcome_at', 'currency', 'claimed_cents', 'recovered_cents', 'seconds_to_outcome', ...FILTERS]],
  analytics_claims_due_idx: ['analytics_claims', ['due_at', 'filed_at', 'declined_at', ...FILTERS]],
  analytics_claims_assigned_idx: ['analytics_claims', ['assigned_at', 'handler_id', ...FILTERS]],
  analytics_claims_answer_idx: ['analytics_claims', ['first_answer_at', 'first_answer_by', 'first_answer_seconds', ...FILTERS]],
  // Each phase's stays by when they ended: its times.
  analytics_stays_status_left_idx: ['analytics_phase_stays', ['status', 'left_at', 'seconds', ...FILTERS]],
  // Open stays (left_at null) first, then by when they ended: the backlog of one company or carrier.
  analytics_stays_left_idx: ['analytics_phase_stays', ['left_at', 'entered_at', 'status', ...FILTERS]],
  analytics_reviews_reviewed_idx: ['analytics_reviews', ['reviewed_at', 'reviewer_id', 'seconds', ...FILTERS]],
};

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('analytics_claims')
    .addColumn('claim_id', 'text', (c) => c.primaryKey())
    .addColumn('reference', 'text', (c) => c.notNull())
    .addColumn('company_id', 'text', (c) => c.notNull())
    .addColumn('carrier', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    // The amount claimed, or the declared value when none was: what an outcome may pay at most.
    .addColumn('claimed_cents', 'integer', (c) => c.notNull())
    .addColumn('due_at', 'text', (c) => c.notNull())
    .addColumn('opened_at', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('handler_id', 'text')
    .addColumn('assigned_at', 'text')
    .addColumn('declined_at', 'text')
    .addColumn('filed_at', 'text')
    .addColumn('outcome', 'text')
    .addColumn('outcome_at', 'text')
    .addColumn('recovered_cents', 'integer')
    .addColumn('seconds_to_outcome', 'integer')
    .addColumn('first_customer_message_at', 'text')
    .addColumn('first_answer_at', 'text')
    .addColumn('first_answer_by', 'text')
    .addColumn('first_answer_seconds', 'integer')
    .execute();

  await db.schema
    .createTable('analytics_phase_stays')
    .addColumn('claim_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('entered_at', 'text', (c) => c.notNull())
    .addColumn('left_at', 'text')
    .addColumn('seconds', 'integer')
    .addColumn('company_id', 'text', (c) => c.notNull())
    .addColumn('carrier', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('analytics_phase_stays_pk', ['claim_id', 'seq'])
    .execute();

  await db.schema
    .createTable('analytics_reviews')
    .addColumn('claim_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('requirement_id', 'text', (c) => c.notNull())
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    // The files of this round not reviewed yet, as a JSON array of ids: a round whose last such
    // file is removed before the review never happened.
    .addColumn('awaiting_files', 'text', (c) => c.notNull())
    .addColumn('reviewed_at', 'text')
    .addColumn('reviewer_id', 'text')
    .addColumn('decision', 'text')
    .addColumn('seconds', 'integer')
    .addColumn('company_id', 'text', (c) => c.notNull())
    .addColumn('carrier', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('analytics_reviews_pk', ['claim_id', 'seq'])
    .execute();

  await db.schema
    .createTable('analytics_phase_days')
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('entered', 'integer', (c) => c.notNull())
    .addColumn('exited', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('analytics_phase_days_pk', ['day', 'status', 'type', 'scope'])
    .execute();

  await db.schema
    .createTable('read_model_versions')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('built_at', 'text', (c) => c.notNull())
    .execute();

  for (const [name, [table, columns]] of Object.entries(INDEXES)) await db.schema.createIndex(name).on(table).columns(columns).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['read_model_versions', 'analytics_phase_days', 'analytics_reviews', 'analytics_phase_stays', 'analytics_claims']) await db.schema.dropTable(table).execute();
}
