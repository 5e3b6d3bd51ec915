import { Hono } from 'hono';
import { Webhook } from 'standardwebhooks';

/**
 * The demo's webhook receiver: what a company's ERP would run. Each delivery is checked as
 * Standard Webhooks says (the `webhook-signature` over `webhook-id`, `webhook-timestamp` and the
 * body, with the endpoint's secret; a timestamp too old or in the future is refused) and kept,
 * verified or not, with its headers and body, for the demo page to show. Only the last few are
 * kept, in memory: the demo shows what arrived since it started.
 */

/** The headers a delivery is verified and told apart by, and the one that names its content. */
const SHOWN_HEADERS = ['webhook-id', 'webhook-timestamp', 'webhook-signature', 'content-type', 'user-agent'] as const;

/** One delivery as it arrived. */
export interface InboxEntry {
  /** Its `webhook-id`: the same on each attempt and redelivery, what a receiver deduplicates by. */
  id: string;
  receivedAt: string;
  /** The event's type, as the body says; null when the body says none. */
  type: string | null;
  verified: boolean;
  /** Why it did not verify; null when it did. */
  problem: string | null;
  /** How many times this `webhook-id` arrived (a retry or a redelivery adds one). */
  times: number;
  headers: Record<string, string>;
  /** The body as JSON when it is JSON, else as it came. */
  body: unknown;
}

export class WebhookInbox {
  #entries: InboxEntry[] = [];
  #secret: string | null = null;

  constructor(private readonly keep = 50) {}

  /** The endpoint's signing secret (`whsec_…`), once the demo has one. */
  useSecret(secret: string): void {
    this.#secret = secret;
  }

  /** Checks and keeps one delivery; returns what was kept. */
  receive(headers: Headers, body: string): InboxEntry {
    const shown = Object.fromEntries(SHOWN_HEADERS.flatMap((name) => (headers.has(name) ? [[name, headers.get(name)!]] : [])));
    let problem: string | null = null;
    try {
      if (!this.#secret) throw new Error('The demo has no secret for this endpoint yet.');
      new Webhook(this.#secret).verify(body, shown);
    } catch (error) {
      problem = error instanceof Error ? error.message : String(error);
    }
    let parsed: unknown = body;
    try {
      parsed = JSON.parse(body);
    } catch {
      // Not JSON: shown as it came.
    }
    const type = parsed && typeof parsed === 'object' && typeof (parsed as { type?: unknown }).type === 'string' ? (parsed as { type: string }).type : null;
    const id = shown['webhook-id'] ?? '';
    const times = this.#entries.filter((e) => e.id === id).reduce((most, e) => Math.max(most, e.times), 0) + 1;
    const entry: InboxEntry = { id, receivedAt: new Date().toISOString(), type, verified: problem === null, problem, times, headers: shown, body: parsed };
    this.#entries = [entry, ...this.#entries].slice(0, this.keep);
    return entry;
  }

  /** What arrived, newest first. */
  list(): InboxEntry[] {
    return this.#entries;
  }
}

/**
 * POST: a delivery, answered 200 when it verifies and 401 when it does not, as a receiver should
 * (Claimdesk then tries again, and its delivery log shows the refusal). GET: what arrived.
 */
export function inboxRoutes(inbox: WebhookInbox) {
  return new Hono()
    .post('/', async (c) => {
      const entry = inbox.receive(c.req.raw.headers, await c.req.text());
      return entry.verified ? c.json({ received: entry.id }) : c.json({ error: entry.problem }, 401);
    })
    .get('/', (c) => c.json({ items: inbox.list() }, 200, { 'Cache-Control': 'no-store' }));
}

/** Where the demo server receives its webhook (demo/server.ts). */
export const INBOX_PATH = '/demo/webhook-inbox';

interface Endpoint {
  id: string;
  url: string;
  enabled: boolean;
  disabledReason: string | null;
}

/**
 * Points one webhook of the signed-in admin's company at the inbox, through the API as an admin
 * would: added the first time, pointed again when the demo runs on another port, turned back on
 * when Claimdesk turned it off while the demo was stopped (not when someone did), and given a new
 * secret, which the inbox verifies with (the demo keeps no secret between runs; the previous
 * one stays valid a day, so deliveries already queued still verify).
 */
export async function connectInbox(apiBase: string, token: string, url: string): Promise<string> {
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${apiBase}${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  const { items } = await call<{ items: Endpoint[] }>('GET', '/webhooks');
  const existing = items.find((e) => URL.canParse(e.url) && new URL(e.url).pathname === INBOX_PATH);
  if (!existing) {
    const description = 'Buzón de webhooks de la demo';
    return (await call<{ secret: string }>('POST', '/webhooks', { url, description, eventTypes: ['*'] })).secret;
  }
  const change = {
    ...(existing.url === url ? {} : { url }),
    ...(existing.enabled || existing.disabledReason === 'manual' ? {} : { enabled: true }),
  };
  if (Object.keys(change).length) await call('PATCH', `/webhooks/${existing.id}`, change);
  return (await call<{ secret: string }>('POST', `/webhooks/${existing.id}/rotate-secret`)).secret;
}
