import { ClaimsApiKeys } from './claims-api-keys.component.ts';

export * from './claims-api-keys.component.ts';

if (!customElements.get('claims-api-keys')) customElements.define('claims-api-keys', ClaimsApiKeys);
