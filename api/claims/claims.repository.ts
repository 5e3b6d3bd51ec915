import { expressionBuilder, sql, type AliasableExpression, type Compilable, type Expression, type ExpressionBuilder, type SelectQueryBuilder, type SqlBool, type Transaction } from 'kysely';
import { isPostgres, type DB } from '../db/connect.ts';
import { CLAIM_STATUSES, type ClaimStatus, type ClaimType } from '../../domain/constants.ts';
import type { ClaimDocumentTable, ClaimTable, Database } from '../db/database.ts';
import { kindLabels } from '../documents/kind-texts.ts';
import type { Localized } from '../../domain/localized.ts';
import { CursorSortMismatchError, InvalidCursorError } from '../errors.ts';
import { decodeCursor, encodeCursor } from '../db/cursor.ts';
import { CLAIM_SORTS, type ClaimSort, type ListClaimsQuery } from './claims.schema.ts';
import { MIN_FRAGMENT_LENGTH, normaliseForSearch } from '../../domain/search.ts';
import { ALL, UNASSIGNED } from './read-models.ts';
import { prepared } from '../db/prepared.ts';
import { readHeld, type HeldUntilCommit } from '../db/held-until-commit.ts';
import { unreadMessagesOf } from '../chat/chat.repository.ts';
import { LIABILITY_COLUMNS } from '../liability/limits.ts';

/**
 * Claims with their company's name. The name is a subquery per row rather than a join, so that a
 * page is always planned from the claims index that fits its filters and sort: with a join, SQLite
 * may loop over companies first and sort what it finds.
 */
export function selectClaims(db: DB | Transaction<Database>, companyName: CompanyNameOf = companyNameOf) {
  return db
    .selectFrom('claims')
    .selectAll('claims')
    .select((eb) => companyName(eb).as('company_name'));
}

type CompanyNameOf = (eb: ExpressionBuilder<Database, 'claims'>) => AliasableExpression<string>;

const companyNameOf: CompanyNameOf = (eb) =>
  eb.selectFrom('companies').select('companies.name').whereRef('companies.id', '=', 'claims.company_id').$asScalar().$notNull();

/**
 * The company's name of a page's claims: when the listing is of one company (the caller's, or the
 * one companyId narrows it to), read once for the page — an uncorrelated subquery, which both
 * engines evaluate once — rather than once for each claim.
 */
function pageCompanyNameOf(shape: ListingShape, param: ListingValues): CompanyNameOf {
  const only = shape.scoped ? param.companyId : shape.narrowed ? param.narrowedTo : null;
  if (only === null) return companyNameOf;
  return (eb) => eb.selectFrom('companies').select('companies.name').where('companies.id', '=', only).$asScalar().$notNull();
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
  const rows = await checklistsOf.execute(db, claimIds.length, Object.fromEntries(claimIds.map((id, i) => [`claim${i}`, id])));
  const labels = await kindLabels(db, new Set(rows.map((row) => row.kind)));
  for (const row of rows) checklists.get(row.claim_id)!.push({ ...row, label: labels.get(row.kind)! });
  return checklists;
}

/** The checklists of `count` claims (the values claim0, claim1…). */
const checklistsOf = prepared((db, count: number, param: Record<string, string>) =>
  db
    .selectFrom('claim_documents')
    .select(['claim_documents.claim_id', 'claim_documents.id', 'claim_documents.kind', 'claim_documents.required', 'claim_documents.status', 'claim_documents.reason'])
    .where(
      'claim_documents.claim_id',
      'in',
      Array.from({ length: count }, (_, i) => param[`claim${i}`]!),
    )
    .orderBy('claim_documents.claim_id')
    .orderBy('claim_documents.position')
    .orderBy('claim_documents.created_at')
    .orderBy('claim_documents.id'),
);

/** One document of a claim's checklist, as the claim itself tells of it: with its kind's label. */
export type ChecklistRow = Pick<ClaimDocumentTable, 'claim_id' | 'id' | 'kind' | 'required' | 'status' | 'reason'> & { label: Localized };

