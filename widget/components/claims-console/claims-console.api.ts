import { json, rpcClient } from '../../internal/api-client.ts';
import type { TokenSource } from '../../internal/token-source.ts';
import type { Claim, Handler, TransitionInput } from '../../internal/types.ts';

/** The handler's moves of a claim, and the handlers to assign it to: the console's own calls, in its chunk. */
export class ConsoleApi {
  readonly #rpc: ReturnType<typeof rpcClient>;

  constructor(apiBase: string, tokens: TokenSource) {
    this.#rpc = rpcClient(apiBase, tokens);
  }

  /** Take a claim (your own id) or reassign it to another handler. */
  assign(id: string, handlerId: string): Promise<Claim> {
    return json(this.#rpc.claims[':id'].assignee.$post({ param: { id }, json: { handlerId } }));
  }

  /** Move a claim to one of its `allowedTransitions`. */
  transition(id: string, body: TransitionInput): Promise<Claim> {
    return json(this.#rpc.claims[':id'].transitions.$post({ param: { id }, json: body }));
  }

  async handlers(init?: RequestInit): Promise<Handler[]> {
    return (await json<{ items: Handler[] }>(this.#rpc.handlers.$get({}, { init }))).items;
  }
}
