import { sql, type Expression, type ExpressionBuilder, type SqlBool, type Transaction } from 'kysely';
import type { DB } from '../db/connect.ts';
import { CLAIM_STATUSES, type ClaimStatus } from '../../domain/constants.ts';
import type { Database } from '../db/database.ts';
import { InvalidCursorError } from '../errors.ts';
import { textProblem } from '../http/text.ts';
import type { ListClaimsQuery } from './claims.schema.ts';

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

interface Cursor {
  createdAt: string;
  id: string;
}

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.createdAt, cursor.id])).toString('base64url');
}

function decodeCursor(raw: string): Cursor {
  try {
    const value: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    // A forged cursor may carry what no column holds (NUL, lone surrogates): refused here, never sent to the database.
    if (Array.isArray(value) && isStorableText(value[0]) && isStorableText(value[1])) {
      return { createdAt: value[0], id: value[1] };
    }
  } catch {
    // falls through to the error below
  }
  throw new InvalidCursorError();
}

const isStorableText = (value: unknown): value is string => typeof value === 'string' && textProblem(value) === null;

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}

/** The filters of a listing except status: counts per status share them. */
function filtersOf(companyId: string | null, query: ListClaimsQuery) {
  return (eb: ExpressionBuilder<Database & { companies: Database['companies'] }, 'claims' | 'companies'>) => {
    const conditions: Expression<SqlBool>[] = [];
    if (companyId !== null) conditions.push(eb('claims.company_id', '=', companyId));
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
 * Newest first, by keyset on (created_at, id): a claim inserted while someone pages lands
 * before their cursor, so pages neither repeat nor skip.
 */
export async function listClaims(db: DB, companyId: string | null, query: ListClaimsQuery) {
  let select = selectClaims(db).where(filtersOf(companyId, query));
  if (query.status) select = select.where('claims.status', '=', query.status);
  if (query.cursor) {
    const cursor = decodeCursor(query.cursor);
    // A row-value comparison lets both SQLite and PostgreSQL seek the (created_at, id) index.
    select = select.where((eb) =>
      eb(eb.refTuple('claims.created_at', 'claims.id'), '<', eb.tuple(cursor.createdAt, cursor.id)),
    );
  }
  const rows = await select
    .orderBy('claims.created_at', 'desc')
    .orderBy('claims.id', 'desc')
    .limit(query.limit + 1)
    .execute();
  const items = rows.slice(0, query.limit);
  const last = items.at(-1);
  const nextCursor = rows.length > query.limit && last ? encodeCursor({ createdAt: last.created_at, id: last.id }) : null;
  return { items, nextCursor };
}

export async function countClaimsByStatus(db: DB, companyId: string | null, query: ListClaimsQuery) {
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