interface ClaimShape {
  /** In one company's claims (the value companyId), or all of them. */
  scoped: boolean;
  /** With the messages a user (the value userId) has not read, for a claim shown to them. */
  unread: boolean;
  /** With what the claim is drawn from (DrawnFrom), the liability rates' count when `rates`. */
  drawn: { rates: boolean } | null;
}

const claimById = prepared((db, { scoped, unread, drawn }: ClaimShape, param: { id: string; companyId: string; userId: string }) =>
  selectClaims(db)
    .$if(unread, (query) => query.select((eb) => unreadMessagesOf(eb.ref('claims.id'), param.userId).as('unread_messages')))
    .$if(drawn !== null, (query) => query.select(drawnFromColumns(drawn?.rates ?? false)))
    .where('claims.id', '=', param.id)
    .$if(scoped, (query) => query.where('claims.company_id', '=', param.companyId)),
);

/** A claim the scope may see: `companyId` null means every company (handlers, host backend). */
export async function findClaim(db: DB | Transaction<Database>, companyId: string | null, id: string): Promise<ClaimWithCompany | undefined> {
  const [row] = await claimById.execute(db, { scoped: companyId !== null, unread: false, drawn: null }, { id, companyId: companyId ?? undefined });
  return row;
}

/**
 * A claim the scope may see, as its reader gets it: with the messages `readerId` (a user; null for
 * a key) has not read, and what it is drawn from (with the liability rates' count when `rates`),
 * read in the same statement, so its tag holds what its body does.
 */
export async function findClaimFor(db: DB, companyId: string | null, id: string, readerId: string | null, rates: boolean) {
  const [row] = await claimById.execute(
    db,
    { scoped: companyId !== null, unread: readerId !== null, drawn: { rates } },
    { id, companyId: companyId ?? undefined, userId: readerId ?? undefined },
  );
  if (!row) return undefined;
  row.unread_messages = Number(row.unread_messages ?? 0);
  return row as Unread<ClaimWithCompany> & DrawnFrom;
}

