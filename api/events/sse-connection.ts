import type { Writable } from 'node:stream';
import type { SignalType } from '../../domain/constants.ts';
import type { Viewer } from './audience.ts';
import { eventJson, type LiveEvent } from './events.schema.ts';

const encoder = new TextEncoder();
const HEARTBEAT = encoder.encode(': heartbeat\n\n');
/** Sent on every new stream: browsers wait this long before reconnecting. */
export const RECONNECT_HINT_MS = 3000;
/** A client this far behind (bytes queued and unread) is cut off; it resumes with Last-Event-ID. */
const MAX_BACKLOG_BYTES = 1024 * 1024;

/** One encoded SSE message, shared by every stream that sends it. */
export interface Frame {
  id: number;
  bytes: Uint8Array;
}

/** An event's message: its log id, its type as the SSE event name, and its JSON (`eventJson`) as data. */
export function eventFrame(event: LiveEvent): Frame {
  return { id: event.id, bytes: encoder.encode(`id: ${event.id}\nevent: ${event.type}\ndata: ${eventJson(event)}\n\n`) };
}

/** An ephemeral signal's message: no `id`, so it leaves the client's Last-Event-ID where it was. */
export function encodeSignal(event: SignalType, data: unknown): Uint8Array {
  return encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
}

export type EndReason = 'client' | 'token-expired' | 'access-revoked' | 'role-changed' | 'replaced' | 'slow' | 'shutdown';

/**
 * One open `GET /events` response. It writes pre-encoded frames to it in id order, each once;
 * while the feed replays older events from the log, live frames wait in `#held` and follow the
 * replay at the seam.
 */
export class SseConnection {
  /** The id of the last event written (or the position the stream started from). */
  cursor = 0;
  readonly #out: Writable;
  #held: Frame[] | null = null;
  #ended = false;
  #onEnd: (reason: EndReason) => void = () => {};
  #drained: (() => void) | null = null;

  constructor(
    readonly viewer: Viewer,
    /** Epoch ms at which the token behind this stream expires; the stream ends then. */
    readonly expiresAt: number | null,
    /** The response's body, with its head sent: Node's response itself when served by Node (api/http/direct-body.ts). */
    out: Writable,
  ) {
    this.#out = out;
    const gone = () => this.end('client');
    out.on('close', gone);
    // A write to a connection that broke: the stream is over, as when the client leaves.
    out.on('error', gone);
    out.on('drain', () => this.#drained?.());
    // The client left before the head went out: its 'close' has passed, and writes would vanish unseen.
    if (out.destroyed) this.end('client');
  }

  get ended(): boolean {
    return this.#ended;
  }

  /** Called once, when the stream ends for any reason. */
  onEnd(listener: (reason: EndReason) => void): void {
    this.#onEnd = listener;
  }

  /** The opening block: the reconnect hint and the position the stream starts from. */
  open(position: number): void {
    this.cursor = position;
    this.#write(encoder.encode(`retry: ${RECONNECT_HINT_MS}\nid: ${position}\n\n`));
  }

  /** Tells the client its Last-Event-ID is ahead of the log: reload snapshots, resume from `position`. */
  reset(position: number): void {
    this.cursor = position;
    this.#write(encoder.encode(`id: ${position}\nevent: reset\ndata: ${JSON.stringify({ lastEventId: position })}\n\n`));
  }

  /** Holds live frames back while a replay from the log is written. */
  hold(): void {
    this.#held = [];
  }

  /** Writes what was held, past the replay's last id, and goes live. */
  release(): void {
    const held = this.#held ?? [];
    this.#held = null;
    for (const frame of held) this.send(frame);
  }

  /** A live frame: written now, or after the replay when one is running. */
  send(frame: Frame): void {
    if (this.#held) this.#held.push(frame);
    else this.replay(frame);
  }

  /** A frame from the log, written at once; ids at or before the cursor were sent already. */
  replay(frame: Frame): void {
    if (frame.id <= this.cursor) return;
    this.cursor = frame.id;
    this.#write(frame.bytes);
  }

  /** Resolves once what was queued has gone out to the client (or the stream ended): replays pace themselves by it. */
  async writable(): Promise<void> {
    while (!this.#ended && this.#out.writableNeedDrain) {
      await new Promise<void>((resolve) => (this.#drained = resolve));
    }
  }

  /** An ephemeral signal: written at once, even during a replay, since it has no place in the log's order. */
  signal(bytes: Uint8Array): void {
    this.#write(bytes);
  }

  heartbeat(): void {
    this.#write(HEARTBEAT);
  }

  end(reason: EndReason): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#held = null;
    if (reason !== 'client') this.#out.end();
    this.#drained?.();
    this.#onEnd(reason);
  }

  #write(bytes: Uint8Array): void {
    if (this.#ended) return;
    this.#out.write(bytes);
    if (this.#out.writableLength > MAX_BACKLOG_BYTES) this.end('slow');
  }
}
