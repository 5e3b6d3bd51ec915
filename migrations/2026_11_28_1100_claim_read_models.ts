import { PostgresAdapter, sql, type Kysely } from 'kysely';

// Frozen in time: this file never imports application code.
//
// What the claim list reads instead of scanning claims (issue 12):
// - claims.search_text: the searchable text of a claim (reference, tracking number, carrier,
//   description, external ref) lower-cased and without accents, written by TypeScript so both
//   engines search the same text. SQLite indexes it with FTS5's trigram tokenizer (claims_search,
//   filled by a trigger on insert); PostgreSQL with a pg_trgm GIN index.
// - Prefix indexes on reference and tracking number, for searches too short for trigrams.
// - claim_counts: claims per status at every grain the list filters on without a search
//   (company, handler, type), '' standing for "all" in a dimension and 'none' for no handler.
// - Indexes that let every filter of the list (company, handler, status) seek in both sorts.

const isPostgres = (db: Kysely<any>) => db.getExecutor().adapter instanceof PostgresAdapter;

/** The list's filters in front of each sort's keyset columns. */
const LIST_INDEXES: Record<string, string[]> = {
  claims_status_created_idx: ['status', 'created_at', 'id'],
  claims_company_status_created_idx: ['company_id', 'status', 'created_at', 'id'],
  claims_handler_status_created_idx: ['handler_id', 'status', 'created_at', 'id'],
  claims_status_deadline_idx: ['status', 'deadline_at', 'id'],
  claims_company_deadline_idx: ['company_id', 'deadline_at', 'id'],
  claims_company_status_deadline_idx: ['company_id', 'status', 'deadline_at', 'id'],
  claims_handler_deadline_idx: ['handler_id', 'deadline_at', 'id'],
  claims_handler_status_deadline_idx: ['handler_id', 'status', 'deadline_at', 'id'],
};

const SEARCHED_COLUMNS = ['reference', 'tracking_number', 'carrier', 'description', 'external_ref'] as const;

/** As api/claims/read-models.ts writes it at the time of this migration. */
function normalise(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

const BATCH = 500;

export async function up(db: Kysely<any>): Promise<void> {
  const postgres = isPostgres(db);

  await db.schema.alterTable('claims').addColumn('search_text', 'text', (c) => c.notNull().defaultTo('')).execute();
  await backfillSearchText(db);

  if (postgres) {
    // A trusted extension since PostgreSQL 13: the database's owner may create it. One
    // installation serves every schema, so it goes where it already is, else in public.
    await sql`create extension if not exists pg_trgm with schema public`.execute(db);
    const { schema } = (
      await sql<{ schema: string }>`select n.nspname as schema from pg_extension e join pg_namespace n on n.oid = e.extnamespace where e.extname = 'pg_trgm'`.execute(db)
    ).rows[0]!;
    await sql`create index claims_search_trgm_idx on claims using gin (search_text ${sql.id(schema, 'gin_trgm_ops')})`.execute(db);
    await sql`create index claims_reference_prefix_idx on claims (lower(reference) text_pattern_ops)`.execute(db);
    await sql`create index claims_tracking_prefix_idx on claims (lower(tracking_number) text_pattern_ops)`.execute(db);
  } else {
    await sql`create virtual table claims_search using fts5(claim_id unindexed, search_text, tokenize = 'trigram')`.execute(db);
    await sql`insert into claims_search (claim_id, search_text) select id, search_text from claims`.execute(db);
    // A claim's searched fields never change once it is opened: the insert is the one moment to index.
    await sql`create trigger claims_search_insert after insert on claims begin
      insert into claims_search (claim_id, search_text) values (new.id, new.search_text);
    end`.execute(db);
    // LIKE 'x%' seeks an index of the column under NOCASE, as SQLite's LIKE ignores ASCII case.
    await sql`create index claims_reference_prefix_idx on claims (reference collate nocase)`.execute(db);
    await sql`create index claims_tracking_prefix_idx on claims (tracking_number collate nocase)`.execute(db);
  }

  for (const [name, columns] of Object.entries(LIST_INDEXES)) await db.schema.createIndex(name).on('claims').columns(columns).execute();

  await db.schema
    .createTable('claim_counts')
    .addColumn('company_id', 'text', (c) => c.notNull())
    .addColumn('handler_id', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('claim_counts_pk', ['company_id', 'handler_id', 'type', 'status'])
    .execute();
  await backfillCounts(db);
}

async function backfillSearchText(db: Kysely<any>): Promise<void> {
  let after = '';
  for (;;) {
    const rows = await db.selectFrom('claims').select(['id', ...SEARCHED_COLUMNS]).where('id', '>', after).orderBy('id').limit(BATCH).execute();
    if (rows.length === 0) return;
    const values = sql.join(rows.map((row) => sql`(${row.id}, ${normalise(SEARCHED_COLUMNS.map((column) => row[column]).join('\n'))})`));
    await sql`with v (id, search_text) as (values ${values})
      update claims set search_text = (select v.search_text from v where v.id = claims.id)
      where id in (select id from v)`.execute(db);
    after = rows.at(-1)!.id;
  }
}

async function backfillCounts(db: Kysely<any>): Promise<void> {
  const dimensions = [
    { column: 'company_id', value: sql`company_id` },
    { column: 'handler_id', value: sql`coalesce(handler_id, 'none')` },
    { column: 'type', value: sql`type` },
  ];
  // Each of the 8 grains keeps a dimension or folds it into ''.
  for (let grain = 0; grain < 8; grain++) {
    const kept = dimensions.filter((_, i) => (grain & (1 << i)) === 0);
    const select = dimensions.map((d) => (kept.includes(d) ? sql`${d.value} as ${sql.ref(d.column)}` : sql`'' as ${sql.ref(d.column)}`));
    const groupBy = [...kept.map((d) => d.value), sql`status`];
    await sql`insert into claim_counts (company_id, handler_id, type, status, n)
      select ${sql.join(select)}, status, count(*) from claims group by ${sql.join(groupBy)}`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('claim_counts').execute();
  for (const name of Object.keys(LIST_INDEXES)) await db.schema.dropIndex(name).execute();
  await db.schema.dropIndex('claims_reference_prefix_idx').execute();
  await db.schema.dropIndex('claims_tracking_prefix_idx').execute();
  if (isPostgres(db)) {
    await db.schema.dropIndex('claims_search_trgm_idx').execute();
  } else {
    await sql`drop trigger claims_search_insert`.execute(db);
    await sql`drop table claims_search`.execute(db);
  }
  await db.schema.alterTable('claims').dropColumn('search_text').execute();
}