/** A row with the messages its reader has not read. */
export type Unread<Row> = Row & { unread_messages: number };

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
export interface ClaimListing extends Omit<ListClaimsQuery, 'handler' | 'deadline' | 'view'> {
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

/** The claims whose searched text holds a phrase of trigrams: one past FEW_MATCHES at most. */
const trigramMatches = prepared((db, _shape: null, param: { phrase: string }) =>
  db
    .selectFrom('claims_search')
    .select('claims_search.claim_id')
    .where(sql<SqlBool>`claims_search match ${param.phrase}`)
    .limit(FEW_MATCHES + 1),
);

export async function planSearch(db: DB, q: string | undefined): Promise<SearchPlan | null> {
  if (!q) return null;
  const fragment = normaliseForSearch(q);
  if ([...fragment].length < MIN_FRAGMENT_LENGTH) return { kind: 'prefix' };
  if (isPostgres(db)) return { kind: 'many' };
  const matches = await trigramMatches.execute(db, null, { phrase: ftsPhrase(fragment) });
  return matches.length <= FEW_MATCHES ? { kind: 'few', matches: matches.map((row) => row.claim_id) } : { kind: 'many' };
}

/**
 * What decides a listing's SQL, apart from its values (ListingValues): which filters it has, how
 * its search finds claims, its sort, whether it starts past a cursor. Its queries are prepared
 * once per shape (api/db/prepared.ts).
 */
export interface ListingShape {
  /** The caller sees one company's claims (their own). */
  scoped: boolean;
  /** companyId narrows the caller's claims to another company's (for staff: to one company). */
  narrowed: boolean;
  handler: 'any' | 'none' | 'one';
  type: boolean;
  status: boolean;
  externalRef: boolean;
  updatedSince: boolean;
  dueWithin: boolean;
  search: SearchPlan['kind'] | null;
  /** A search within one company: with many matches, its claims are checked one by one against the text. */
  oneCompany: boolean;
  cursor: boolean;
  sort: ClaimSort;
}

/** The values a listing's SQL places, each named as its queries use it. */
export interface ListingValues {
  companyId: string;
  narrowedTo: string;
  handlerId: string;
  type: ClaimType;
  status: ClaimStatus;
  externalRef: string;
  updatedSince: string;
  dueAfter: string;
  dueUntil: string;
  /** What the search's plan matches with: a LIKE pattern, the JSON of its few matches, or an FTS5 phrase. */
  search: string;
  cursorKey: string;
  cursorId: string;
  /** One more than the page holds, to tell whether another follows. */
  limit: number;
  /** claim_counts' grain: a company or ALL, a handler or UNASSIGNED or ALL, a type or ALL. */
  countsCompany: string;
  countsHandler: string;
  countsType: ClaimType | typeof ALL;
  /** The reader whose unread messages each claim carries. */
  userId: string;
}

/** A listing as its prepared queries take it: its shape and its values. A cursor of another sort is refused here. */
export function listingParts(db: DB, companyId: string | null, query: ClaimListing, plan: SearchPlan | null) {
  const cursor = query.cursor ? cursorOf(query.cursor) : undefined;
  if (cursor && cursor.sort !== query.sort) throw new CursorSortMismatchError(cursor.sort, query.sort);
  const oneCompany = companyId !== null || query.companyId !== undefined;
  const search = query.q && plan ? plan : null;
  const shape: ListingShape = {
    scoped: companyId !== null,
    // A filter narrows the caller's scope and never widens it: both hold when both are given.
    narrowed: query.companyId !== undefined && query.companyId !== companyId,
    handler: query.handler === undefined ? 'any' : query.handler === null ? 'none' : 'one',
    type: query.type !== undefined,
    status: query.status !== undefined,
    externalRef: query.externalRef !== undefined,
    updatedSince: query.updatedSince !== undefined,
    dueWithin: query.dueWithin !== undefined,
    search: search?.kind ?? null,
    oneCompany,
    cursor: cursor !== undefined,
    sort: query.sort,
  };
  const values: Partial<ListingValues> = {
    companyId: companyId ?? undefined,
    narrowedTo: query.companyId,
    handlerId: query.handler ?? undefined,
    type: query.type,
    status: query.status,
    externalRef: query.externalRef,
    updatedSince: query.updatedSince,
    dueAfter: query.dueWithin?.after,
    dueUntil: query.dueWithin?.until,
    search: query.q && search ? searchValue(isPostgres(db), query.q, search, oneCompany) : undefined,
    cursorKey: cursor?.key,
    cursorId: cursor?.id,
    limit: query.limit + 1,
    countsCompany: companyId ?? query.companyId ?? ALL,
    countsHandler: query.handler === null ? UNASSIGNED : (query.handler ?? ALL),
    countsType: query.type ?? ALL,
  };
  return { shape, values };
}

/** What a search matches with, as its plan finds its claims (matchesSearch). */
function searchValue(postgres: boolean, q: string, plan: SearchPlan, oneCompany: boolean): string {
  const fragment = normaliseForSearch(q);
  if (plan.kind === 'prefix') return `${escapeLike(fragment)}%`;
  if (postgres || (plan.kind === 'many' && oneCompany)) return `%${escapeLike(fragment)}%`;
  // The matches planning read, as one parameter: one statement whatever their number.
  if (plan.kind === 'few') return JSON.stringify(plan.matches);
  // One FTS5 phrase: the fragment's trigrams in a row, which is the fragment as a substring.
  return ftsPhrase(fragment);
}

/** The claims a search matches, as its plan finds them. */
function matchesSearch(postgres: boolean, eb: ExpressionBuilder<Database, 'claims'>, shape: ListingShape, param: ListingValues): Expression<SqlBool> {
  if (shape.search === 'prefix') {
    // PostgreSQL's indexes are on lower(column); SQLite's LIKE ignores ASCII case and seeks NOCASE indexes.
    const column = (name: 'claims.reference' | 'claims.tracking_number') => (postgres ? sql`lower(${sql.ref(name)})` : sql.ref(name));
    return eb.or([
      sql<SqlBool>`${column('claims.reference')} like ${param.search} escape '\\'`,
      sql<SqlBool>`${column('claims.tracking_number')} like ${param.search} escape '\\'`,
    ]);
  }
  if (postgres || (shape.search === 'many' && shape.oneCompany)) return sql<SqlBool>`${sql.ref('claims.search_text')} like ${param.search} escape '\\'`;
  if (shape.search === 'few') return sql<SqlBool>`${sql.ref('claims.id')} in (select value from json_each(${param.search}))`;
  return eb('claims.id', 'in', eb.selectFrom('claims_search').select('claims_search.claim_id').where(sql<SqlBool>`claims_search match ${param.search}`));
}

/**
 * A column as a condition or the sort uses it: as is, or — when a search starts from its few
 * matches — behind SQLite's unary plus, which keeps the planner from seeking its index.
 */
function columnFor(postgres: boolean, shape: ListingShape) {
  const behindPlus = shape.search === 'few' && !postgres;
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
  ) => (behindPlus ? sql`+${sql.ref(name)}` : sql.ref(name));
}

