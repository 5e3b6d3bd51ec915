import Database from 'better-sqlite3';
import pg from 'pg';
import type { Database as TestDatabase } from './api-process.ts';

// What the clients were told (every acknowledged write) and what the database holds after a
// crash, compared.

export type Status = 'notified' | 'declined' | 'documentation' | 'review' | 'submitted' | 'resolved' | 'closed';

/** How far along the main path a status is; `declined` is a branch of its own (final). */
const RANK: Record<Status, number> = { notified: 0, declined: 1, documentation: 1, review: 2, submitted: 3, resolved: 4, closed: 5 };

/** The event each acknowledged move must have left in the log. */
export const EVENT_OF: Record<'create' | 'accept' | 'decline' | 'transition', string> = {
  create: 'claim.created',
  accept: 'claim.accepted',
  decline: 'claim.declined',
  transition: 'claim.transitioned',
};

export interface AckedWrite {
  kind: keyof typeof EVENT_OF;
  /** The status the 2xx answer reported. */
  status: Status;
  round: number;
}

export interface AckedClaim {
  id: string;
  externalRef: string;
  companyId: string;
  writes: AckedWrite[];
}

/** Every write a client got a 2xx for, by claim. */
export class Ledger {
  readonly claims = new Map<string, AckedClaim>();

  get writes(): number {
    let n = 0;
    for (const claim of this.claims.values()) n += claim.writes.length;
    return n;
  }

  created(id: string, externalRef: string, companyId: string, round: number): void {
    const claim = this.claims.get(id);
    // A 200 for a repeated externalRef names a claim already acknowledged.
    if (claim) claim.writes.push({ kind: 'create', status: 'notified', round });
    else this.claims.set(id, { id, externalRef, companyId, writes: [{ kind: 'create', status: 'notified', round }] });
  }

  moved(id: string, kind: AckedWrite['kind'], status: Status, round: number): void {
    const claim = this.claims.get(id);
    if (!claim) throw new Error(`a move of ${id} was acknowledged, but its creation never was`);
    claim.writes.push({ kind, status, round });
  }
}

export interface StoredEvent {
  id: number;
  claimId: string | null;
  type: string;
  to: string | undefined;
}

export interface Snapshot {
  integrity: string;
  statuses: Map<string, Status>;
  events: StoredEvent[];
}

/** Reads the database directly, beside the running API (a second connection; WAL lets it read while the API writes). */
export async function snapshot(db: TestDatabase): Promise<Snapshot> {
  type Row = { id: number | string; claim_id: string | null; type: string; data: string };
  const toEvent = (r: Row): StoredEvent => ({ id: Number(r.id), claimId: r.claim_id, type: r.type, to: (JSON.parse(r.data) as { to?: string }).to });
  if (db.sqliteFile) {
    const sqlite = new Database(db.sqliteFile, { readonly: true, fileMustExist: true });
    try {
      const integrity = (sqlite.pragma('integrity_check') as Array<{ integrity_check: string }>).map((r) => r.integrity_check).join('; ');
      // One read transaction, so claims and events are one consistent picture.
      return sqlite.transaction(() => ({
        integrity,
        statuses: new Map((sqlite.prepare('select id, status from claims').all() as Array<{ id: string; status: Status }>).map((r) => [r.id, r.status])),
        events: (sqlite.prepare('select id, claim_id, type, data from claim_events order by id').all() as Row[]).map(toEvent),
      }))();
    } finally {
      sqlite.close();
    }
  }
  const client = new pg.Client({ connectionString: db.databaseUrl });
  await client.connect();
  try {
    await client.query('begin isolation level repeatable read read only');
    const claims = await client.query<{ id: string; status: Status }>('select id, status from claims');
    const events = await client.query<Row>('select id, claim_id, type, data from claim_events order by id');
    await client.query('commit');
    return { integrity: 'ok (PostgreSQL: not applicable)', statuses: new Map(claims.rows.map((r) => [r.id, r.status])), events: events.rows.map(toEvent) };
  } finally {
    await client.end();
  }
}

/**
 * Every acknowledged write against what is stored: returns what is wrong (empty when all is
 * well). `before` is the log as the previous check saw it: it must still be there, unchanged.
 */
export function compare(ledger: Ledger, now: Snapshot, before: StoredEvent[]): string[] {
  const problems: string[] = [];
  if (now.integrity !== 'ok' && !now.integrity.startsWith('ok (')) problems.push(`PRAGMA integrity_check: ${now.integrity}`);

  for (let i = 1; i < now.events.length; i++) {
    if (!(now.events[i]!.id > now.events[i - 1]!.id)) problems.push(`event ids not strictly increasing: ${now.events[i - 1]!.id} then ${now.events[i]!.id}`);
  }
  const byId = new Map(now.events.map((e) => [e.id, e]));
  if (byId.size !== now.events.length) problems.push(`${now.events.length - byId.size} duplicate event id(s)`);
  for (const old of before) {
    const still = byId.get(old.id);
    if (!still) problems.push(`event ${old.id} (${old.type} of ${old.claimId}) was in the log before the crash and is gone`);
    else if (still.type !== old.type || still.claimId !== old.claimId || still.to !== old.to) problems.push(`event ${old.id} changed across the crash`);
  }

  const eventsOf = new Map<string, StoredEvent[]>();
  for (const e of now.events) if (e.claimId) eventsOf.set(e.claimId, [...(eventsOf.get(e.claimId) ?? []), e]);
  for (const claim of ledger.claims.values()) {
    const stored = now.statuses.get(claim.id);
    if (!stored) {
      problems.push(`claim ${claim.id} (${claim.externalRef}) was acknowledged (201) and is not in the database`);
      continue;
    }
    const events = eventsOf.get(claim.id) ?? [];
    if (!events.some((e) => e.type === 'claim.created')) problems.push(`claim ${claim.id} has no claim.created event`);
    for (const write of claim.writes) {
      if (write.kind === 'create') continue;
      const ok = write.status === 'declined' ? stored === 'declined' : stored !== 'declined' && RANK[stored] >= RANK[write.status];
      if (!ok) problems.push(`claim ${claim.id}: a move to ${write.status} was acknowledged (round ${write.round}) but the database says ${stored}`);
      if (!events.some((e) => e.type === EVENT_OF[write.kind] && e.to === write.status)) {
        problems.push(`claim ${claim.id}: the acknowledged move to ${write.status} (round ${write.round}) has no ${EVENT_OF[write.kind]} event`);
      }
    }
  }
  return problems;
}
