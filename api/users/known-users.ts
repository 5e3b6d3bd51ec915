import type { UserWithCompany } from '../auth/principal.ts';

export interface KnownUsersOptions {
  /** How long a user read stands in for their row, at most: the bound on a change no commit announced here. */
  ttlMs?: number;
  /** How many users are held at once; the longest held goes first. */
  capacity?: number;
  now?: () => number;
}

/** A moment of the cache (see `KnownUsers.reading`): a read begun then is remembered only if nothing was forgotten since. */
export type Reading = number;

/**
 * The users tokens named lately, as their rows were read, so that a user's next requests need not
 * read the row again: every request a user makes authenticates against it, and that read was one
 * statement of a revalidation's two (a round trip of two on PostgreSQL).
 *
 * A held row is used only while no write may have changed it: every commit announced on the event
 * bus (each that appends events, and a user's sync that renamed their company) — of this process
 * at once, before its writer is answered; of another at once on PostgreSQL (NOTIFY) and within the
 * poll on SQLite (250 ms) — forgets them all, as any of them may have changed a user or their
 * company (an access granted or removed, a rename). A row read while such a commit lands is not
 * kept (`reading`). Should a process miss the bus (its listening connection down), `ttlMs` bounds
 * how long it goes on using what it holds. What a token says of its user (name, role…) is still
 * compared with the row on every request.
 */
export class KnownUsers {
  readonly #ttlMs: number;
  readonly #capacity: number;
  readonly #now: () => number;
  readonly #held = new Map<string, { user: UserWithCompany; until: number }>();
  #forgotten = 0;

  constructor({ ttlMs = 1000, capacity = 10_000, now = Date.now }: KnownUsersOptions = {}) {
    this.#ttlMs = ttlMs;
    this.#capacity = capacity;
    this.#now = now;
  }

  /** The user as last read, while that read still holds; frozen, as every request of theirs shares it. */
  get(companyId: string, externalId: string): UserWithCompany | undefined {
    const key = keyOf(companyId, externalId);
    const held = this.#held.get(key);
    if (held === undefined) return undefined;
    if (held.until > this.#now()) return held.user;
    this.#held.delete(key);
    return undefined;
  }

  /** To pass to `remember` with what a read begun now finds. */
  reading(): Reading {
    return this.#forgotten;
  }

  /** Holds `user` as read from a `reading` taken before the read began, unless a commit may have changed it since. */
  remember(user: UserWithCompany, since: Reading): UserWithCompany {
    if (since !== this.#forgotten) return user;
    const key = keyOf(user.company_id, user.external_id);
    this.#held.delete(key);
    this.#held.set(key, { user: Object.freeze(user), until: this.#now() + this.#ttlMs });
    if (this.#held.size > this.#capacity) this.#held.delete(this.#held.keys().next().value!);
    return user;
  }

  /** Something was committed: no held row can be trusted, nor one being read now. */
  forgetAll(): void {
    this.#forgotten++;
    this.#held.clear();
  }

  get size(): number {
    return this.#held.size;
  }
}

const keyOf = (companyId: string, externalId: string) => `${companyId}\u0000${externalId}`;
