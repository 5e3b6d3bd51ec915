import { sql, type Expression, type ExpressionBuilder, type SelectQueryBuilder, type SqlBool, type Transaction } from 'kysely';
import { isPostgres, type DB } from '../db/connect.ts';
import { CLAIM_STATUSES, type ClaimStatus } from '../../domain/constants.ts';
import type { ClaimDocumentTable, Database, KindTexts } from '../db/database.ts';
import { KIND_LABEL_COLUMNS } from '../documents/kind-texts.ts';
import { CursorSortMismatchError, InvalidCursorError } from '../errors.ts';
import { decodeCursor, encodeCursor } from '../db/cursor.ts';
import { CLAIM_SORTS, type ClaimSort, type ListClaimsQuery } from './claims.schema.ts';
import { MIN_FRAGMENT_LENGTH, normaliseForSearch } from '../../domain/search.ts';
import { ALL, UNASSIGNED } from './read-models.ts';

/**
 * Claims with their company's name. The name is a subquery per row rather than a join, so that a
 * page is always planned from the claims index that fits its filters and sort: with a join, SQLite
 * may loop over companies first and sort what it finds.
 */
export function selectClaims(db: DB | Transaction<Database>) {
  return db
    .selectFrom('claims')
    .selectAll('claims')
    .select((eb) =>
      eb.selectFrom('companies').select('companies.name').whereRef('companies.id', '=', 'claims.company_id').$asScalar().$notNull().as('company_name'),
    );
}

export type ClaimWithCompany = Awaited<ReturnType<ReturnType<typeof selectClaims>['executeTakeFirstOrThrow']>>;

/**
 * The checklists of the claims given, each in checklist order, read in one statement whatever
 * their number (a page of the list reads them with its claims, not one query per claim). The
 * claims were found in the caller's scope already, so their documents are the caller's to see.
 */
export async function listChecklists(db: DB | Transaction<Database>, claimIds: readonly string[]): Promise<Map<string, ChecklistRow[]>> {
  const checklists = new Map<string, ChecklistRow[]>(claimIds.map((id) => [id, []]));
  if (claimIds.length === 0) return checklists;
  const rows = await db
    .selectFrom('claim_documents')
    .innerJoin('document_kinds', 'document_kinds.code', 'claim_documents.kind')
    .select([
      'claim_documents.claim_id',
      'claim_documents.id',
      'claim_documents.kind',
      'claim_documents.required',
      'claim_documents.status',
      'claim_documents.reason',
      ...KIND_LABEL_COLUMNS,
    ])
    .where('claim_documents.claim_id', 'in', claimIds)
    .orderBy('claim_documents.claim_id')
    .orderBy('claim_documents.position')
    .orderBy('claim_documents.created_at')
    .orderBy('claim_documents.id')
    .execute();
  for (const row of rows) checklists.get(row.claim_id)!.push(row);
  return checklists;
}

/** One document of a claim's checklist, as the claim itself tells of it. */
export type ChecklistRow = Pick<ClaimDocumentTable, 'claim_id' | 'id' | 'kind' | 'required' | 'status' | 'reason'> & KindTexts<'label'>;

/** A claim the scope may see: `companyId` null means every company (handlers, host backend). */
export function findClaim(db: DB | Transaction<Database>, companyId: string | null, id: string) {
  let query = selectClaims(db).where('claims.id', '=', id);
  if (companyId !== null) query = query.where('claims.company_id', '=', companyId);
  return query.executeTakeFirst();
}

/**
 * The claim a command is about to change, locked until the transaction ends: on PostgreSQL the
 * row lock, so concurrent changes of one claim run one after another and each sees the other's
 * result; SQLite's writers are serialised by BEGIN IMMEDIATE already.
 */
export async function findClaimForChange(trx: Transaction<Database>, companyId: string | null, id: string) {
  if (isPostgres(trx)) {
    let lock = trx.selectFrom('claims').select('id').where('id', '=', id).forUpdate();
    if (companyId !== null) lock = lock.where('company_id', '=', companyId);
    if (!(await lock.executeTakeFirst())) return undefined;
  }
  return findClaim(trx, companyId, id);
}

export function findClaimByExternalRef(db: DB | Transaction<Database>, companyId: string, externalRef: string) {
  return selectClaims(db)
    .where('claims.company_id', '=', companyId)
    .where('claims.external_ref', '=', externalRef)
    .executeTakeFirst();
}

