import { SseParser } from '../../domain/sse-parser.ts';

export interface SseMessage {
  id?: string;
  event?: string;
  data: string;
  retry?: number;
}

/**
 * Reads a text/event-stream response into messages and comments, so tests can assert on what
 * a browser's client would have seen. It parses with the widget's own parser: the tests and the
 * widget cannot disagree about what the server sent.
 */
export function readSse(response: Response) {
  const messages: SseMessage[] = [];
  const comments: string[] = [];
  const waiters = new Set<() => void>();
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let ended = false;
  // The parser reports `retry:` as it reads it; here it belongs to the message of its block.
  let retry: number | undefined;
  const parser = new SseParser(
    ({ id, event, data }) => {
      const message: SseMessage = { data };
      if (id !== null) message.id = id;
      if (event !== 'message') message.event = event;
      if (retry !== undefined) message.retry = retry;
      retry = undefined;
      messages.push(message);
    },
    (ms) => (retry = ms),
    (text) => comments.push(text.trim()),
  );

  const pump = (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        parser.feed(value);
        for (const wake of waiters) wake();
      }
    } catch {
      // The reader was cancelled by close().
    } finally {
      ended = true;
      for (const wake of waiters) wake();
    }
  })();

  /** Resolves once `predicate` holds, or rejects after `timeoutMs` with what arrived so far. */
  async function until(predicate: () => boolean, timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate()) {
      if (ended) throw new Error(`stream ended before the condition held; got ${messages.length} messages`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out; got ${messages.length} messages and ${comments.length} comments`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        const wake = () => {
          clearTimeout(timer);
          waiters.delete(wake);
          resolve();
        };
        waiters.add(wake);
      });
    }
  }

  return {
    messages,
    comments,
    /** Messages carrying an event (the opening block has an id but no data). */
    events: () => messages.filter((m) => m.id !== undefined && m.data !== ''),
    ids: () => messages.filter((m) => m.id !== undefined && m.data !== '').map((m) => Number(m.id)),
    until,
    get ended() {
      return ended;
    },
    async close() {
      await reader.cancel().catch(() => {});
      await pump;
    },
  };
}