/** The filters of a listing except status: counts per status share them. */
function filtersOf(postgres: boolean, shape: ListingShape, param: ListingValues) {
  const column = columnFor(postgres, shape);
  return (eb: ExpressionBuilder<Database, 'claims'>) => {
    const conditions: Expression<SqlBool>[] = [];
    if (shape.scoped) conditions.push(sql<SqlBool>`${column('claims.company_id')} = ${param.companyId}`);
    if (shape.narrowed) conditions.push(sql<SqlBool>`${column('claims.company_id')} = ${param.narrowedTo}`);
    if (shape.handler === 'none') conditions.push(sql<SqlBool>`${column('claims.handler_id')} is null`);
    else if (shape.handler === 'one') conditions.push(sql<SqlBool>`${column('claims.handler_id')} = ${param.handlerId}`);
    if (shape.type) conditions.push(sql<SqlBool>`${column('claims.type')} = ${param.type}`);
    if (shape.externalRef) conditions.push(sql<SqlBool>`${column('claims.external_ref')} = ${param.externalRef}`);
    if (shape.updatedSince) conditions.push(sql<SqlBool>`${column('claims.updated_at')} >= ${param.updatedSince}`);
    // deadline_order is the deadline only while it still runs (domain/deadline-order.ts): one range of its index.
    if (shape.dueWithin) {
      conditions.push(sql<SqlBool>`${column('claims.deadline_order')} > ${param.dueAfter}`, sql<SqlBool>`${column('claims.deadline_order')} <= ${param.dueUntil}`);
    }
    if (shape.search) conditions.push(matchesSearch(postgres, eb, shape, param));
    return eb.and(conditions);
  };
}

/**
 * The columns of a claim as a list's row shows it (ClaimSummary, claims.resource.ts): its facts
 * but the long ones (description, places, outcome, the deadline's legal basis). Each column a page
 * reads costs it about as much as the company's name: the liability limit's other facts are read
 * for the readers who see limits (LIMIT_COLUMNS), the deadline's order for the pages sorted by it.
 */
export const SUMMARY_COLUMNS = [
  'id',
  'reference',
  'company_id',
  'external_ref',
  'type',
  'goods',
  'scope',
  'status',
  'carrier',
  'tracking_number',
  'currency',
  'declared_value_cents',
  'claimed_amount_cents',
  'deadline_at',
  'handler_id',
  'handler_name',
  'created_at',
  'updated_at',
] as const satisfies readonly (keyof ClaimTable)[];

/** The facts a liability limit is counted from that a summary does not carry. */
const LIMIT_COLUMNS = LIABILITY_COLUMNS.filter((name): name is Exclude<(typeof LIABILITY_COLUMNS)[number], (typeof SUMMARY_COLUMNS)[number]> => !(SUMMARY_COLUMNS as readonly string[]).includes(name));

/**
 * A claim as a list's row shows it: the SUMMARY_COLUMNS of its row, with its company's name; the
 * liability limit's facts and the deadline's order when the page read them.
 */
