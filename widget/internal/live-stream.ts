import { ApiError } from './api-error.ts';
import { SseParser, type SseMessage } from '../../domain/sse-parser.ts';
import type { TokenSource } from './token-source.ts';
import type { EventType, LiveEvent, Notification, NotificationsReadSignal, TypingSignal } from './types.ts';

export type LiveState = 'idle' | 'connecting' | 'open' | 'reconnecting' | 'closed';
/** The live events of the types `T`. */
export type LiveEventOf<T extends EventType> = LiveEvent & { type: T };
type StateListener = (state: LiveState, error?: ApiError) => void;
/** What the stream carries besides the log's events: without an id, never replayed. */
export interface LiveSignals {
  /** Someone else is typing in a claim's conversation. */
  typing: TypingSignal;
  /** One of the user's notifications, new or with one more message folded in (same id). */
  notification: Notification;
  /** The user read some or all of their notifications, elsewhere. */
  'notifications-read': NotificationsReadSignal;
}
/** The signal names this client knows; others (from a newer server) are skipped. */
const SIGNALS: Readonly<Record<keyof LiveSignals, true>> = { typing: true, notification: true, 'notifications-read': true };
/** Called with each signal's name and data; checking the name narrows the data. */
type SignalListener = (...signal: { [K in keyof LiveSignals]: [type: K, data: LiveSignals[K]] }[keyof LiveSignals]) => void;
interface Subscription {
  listener: (event: LiveEvent) => void;
  /** The event types wanted; null for all. */
  types: ReadonlySet<string> | null;
}

/** Timers as the stream uses them: the browser's, or a fake a test advances by hand. */
export interface Clock {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(timer: unknown): void;
}

export interface LiveStreamOptions {
  clock?: Clock;
  /** A number in [0, 1) that spreads reconnects over time (jitter). */
  random?: () => number;
  fetch?: typeof fetch;
}

// Wrapped rather than passed as they are: called as methods of another object, the browser's
// own functions throw "Illegal invocation". `fetch` is looked up at each call, so a page that
// wraps it (a test, a host's instrumentation) sees the stream's requests too.
const browserClock: Clock = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (timer) => clearTimeout(timer as ReturnType<typeof setTimeout>),
};
const browserFetch: typeof fetch = (input, init) => fetch(input, init);

/** The wait before retry number `attempt` (0 for the first): doubling from `baseMs`, at most `maxMs`. */
export function backoff(attempt: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** attempt);
}

const MAX_DELAY_MS = 30_000;
/**
 * A stream refused with 403 (the user has no claims access) is asked for again this often: an
 * admin may grant access while the page is open. Jittered like reconnects.
 */
export const ACCESS_RETRY_MS = 30_000;
/** Heartbeats come every 15 s; a stream silent for this long is presumed dead. */
const STALE_MS = 45_000;
/** A longer browser timer fires at once: a token renewed later than this is left for the server to end. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * The live stream: one fetch-based SSE connection shared by every subscriber, opened with the
 * first subscription and closed with the last. It delivers every event the server sends (claims,
 * users, and whatever comes next) to the subscribers that want its type. The token goes in the
 * Authorization header, renewed by reconnecting ahead of its expiry. The stream reconnects after
 * any end — a drop, the server ending it — with exponential backoff and jitter, a fresh token and
 * `Last-Event-ID`, and never delivers an event twice.
 */
export class LiveStream {
  lastEventId: string | null = null;
  retryMs = 3000;
  state: LiveState = 'idle';
  /** The stream's timers, which what else retries for the session (a chat's outbox) waits on too. */
  readonly clock: Clock;

  #subscriptions = new Set<Subscription>();
  #stateListeners = new Set<StateListener>();
  #resetListeners = new Set<() => void>();
  #signalListeners = new Set<SignalListener>();
  #controller: AbortController | null = null;
  #timer: unknown;
  #attempts = 0;
  /** The last attempt was refused with 403: when a later one opens, what was loaded meanwhile is reloaded. */
  #refused = false;
  readonly #random: () => number;
  readonly #fetch: typeof fetch;

