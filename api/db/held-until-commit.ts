export interface HeldUntilCommitOptions {
  /** How long a read stands in for the rows it read, at most: the bound on a change no commit announced here. */
  ttlMs?: number;
  /** How many reads are held at once; the longest held goes first. */
  capacity?: number;
  now?: () => number;
}

/** A moment of a holder (see `HeldUntilCommit.reading`): a read begun then is remembered only if nothing was forgotten since. */
export type Reading = number;

/**
 * Reads this process made lately, held so that the next requests need not make them again: the
 * caller's row, which every authenticated request is checked against; the versions a page or a
 * claim is drawn from, which is all a revalidation answered 304 reads; the liability rates. On SQLite a small
 * statement costs ~20–27 µs inside a busy server; on PostgreSQL it is a round trip.
 *
 * A held read is used only while no write may have changed what it read: every commit announced
 * on the event bus — of this process at once, before its writer is answered; of another at once
 * on PostgreSQL (NOTIFY) and within the poll on SQLite (250 ms) — forgets them all (the app wires
 * `forgetAll` to the bus). The bus wakes the live feed too, which then reads the log: a client
 * told of a change by its stream revalidates after the holder forgot. A read made while such a
 * commit lands is not kept (`reading`). Should a process miss the bus (its listening connection
 * down), `ttlMs` bounds how long it goes on using what it holds. Held values are frozen, as every
 * request that gets one shares it.
 */
export class HeldUntilCommit<Value extends object> {
  readonly #ttlMs: number;
  readonly #capacity: number;
  readonly #now: () => number;
  readonly #held = new Map<string, { value: Value; until: number }>();
  #forgotten = 0;

  constructor({ ttlMs = 1000, capacity = 10_000, now = Date.now }: HeldUntilCommitOptions = {}) {
    this.#ttlMs = ttlMs;
    this.#capacity = capacity;
    this.#now = now;
  }

  /** What was read under `key`, while that read still holds. */
  get(key: string): Value | undefined {
    const held = this.#held.get(key);
    if (held === undefined) return undefined;
    if (held.until > this.#now()) return held.value;
    this.#held.delete(key);
    return undefined;
  }

  /** To pass to `remember` with what a read begun now finds. */
  reading(): Reading {
    return this.#forgotten;
  }

  /** Holds `value` under `key`, as read from a `reading` taken before the read began, unless a commit may have changed it since. */
  remember<Read extends Value>(key: string, value: Read, since: Reading): Read {
    if (since !== this.#forgotten) return value;
    this.#held.delete(key);
    this.#held.set(key, { value: Object.freeze(value), until: this.#now() + this.#ttlMs });
    if (this.#held.size > this.#capacity) this.#held.delete(this.#held.keys().next().value!);
    return value;
  }

  /** Something was committed: nothing held can be trusted, nor a read being made now. */
  forgetAll(): void {
    this.#forgotten++;
    this.#held.clear();
  }

  get size(): number {
    return this.#held.size;
  }
}

/**
 * What `held` holds under `key`, else what `read` finds now, held there from then on (unless a
 * commit landed while it read). A read that finds nothing (undefined) is not held; with no
 * holder, `read` is all there is.
 */
export async function readHeld<Value extends object, Read extends Value | undefined>(held: HeldUntilCommit<Value> | undefined, key: string, read: () => Promise<Read>): Promise<Read> {
  if (held === undefined) return read();
  const holding = held.get(key);
  if (holding !== undefined) return holding as Read;
  const reading = held.reading();
  const found = await read();
  return found === undefined ? found : (held.remember(key, found, reading) as Read);
}
