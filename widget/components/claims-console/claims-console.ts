import { ClaimsConsole } from './claims-console.component.ts';

export * from './claims-console.component.ts';

if (!customElements.get('claims-console')) customElements.define('claims-console', ClaimsConsole);
