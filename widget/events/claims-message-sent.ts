import type { Message } from '../internal/types.ts';

/** The `detail` of `claims-message-sent`. */
export interface ClaimsMessageSentDetail {
  claimId: string;
  message: Message;
}

/** The server stored a message written in `<claims-chat>` (after any automatic retries). */
export type ClaimsMessageSentEvent = CustomEvent<ClaimsMessageSentDetail>;

declare global {
  interface GlobalEventHandlersEventMap {
    'claims-message-sent': ClaimsMessageSentEvent;
  }
}
