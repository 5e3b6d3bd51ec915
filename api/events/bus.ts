import { createNanoEvents } from 'nanoevents';

/**
 * Wakes live streams after a commit. It carries no data: a woken stream reads the event log
 * past its cursor, so a missed or merged wake-up never loses an event.
 */
export interface EventBus {
  /** Call after the transaction that appended events has committed. */
  committed(lastEventId: number): void;
  onCommitted(listener: (lastEventId: number) => void): () => void;
}

export function createEventBus(): EventBus {
  const emitter = createNanoEvents<{ committed: (lastEventId: number) => void }>();
  return {
    committed: (lastEventId) => emitter.emit('committed', lastEventId),
    onCommitted: (listener) => emitter.on('committed', listener),
  };
}
