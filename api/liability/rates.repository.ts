import type { LiabilityRateKind } from '../../domain/constants.ts';
import type { Principal } from '../auth/principal.ts';
import type { DB } from '../db/connect.ts';
import { prepared } from '../db/prepared.ts';
import { readHeld, type HeldUntilCommit } from '../db/held-until-commit.ts';
import type { LiabilityRateRow } from '../db/database.ts';
import type { Actor } from '../events/events.schema.ts';
import { newId, nowIso } from '../ids.ts';
import type { AddLiabilityRate, LiabilityRate } from './liability.schema.ts';
import { rateBookOf, seesLiabilityLimit, supersededIds, type RateBook } from './limits.ts';

/**
 * Every rate recorded, as claims look them up. The table holds a few rows a year per kind (a
 * monthly SDR value, a yearly IPREM), so a page of claims reads it whole, in one query, rather
 * than a rate per claim.
 */
export async function readRateBook(db: DB): Promise<RateBook> {
  return rateBookOf(await everyRate.execute(db, null, {}));
}

const everyRate = prepared((db, _shape: null, _param: object) => db.selectFrom('liability_rates').selectAll());

/** The rates, for a reader who sees claims' liability limits (as `held` holds them, if it does); nothing read for anyone else. */
export async function ratesFor(db: DB, reader: Principal, held?: HeldUntilCommit<RateBook>): Promise<RateBook | undefined> {
  return seesLiabilityLimit(reader) ? readHeld(held, 'every rate', () => readRateBook(db)) : undefined;
}

export function toLiabilityRate(row: LiabilityRateRow, superseded: boolean): LiabilityRate {
  return {
    id: row.id,
    kind: row.kind,
    value: row.value,
    effectiveFrom: row.effective_from,
    source: row.source,
    recordedAt: row.recorded_at,
    recordedBy: { kind: row.recorded_by_kind, id: row.recorded_by_id, name: row.recorded_by_name },
    superseded,
  };
}

/** The rates recorded, of one kind or all: per kind, the newest day first and, for one day, the record in use before those it corrected. */
export async function listLiabilityRates(db: DB, kind?: LiabilityRateKind): Promise<LiabilityRate[]> {
  let query = db.selectFrom('liability_rates').selectAll();
  if (kind) query = query.where('kind', '=', kind);
  const book = rateBookOf(await query.execute());
  const superseded = supersededIds(book);
  return [...book.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .flatMap(([, rates]) => rates.map((row) => toLiabilityRate(row, superseded.has(row.id))));
}

/**
 * Records a rate from its day on. The same value again for a kind and day already in use changes
 * nothing (a retried request); another value is a correction, recorded beside what it corrects.
 */
export async function recordLiabilityRate(db: DB, input: AddLiabilityRate, actor: Actor): Promise<{ rate: LiabilityRate; created: boolean }> {
  const inUse = await db
    .selectFrom('liability_rates')
    .selectAll()
    .where('kind', '=', input.kind)
    .where('effective_from', '=', input.effectiveFrom)
    .orderBy('recorded_at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  if (inUse && inUse.value === input.value) return { rate: toLiabilityRate(inUse, false), created: false };
  const row: LiabilityRateRow = {
    id: newId('rte'),
    kind: input.kind,
    value: input.value,
    effective_from: input.effectiveFrom,
    source: input.source ?? null,
    recorded_by_kind: actor.kind,
    recorded_by_id: actor.id,
    recorded_by_name: actor.name,
    recorded_at: nowIso(),
  };
  await db.insertInto('liability_rates').values(row).execute();
  return { rate: toLiabilityRate(row, false), created: true };
}
