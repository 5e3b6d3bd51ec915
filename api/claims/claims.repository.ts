import { sql, type Expression, type ExpressionBuilder, type SqlBool, type Transaction } from 'kysely';
import type { DB } from '../db/connect.ts';
import { CLAIM_STATUSES, type ClaimStatus } from '../../domain/constants.ts';
import type { Database } from '../db/database.ts';
import { CursorSortMismatchError, InvalidCursorError } from '../errors.ts';
import { decodeCursor, encodeCursor } from '../db/cursor.ts';
import { CLAIM_SORTS, type ClaimSort, type ListClaimsQuery } from './claims.schema.ts';

export function selectClaims(db: DB | Transaction<Database>) {
  return db
    .selectFrom('claims')
    .innerJoin('companies', 'companies.id', 'claims.company_id')
    .selectAll('claims')
    .select('companies.name as company_name');
}

export type ClaimWithCompany = Awaited<ReturnType<ReturnType<typeof selectClaims>['executeTakeFirstOrThrow']>>;

/** A claim the scope may see: `companyId` null means every company (handlers, host backend). */
export function findClaim(db: DB | Transaction<Database>, companyId: string | null, id: string) {
  let query = selectClaims(db).where('claims.id', '=', id);
  if (companyId !== null) query = query.where('claims.company_id', '=', companyId);
  return query.executeTakeFirst();
}

export function findClaimByExternalRef(db: DB | Transaction<Database>, companyId: string, externalRef: string) {
  return selectClaims(db)
    .where('claims.company_id', '=', companyId)
    .where('claims.external_ref', '=', externalRef)
    .executeTakeFirst();
}

/**
 * A listing as the repository runs it: the query string with the caller's words resolved.
 * `handler` is a handler's user id, null for unassigned claims, or absent for any.
 */
export interface ClaimListing extends Omit<ListClaimsQuery, 'handler'> {
  handler?: string | null | undefined;
}

/**
 * Each sort as a keyset: the column it orders by, then id to break ties, both in one direction.
 * Each has an index to seek: (created_at, id), with (company_id, …) and (handler_id, …) in front
 * of it for those filters; (deadline_at, id).
 */
const ORDERS = {
  newest: { column: 'claims.created_at', key: 'created_at', direction: 'desc' },
  deadline: { column: 'claims.deadline_at', key: 'deadline_at', direction: 'asc' },
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

/** The filters of a listing except status: counts per status share them. */
function filtersOf(companyId: string | null, query: ClaimListing) {
  return (eb: ExpressionBuilder<Database & { companies: Database['companies'] }, 'claims' | 'companies'>) => {
    const conditions: Expression<SqlBool>[] = [];
    if (companyId !== null) conditions.push(eb('claims.company_id', '=', companyId));
    // A filter narrows the caller's scope and never widens it: both hold when both are given.
    if (query.companyId !== undefined && query.companyId !== companyId) conditions.push(eb('claims.company_id', '=', query.companyId));
    if (query.handler === null) conditions.push(eb('claims.handler_id', 'is', null));
    else if (query.handler !== undefined) conditions.push(eb('claims.handler_id', '=', query.handler));
    if (query.type) conditions.push(eb('claims.type', '=', query.type));
    if (query.q) {
      const pattern = `%${escapeLike(query.q.toLowerCase())}%`;
      conditions.push(
        eb.or(
          (['claims.reference', 'claims.tracking_number', 'claims.carrier', 'claims.description', 'claims.external_ref'] as const).map(
            (column) => sql<SqlBool>`lower(${sql.ref(column)}) like ${pattern} escape '\\'`,
          ),
        ),
      );
    }
    return eb.and(conditions);
  };
}

/**
 * A page in the listing's sort, by keyset on (sort column, id): newest first on created_at, or
 * soonest deadline first on deadline_at. A claim inserted while someone pages the newest-first
 * list lands before their cursor, so pages neither repeat nor skip; the cursor names its sort,
 * and a cursor of one sort used with another is refused rather than read as the wrong column.
 */
export async function listClaims(db: DB, companyId: string | null, query: ClaimListing) {
  const order = ORDERS[query.sort];
  let select = selectClaims(db).where(filtersOf(companyId, query));
  if (query.status) select = select.where('claims.status', '=', query.status);
  if (query.cursor) {
    const cursor = cursorOf(query.cursor);
    if (cursor.sort !== query.sort) throw new CursorSortMismatchError(cursor.sort, query.sort);
    // A row-value comparison lets both SQLite and PostgreSQL seek the (column, id) index.
    select = select.where((eb) =>
      eb(eb.refTuple(order.column, 'claims.id'), order.direction === 'desc' ? '<' : '>', eb.tuple(cursor.key, cursor.id)),
    );
  }
  const rows = await select
    .orderBy(order.column, order.direction)
    .orderBy('claims.id', order.direction)
    .limit(query.limit + 1)
    .execute();
  const items = rows.slice(0, query.limit);
  const last = items.at(-1);
  const nextCursor =
    rows.length > query.limit && last ? encodeCursor([query.sort, last[order.key], last.id]) : null;
  return { items, nextCursor };
}

export async function countClaimsByStatus(db: DB, companyId: string | null, query: ClaimListing) {
  const rows = await db
    .selectFrom('claims')
    .innerJoin('companies', 'companies.id', 'claims.company_id')
    .select(['claims.status', (eb) => eb.fn.countAll<number>().as('count')])
    .where(filtersOf(companyId, query))
    .groupBy('claims.status')
    .execute();
  const counts = Object.fromEntries(CLAIM_STATUSES.map((status) => [status, 0])) as Record<ClaimStatus, number>;
  for (const row of rows) counts[row.status] = Number(row.count);
  return counts;
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
