import { json, rpcClient } from '../../internal/api-client.ts';
import type { TokenSource } from '../../internal/token-source.ts';
import type { CompanySettings, Me, NotificationChannel, UserSettings } from '../../internal/types.ts';

/** The company's users and their claims access and channels (admins change them): the settings' own calls, in their chunk. */
export class SettingsApi {
  readonly #rpc: ReturnType<typeof rpcClient>;

  constructor(apiBase: string, tokens: TokenSource) {
    this.#rpc = rpcClient(apiBase, tokens);
  }

  async users(init?: RequestInit): Promise<Me[]> {
    return (await json<{ items: Me[] }>(this.#rpc.users.$get({}, { init }))).items;
  }

  updateUser(id: string, change: UserSettings): Promise<Me> {
    return json(this.#rpc.users[':id'].$patch({ param: { id }, json: change }));
  }

  company(init?: RequestInit): Promise<CompanySettings> {
    return json(this.#rpc.company.$get({}, { init }));
  }

  updateCompany(defaultNotifications: NotificationChannel): Promise<CompanySettings> {
    return json(this.#rpc.company.$patch({ json: { defaultNotifications } }));
  }
}
