// The one-script entry (/widget/claimdesk.js): registers every claims-* element. What a customer
// area shows first (the app and its list) is in this module; a claim's detail, the back office,
// the checklist, the conversation, the notifications, the settings, the help panel and the
// integrations (API keys, webhooks) and the analytics load the first time a page (or a claim's tab) uses them, so
// their classes are exported by widget/index.ts (dist/widget/index.js), not here.
import './components/claims-app/claims-app.ts';
import './components/claims-list/claims-list.ts';
import { loadWhenUsed } from './internal/load-when-used.ts';

loadWhenUsed('claims-detail', () => import('./components/claims-detail/claims-detail.ts'));
loadWhenUsed('claims-timeline', () => import('./components/claims-timeline/claims-timeline.ts'));
loadWhenUsed('claims-console', () => import('./components/claims-console/claims-console.ts'));
loadWhenUsed('claims-documents', () => import('./components/claims-documents/claims-documents.ts'));
loadWhenUsed('claims-chat', () => import('./components/claims-chat/claims-chat.ts'));
loadWhenUsed('claims-notifications', () => import('./components/claims-notifications/claims-notifications.ts'));
loadWhenUsed('claims-settings', () => import('./components/claims-settings/claims-settings.ts'));
loadWhenUsed('claims-help', () => import('./components/claims-help/claims-help.ts'));
loadWhenUsed('claims-api-keys', () => import('./components/claims-api-keys/claims-api-keys.ts'));
loadWhenUsed('claims-webhooks', () => import('./components/claims-webhooks/claims-webhooks.ts'));
loadWhenUsed('claims-analytics', () => import('./components/claims-analytics/claims-analytics.ts'));

export { ClaimsElement } from './internal/claims-element.ts';
export { ClaimsApp } from './components/claims-app/claims-app.component.ts';
export { ClaimsList } from './components/claims-list/claims-list.component.ts';
export { ClaimsSession } from './internal/session.ts';
export { LiveStream } from './internal/live-stream.ts';
export { SseParser } from '../domain/sse-parser.ts';
export { ApiError } from './internal/api-error.ts';
export type * from './index.ts';
