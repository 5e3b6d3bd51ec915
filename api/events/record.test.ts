import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { openTestDatabase } from '../testing/database.ts';
import { createEventBus, type EventBus } from './bus.ts';
import { leaveForCommit, record, writeLeftForCommitNow, type AtCommit, type Change, type Reaction } from './record.ts';
import { nowIso } from '../ids.ts';

let database: Awaited<ReturnType<typeof openTestDatabase>>;
let bus: EventBus;
const committed: number[] = [];

before(async () => {
  database = await openTestDatabase();
  const inner = createEventBus();
  bus = { ...inner, committed: (id) => (committed.push(id), inner.committed(id)) };
});
after(() => database.close());

// No reactions: these tests are about the transaction and the wake-up, not what events derive.
const deps = () => ({ db: database.db, bus, reactions: [] });

/** A change that stores a company and appends its company.updated event; `fail` throws after both. */
function opensCompany(id: string, fail = false): Change<{ id: string; eventId: number }> {
  return async (trx, append) => {
    const at = nowIso();
    await trx.insertInto('companies').values({ id, name: id, created_at: at, updated_at: at }).execute();
    const eventId = await append({ type: 'company.updated', companyId: id, actor: { kind: 'system', id: null, name: 'test' }, data: { defaultNotifications: 'in_app' } });
    if (fail) throw new Error(`change ${id} refused`);
    return { id, eventId };
  };
}

const companiesNamed = async (prefix: string) =>
  (await database.db.selectFrom('companies').select('id').where('id', 'like', `${prefix}%`).orderBy('id').execute()).map((row) => row.id);
const eventsOf = async (prefix: string) =>
  (await database.db.selectFrom('claim_events').select('company_id').where('company_id', 'like', `${prefix}%`).execute()).map((row) => row.company_id).sort();

