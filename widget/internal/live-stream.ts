import { ApiError } from './api-error.ts';
import type { TokenSource } from './token-source.ts';
import type { ClaimEvent } from './types.ts';

export type LiveState = 'idle' | 'connecting' | 'open' | 'reconnecting' | 'closed';
type Listener = (event: ClaimEvent) => void;
type StateListener = (state: LiveState, error?: ApiError) => void;

const MAX_DELAY_MS = 30_000;
/** Heartbeats come every 15 s; a stream silent for this long is presumed dead. */
const STALE_MS = 45_000;

/** One parsed server-sent event. */
export interface SseMessage {
  id: string | null;
  event: string;
  data: string;
}

/**
 * Incremental text/event-stream parser (WHATWG HTML §9.2.6): feed it chunks, it calls back per
 * message. Comments (`:`) are ignored; `retry:` updates the reconnection time.
 */
export class SseParser {
  #buffer = '';
  #data: string[] = [];
  #event = '';
  #id: string | null = null;
  #idInBlock = false;

  constructor(
    private onMessage: (message: SseMessage) => void,
    private onRetry: (ms: number) => void = () => {},
  ) {}

  feed(chunk: string): void {
    this.#buffer += chunk;
    // A trailing CR may be the first half of a CRLF split across chunks: hold it back until
    // the next chunk tells, or it would end a line twice.
    const heldCr = this.#buffer.endsWith('\r');
    const lines = (heldCr ? this.#buffer.slice(0, -1) : this.#buffer).split(/\r\n|\r|\n/);
    this.#buffer = (lines.pop() ?? '') + (heldCr ? '\r' : '');
    for (const line of lines) this.#line(line);
  }

  #line(line: string): void {
    if (line === '') {
      // A block with an id and no data still moves the last event id (the server opens each
      // stream that way, naming where it starts), so it is reported with empty data.
      if (this.#data.length || this.#idInBlock) {
        this.onMessage({ id: this.#id, event: this.#event || 'message', data: this.#data.join('\n') });
      }
      this.#data = [];
      this.#event = '';
      this.#idInBlock = false;
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') this.#data.push(value);
    else if (field === 'event') this.#event = value;
    else if (field === 'id' && !value.includes('\0')) {
      this.#id = value;
      this.#idInBlock = true;
    } else if (field === 'retry' && /^\d+$/.test(value)) this.onRetry(Number(value));
  }
}

/**
 * The live stream of claim events: one fetch-based SSE connection shared by every subscriber,
 * opened with the first subscription and closed with the last. The token goes in the
 * Authorization header; reconnects use exponential backoff with jitter and send
 * `Last-Event-ID`, and events already delivered are never delivered again.
 */
export class LiveStream {
  lastEventId: string | null = null;
  retryMs = 3000;
  state: LiveState = 'idle';

  #listeners = new Set<Listener>();
  #stateListeners = new Set<StateListener>();
  #controller: AbortController | null = null;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #attempts = 0;

  constructor(
    private url: string,
    private tokens: TokenSource,
  ) {}

  subscribe(listener: Listener): () => void {
    this.#listeners.add(listener);
    if (this.state === 'idle' || this.state === 'closed') this.#connect();
    return () => {
      this.#listeners.delete(listener);
      if (!this.#listeners.size) this.close();
    };
  }

  /**
   * Resolves once the stream is open — the server has fixed where it starts, so a snapshot
   * loaded afterwards misses nothing that the stream will not bring — or once it cannot open,
   * or after `timeoutMs`, so a broken stream never holds a page back for long.
   */
  whenOpen(timeoutMs = 3000): Promise<void> {
    if (this.state !== 'connecting' && this.state !== 'reconnecting') return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        off();
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      const off = this.onState((state) => state !== 'connecting' && state !== 'reconnecting' && done());
    });
  }

  onState(listener: StateListener): () => void {
    this.#stateListeners.add(listener);
    return () => this.#stateListeners.delete(listener);
  }

  /** Closes the connection; a later subscription opens it again from `lastEventId`. */
  close(): void {
    clearTimeout(this.#timer);
    this.#controller?.abort();
    this.#controller = null;
    this.#setState('idle');
  }

  #setState(state: LiveState, error?: ApiError): void {
    this.state = state;
    for (const listener of this.#stateListeners) listener(state, error);
  }

  async #connect(refreshed = false): Promise<void> {
    clearTimeout(this.#timer);
    this.#controller?.abort();
    const controller = (this.#controller = new AbortController());
    if (this.state !== 'reconnecting') this.#setState('connecting');
    let stale: ReturnType<typeof setTimeout> | undefined;
    const alive = () => {
      clearTimeout(stale);
      stale = setTimeout(() => controller.abort(), STALE_MS);
    };
    try {
      const headers: Record<string, string> = {
        Accept: 'text/event-stream',
        Authorization: `Bearer ${await this.tokens.get(refreshed)}`,
      };
      if (this.lastEventId !== null) headers['Last-Event-ID'] = this.lastEventId;
      alive();
      const res = await fetch(this.url, { headers, signal: controller.signal, cache: 'no-store' });
      if (res.status === 401 && this.tokens.canRefresh && !refreshed) {
        clearTimeout(stale);
        return this.#connect(true);
      }
      if (!res.ok || !res.body) {
        const error = await ApiError.from(res);
        // Retrying cannot fix a refused principal or a wrong URL.
        if ([400, 401, 403, 404].includes(res.status)) {
          clearTimeout(stale);
          this.#controller = null;
          return this.#setState('closed', error);
        }
        throw error;
      }
      this.#attempts = 0;
      this.#setState('open');
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
    clearTimeout(stale);
    if (controller !== this.#controller) return; // closed or superseded
    this.#scheduleReconnect();
  }

  #scheduleReconnect(): void {
    const delay = Math.min(MAX_DELAY_MS, this.retryMs * 2 ** this.#attempts++);
    this.#setState('reconnecting');
    this.#timer = setTimeout(() => void this.#connect(), delay / 2 + (Math.random() * delay) / 2);
  }

  #dispatch(message: SseMessage): void {
    if (message.id !== null) {
      // Replay after a reconnect may overlap what already arrived: deliver each id once.
      if (this.lastEventId !== null && Number(message.id) <= Number(this.lastEventId)) return;
      this.lastEventId = message.id;
    }
    if (!message.event.startsWith('claim.')) return;
    let event: ClaimEvent;
    try {
      event = JSON.parse(message.data) as ClaimEvent;
    } catch {
      return;
    }
    for (const listener of [...this.#listeners]) listener(event);
  }
}
