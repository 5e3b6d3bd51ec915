import type { Notification } from '../internal/types.ts';

/** The `detail` of `claims-notification-open`. */
export interface ClaimsNotificationOpenDetail {
  claimId: string;
  notification: Notification;
}

/** A notification was activated in `<claims-notifications>`: open its claim (`<claims-app>` does). */
export type ClaimsNotificationOpenEvent = CustomEvent<ClaimsNotificationOpenDetail>;

declare global {
  interface GlobalEventHandlersEventMap {
    'claims-notification-open': ClaimsNotificationOpenEvent;
  }
}
