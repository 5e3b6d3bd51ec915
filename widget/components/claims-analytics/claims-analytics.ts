import { ClaimsAnalytics } from './claims-analytics.component.ts';

export * from './claims-analytics.component.ts';

if (!customElements.get('claims-analytics')) customElements.define('claims-analytics', ClaimsAnalytics);
