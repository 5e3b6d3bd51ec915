import { ClaimsList } from './claims-list.component.ts';

export * from './claims-list.component.ts';

if (!customElements.get('claims-list')) customElements.define('claims-list', ClaimsList);
