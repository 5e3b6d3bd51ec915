import { ClaimsApp } from './claims-app.component.ts';

export * from './claims-app.component.ts';

if (!customElements.get('claims-app')) customElements.define('claims-app', ClaimsApp);
