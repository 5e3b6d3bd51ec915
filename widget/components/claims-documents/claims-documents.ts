import { ClaimsDocuments } from './claims-documents.component.ts';

export * from './claims-documents.component.ts';

if (!customElements.get('claims-documents')) customElements.define('claims-documents', ClaimsDocuments);
