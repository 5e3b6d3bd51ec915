/**
 * The open live streams of this process, so shutdown (and tests of reconnects) can end them
 * all; each stream removes itself when its client goes away.
 */
export interface LiveStreams {
  open(end: () => void): () => void;
  disconnectAll(): void;
  readonly size: number;
}

export function createLiveStreams(): LiveStreams {
  const ends = new Set<() => void>();
  return {
    open(end) {
      ends.add(end);
      return () => ends.delete(end);
    },
    disconnectAll() {
      for (const end of [...ends]) end();
    },
    get size() {
      return ends.size;
    },
  };
}