describe('record: the one write path', () => {
  it('stores a change and its events together, and wakes the feed with the last id once committed', async () => {
    committed.length = 0;
    const result = await record(deps(), opensCompany('solo-1'));
    assert.deepEqual(await companiesNamed('solo-'), ['solo-1']);
    assert.deepEqual(await eventsOf('solo-'), ['solo-1']);
    assert.deepEqual(committed, [result.eventId]);
  });

  it('rolls a failing change back, events and all, and rejects with its own error', async () => {
    await assert.rejects(record(deps(), opensCompany('fail-1', true)), /change fail-1 refused/);
    assert.deepEqual(await companiesNamed('fail-'), []);
    assert.deepEqual(await eventsOf('fail-'), []);
  });

  it('runs the registered reactions on each event as it is appended, in its transaction: they commit and roll back with it', async () => {
    const seen: string[] = [];
    // A reaction that derives a row from the event (as notifications do) and records the order it ran in.
    const derive =
      (name: string): Reaction =>
      async (trx, event) => {
        seen.push(`${name}:${event.type}:${event.id}`);
        const at = nowIso();
        await trx.insertInto('companies').values({ id: `${event.companyId}-${name}`, name, created_at: at, updated_at: at }).execute();
      };
    const reacting = { ...deps(), reactions: [derive('a'), derive('b')] };

    const result = await record(reacting, opensCompany('react-1'));
    assert.deepEqual(seen, [`a:company.updated:${result.eventId}`, `b:company.updated:${result.eventId}`], 'each reaction once, in the order registered, with the logged id');
    assert.deepEqual(await companiesNamed('react-1'), ['react-1', 'react-1-a', 'react-1-b']);

    await assert.rejects(record(reacting, opensCompany('react-2', true)), /change react-2 refused/);
    assert.deepEqual(await companiesNamed('react-2'), [], 'what the reactions wrote is rolled back with the change');

    const refusing: Reaction = async () => {
      throw new Error('reaction refused');
    };
    await assert.rejects(record({ ...deps(), reactions: [derive('c'), refusing] }, opensCompany('react-3')), /reaction refused/);
    assert.deepEqual(await companiesNamed('react-3'), [], 'a failing reaction fails the change: no event without what it derives');
    assert.deepEqual(await eventsOf('react-3'), []);
  });

  it('keeps concurrent changes apart: one failing among many loses only its own writes', async () => {
    committed.length = 0;
    const ids = Array.from({ length: 30 }, (_, i) => `burst-${String(i).padStart(2, '0')}`);
    const outcomes = await Promise.allSettled(ids.map((id, i) => record(deps(), opensCompany(id, i % 7 === 3))));
    const failed = ids.filter((_, i) => i % 7 === 3);
    const stored = ids.filter((id) => !failed.includes(id));
    outcomes.forEach((outcome, i) => {
      if (failed.includes(ids[i]!)) assert.match(String(outcome.status === 'rejected' && outcome.reason), new RegExp(`change ${ids[i]} refused`));
      else assert.deepEqual(outcome.status === 'fulfilled' && outcome.value.id, ids[i]);
    });
    assert.deepEqual(await companiesNamed('burst-'), stored);
    assert.deepEqual(await eventsOf('burst-'), stored);
    // Each change's event id is its own, and the feed is woken up to the last one.
    const eventIds = outcomes.flatMap((o) => (o.status === 'fulfilled' ? [o.value.eventId] : []));
    assert.equal(new Set(eventIds).size, stored.length);
    assert.equal(Math.max(...committed), Math.max(...eventIds));
  });

  it('rejects a change that lost a race in its shared transaction only once the winner is committed', async () => {
    // Sent together, they run in one transaction: the second breaks the unique key the first took,
    // and the third keeps the transaction open a while after it.
    const slow: Change<void> = async () => {
      await new Promise((resolve) => setTimeout(resolve, 300));
    };
    const [winner, loser] = await Promise.allSettled([
      record(deps(), opensCompany('raced-1')),
      record(deps(), opensCompany('raced-1')).catch(async (error: unknown) => ({ error, found: await companiesNamed('raced-') })),
      record(deps(), slow),
    ]);
    assert.equal(winner.status, 'fulfilled');
    assert.equal(loser.status, 'fulfilled');
    assert.deepEqual((loser as PromiseFulfilledResult<{ found: string[] }>).value.found, ['raced-1'], 'the loser, refused, finds what won');
  });

  it('answers a change only once it is committed: what it wrote is there for every reader', async () => {
    const [first, second] = await Promise.all([record(deps(), opensCompany('seen-1')), record(deps(), opensCompany('seen-2'))]);
    // A transaction of another connection sees only committed rows (same connection on SQLite: nothing open now).
    const visible = await database.db.transaction().execute((trx) => trx.selectFrom('claim_events').select('id').where('id', 'in', [first.eventId, second.eventId]).execute());
    assert.equal(visible.length, 2);
  });

  it('a burst of concurrent changes shares a few commits', async () => {
    committed.length = 0;
    const ids = Array.from({ length: 40 }, (_, i) => `group-${String(i).padStart(2, '0')}`);
    await Promise.all(ids.map((id) => record(deps(), opensCompany(id))));
    assert.ok(committed.length < ids.length / 4, `${committed.length} commits for ${ids.length} changes`);
    assert.deepEqual(await companiesNamed('group-'), ids);
  });

  it('writes what changes leave for the commit once per transaction, after the last of them, and drops what a failing change left', async () => {
    const writes: string[][] = [];
    // Counts the companies opened, as claim_counts counts claims: a row written by the work, in the transaction.
    const tally: AtCommit<string> = {
      async write(trx, ids) {
        writes.push([...ids]);
        const at = nowIso();
        await trx.insertInto('companies').values(ids.map((id) => ({ id: `${id}-tallied`, name: id, created_at: at, updated_at: at }))).execute();
      },
    };
    const tallied = (id: string, fail = false): Change<{ id: string; eventId: number }> => async (trx, append) => {
      leaveForCommit(trx, tally, [id]);
      return opensCompany(id, fail)(trx, append);
    };
    const ids = Array.from({ length: 30 }, (_, i) => `tally-${String(i).padStart(2, '0')}`);
    await Promise.allSettled(ids.map((id, i) => record(deps(), tallied(id, i % 7 === 3))));
    const stored = ids.filter((_, i) => i % 7 !== 3);
    assert.deepEqual(writes.flat().sort(), stored, 'each kept change’s items once; none of those rolled back');
    assert.ok(writes.length < stored.length / 4, `${writes.length} writes for ${stored.length} changes: one per shared commit`);
    assert.deepEqual(await companiesNamed('tally-'), [...stored, ...stored.map((id) => `${id}-tallied`)].sort());
  });

  it('writes what the changes left for the commit at once for a change about to read it, and leaves it again if that change is rolled back', async () => {
    const writes: string[] = [];
    let reader: string | null = null;
    const tally: AtCommit<string> = {
      async write(trx, ids) {
        writes.push(`${reader ?? 'commit'}: ${ids.join(' ')}`);
        const at = nowIso();
        await trx.insertInto('companies').values(ids.map((id) => ({ id: `${id}-tallied`, name: id, created_at: at, updated_at: at }))).execute();
      },
    };
    const leaves = (id: string): Change<unknown> => async (trx, append) => {
      leaveForCommit(trx, tally, [id]);
      return opensCompany(id)(trx, append);
    };
    const seen: string[][] = [];
    const reads = (id: string, fail = false): Change<unknown> => async (trx, append) => {
      reader = id;
      await writeLeftForCommitNow(trx, tally);
      reader = null;
      seen.push((await trx.selectFrom('companies').select('id').where('id', 'like', 'early-%-tallied').orderBy('id').execute()).map((row) => row.id));
      leaveForCommit(trx, tally, [id]);
      return opensCompany(id, fail)(trx, append);
    };
    // Sent together, they share one transaction, run in this order.
    const results = await Promise.allSettled([
      record(deps(), leaves('early-a')),
      record(deps(), leaves('early-b')),
      record(deps(), reads('early-c', true)),
      record(deps(), reads('early-d')),
      record(deps(), leaves('early-e')),
    ]);
    assert.deepEqual(results.map((result) => result.status), ['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    assert.deepEqual(writes, ['early-c: early-a early-b', 'early-d: early-a early-b', 'commit: early-d early-e'], 'written for each reader, again after the first was rolled back, the rest at the commit');
    assert.deepEqual(seen, [
      ['early-a-tallied', 'early-b-tallied'],
      ['early-a-tallied', 'early-b-tallied'],
    ]);
    assert.deepEqual(await companiesNamed('early-'), ['early-a', 'early-a-tallied', 'early-b', 'early-b-tallied', 'early-d', 'early-d-tallied', 'early-e', 'early-e-tallied']);
  });

  it('has nothing left to write early outside the write path', async () => {
    const never: AtCommit<string> = {
      async write() {
        throw new Error('nothing was left');
      },
    };
    await writeLeftForCommitNow(database.db, never);
    await database.db.transaction().execute((trx) => writeLeftForCommitNow(trx, never));
  });

  it('fails the changes of a transaction whose work left for the commit fails, storing none of them', async () => {
    const refusing: AtCommit<string> = {
      async write() {
        throw new Error('the work left for the commit refused');
      },
    };
    const refused = (id: string): Change<{ id: string; eventId: number }> => async (trx, append) => {
      leaveForCommit(trx, refusing, [id]);
      return opensCompany(id)(trx, append);
    };
    await assert.rejects(record(deps(), refused('refused-1')), /the work left for the commit refused/);
    assert.deepEqual(await companiesNamed('refused-'), []);
    assert.deepEqual(await eventsOf('refused-'), []);
  });

  it('refuses work left for the commit of a transaction it does not run', async () => {
    const tally: AtCommit<string> = { write: async () => {} };
    await assert.rejects(
      database.db.transaction().execute(async (trx) => leaveForCommit(trx, tally, ['outside'])),
      /not one of the write path/,
    );
  });

  it('a change that breaks the shared transaction fails with the others in it, and stores none of them', async () => {
    const breaking: Change<void> = async (trx) => {
      // Ends the shared transaction under the write path's feet, as a failing disk would.
      await sql`rollback`.execute(trx);
    };
    const outcomes = await Promise.allSettled([record(deps(), opensCompany('broken-1')), record(deps(), breaking), record(deps(), opensCompany('broken-2'))]);
    assert.ok(outcomes.every((o) => o.status === 'rejected'), JSON.stringify(outcomes.map((o) => o.status)));
    assert.deepEqual(await companiesNamed('broken-'), []);
    // And the write path goes on afterwards.
    await record(deps(), opensCompany('after-1'));
    assert.deepEqual(await companiesNamed('after-'), ['after-1']);
  });
});
