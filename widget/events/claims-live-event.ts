import type { LiveEvent } from '../internal/types.ts';

/** The `detail` of `claims-live-event`. */
export interface ClaimsLiveEventDetail {
  event: LiveEvent;
}

/**
 * An event arrived on the live stream: any type the server sends (`claim.*`, `user.updated`, and
 * those added later; narrow on `event.type`). Fired once per event by the element that holds
 * the configuration.
 */
export type ClaimsLiveEvent = CustomEvent<ClaimsLiveEventDetail>;

declare global {
  interface GlobalEventHandlersEventMap {
    'claims-live-event': ClaimsLiveEvent;
  }
}
