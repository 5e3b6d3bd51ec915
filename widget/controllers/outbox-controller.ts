import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { ApiError } from '../internal/api-error.ts';
import { backoff, type Clock } from '../internal/live-stream.ts';

/** Sends that fail on the network are tried this many times, 1 s, 2 s, 4 s… apart (at most 30 s), before the user is asked. */
const ATTEMPTS = 6;
const RETRY_BASE_MS = 1000;
const RETRY_MAX_MS = 30_000;

/** Something written here that the server has not confirmed yet. */
export interface Outgoing<T> {
  /** Sent with every attempt, so the server stores it once however many attempts reach it. */
  readonly clientId: string;
  readonly item: T;
  readonly state: 'sending' | 'retrying' | 'failed';
  readonly attempts: number;
  /** Why it failed for good (null while it has not). */
  readonly problem: ApiError | null;
}

export interface OutboxOptions<T, R> {
  /** One attempt to send an item. */
  send: (item: T, clientId: string) => Promise<R>;
  /** The server stored an item, and answered with `result`. */
  sent: (result: R, entry: Outgoing<T>) => void;
  /** An item failed for good: refused, or still failing after the automatic attempts. */
  failed: (problem: ApiError, entry: Outgoing<T>) => void;
  /** The timers retries wait on: the session's live stream's (none without a session: then a failure is final). */
  clock: () => Clock | undefined;
}

/**
 * What an element writes to the server and shows at once, until the server confirms it: each item
 * is sent with its own clientId, retried by itself with backoff when the network fails (at once
 * when the browser comes back online), and marked failed — for the user to retry — when the server
 * refuses it or the attempts run out.
 */
export class OutboxController<T, R> implements ReactiveController {
  items: readonly Outgoing<T>[] = [];
  /** Per item waiting for a retry, its timer and the clock it was set on. */
  #timers = new Map<string, { clock: Clock; timer: unknown }>();
  #connected = false;
  #askingBeforeLeaving = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: OutboxOptions<T, R>,
  ) {
    host.addController(this);
  }

  /** Shows an item as sending and sends it. */
  add(item: T): void {
    const entry: Outgoing<T> = { clientId: crypto.randomUUID(), item, state: 'sending', attempts: 0, problem: null };
    this.#set([...this.items, entry]);
    void this.#deliver(entry.clientId);
  }

  /** Sends an item again now. */
  retry(clientId: string): void {
    this.#stopTimer(clientId);
    void this.#deliver(clientId);
  }

  /** Drops the items the server has stored already: they came back in a page or live. */
  confirm(clientIds: ReadonlySet<string>): void {
    if (!this.items.some((entry) => clientIds.has(entry.clientId))) return;
    clientIds.forEach((id) => this.#stopTimer(id));
    this.#set(this.items.filter((entry) => !clientIds.has(entry.clientId)));
  }

  hostConnected(): void {
    this.#connected = true;
    window.addEventListener('online', this.#resume);
    this.#guardLeaving();
    // Back on the page: what waited for a retry lost its timer on leaving, so it goes now.
    this.#resume();
  }

  hostDisconnected(): void {
    this.#connected = false;
    window.removeEventListener('online', this.#resume);
    this.#guardLeaving();
    [...this.#timers.keys()].forEach((id) => this.#stopTimer(id));
  }

  /**
   * While something written here is not stored yet (sending, waiting for a retry, or failed),
   * closing or reloading the page asks first: nothing is kept in the host page's storage, so
   * leaving would lose it. Listening only then keeps the page's back-forward cache otherwise.
   */
  #guardLeaving(): void {
    const ask = this.#connected && this.items.length > 0;
    if (ask === this.#askingBeforeLeaving) return;
    this.#askingBeforeLeaving = ask;
    if (ask) window.addEventListener('beforeunload', this.#askBeforeLeaving);
    else window.removeEventListener('beforeunload', this.#askBeforeLeaving);
  }

  #askBeforeLeaving = (event: Event): void => {
    event.preventDefault();
  };

  #resume = (): void => {
    for (const entry of this.items) if (entry.state === 'retrying') this.retry(entry.clientId);
  };

  #set(items: readonly Outgoing<T>[]): void {
    this.items = items;
    this.#guardLeaving();
    this.host.requestUpdate();
  }

  #change(clientId: string, change: Partial<Outgoing<T>>): Outgoing<T> | undefined {
    let changed: Outgoing<T> | undefined;
    this.#set(this.items.map((entry) => (entry.clientId === clientId ? (changed = { ...entry, ...change }) : entry)));
    return changed;
  }

  #stopTimer(clientId: string): void {
    const waiting = this.#timers.get(clientId);
    waiting?.clock.clearTimeout(waiting.timer);
    this.#timers.delete(clientId);
  }

  async #deliver(clientId: string): Promise<void> {
    const current = this.items.find((entry) => entry.clientId === clientId);
    if (!current) return;
    const entry = this.#change(clientId, { state: 'sending', attempts: current.attempts + 1, problem: null })!;
    try {
      const result = await this.options.send(entry.item, clientId);
      this.#set(this.items.filter((e) => e.clientId !== clientId));
      this.options.sent(result, entry);
    } catch (error) {
      // Confirmed meanwhile (it came back live): the answer lost on the way is no failure.
      if (!this.items.some((e) => e.clientId === clientId)) return;
      const problem = error instanceof ApiError ? error : ApiError.network(error);
      const transient = problem.status === 0 || problem.status === 429 || problem.status >= 500;
      const clock = this.options.clock();
      if (transient && entry.attempts < ATTEMPTS && clock) {
        this.#change(clientId, { state: 'retrying' });
        const timer = clock.setTimeout(() => {
          this.#timers.delete(clientId);
          void this.#deliver(clientId);
        }, backoff(entry.attempts - 1, RETRY_BASE_MS, RETRY_MAX_MS));
        this.#timers.set(clientId, { clock, timer });
        return;
      }
      this.#change(clientId, { state: 'failed', problem });
      this.options.failed(problem, entry);
    }
  }
}
