import { ClaimsDetail } from './claims-detail.component.ts';

export * from './claims-detail.component.ts';

if (!customElements.get('claims-detail')) customElements.define('claims-detail', ClaimsDetail);
