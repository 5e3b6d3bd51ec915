import { json, rpcClient } from '../../internal/api-client.ts';
import type { TokenSource } from '../../internal/token-source.ts';
import type { AnalyticsDashboard, AnalyticsQuery } from '../../internal/types.ts';

/** The staff's analytics (`/analytics`): every panel of the dashboard in one answer. */
export class AnalyticsApi {
  readonly #rpc: ReturnType<typeof rpcClient>;

  constructor(apiBase: string, tokens: TokenSource) {
    this.#rpc = rpcClient(apiBase, tokens);
  }

  /** A filter left undefined is not sent. */
  dashboard(query: AnalyticsQuery, init?: RequestInit): Promise<AnalyticsDashboard> {
    return json(this.#rpc.analytics.$get({ query }, { init }));
  }
}