/**
 * A listing as the repository runs it: the query string with the caller's words resolved.
 * `handler` is a handler's user id, null for unassigned claims, or absent for any. `dueWithin`
 * (deadline=at_risk) is the range the deadline of a claim still running must fall in.
 */
export interface ClaimListing extends Omit<ListClaimsQuery, 'handler' | 'deadline'> {
  handler?: string | null | undefined;
  dueWithin?: { after: string; until: string } | undefined;
}

/**
 * Each sort as a keyset: the column it orders by, then id to break ties, both in one direction.
 * Each has an index to seek, (created_at, id), (deadline_order, id) or (updated_at, id), with
 * (company_id, …) in front of each, and (handler_id, …) and (status, …) in front of the first two,
 * for those filters. The deadline sort reads deadline_order (domain/deadline-order.ts): claims
 * whose deadline still counts come first. The updated sort runs forward, so a poller paging it
 * meets a claim that changes behind its cursor again at the end.
 */
const ORDERS = {
  newest: { column: 'claims.created_at', key: 'created_at', direction: 'desc' },
  deadline: { column: 'claims.deadline_order', key: 'deadline_order', direction: 'asc' },
  updated: { column: 'claims.updated_at', key: 'updated_at', direction: 'asc' },
} as const satisfies Record<ClaimSort, { column: string; key: keyof ClaimWithCompany; direction: 'asc' | 'desc' }>;

/** Where a page ended: the sort it belongs to, and the last row's sort key and id. */
interface Cursor {
  sort: ClaimSort;
  key: string;
  id: string;
}

function cursorOf(raw: string): Cursor {
  const [first, second, third, ...rest] = decodeCursor(raw);
  if (rest.length === 0 && isSort(first) && second !== undefined && third !== undefined) return { sort: first, key: second, id: third };
  // Cursors handed out before lists could be sorted another way: [createdAt, id], newest first.
  if (third === undefined && first !== undefined && second !== undefined) return { sort: 'newest', key: first, id: second };
  throw new InvalidCursorError();
}

const isSort = (value: unknown): value is ClaimSort => (CLAIM_SORTS as readonly unknown[]).includes(value);

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}

/**
 * How a search finds its claims, decided before the query so each plan can seek:
 * - `prefix`: one or two characters, too short for trigrams: references and tracking numbers
 *   that start with them, ignoring case (an index on each);
 * - `few`: on SQLite, a fragment the trigram index matches in at most FEW_MATCHES claims: the
 *   matches are read from it once, while planning, and the page and the counts start from
 *   their ids (the other filters and the sort are kept off their indexes, or SQLite would walk
 *   a whole index in order checking each claim);
 * - `many`: a fragment matching more: within one company, the company's claims (found by its
 *   index, in order) are checked against the searched text; across companies, the sort's index
 *   is walked against the trigram index's matches. PostgreSQL's planner weighs its GIN trigram
 *   index against the others by its statistics, so it always gets `many`'s query.
 * Both sides of a match are lower-cased and without accents (domain/search.ts).
 */
export type SearchPlan = { kind: 'prefix' } | { kind: 'few'; matches: readonly string[] } | { kind: 'many' };

/** Up to this many matches a search starts from them; reading them stops one past it. */
const FEW_MATCHES = 2000;

const ftsPhrase = (fragment: string) => `"${fragment.replaceAll('"', '""')}"`;

export async function planSearch(db: DB, q: string | undefined): Promise<SearchPlan | null> {
  if (!q) return null;
  const fragment = normaliseForSearch(q);
  if ([...fragment].length < MIN_FRAGMENT_LENGTH) return { kind: 'prefix' };
  if (isPostgres(db)) return { kind: 'many' };
  const matches = await db
    .selectFrom('claims_search')
    .select('claims_search.claim_id')
    .where(sql<SqlBool>`claims_search match ${ftsPhrase(fragment)}`)
    .limit(FEW_MATCHES + 1)
    .execute();
  return matches.length <= FEW_MATCHES ? { kind: 'few', matches: matches.map((row) => row.claim_id) } : { kind: 'many' };
}

