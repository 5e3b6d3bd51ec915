import { ClaimsWebhooks } from './claims-webhooks.component.ts';

export * from './claims-webhooks.component.ts';

if (!customElements.get('claims-webhooks')) customElements.define('claims-webhooks', ClaimsWebhooks);
