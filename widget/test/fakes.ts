import { expect } from '@open-wc/testing';
import type { Clock } from '../internal/live-stream.ts';

/** A host element as far as a controller sees one: it counts the updates asked for. */
export class FakeHost {
  updates = 0;
  addController(): void {}
  removeController(): void {}
  requestUpdate(): void {
    this.updates++;
  }
  readonly updateComplete = Promise.resolve(true);
}

/** Timers that run only when the test fires them. */
export class FakeClock implements Clock {
  readonly timers = new Map<number, { callback: () => void; ms: number }>();
  #next = 1;

  setTimeout(callback: () => void, ms: number): number {
    this.timers.set(this.#next, { callback, ms });
    return this.#next++;
  }

  clearTimeout(timer: unknown): void {
    this.timers.delete(timer as number);
  }

  /** Runs the one pending timer and returns the delay it was set for. */
  fire(): number {
    expect(this.timers.size, 'one pending timer').to.equal(1);
    const [id, { callback, ms }] = [...this.timers][0]!;
    this.timers.delete(id);
    callback();
    return ms;
  }
}

/** Lets the promise callbacks and timers pending now run. */
export const settle = () => new Promise((resolve) => setTimeout(resolve));
