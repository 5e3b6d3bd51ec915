import type { Notification } from '../internal/types.ts';

/** A notification was activated in `<claims-notifications>`: open its claim (`<claims-app>` does). */
export type ClaimsNotificationOpenEvent = CustomEvent<{ claimId: string; notification: Notification }>;

declare global {
  interface GlobalEventHandlersEventMap {
    'claims-notification-open': ClaimsNotificationOpenEvent;
  }
}
