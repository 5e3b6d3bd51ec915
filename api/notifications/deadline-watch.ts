import { DEADLINE_COUNTS_IN } from '../../domain/deadline-order.ts';
import { SYSTEM_ACTOR } from '../events/actor.ts';
import { record, type Reaction, type WriteDeps } from '../events/record.ts';
import { nowIso } from '../ids.ts';
import { DEFAULTS } from '../defaults.ts';
import { silentLogger, type Logger } from '../observability/logger.ts';

const HOUR_MS = 3_600_000;

/**
 * The reaction that lets a claim whose deadline a correction moved (claim.amended) be warned
 * again, of its new deadline: the warnings it had were of the old one (registered in app.ts).
 */
export const rewarnOfMovedDeadline: Reaction = async (trx, event) => {
  if (event.type !== 'claim.amended' || !('claimId' in event) || !event.data.changes?.some((change) => change.field === 'deadlineAt')) return;
  await trx.deleteFrom('deadline_alerts').where('claim_id', '=', event.claimId).execute();
};

/**
 * Warns of each filing deadline that comes within a threshold: a claim.deadline_approaching
 * event (and through the write path, its notifications and emails), once per claim and
 * threshold however often this runs and however many processes run it — the deadline_alerts
 * row is the claim to the warning, inserted in the event's transaction. A claim that crosses
 * several thresholds between two runs (or opens with its deadline near) gets the nearest only.
 * Resolves to the number of warnings given.
 */
export async function warnOfDeadlines(deps: WriteDeps, thresholds: readonly number[] = DEFAULTS.deadlineWarningHours, now = new Date()): Promise<number> {
  if (thresholds.length === 0) return 0;
  const at = (hours: number) => new Date(now.getTime() + hours * HOUR_MS).toISOString();
  const ascending = [...thresholds].sort((a, b) => a - b);
  // Each claim whose deadline lies within a threshold, and has not had the nearest such warning.
  // deadline_order is the deadline while it counts (domain/deadline-order.ts), so the window is
  // one range of its index; claims warned already are left out here, not read and rechecked one
  // transaction each at every run.
  const due = await deps.db
    .selectFrom('claims')
    .select(['id', 'company_id', 'deadline_at'])
    .where('deadline_order', '>', now.toISOString())
    .where('deadline_order', '<=', at(ascending.at(-1)!))
    .where((eb) =>
      eb.or(
        ascending.map((hours, i) =>
          eb.and([
            eb('deadline_order', '>', i === 0 ? now.toISOString() : at(ascending[i - 1]!)),
            eb('deadline_order', '<=', at(hours)),
            eb.not(
              eb.exists(
                eb.selectFrom('deadline_alerts').select('deadline_alerts.claim_id').whereRef('deadline_alerts.claim_id', '=', 'claims.id').where('deadline_alerts.threshold_hours', '=', hours),
              ),
            ),
          ]),
        ),
      ),
    )
    .execute();
  let warned = 0;
  for (const claim of due) {
    const hoursLeft = (Date.parse(claim.deadline_at) - now.getTime()) / HOUR_MS;
    const crossed = thresholds.filter((hours) => hoursLeft <= hours);
    const nearest = Math.min(...crossed);
    const given = await record(deps, async (trx, append) => {
      const current = await trx.selectFrom('claims').select('status').where('id', '=', claim.id).executeTakeFirst();
      if (!current || !DEADLINE_COUNTS_IN.includes(current.status)) return false; // filed or declined since the query
      const inserted = await trx
        .insertInto('deadline_alerts')
        .values(crossed.map((hours) => ({ claim_id: claim.id, threshold_hours: hours, created_at: nowIso() })))
        .onConflict((oc) => oc.columns(['claim_id', 'threshold_hours']).doNothing())
        .returning('threshold_hours')
        .execute();
      if (!inserted.some((row) => row.threshold_hours === nearest)) return false;
      await append({
        type: 'claim.deadline_approaching',
        claimId: claim.id,
        companyId: claim.company_id,
        actor: SYSTEM_ACTOR,
        data: { deadlineAt: claim.deadline_at, hoursLeft: nearest },
      });
      return true;
    });
    if (given) warned++;
  }
  return warned;
}

/** Runs warnOfDeadlines now and every `everyMs`; a failed run is logged and the next one tries again. */
export function startDeadlineWatch(
  deps: WriteDeps,
  everyMs: number,
  thresholds: readonly number[] = DEFAULTS.deadlineWarningHours,
  logger: Logger = silentLogger,
): { stop(): Promise<void> } {
  const log = logger.child({ component: 'deadline-watch' });
  let running: Promise<unknown> = Promise.resolve();
  const run = () => {
    running = running
      .then(() => warnOfDeadlines(deps, thresholds))
      .catch((error: unknown) => log.error({ err: error }, 'deadline watch: a run failed; the next one retries'));
  };
  run();
  const timer = setInterval(run, everyMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