export type ClaimSummaryRow = Pick<ClaimWithCompany, (typeof SUMMARY_COLUMNS)[number] | 'company_name'> &
  Partial<Pick<ClaimTable, (typeof LIMIT_COLUMNS)[number] | 'deadline_order'>>;

/** What a page reads of each claim: all of it, or what its row shows. */
export type ClaimView = 'full' | 'summary';

interface PageShape extends ListingShape {
  view: ClaimView;
  /** Each claim with the messages the reader (the value userId) has not read: for users. */
  unread: boolean;
  /** A summary with the liability limit's facts: for the readers who see limits. */
  limits: boolean;
}

/**
 * A search's pattern and an at-risk window decide which index pays: PostgreSQL plans those
 * listings with their values each time (prepared.ts).
 */
const VALUE_PLANNED = { plannedWithValues: (shape: ListingShape) => shape.search !== null || shape.dueWithin };

/**
 * The query behind a page, by keyset on (sort column, id): one more row than the page holds, to
 * tell whether another follows. A search that starts from its few matches sorts their ids and
 * reads only the page's rows: sorting whole rows would read every match's columns (and its
 * company's name) to keep 21.
 */
const pageQueries = prepared((db, shape: PageShape, param: ListingValues): Compilable<ClaimSummaryRow & { unread_messages?: number | string }> => {
  const postgres = isPostgres(db);
  const order = ORDERS[shape.sort];
  const column = columnFor(postgres, shape);
  const page = <Row,>(select: SelectQueryBuilder<Database, 'claims', Row>) => {
    let narrowed = select.where(filtersOf(postgres, shape, param));
    if (shape.status) narrowed = narrowed.where(sql<SqlBool>`${column('claims.status')} = ${param.status}`);
    if (shape.cursor) {
      // A row-value comparison lets both SQLite and PostgreSQL seek the (column, id) index.
      const after = order.direction === 'desc' ? sql`<` : sql`>`;
      narrowed = narrowed.where(sql<SqlBool>`(${column(order.column)}, ${column('claims.id')}) ${after} (${param.cursorKey}, ${param.cursorId})`);
    }
    return narrowed.orderBy(column(order.column), order.direction).orderBy(column('claims.id'), order.direction).limit(param.limit);
  };
  const companyName = pageCompanyNameOf(shape, param);
  const rows = (shape.view === 'full' ? selectClaims(db, companyName) : selectSummaries(db, shape, companyName)).$if(shape.unread, (query) =>
    query.select((eb) => unreadMessagesOf(eb.ref('claims.id'), param.userId).as('unread_messages')),
  );
  if (shape.search !== 'few') return page(rows);
  return rows
    .where('claims.id', 'in', page(db.selectFrom('claims').select('claims.id')))
    .orderBy(order.column, order.direction)
    .orderBy('claims.id', order.direction);
}, VALUE_PLANNED);

function selectSummaries(db: DB | Transaction<Database>, { limits, sort }: PageShape, companyName: CompanyNameOf) {
  const columns = [...SUMMARY_COLUMNS, ...(limits ? LIMIT_COLUMNS : []), ...(sort === 'deadline' ? (['deadline_order'] as const) : [])];
  return db
    .selectFrom('claims')
    .select(columns.map((name) => `claims.${name}` as const))
    .select((eb) => companyName(eb).as('company_name')) as SelectQueryBuilder<Database, 'claims', ClaimSummaryRow>;
}

/**
 * A page in the listing's sort: newest first on created_at, soonest deadline first on
 * deadline_order, or least recently changed first on updated_at. A claim inserted while someone
 * pages the newest-first list lands before their cursor, so pages neither repeat nor skip; the
 * cursor names its sort, and a cursor of one sort used with another is refused rather than read
 * as the wrong column. `plan` is the listing's search plan (planSearch), decided once for the page
 * and its counts; `readerId`, a user whose unread messages each claim carries (null: none).
 */
export async function listClaims(db: DB, companyId: string | null, query: ClaimListing, plan: SearchPlan | null, readerId: string | null) {
  return readPage(db, companyId, query, plan, readerId, { view: 'full', limits: false }) as Promise<Page<Unread<ClaimWithCompany>>>;
}

