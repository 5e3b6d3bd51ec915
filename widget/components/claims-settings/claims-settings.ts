import { ClaimsSettings } from './claims-settings.component.ts';

export * from './claims-settings.component.ts';

if (!customElements.get('claims-settings')) customElements.define('claims-settings', ClaimsSettings);
