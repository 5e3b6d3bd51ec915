import { ApiError } from '../../internal/api-error.ts';
import { json, rpcClient } from '../../internal/api-client.ts';
import type { TokenSource } from '../../internal/token-source.ts';
import type {
  CreatedWebhookEndpoint,
  CreateWebhookInput,
  RotatedWebhookSecret,
  UpdateWebhookInput,
  WebhookDelivery,
  WebhookDeliveryDetail,
  WebhookDeliveryPage,
  WebhookEndpoint,
} from '../../internal/types.ts';

/** Which deliveries of an endpoint's log to list. */
export interface DeliveryQuery {
  status?: WebhookDelivery['status'] | undefined;
  cursor?: string | undefined;
  limit?: number | undefined;
}

/** The company's webhook endpoints and their delivery logs, for its administrators (`/webhooks`). */
export class WebhooksApi {
  readonly #rpc: ReturnType<typeof rpcClient>;

  constructor(apiBase: string, tokens: TokenSource) {
    this.#rpc = rpcClient(apiBase, tokens);
  }

  async list(init?: RequestInit): Promise<WebhookEndpoint[]> {
    return (await json<{ items: WebhookEndpoint[] }>(this.#rpc.webhooks.$get({ query: {} }, { init }))).items;
  }

  /** The new endpoint, with its signing secret: the only time the API shows it. */
  create(input: CreateWebhookInput): Promise<CreatedWebhookEndpoint> {
    return json(this.#rpc.webhooks.$post({ json: input }));
  }

  update(id: string, change: UpdateWebhookInput): Promise<WebhookEndpoint> {
    return json(this.#rpc.webhooks[':id'].$patch({ param: { id }, json: change }));
  }

  async remove(id: string): Promise<void> {
    const res = await this.#rpc.webhooks[':id'].$delete({ param: { id } });
    if (!res.ok) throw await ApiError.from(res);
  }

  rotateSecret(id: string): Promise<RotatedWebhookSecret> {
    return json(this.#rpc.webhooks[':id']['rotate-secret'].$post({ param: { id } }));
  }

  /** Queues a test event for the endpoint; resolves to its delivery. */
  sendTest(id: string): Promise<WebhookDelivery> {
    return json(this.#rpc.webhooks[':id'].test.$post({ param: { id } }));
  }

  deliveries(id: string, query: DeliveryQuery, init?: RequestInit): Promise<WebhookDeliveryPage> {
    const q: Record<string, string> = {};
    for (const [key, value] of Object.entries(query)) if (value != null) q[key] = String(value);
    return json(this.#rpc.webhooks[':id'].deliveries.$get({ param: { id }, query: q }, { init }));
  }

  delivery(id: string, deliveryId: string, init?: RequestInit): Promise<WebhookDeliveryDetail> {
    return json(this.#rpc.webhooks[':id'].deliveries[':deliveryId'].$get({ param: { id, deliveryId } }, { init }));
  }

  async redeliver(id: string, deliveryId: string): Promise<void> {
    const res = await this.#rpc.webhooks[':id'].deliveries[':deliveryId'].redeliver.$post({ param: { id, deliveryId } });
    if (!res.ok) throw await ApiError.from(res);
  }

  /** Queues again every delivery of the endpoint since `since`; resolves to how many. */
  async redeliverSince(id: string, since: string): Promise<number> {
    return (await json<{ queued: number }>(this.#rpc.webhooks[':id'].redeliver.$post({ param: { id }, json: { since } }))).queued;
  }
}
