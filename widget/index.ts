// Classes and types, without registering any tag (import widget/define.ts or an element's
// own entry, e.g. elements/claims-list.js, for that).
export { ClaimsElement } from './internal/claims-element.ts';
export { ClaimsApp } from './components/claims-app/claims-app.component.ts';
export { ClaimsList } from './components/claims-list/claims-list.component.ts';
export { ClaimsDetail } from './components/claims-detail/claims-detail.component.ts';
export { ClaimsTimeline } from './components/claims-timeline/claims-timeline.component.ts';
export { ClaimsDocuments } from './components/claims-documents/claims-documents.component.ts';
export { ClaimsConsole } from './components/claims-console/claims-console.component.ts';
export { ClaimsChat } from './components/claims-chat/claims-chat.component.ts';
export { ClaimsNotifications } from './components/claims-notifications/claims-notifications.component.ts';
export { ClaimsSettings } from './components/claims-settings/claims-settings.component.ts';
export { ClaimsHelp } from './components/claims-help/claims-help.component.ts';
export { ClaimsApiKeys } from './components/claims-api-keys/claims-api-keys.component.ts';
export { ClaimsWebhooks } from './components/claims-webhooks/claims-webhooks.component.ts';
export { ClaimsAnalytics } from './components/claims-analytics/claims-analytics.component.ts';
export type { ConsoleView } from './components/claims-console/claims-console.component.ts';
export type { ClaimsSort, HandlerFilter } from './components/claims-list/claims-list.component.ts';
export { ClaimsSession } from './internal/session.ts';
export { LiveStream, type Clock, type LiveEventOf, type LiveSignals, type LiveState, type LiveStreamOptions } from './internal/live-stream.ts';
export { SseParser, type SseMessage } from '../domain/sse-parser.ts';
export { ApiError } from './internal/api-error.ts';
export type { TokenProvider } from './internal/token-source.ts';
export type * from './internal/types.ts';
export type * from './events/index.ts';
export type { AccountTranslation, Translation } from './translations/translation.ts';
export type { WidgetLanguage } from './translations/languages.ts';
