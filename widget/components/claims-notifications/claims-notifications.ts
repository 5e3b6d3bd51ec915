import { ClaimsNotifications } from './claims-notifications.component.ts';

export * from './claims-notifications.component.ts';

if (!customElements.get('claims-notifications')) customElements.define('claims-notifications', ClaimsNotifications);
