import { ClaimsTimeline } from './claims-timeline.component.ts';

export * from './claims-timeline.component.ts';

if (!customElements.get('claims-timeline')) customElements.define('claims-timeline', ClaimsTimeline);
