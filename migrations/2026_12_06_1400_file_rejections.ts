import type { Kysely } from 'kysely';

// Frozen in time: this file never imports application code.
//
// A rejection was a property of the document only, so once a replacement was uploaded (and
// accepted) the rejected file beside it looked no different. Each file now keeps the rejection it
// received — why, by whom, when — for the rest of the claim's life. Null: never rejected.
//
// Files already rejected are found in the event log, the source of truth: each rejection
// (document.reviewed, decision rejected) covers the files its document held then that no earlier
// rejection had covered, the way the review command marks them from now on.

const BATCH = 500;

export async function up(db: Kysely<any>): Promise<void> {
  // One column a statement: SQLite adds no more at once.
  await db.schema.alterTable('files').addColumn('rejected_at', 'text').execute();
  await db.schema.alterTable('files').addColumn('rejection_reason', 'text').execute();
  await db.schema.alterTable('files').addColumn('rejected_by_id', 'text', (col) => col.references('users.id')).execute();
  await db.schema.alterTable('files').addColumn('rejected_by_name', 'text').execute();
  let after = 0;
  for (;;) {
    const events = await db
      .selectFrom('claim_events')
      .select(['id', 'data', 'actor_id', 'actor_name', 'created_at'])
      .where('type', '=', 'document.reviewed')
      .where('id', '>', after)
      .orderBy('id')
      .limit(BATCH)
      .execute();
    if (events.length === 0) return;
    for (const event of events) {
      const data = JSON.parse(event.data) as { decision?: string; reason?: string; document?: { requirementId?: string } };
      const requirementId = data.document?.requirementId;
      if (data.decision !== 'rejected' || !requirementId) continue;
      await db
        .updateTable('files')
        .set({ rejected_at: event.created_at, rejection_reason: data.reason ?? '', rejected_by_id: event.actor_id, rejected_by_name: event.actor_name })
        .where('requirement_id', '=', requirementId)
        .where('rejected_at', 'is', null)
        .where('uploaded_at', '<=', event.created_at)
        .execute();
    }
    after = Number(events.at(-1)!.id);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const column of ['rejected_by_name', 'rejected_by_id', 'rejection_reason', 'rejected_at']) {
    await db.schema.alterTable('files').dropColumn(column).execute();
  }
}
