export type { ClaimsSelectEvent } from './claims-select.ts';
export type { ClaimsBackEvent } from './claims-back.ts';
export type { ClaimsAcceptedEvent } from './claims-accepted.ts';
export type { ClaimsDeclinedEvent } from './claims-declined.ts';
export type { ClaimsErrorEvent } from './claims-error.ts';
export type { ClaimsLiveEvent } from './claims-live-event.ts';
