import { sql, type Kysely, type Transaction } from 'kysely';
import { serializeEventAppends, type DB } from '../db/connect.ts';
import type { ClaimTable, Database } from '../db/database.ts';
import type { EventBus } from './bus.ts';
import { appendEvent, type NewEvent } from './events.repository.ts';

/**
 * An event as the log holds it once appended: with its id and time, and for claim.created the
 * claim row its change just inserted (`opened`), which the reactions derive from rather than
 * read back.
 */
export type LoggedEvent = NewEvent & { id: number; at: string; opened?: Readonly<ClaimTable> };

/**
 * What an event makes happen in the rest of the app: the rows derived from it (a new claim's
 * checklist, notifications and their emails…), written in the event's own transaction so they
 * commit or roll back with it. The features register theirs when the app is composed (app.ts);
 * the write path knows none of them.
 */
export type Reaction = (trx: Transaction<Database>, event: LoggedEvent) => Promise<void>;

export interface WriteDeps {
  db: DB;
  bus: EventBus;
  /** Run, in order, for every event appended (see writePathFor in app.ts). */
  reactions: readonly Reaction[];
}

/**
 * Work a transaction's changes leave for its end (leaveForCommit): `write` runs once, after every
 * change of the transaction has run and before it commits, with the items of the changes that are
 * to commit, in the order they were left — or sooner, when a change is about to read what it
 * writes (writeLeftForCommitNow). For rows that every change writes to (the claims counted per
 * status), for writes that cost per statement far more than per row (SQLite's search index), and
 * for the rows a new claim derives that only a later event of that claim reads (its analytics,
 * its notifications): a burst's changes commit together (GroupCommit), and these are written for
 * all of them in a few statements. If `write` fails, the transaction fails, every change of it
 * with it.
 */
export interface AtCommit<Item> {
  write(trx: Transaction<Database>, items: readonly Item[]): Promise<void>;
}

/** What the changes of one open transaction left for its end: the items of those kept, and of the one running. */
class LeftForCommit {
  #kept = new Map<AtCommit<unknown>, unknown[]>();
  #running = new Map<AtCommit<unknown>, unknown[]>();
  /** Kept changes' items written early while the running change ran (writeNow): its rollback undoes that write. */
  #keptWrittenEarly = new Map<AtCommit<unknown>, unknown[]>();

  add(work: AtCommit<unknown>, items: readonly unknown[]): void {
    const left = this.#running.get(work);
    if (left) left.push(...items);
    else this.#running.set(work, [...items]);
  }

  /** The running change is to commit: what it left joins what the others left. */
  keep(): void {
    for (const [work, items] of this.#running) {
      const kept = this.#kept.get(work);
      if (kept) kept.push(...items);
      else this.#kept.set(work, items);
    }
    this.#running = new Map();
    this.#keptWrittenEarly = new Map();
  }

