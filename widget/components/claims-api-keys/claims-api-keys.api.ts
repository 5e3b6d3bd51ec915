import { ApiError } from '../../internal/api-error.ts';
import { json, rpcClient } from '../../internal/api-client.ts';
import type { TokenSource } from '../../internal/token-source.ts';
import type { ApiKey, CreateApiKeyInput, CreatedApiKey } from '../../internal/types.ts';

/** The company's API keys, for its administrators (`/company/api-keys`). */
export class ApiKeysApi {
  readonly #rpc: ReturnType<typeof rpcClient>;

  constructor(apiBase: string, tokens: TokenSource) {
    this.#rpc = rpcClient(apiBase, tokens);
  }

  async list(init?: RequestInit): Promise<ApiKey[]> {
    return (await json<{ items: ApiKey[] }>(this.#rpc.company['api-keys'].$get({}, { init }))).items;
  }

  /** The new key, with the whole key (`secret`): the only time the API shows it. */
  create(input: CreateApiKeyInput): Promise<CreatedApiKey> {
    return json(this.#rpc.company['api-keys'].$post({ json: input }));
  }

  async revoke(id: string): Promise<void> {
    const res = await this.#rpc.company['api-keys'][':id'].$delete({ param: { id } });
    if (!res.ok) throw await ApiError.from(res);
  }
}