  constructor(
    private url: string,
    private tokens: TokenSource,
    options: LiveStreamOptions = {},
  ) {
    this.clock = options.clock ?? browserClock;
    this.#random = options.random ?? Math.random;
    this.#fetch = options.fetch ?? browserFetch;
  }

  /**
   * Calls `listener` with every event, or with those of the given `types` only. The first
   * subscription opens the connection and the last one to leave closes it.
   */
  subscribe(listener: (event: LiveEvent) => void): () => void;
  subscribe<T extends EventType>(listener: (event: LiveEventOf<T>) => void, options: { types: readonly T[] }): () => void;
  subscribe(listener: (event: never) => void, { types }: { types?: readonly EventType[] } = {}): () => void {
    const subscription: Subscription = {
      listener: listener as (event: LiveEvent) => void,
      types: types ? new Set(types) : null,
    };
    this.#subscriptions.add(subscription);
    if (this.state === 'idle' || this.state === 'closed') void this.#connect();
    return () => {
      this.#subscriptions.delete(subscription);
      if (!this.#subscriptions.size) this.close();
    };
  }

  /**
   * Calls `listener` when the server answers that `lastEventId` is ahead of its log (restored
   * from a backup, or another deployment): what was loaded can no longer be reconciled with
   * the stream, so snapshots must be loaded again; the stream goes on from the server's position.
   */
  onReset(listener: () => void): () => void {
    this.#resetListeners.add(listener);
    return () => this.#resetListeners.delete(listener);
  }

  /**
   * Resolves once the stream is open — the server has named where it starts, so a snapshot
   * loaded afterwards misses nothing that the stream will not bring — or once it cannot open,
   * or after `timeoutMs`, so a broken stream never holds a page back for long.
   */
  whenOpen(timeoutMs = 3000): Promise<void> {
    if (this.state !== 'connecting' && this.state !== 'reconnecting') return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        this.clock.clearTimeout(timer);
        off();
        resolve();
      };
      const timer = this.clock.setTimeout(done, timeoutMs);
      const off = this.onState((state) => state !== 'connecting' && state !== 'reconnecting' && done());
    });
  }

  /**
   * Calls `listener` with each signal: someone typing, a notification, notifications read.
   * Signals are not events: they have no id, are never replayed (what a reconnect missed must be
   * loaded again), and are not delivered to `subscribe` listeners. Listening to signals does not
   * open the connection; an event subscription does.
   */
  onSignal(listener: SignalListener): () => void {
    this.#signalListeners.add(listener);
    return () => this.#signalListeners.delete(listener);
  }

  onState(listener: StateListener): () => void {
    this.#stateListeners.add(listener);
    return () => this.#stateListeners.delete(listener);
  }

  /** Closes the connection; a later subscription opens it again from `lastEventId`. */
  close(): void {
    this.clock.clearTimeout(this.#timer);
    this.#controller?.abort();
    this.#controller = null;
    this.#setState('idle');
  }

  #setState(state: LiveState, error?: ApiError): void {
    this.state = state;
    for (const listener of this.#stateListeners) listener(state, error);
  }

  async #connect(refreshed = false): Promise<void> {
    this.clock.clearTimeout(this.#timer);
    this.#controller?.abort();
    const controller = (this.#controller = new AbortController());
    // Renewing the token of an open stream is no interruption: it stays 'open' meanwhile.
    if (this.state !== 'reconnecting' && this.state !== 'open') this.#setState('connecting');
    let stale: unknown;
    const alive = () => {
      this.clock.clearTimeout(stale);
      stale = this.clock.setTimeout(() => controller.abort(), STALE_MS);
    };
    try {
      // Never a known-expired token: without a usable one, this attempt fails and is retried later.
      const { token, renewIn } = await this.tokens.lease(refreshed);
      const headers: Record<string, string> = { Accept: 'text/event-stream', Authorization: `Bearer ${token}` };
      if (this.lastEventId !== null) headers['Last-Event-ID'] = this.lastEventId;
      alive();
      const res = await this.#fetch(this.url, { headers, signal: controller.signal, cache: 'no-store' });
      if (res.status === 401 && this.tokens.canRefresh && !refreshed) {
        this.clock.clearTimeout(stale);
        return this.#connect(true);
      }
      if (!res.ok || !res.body) {
        const error = await ApiError.from(res);
        // Retrying cannot fix a refused token or a wrong URL; a refused access, an admin can.
        if ([400, 401, 403, 404].includes(res.status)) {
          this.clock.clearTimeout(stale);
          this.#controller = null;
          this.#setState('closed', error);
          if (res.status === 403) {
            this.#refused = true;
            this.#timer = this.clock.setTimeout(() => void this.#connect(), ACCESS_RETRY_MS / 2 + (this.#random() * ACCESS_RETRY_MS) / 2);
          }
          return;
        }
        throw error;
      }
      // Reconnect with a fresh token before this one expires, rather than be ended by the server at its expiry.
      if (renewIn < MAX_TIMER_MS) this.#timer = this.clock.setTimeout(() => void this.#connect(), renewIn);
      const parser = new SseParser(
        (message) => this.#dispatch(message),
        (ms) => (this.retryMs = ms),
      );
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        alive();
        parser.feed(value);
      }
    } catch {
      // Network failure, stale stream or abort: handled below.
    }
    this.clock.clearTimeout(stale);
    if (controller !== this.#controller) return; // closed or superseded
    // The body ended or broke: a drop, a proxy, or the server ending the stream at the token's
    // expiry. All resume the same way, from the last id, with a token asked for afresh.
    this.#scheduleReconnect();
  }

  #scheduleReconnect(): void {
    this.clock.clearTimeout(this.#timer);
    const delay = backoff(this.#attempts++, this.retryMs, MAX_DELAY_MS);
    this.#setState('reconnecting');
    this.#timer = this.clock.setTimeout(() => void this.#connect(), delay / 2 + (this.#random() * delay) / 2);
  }

  #dispatch(message: SseMessage): void {
    if (this.state !== 'open') {
      // The server opens every stream with a block naming where it starts: from here on,
      // nothing that commits can be missed, so this is when the stream counts as open.
      this.#attempts = 0;
      this.#setState('open');
      // Access was granted since the stream was refused: what the page loaded without it (a
      // no-access state) is void, as after a reset.
      if (this.#refused) {
        this.#refused = false;
        for (const listener of [...this.#resetListeners]) listener();
      }
    }
    if (message.event === 'reset') {
      this.lastEventId = message.id;
      for (const listener of [...this.#resetListeners]) listener();
      return;
    }
    if (message.id === null) return this.#signal(message);
    // Replay after a reconnect may overlap what already arrived: deliver each id once.
    if (this.lastEventId !== null && Number(message.id) <= Number(this.lastEventId)) return;
    this.lastEventId = message.id;
    if (message.data === '') return; // a position without an event (the opening block)
    const event = parse<LiveEvent>(message.data);
    if (!event) return;
    for (const { listener, types } of [...this.#subscriptions]) if (!types || types.has(message.event)) listener(event);
  }

  #signal(message: SseMessage): void {
    if (!Object.hasOwn(SIGNALS, message.event)) return; // a signal this client does not know yet
    const type = message.event as keyof LiveSignals;
    const data = parse<LiveSignals[typeof type]>(message.data);
    if (data) for (const listener of [...this.#signalListeners]) (listener as (type: keyof LiveSignals, data: unknown) => void)(type, data);
  }
}

function parse<T>(data: string): T | undefined {
  try {
    return JSON.parse(data) as T;
  } catch {
    return undefined;
  }
}