/** A page as listClaims reads it, each claim as its row shows it; with what its liability limit is counted from when `limits`. */
export async function listClaimSummaries(db: DB, companyId: string | null, query: ClaimListing, plan: SearchPlan | null, readerId: string | null, limits: boolean) {
  return readPage(db, companyId, query, plan, readerId, { view: 'summary', limits }) as Promise<Page<Unread<ClaimSummaryRow>>>;
}

interface Page<Row> {
  items: Row[];
  nextCursor: string | null;
}

async function readPage(
  db: DB,
  companyId: string | null,
  query: ClaimListing,
  plan: SearchPlan | null,
  readerId: string | null,
  read: Pick<PageShape, 'view' | 'limits'>,
) {
  const order = ORDERS[query.sort];
  const { shape, values } = listingParts(db, companyId, query, plan);
  const rows = await pageQueries.execute(db, { ...shape, ...read, unread: readerId !== null }, { ...values, userId: readerId ?? undefined });
  const items = rows.slice(0, query.limit);
  // The rows are this page's own: set in place rather than copied, column by column.
  for (const row of items) row.unread_messages = Number(row.unread_messages ?? 0);
  const last = items.at(-1);
  // The sort's column is read whatever the view (deadline_order only for its sort).
  const nextCursor = rows.length > query.limit && last ? encodeCursor([query.sort, last[order.key]!, last.id]) : null;
  return { items, nextCursor };
}

/** The query behind a page of full claims, with the listing's values in place (to EXPLAIN it). */
export function pageQuery(db: DB, companyId: string | null, query: ClaimListing, plan: SearchPlan | null) {
  const { shape, values } = listingParts(db, companyId, query, plan);
  return pageQueries.compile(db, { ...shape, view: 'full', unread: false, limits: false }, values);
}

/**
 * Per status, the claims the listing's other filters match. Without a search, read from
 * claim_counts: one row per status at the grain of the filters. With one, counted over the
 * search index's matches, never by walking claims; at risk (dueWithin), over the few claims due
 * soon, found by the deadline's index.
 */
const countQueries = prepared((db, shape: ListingShape, param: ListingValues): Compilable<{ status: ClaimStatus; n: number | string }> => {
  if (shape.search !== null || shape.dueWithin) {
    return db
      .selectFrom('claims')
      .select(['claims.status', (eb) => eb.fn.countAll<number | string>().as('n')])
      .where(filtersOf(isPostgres(db), shape, param))
      .groupBy('claims.status');
  }
  return db
    .selectFrom('claim_counts')
    .select(['status', 'n'])
    .where('company_id', '=', param.countsCompany)
    .where('handler_id', '=', param.countsHandler)
    .where('type', '=', param.countsType);
}, VALUE_PLANNED);

/** The counts' query reads no cursor, sort or status: one shape for all those pages. */
const countsShapeOf = (shape: ListingShape): ListingShape => ({ ...shape, status: false, cursor: false, sort: 'newest' });

export async function countClaimsByStatus(db: DB, companyId: string | null, query: ClaimListing, plan: SearchPlan | null) {
  const counts = Object.fromEntries(CLAIM_STATUSES.map((status) => [status, 0])) as Record<ClaimStatus, number>;
  // A filter narrows the caller's scope and never widens it: another company's claims are none.
  if (companyId !== null && query.companyId !== undefined && query.companyId !== companyId) return counts;
  const { shape, values } = listingParts(db, companyId, query, plan);
  for (const row of await countQueries.execute(db, countsShapeOf(shape), values)) counts[row.status] = Number(row.n);
  return counts;
}

/** The query behind the counts per status, with the listing's values in place (to EXPLAIN it). */
export function countQuery(db: DB, companyId: string | null, query: ClaimListing, plan: SearchPlan | null) {
  const { shape, values } = listingParts(db, companyId, query, plan);
  return countQueries.compile(db, countsShapeOf(shape), values);
}

