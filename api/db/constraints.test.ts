import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import {
  ACTOR_KINDS,
  CLAIM_STATUSES,
  CLAIM_TYPES,
  DAY_KINDS,
  DEADLINE_PLACES,
  DOCUMENT_STATUSES,
  EMAIL_STATUSES,
  GOODS,
  LIABILITY_RATE_KINDS,
  NOTIFICATION_CHANNELS,
  NOTIFICATION_KINDS,
  OUTCOMES,
  ROLES,
  SCOPES,
  TOKEN_ISSUER_KINDS,
  TOKEN_ISSUER_SCOPES,
  UPLOAD_SESSION_STATUSES,
} from '../../domain/constants.ts';
import { openTestDatabase, testEngine } from '../testing/database.ts';
import type { DB } from './connect.ts';

// Migrations are frozen, so their CHECK constraints spell the domain's lists out again. This
// proves the database, once migrated, allows exactly what domain/constants.ts says.

const EXPECTED: Record<string, readonly string[]> = {
  'users.role': ROLES,
  'users.notifications': NOTIFICATION_CHANNELS,
  'claims.type': CLAIM_TYPES,
  'claims.goods': GOODS,
  'claims.scope': SCOPES,
  'claims.status': CLAIM_STATUSES,
  'claims.outcome': OUTCOMES,
  'deadline_rules.day_kind': DAY_KINDS,
  'deadline_rules.runs_in': DEADLINE_PLACES,
  'claim_events.actor_kind': ACTOR_KINDS,
  'files.uploaded_by_kind': ACTOR_KINDS,
  'claim_documents.status': DOCUMENT_STATUSES,
  'companies.default_notifications': NOTIFICATION_CHANNELS,
  'notifications.kind': NOTIFICATION_KINDS,
  'email_outbox.status': EMAIL_STATUSES,
  'liability_rates.kind': LIABILITY_RATE_KINDS,
  'liability_rates.recorded_by_kind': ACTOR_KINDS,
  'upload_sessions.status': UPLOAD_SESSION_STATUSES,
  'token_issuers.scope': TOKEN_ISSUER_SCOPES,
  'token_issuers.kind': TOKEN_ISSUER_KINDS,
};

/** Each `column in ('a', 'b')` CHECK of the migrated schema, as `table.column` → values. */
async function checkedValues(db: DB): Promise<Map<string, string[]>> {
  const found = new Map<string, string[]>();
  const literals = (list: string) => [...list.matchAll(/'([^']*)'/g)].map((m) => m[1]!);
  if (testEngine === 'postgres') {
    const { rows } = await sql<{ table: string; definition: string }>`
      select rel.relname as "table", pg_get_constraintdef(con.oid) as definition
      from pg_constraint con join pg_class rel on rel.oid = con.conrelid
      where con.contype = 'c' and rel.relnamespace = current_schema()::regnamespace`.execute(db);
    for (const { table, definition } of rows) {
      for (const m of definition.matchAll(/\(?(\w+) = ANY \(\(?ARRAY\[([^\]]*)\]/g)) found.set(`${table}.${m[1]}`, literals(m[2]!));
    }
  } else {
    const { rows } = await sql<{ table: string; definition: string }>`
      select name as "table", sql as definition from sqlite_master where type = 'table'`.execute(db);
    for (const { table, definition } of rows) {
      for (const m of definition.matchAll(/check \((\w+) in \(([^)]*)\)\)/gi)) found.set(`${table}.${m[1]}`, literals(m[2]!));
    }
  }
  return found;
}

describe('database CHECK constraints', () => {
  let db: DB;
  let close: () => Promise<void>;
  before(async () => {
    ({ db, close } = await openTestDatabase());
  });
  after(() => close());

  it('allow exactly the values of domain/constants.ts', async () => {
    const found = await checkedValues(db);
    for (const [column, values] of Object.entries(EXPECTED)) {
      assert.deepEqual(found.get(column)?.sort(), [...values].sort(), column);
    }
  });
});
