import type { ClaimEvent } from '../internal/types.ts';

/** An event arrived on the live stream. Fired once per event by the element that holds the configuration. */
export type ClaimsLiveEvent = CustomEvent<{ event: ClaimEvent }>;

declare global {
  interface GlobalEventHandlersEventMap {
    'claims-live-event': ClaimsLiveEvent;
  }
}
