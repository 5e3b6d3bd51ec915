import type { Message } from '../internal/types.ts';

/** The server stored a message written in `<claims-chat>` (after any automatic retries). */
export type ClaimsMessageSentEvent = CustomEvent<{ claimId: string; message: Message }>;

declare global {
  interface GlobalEventHandlersEventMap {
    'claims-message-sent': ClaimsMessageSentEvent;
  }
}
