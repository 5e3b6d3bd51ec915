import { ClaimsChat } from './claims-chat.component.ts';

export * from './claims-chat.component.ts';

if (!customElements.get('claims-chat')) customElements.define('claims-chat', ClaimsChat);
