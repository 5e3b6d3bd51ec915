export interface SseMessage {
  id?: string;
  event?: string;
  data: string;
  retry?: number;
}

/**
 * Reads a text/event-stream response into messages and comments, so tests can assert on what
 * a browser's client would have seen.
 */
export function readSse(response: Response) {
  const messages: SseMessage[] = [];
  const comments: string[] = [];
  const waiters = new Set<() => void>();
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  let ended = false;

  const pump = (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let boundary: number;
        while ((boundary = buffer.indexOf('\n\n')) !== -1) {
          const block = buffer.slice(0, boundary);
          buffer = buffer.slice(boundary + 2);
          const message: SseMessage = { data: '' };
          const data: string[] = [];
          let isMessage = false;
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) comments.push(line.slice(1).trim());
            else if (line.startsWith('data: ')) (data.push(line.slice(6)), (isMessage = true));
            else if (line.startsWith('id: ')) message.id = line.slice(4);
            else if (line.startsWith('event: ')) message.event = line.slice(7);
            else if (line.startsWith('retry: ')) message.retry = Number(line.slice(7));
          }
          message.data = data.join('\n');
          if (isMessage || message.retry !== undefined) messages.push(message);
        }
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
