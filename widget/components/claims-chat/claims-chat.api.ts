import { ApiError } from '../../internal/api-error.ts';
import { json, rpcClient } from '../../internal/api-client.ts';
import type { TokenSource } from '../../internal/token-source.ts';
import type { ChatDocumentRequestInput, Message, MessagePage } from '../../internal/types.ts';

/** A claim's conversation: the chat's own calls, in its chunk (its attachments go up with widget/uploads/attachment-upload.ts). */
export class ChatApi {
  readonly #rpc: ReturnType<typeof rpcClient>;

  constructor(apiBase: string, tokens: TokenSource) {
    this.#rpc = rpcClient(apiBase, tokens);
  }

  messages(claimId: string, cursor?: string, init?: RequestInit): Promise<MessagePage> {
    return json(this.#rpc.claims[':id'].messages.$get({ param: { id: claimId }, query: cursor ? { cursor } : {} }, { init }));
  }

  /**
   * Sends once per clientId: a retry with the same clientId gets the stored message back. A
   * handler's `documentRequest` (with no body: the server writes it) also adds the document to the checklist.
   */
  postMessage(claimId: string, body: string, clientId: string, attachments: string[] = [], documentRequest?: ChatDocumentRequestInput): Promise<Message> {
    return json(this.#rpc.claims[':id'].messages.$post({ param: { id: claimId }, json: { body, clientId, attachments, documentRequest } }));
  }

  async markRead(claimId: string, messageId: string): Promise<number> {
    const result = await json<{ unreadMessages: number }>(this.#rpc.claims[':id'].read.$post({ param: { id: claimId }, json: { messageId } }));
    return result.unreadMessages;
  }

  async typing(claimId: string): Promise<void> {
    const res = await this.#rpc.claims[':id'].typing.$post({ param: { id: claimId } });
    if (!res.ok) throw await ApiError.from(res);
  }
}