/** The claims a search matches, as its plan finds them. */
function matchesSearch(postgres: boolean, eb: ExpressionBuilder<Database, 'claims'>, q: string, plan: SearchPlan, oneCompany: boolean): Expression<SqlBool> {
  const fragment = normaliseForSearch(q);
  if (plan.kind === 'prefix') {
    const prefix = `${escapeLike(fragment)}%`;
    // PostgreSQL's indexes are on lower(column); SQLite's LIKE ignores ASCII case and seeks NOCASE indexes.
    const column = (name: 'claims.reference' | 'claims.tracking_number') => (postgres ? sql`lower(${sql.ref(name)})` : sql.ref(name));
    return eb.or([
      sql<SqlBool>`${column('claims.reference')} like ${prefix} escape '\\'`,
      sql<SqlBool>`${column('claims.tracking_number')} like ${prefix} escape '\\'`,
    ]);
  }
  if (postgres || (plan.kind === 'many' && oneCompany)) return sql<SqlBool>`${sql.ref('claims.search_text')} like ${`%${escapeLike(fragment)}%`} escape '\\'`;
  // The matches planning read, as one parameter: one statement whatever their number.
  if (plan.kind === 'few') return sql<SqlBool>`${sql.ref('claims.id')} in (select value from json_each(${JSON.stringify(plan.matches)}))`;
  // One FTS5 phrase: the fragment's trigrams in a row, which is the fragment as a substring.
  return eb('claims.id', 'in', eb.selectFrom('claims_search').select('claims_search.claim_id').where(sql<SqlBool>`claims_search match ${ftsPhrase(fragment)}`));
}

/**
 * A column as a condition or the sort uses it: as is, or — when a search starts from its few
 * matches — behind SQLite's unary plus, which keeps the planner from seeking its index.
 */
function columnFor(db: DB, plan: SearchPlan | null) {
  const behindPlus = plan?.kind === 'few' && !isPostgres(db);
  return (
    name:
      | 'claims.company_id'
      | 'claims.handler_id'
      | 'claims.type'
      | 'claims.status'
      | 'claims.id'
      | 'claims.external_ref'
      | 'claims.deadline_order'
      | (typeof ORDERS)[ClaimSort]['column'],
  ) =>
    behindPlus ? sql`+${sql.ref(name)}` : sql.ref(name);
}

/** The filters of a listing except status: counts per status share them. */
function filtersOf(db: DB, companyId: string | null, query: ClaimListing, plan: SearchPlan | null) {
  const postgres = isPostgres(db);
  const column = columnFor(db, plan);
  return (eb: ExpressionBuilder<Database, 'claims'>) => {
    const conditions: Expression<SqlBool>[] = [];
    if (companyId !== null) conditions.push(sql<SqlBool>`${column('claims.company_id')} = ${companyId}`);
    // A filter narrows the caller's scope and never widens it: both hold when both are given.
    if (query.companyId !== undefined && query.companyId !== companyId) conditions.push(sql<SqlBool>`${column('claims.company_id')} = ${query.companyId}`);
    if (query.handler === null) conditions.push(sql<SqlBool>`${column('claims.handler_id')} is null`);
    else if (query.handler !== undefined) conditions.push(sql<SqlBool>`${column('claims.handler_id')} = ${query.handler}`);
    if (query.type) conditions.push(sql<SqlBool>`${column('claims.type')} = ${query.type}`);
    if (query.externalRef !== undefined) conditions.push(sql<SqlBool>`${column('claims.external_ref')} = ${query.externalRef}`);
    if (query.updatedSince !== undefined) conditions.push(sql<SqlBool>`${column('claims.updated_at')} >= ${query.updatedSince}`);
    // deadline_order is the deadline only while it still runs (domain/deadline-order.ts): one range of its index.
    if (query.dueWithin) {
      conditions.push(sql<SqlBool>`${column('claims.deadline_order')} > ${query.dueWithin.after}`, sql<SqlBool>`${column('claims.deadline_order')} <= ${query.dueWithin.until}`);
    }
    if (query.q && plan) conditions.push(matchesSearch(postgres, eb, query.q, plan, companyId !== null || query.companyId !== undefined));
    return eb.and(conditions);
  };
}

/**
 * A page in the listing's sort, by keyset on (sort column, id): newest first on created_at,
 * soonest deadline first on deadline_order, or least recently changed first on updated_at. A claim inserted while someone pages the newest-first
 * list lands before their cursor, so pages neither repeat nor skip; the cursor names its sort,
 * and a cursor of one sort used with another is refused rather than read as the wrong column.
 * `plan` is the listing's search plan (planSearch), decided once for the page and its counts.
 */