/**
 * The versions of what a page of claims or a claim is drawn from, read before it so a tag never
 * claims more than its body holds (claims.resource.ts, viewEtag):
 * - `event`: the newest event of the caller's claims (of their company, or of all), or of the
 *   claim. Every change of a claim, its documents, its conversation and who has read it, and of
 *   people's access, appends one.
 * - `companies`: when the caller's company, or any, last changed: a name a token or an intake
 *   renames it to is not an event.
 * - `rates`: how many liability rates are recorded — they are only ever added —, for readers who
 *   see liability limits.
 */
export interface DrawnFrom {
  event: number | string | null;
  companies: string | null;
  rates: number | string | null;
}

interface VersionShape {
  scoped: boolean;
  rates: boolean;
}

/** How many liability rates are recorded, when `rates`; else null. */
function ratesRecorded(rates: boolean): AliasableExpression<number | string | null> {
  const eb = expressionBuilder<Database, never>();
  return rates ? eb.selectFrom('liability_rates').select((count) => count.fn.countAll<number | string>().as('n')).$asScalar() : eb.lit(null);
}

const listingVersions = prepared(
  (db, { scoped, rates }: VersionShape, param: { companyId: string }): Compilable<DrawnFrom> =>
    db.selectNoFrom((eb) => [
      eb
        .selectFrom('claim_events')
        .select((max) => max.fn.max('claim_events.id').as('id'))
        .$if(scoped, (query) => query.where('claim_events.company_id', '=', param.companyId))
        .$asScalar()
        .as('event'),
      (scoped
        ? eb.selectFrom('companies').select('companies.updated_at').where('companies.id', '=', param.companyId)
        : eb.selectFrom('companies').select((max) => max.fn.max('companies.updated_at').as('updated_at'))
      )
        .$asScalar()
        .as('companies'),
      ratesRecorded(rates).as('rates'),
    ]),
);

/** What the caller's claims (their company's, or all when `companyId` is null) are drawn from; as `held` holds it, if it does. */
export async function listingVersion(db: DB, companyId: string | null, withRates: boolean, held?: HeldUntilCommit<DrawnFrom>): Promise<DrawnFrom> {
  return readHeld(held, JSON.stringify([companyId, withRates]), async () => {
    const [row] = await listingVersions.execute(db, { scoped: companyId !== null, rates: withRates }, { companyId: companyId ?? undefined });
    return row!;
  });
}

/** What a claim is drawn from, as columns of a select from claims. */
function drawnFromColumns(rates: boolean) {
  return (eb: ExpressionBuilder<Database, 'claims'>) => [
    eb.selectFrom('claim_events').select((max) => max.fn.max('claim_events.id').as('id')).whereRef('claim_events.claim_id', '=', 'claims.id').$asScalar().as('event'),
    eb.selectFrom('companies').select('companies.updated_at').whereRef('companies.id', '=', 'claims.company_id').$asScalar().as('companies'),
    ratesRecorded(rates).as('rates'),
  ];
}

const claimVersions = prepared(
  (db, { scoped, rates }: VersionShape, param: { id: string; companyId: string }): Compilable<ClaimDrawnFrom> =>
    db
      .selectFrom('claims')
      .select('claims.updated_at')
      .select(drawnFromColumns(rates))
      .where('claims.id', '=', param.id)
      .$if(scoped, (query) => query.where('claims.company_id', '=', param.companyId)),
);

/** What a claim is drawn from, with its own version. */
export interface ClaimDrawnFrom extends DrawnFrom {
  updated_at: string;
}

/** What the claim is drawn from; undefined when the scope has no such claim. As `held` holds it, if it does. */
export async function claimVersion(db: DB, companyId: string | null, id: string, withRates: boolean, held?: HeldUntilCommit<ClaimDrawnFrom>): Promise<ClaimDrawnFrom | undefined> {
  return readHeld(held, JSON.stringify([id, companyId, withRates]), async () => {
    const [row] = await claimVersions.execute(db, { scoped: companyId !== null, rates: withRates }, { id, companyId: companyId ?? undefined });
    return row;
  });
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