  /** The running change was rolled back: what it left goes with it, and what the others left that it wrote is left again. */
  drop(): void {
    this.#running = new Map();
    for (const [work, items] of this.#keptWrittenEarly) this.#kept.set(work, [...items, ...(this.#kept.get(work) ?? [])]);
    this.#keptWrittenEarly = new Map();
  }

  /** Writes now, in the running change, everything left so far for `work`. */
  async writeNow(trx: Transaction<Database>, work: AtCommit<unknown>): Promise<void> {
    const kept = this.#kept.get(work) ?? [];
    const running = this.#running.get(work) ?? [];
    if (kept.length === 0 && running.length === 0) return;
    this.#kept.delete(work);
    this.#running.delete(work);
    if (kept.length > 0) this.#keptWrittenEarly.set(work, [...(this.#keptWrittenEarly.get(work) ?? []), ...kept]);
    await work.write(trx, [...kept, ...running]);
  }

  async write(trx: Transaction<Database>): Promise<void> {
    for (const [work, items] of this.#kept) await work.write(trx, items);
  }
}

// Keyed by the transactions record() opens; any other handle (the database, another transaction) has nothing left.
const leftForCommit = new WeakMap<Kysely<Database>, LeftForCommit>();

function openLeftForCommit(trx: Transaction<Database>): LeftForCommit {
  const left = new LeftForCommit();
  leftForCommit.set(trx, left);
  return left;
}

/** Leaves `items` for `work` to write at the end of the change's transaction (see AtCommit). */
export function leaveForCommit<Item>(trx: Transaction<Database>, work: AtCommit<Item>, items: readonly Item[]): void {
  const left = leftForCommit.get(trx);
  if (!left) throw new Error('leaveForCommit is for changes that record() runs: this transaction is not one of the write path.');
  left.add(work as AtCommit<unknown>, items);
}

/**
 * Writes now what the transaction's changes left so far for `work`: for a change about to read
 * the rows `work` writes, which it must find as if they had been written as they were left.
 */
export async function writeLeftForCommitNow<Item>(db: Kysely<Database>, work: AtCommit<Item>): Promise<void> {
  const left = leftForCommit.get(db);
  if (left) await left.writeNow(db as Transaction<Database>, work as AtCommit<unknown>);
}

/** Appends one event to the log inside the change's transaction; resolves to its id. claim.created passes the row it inserted. */
export type Append = (event: NewEvent, opened?: Readonly<ClaimTable>) => Promise<number>;

export type Change<T> = (trx: Transaction<Database>, append: Append) => Promise<T>;

/**
 * The one write path. Runs a change and the events it appends in one transaction — together
 * or not at all — then, once committed, wakes the live feed (this process's, and through the
 * bus every other process's). Commands never open a transaction of their own; nothing else
 * appends to the log.
 *
 * Each `append` runs the registered reactions before it resolves: a change may read what they
 * wrote (the checklist its new claim got) before it answers.
 *
 * Changes that arrive while another commits are committed together (see GroupCommit).
 */
export async function record<T>(deps: WriteDeps, change: Change<T>): Promise<T> {
  return groupCommitOf(deps.db).run(deps, change);
}

/** A change bound to its deps: what runs inside the transaction, and the last event it appended. */
function runChange<T>({ reactions }: WriteDeps, change: Change<T>) {
  let lastEventId = 0;
  return {
    lastEventId: () => lastEventId,
    inTransaction: (trx: Transaction<Database>) =>
      change(trx, async (event, opened) => {
        if (event.type === 'claim.created' && !opened) throw new Error('claim.created is appended with the claim row it opened: its reactions derive from it.');
        const logged: LoggedEvent = { ...event, ...(await appendEvent(trx, event)), ...(opened ? { opened } : {}) };
        for (const react of reactions) await react(trx, logged);
        lastEventId = logged.id;
        return lastEventId;
      }),
  };
}

/** At most this many changes share one commit, so a burst is committed in steps, not all at the end. */
const MAX_CHANGES_PER_COMMIT = 64;

interface Waiting {
  deps: WriteDeps;
  change: Change<unknown>;
  resolve(result: unknown): void;
  reject(error: unknown): void;
}

const groupCommits = new WeakMap<DB, GroupCommit>();

function groupCommitOf(db: DB): GroupCommit {
  let group = groupCommits.get(db);
  if (!group) groupCommits.set(db, (group = new GroupCommit(db)));
  return group;
}

/**
 * Every change appends to the event log, which has one writer at a time — SQLite's one writer,
 * PostgreSQL's append lock (serializeEventAppends) — and each commit waits for the disk: committed
 * one by one, 50 concurrent intakes queue for 50 fsyncs, and on PostgreSQL each holds the lock
 * for its every round trip after its first append. So changes that arrive while a commit is
 * under way wait for the next, which runs them one after another in one transaction, each
 * inside a savepoint of its own: a change that fails is rolled back alone; the others resolve
 * once their shared commit is on disk, and then the failed ones reject (what they raced against
 * is stored by then). A change that arrives while nothing
 * is committing starts at once, alone. What the kept changes left for the commit (AtCommit) is
 * written once for all of them after the last. If the shared transaction itself fails (the disk,
 * or that work, not a change), every change in it rejects: none of them was stored.
 *
 * On PostgreSQL the shared transaction takes the append lock before its first change, so each
 * process takes it before any row lock its changes take: two processes' transactions, each with
 * several changes, never wait for each other in a cycle.
 */
class GroupCommit {
  #waiting: Waiting[] = [];
  #committing = false;

  constructor(readonly db: DB) {}

  run<T>(deps: WriteDeps, change: Change<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#waiting.push({ deps, change, resolve: resolve as (result: unknown) => void, reject });
      if (!this.#committing) void this.#drain();
    });
  }

  async #drain(): Promise<void> {
    this.#committing = true;
    try {
      // better-sqlite3 runs a whole transaction without giving the event loop a turn: wait for
      // one, so the changes of requests that arrived together are read and joined first.
      await new Promise(setImmediate);
      while (this.#waiting.length > 0) await this.#commit(this.#waiting.splice(0, MAX_CHANGES_PER_COMMIT));
    } finally {
      this.#committing = false;
    }
  }

  async #commit(group: Waiting[]): Promise<void> {
    const done: { waiting: Waiting; result: unknown; lastEventId: number }[] = [];
    const failed: { waiting: Waiting; error: unknown }[] = [];
    try {
      await this.db.transaction().execute(async (trx) => {
        await serializeEventAppends(trx);
        const left = openLeftForCommit(trx);
        // A change alone needs no savepoint: failing, it takes the transaction down with it alone
        // (two round trips less on PostgreSQL for every write that meets no other).
        const alone = group.length === 1;
        for (const waiting of group) {
          const run = runChange(waiting.deps, waiting.change);
          if (!alone) await sql`savepoint change`.execute(trx);
          let result: unknown;
          try {
            result = await run.inTransaction(trx);
          } catch (error) {
            if (alone) throw error;
            await sql`rollback to change`.execute(trx);
            await sql`release change`.execute(trx);
            left.drop();
            failed.push({ waiting, error });
            continue;
          }
          if (!alone) await sql`release change`.execute(trx);
          left.keep();
          done.push({ waiting, result, lastEventId: run.lastEventId() });
        }
        await left.write(trx);
      });
    } catch (error) {
      // Those that failed alone reject with their own error; a settled promise ignores the second.
      for (const { waiting, error: own } of failed) waiting.reject(own);
      for (const waiting of group) waiting.reject(error);
      return;
    }
    const lastEventIds = new Map<EventBus, number>();
    for (const { waiting, lastEventId } of done) {
      if (lastEventId > 0) lastEventIds.set(waiting.deps.bus, Math.max(lastEventIds.get(waiting.deps.bus) ?? 0, lastEventId));
    }
    for (const [bus, lastEventId] of lastEventIds) bus.committed(lastEventId);
    for (const { waiting, result } of done) waiting.resolve(result);
    // A change that failed beside others rejects once they are committed: one that lost a race to
    // another of its transaction (a unique key) finds the winner's rows when it looks for them.
    for (const { waiting, error } of failed) waiting.reject(error);
  }
}