export async function listClaims(db: DB, companyId: string | null, query: ClaimListing, plan: SearchPlan | null) {
  const order = ORDERS[query.sort];
  const rows = await pageQuery(db, companyId, query, plan).execute();
  const items = rows.slice(0, query.limit);
  const last = items.at(-1);
  const nextCursor =
    rows.length > query.limit && last ? encodeCursor([query.sort, last[order.key], last.id]) : null;
  return { items, nextCursor };
}

/**
 * The query behind a page: one more row than the page holds, to tell whether another follows.
 * A search that starts from its few matches sorts their ids and reads only the page's rows:
 * sorting whole rows would read every match's columns (and its company's name) to keep 21.
 */
export function pageQuery(db: DB, companyId: string | null, query: ClaimListing, plan: SearchPlan | null) {
  const order = ORDERS[query.sort];
  const column = columnFor(db, plan);
  const page = <Row,>(select: SelectQueryBuilder<Database, 'claims', Row>) => {
    let narrowed = select.where(filtersOf(db, companyId, query, plan));
    if (query.status) narrowed = narrowed.where(sql<SqlBool>`${column('claims.status')} = ${query.status}`);
    if (query.cursor) {
      const cursor = cursorOf(query.cursor);
      if (cursor.sort !== query.sort) throw new CursorSortMismatchError(cursor.sort, query.sort);
      // A row-value comparison lets both SQLite and PostgreSQL seek the (column, id) index.
      const after = order.direction === 'desc' ? sql`<` : sql`>`;
      narrowed = narrowed.where(sql<SqlBool>`(${column(order.column)}, ${column('claims.id')}) ${after} (${cursor.key}, ${cursor.id})`);
    }
    return narrowed.orderBy(column(order.column), order.direction).orderBy(column('claims.id'), order.direction).limit(query.limit + 1);
  };
  if (plan?.kind !== 'few') return page(selectClaims(db));
  return selectClaims(db)
    .where('claims.id', 'in', page(db.selectFrom('claims').select('claims.id')))
    .orderBy(order.column, order.direction)
    .orderBy('claims.id', order.direction);
}

/**
 * Per status, the claims the listing's other filters match. Without a search, read from
 * claim_counts: one row per status at the grain of the filters. With one, counted over the
 * search index's matches, never by walking claims; at risk (dueWithin), over the few claims due
 * soon, found by the deadline's index.
 */
export async function countClaimsByStatus(db: DB, companyId: string | null, query: ClaimListing, plan: SearchPlan | null) {
  const counts = Object.fromEntries(CLAIM_STATUSES.map((status) => [status, 0])) as Record<ClaimStatus, number>;
  // A filter narrows the caller's scope and never widens it: another company's claims are none.
  if (companyId !== null && query.companyId !== undefined && query.companyId !== companyId) return counts;
  for (const row of await countQuery(db, companyId, query, plan).execute()) counts[row.status] = Number(row.n);
  return counts;
}

/** The query behind the counts per status, with or without a search. */
export function countQuery(db: DB, companyId: string | null, query: ClaimListing, plan: SearchPlan | null) {
  if (query.q || query.dueWithin) {
    return db
      .selectFrom('claims')
      .select(['claims.status', (eb) => eb.fn.countAll<number>().as('n')])
      .where(filtersOf(db, companyId, query, plan))
      .groupBy('claims.status');
  }
  return db
    .selectFrom('claim_counts')
    .select(['status', 'n'])
    .where('company_id', '=', companyId ?? query.companyId ?? ALL)
    .where('handler_id', '=', query.handler === null ? UNASSIGNED : (query.handler ?? ALL))
    .where('type', '=', query.type ?? ALL);
}

/** The next human reference of the year, allocated inside the creating transaction. */
export async function nextReference(trx: Transaction<Database>, at: Date): Promise<string> {
  const year = at.getUTCFullYear();
  const row = await trx
    .insertInto('reference_counters')
    .values({ year, last_number: 1 })
    .onConflict((oc) => oc.column('year').doUpdateSet((eb) => ({ last_number: eb('reference_counters.last_number', '+', 1) })))
    .returning('last_number')
    .executeTakeFirstOrThrow();
  return `SIN-${year}-${String(row.last_number).padStart(6, '0')}`;
}
