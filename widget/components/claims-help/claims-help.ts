import { ClaimsHelp } from './claims-help.component.ts';

export * from './claims-help.component.ts';

if (!customElements.get('claims-help')) customElements.define('claims-help', ClaimsHelp);
