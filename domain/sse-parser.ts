// Shared by both sides, so it lives in domain/: the widget reads the live stream with it, and the
// API's tests read their streams with this same parser (api/testing/sse.ts), so the two agree on
// what the server sent. No DOM and no Node here.

/** One server-sent event, as its block carried it. */
export interface SseMessage {
  /** The block's `id` field; null when the block had none. */
  id: string | null;
  /** The block's `event` field; `message` when it had none, as EventSource names it. */
  event: string;
  data: string;
}

/**
 * Incremental text/event-stream parser (WHATWG HTML §9.2.6): feed it chunks as they arrive, it
 * calls back per message. Lines may end in CR, LF or CRLF; `retry:` and comments are reported
 * to their own callbacks as they come.
 *
 * Unlike EventSource, it reports every block that set a field, not only those with data: a
 * block with an id and no data still moves the last event id (the server opens each stream
 * that way, naming where it starts). Blocks of comments alone (heartbeats) are not messages.
 */
export class SseParser {
  #buffer = '';
  #data: string[] = [];
  #event = '';
  #id: string | null = null;
  #fields = false;

  constructor(
    private onMessage: (message: SseMessage) => void,
    private onRetry: (ms: number) => void = () => {},
    private onComment: (text: string) => void = () => {},
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
    if (line === '') return this.#dispatch();
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === '') return this.onComment(value);
    if (field === 'data') this.#data.push(value);
    else if (field === 'event') this.#event = value;
    else if (field === 'id' && !value.includes('\0')) this.#id = value;
    else if (field === 'retry' && /^\d+$/.test(value)) this.onRetry(Number(value));
    else return;
    this.#fields = true;
  }

  #dispatch(): void {
    if (this.#fields) this.onMessage({ id: this.#id, event: this.#event || 'message', data: this.#data.join('\n') });
    this.#data = [];
    this.#event = '';
    this.#id = null;
    this.#fields = false;
  }
}
