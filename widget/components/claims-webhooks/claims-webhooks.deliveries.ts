import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { WebhookAttempt, WebhookDelivery, WebhookDeliveryStatus } from '../../internal/types.ts';
import type { WebhooksApi } from './claims-webhooks.api.ts';

/** Deliveries per page of the log. */
const PAGE = 20;
/** The most a reload asks for at once (what the API takes), however many pages were shown. */
const MOST = 100;
/** How soon, and how late at most, the log looks again while a delivery is pending. */
const POLL_MIN_MS = 2000;
const POLL_MAX_MS = 60_000;

/** A delivery's tries, once asked for: loading, loaded, or why they could not be. */
export type Attempts = { state: 'loading' } | { state: 'loaded'; items: WebhookAttempt[] } | { state: 'failed'; error: unknown };

export interface DeliveryLogOptions {
  /** The client to ask with; null without a session. */
  api: () => WebhooksApi | null;
  /** Reports a failed request (as `claims-error`). */
  fail: (error: unknown, action: string) => void;
  /** A delivery shown changed (delivered, failed, tried again): what the endpoint says (failing since, disabled) may have too. */
  changed: () => void;
}

/** What tells one state of a log's deliveries from another. */
const stateOf = (items: WebhookDelivery[]) => items.map((d) => `${d.id} ${d.status} ${d.attempts}`).join();

/**
 * One endpoint's delivery log, newest first: a page at a time, filtered by status, and each
 * delivery's tries when opened. While a delivery is pending the log looks again by itself —
 * soon after its next try is due — so a test event shows arriving (or failing) without a reload.
 */
export class DeliveryLog implements ReactiveController {
  items: WebhookDelivery[] = [];
  nextCursor: string | null = null;
  status: WebhookDeliveryStatus | '' = '';
  state: 'idle' | 'loading' | 'loaded' | 'failed' = 'idle';
  /** Why the last load failed: the log's first page (state `failed`), or a next page. */
  error: unknown = null;
  /** Whether a next page is on its way. */
  loadingMore = false;
  /** The tries of the deliveries opened, by delivery id. */
  readonly attempts = new Map<string, Attempts>();

  #endpointId: string | null = null;
  #abort: AbortController | null = null;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: DeliveryLogOptions,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.#stop();
  }

  hostConnected(): void {
    if (this.#endpointId) void this.reload();
  }

  /** Shows the log of `endpointId` (from its first page), or none. */
  show(endpointId: string | null): void {
    if (endpointId === this.#endpointId) return;
    this.#stop();
    this.#endpointId = endpointId;
    this.items = [];
    this.nextCursor = null;
    this.status = '';
    this.attempts.clear();
    this.state = 'idle';
    if (endpointId) void this.reload();
  }

  filter(status: WebhookDeliveryStatus | ''): void {
    this.status = status;
    this.items = [];
    this.nextCursor = null;
    void this.reload();
  }

  /** Loads the log again from its start, as much of it as is shown, keeping it on screen meanwhile. */
  async reload(): Promise<void> {
    const api = this.options.api();
    const id = this.#endpointId;
    if (!api || !id) return;
    this.#stop();
    const abort = (this.#abort = new AbortController());
    this.error = null;
    if (!this.items.length) this.state = 'loading';
    this.host.requestUpdate();
    try {
      const limit = Math.min(MOST, Math.max(PAGE, this.items.length));
      const page = await api.deliveries(id, { status: this.status || undefined, limit }, { signal: abort.signal });
      if (abort.signal.aborted) return;
      const before = stateOf(this.items);
      this.items = page.items;
      this.nextCursor = page.nextCursor;
      this.state = 'loaded';
      if (before && before !== stateOf(this.items)) this.options.changed();
      this.#pollIfPending();
    } catch (error) {
      if (abort.signal.aborted) return;
      this.options.fail(error, 'webhook-deliveries');
      this.error = error;
      this.state = 'failed';
    }
    this.host.requestUpdate();
  }

  async more(): Promise<void> {
    const api = this.options.api();
    const id = this.#endpointId;
    const cursor = this.nextCursor;
    if (!api || !id || !cursor || this.loadingMore) return;
    this.loadingMore = true;
    this.error = null;
    this.host.requestUpdate();
    try {
      const page = await api.deliveries(id, { status: this.status || undefined, cursor, limit: PAGE });
      if (id !== this.#endpointId) return;
      const known = new Set(this.items.map((d) => d.id));
      this.items = [...this.items, ...page.items.filter((d) => !known.has(d.id))];
      this.nextCursor = page.nextCursor;
    } catch (error) {
      this.options.fail(error, 'webhook-deliveries');
      this.error = error;
    } finally {
      this.loadingMore = false;
      this.host.requestUpdate();
    }
  }

  /** Opens a delivery's tries (asking for them), or closes them. */
  async toggleAttempts(deliveryId: string): Promise<void> {
    const api = this.options.api();
    const id = this.#endpointId;
    if (this.attempts.has(deliveryId)) {
      this.attempts.delete(deliveryId);
      return this.host.requestUpdate();
    }
    if (!api || !id) return;
    this.attempts.set(deliveryId, { state: 'loading' });
    this.host.requestUpdate();
    try {
      const detail = await api.delivery(id, deliveryId);
      if (this.attempts.has(deliveryId)) this.attempts.set(deliveryId, { state: 'loaded', items: detail.attempts });
    } catch (error) {
      this.options.fail(error, 'webhook-delivery');
      if (this.attempts.has(deliveryId)) this.attempts.set(deliveryId, { state: 'failed', error });
    }
    this.host.requestUpdate();
  }

  #stop(): void {
    this.#abort?.abort();
    this.#abort = null;
    clearTimeout(this.#timer);
  }

  #pollIfPending(): void {
    const due = this.items.filter((d) => d.status === 'pending').map((d) => (d.nextAttemptAt ? new Date(d.nextAttemptAt).getTime() : Date.now()));
    if (!due.length) return;
    const wait = Math.min(POLL_MAX_MS, Math.max(POLL_MIN_MS, Math.min(...due) - Date.now() + 500));
    this.#timer = setTimeout(() => void this.reload(), wait);
  }
}
