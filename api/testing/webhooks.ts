import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DB } from '../db/connect.ts';
import { newId, nowIso } from '../ids.ts';
import { newWebhookSecret, sealSecret, secretPrefix, type WebhookSecretKey } from '../webhooks/secrets.ts';

/** One request a test receiver got: its webhook headers and body, as sent. */
export interface ReceivedWebhook {
  path: string;
  id: string;
  timestamp: string;
  signature: string;
  body: string;
  /** The headers, lower-cased, for standardwebhooks' verify(). */
  headers: Record<string, string>;
}

export type ReceiverHandler = (request: ReceivedWebhook, response: ServerResponse, raw: IncomingMessage) => void;

/**
 * A real HTTP receiver on 127.0.0.1 that records every request (path, webhook headers, body)
 * and answers as `handler` says (204 by default). `handle` swaps the handler.
 */
export async function startReceiver(handler: ReceiverHandler = (_request, response) => response.writeHead(204).end()) {
  const received: ReceivedWebhook[] = [];
  let current = handler;
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const headers = Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, String(value)]));
      const entry: ReceivedWebhook = {
        path: request.url ?? '/',
        id: headers['webhook-id'] ?? '',
        timestamp: headers['webhook-timestamp'] ?? '',
        signature: headers['webhook-signature'] ?? '',
        body: Buffer.concat(chunks).toString('utf8'),
        headers,
      };
      received.push(entry);
      current(entry, response, request);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    handle(next: ReceiverHandler) {
      current = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type Receiver = Awaited<ReturnType<typeof startReceiver>>;

/** An endpoint written straight into the table, as POST /webhooks would make it; resolves to its id and its secret. */
export async function seedEndpoint(
  db: DB,
  key: WebhookSecretKey,
  endpoint: { url: string; companyId: string | null; eventTypes?: string[] },
): Promise<{ id: string; secret: string }> {
  const secret = newWebhookSecret();
  const id = newId('whe');
  const at = nowIso();
  await db
    .insertInto('webhook_endpoints')
    .values({
      id,
      company_id: endpoint.companyId,
      url: endpoint.url,
      description: 'test receiver',
      event_types: JSON.stringify(endpoint.eventTypes ?? ['*']),
      secret_ciphertext: sealSecret(secret, key),
      previous_secret_ciphertext: null,
      previous_secret_expires_at: null,
      secret_prefix: secretPrefix(secret),
      enabled: 1,
      disabled_reason: null,
      disabled_at: null,
      failing_since: null,
      created_by_id: null,
      created_at: at,
      updated_at: at,
    })
    .execute();
  return { id, secret };
}

/** Polls until `check` holds, or fails saying `what` after `timeoutMs`. */
export async function eventually(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
