// Compile-time proof that the widget's hand-written API shapes (api-types.ts, which the
// published declarations carry) are exactly what the API's zod schemas infer. Only the repo's
// own `tsc` sees this file: it imports the API's sources and zod, which hosts never get.
import type { z } from 'zod';
import type * as Widget from './api-types.ts';
import type { LiveSignals } from './live-stream.ts';
import type { SignalType } from '../../domain/constants.ts';
import type { Claim, ClaimPageSchema, ClaimSummary, ClaimSummaryPageSchema, ListClaimsQuerySchema, TransitionInput } from '../../api/claims/claims.schema.ts';
import type { LocalizedSchema, Money } from '../../api/domain.schema.ts';
import type { LiabilityLimit } from '../../api/liability/liability.schema.ts';
import type { Actor, ClaimEvent, CompanyEvent, LiveEvent, TypingSignal, UserEvent } from '../../api/events/events.schema.ts';
import type { CompanySchema, CompanySettings, HandlerSchema, Me, UpdateUserSchema } from '../../api/users/users.schema.ts';
import type { HelpContact } from '../../api/help/help.routes.ts';
import type { Notification, NotificationPageSchema, NotificationsReadSignalSchema } from '../../api/notifications/notifications.schema.ts';
import type { Attachment, ChatDocumentRequestSchema, Message, MessagePage } from '../../api/chat/chat.schema.ts';
import type { DocumentFile, DocumentKind, DocumentList, DocumentRequirement, RequestDocumentInput } from '../../api/documents/documents.schema.ts';
import type { UploadSession } from '../../api/uploads/uploads.schema.ts';
import type { ApiKeySchema, CreateApiKeySchema, CreatedApiKeySchema } from '../../api/keys/api-keys.schema.ts';
import type { AnalyticsDashboardSchema, AnalyticsQuerySchema } from '../../api/analytics/analytics.schema.ts';
import type {
  CreatedWebhookEndpointSchema,
  CreateWebhookSchema,
  RotatedSecretSchema,
  UpdateWebhookSchema,
  WebhookAttemptSchema,
  WebhookDeliveryDetailSchema,
  WebhookDeliveryPageSchema,
  WebhookDeliverySchema,
  WebhookEndpointSchema,
} from '../../api/webhooks/webhooks.schema.ts';

/** True only when A and B are the same type (not merely assignable either way). */
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Expect<T extends true> = T;

export type ApiTypesMatchTheApi = [
  Expect<Equal<Widget.Money, Money>>,
  // Every language the API speaks, es and en always: a language added to domain/constants.ts fails here until the widget's Localized has it.
  Expect<Equal<Widget.Localized, z.infer<typeof LocalizedSchema>>>,
  Expect<Equal<Widget.Actor, Actor>>,
  Expect<Equal<Widget.Claim, Claim>>,
  Expect<Equal<Widget.LiabilityLimit, LiabilityLimit>>,
  Expect<Equal<Widget.ClaimsPage, z.infer<typeof ClaimPageSchema>>>,
  Expect<Equal<Widget.ClaimSummary, ClaimSummary>>,
  Expect<Equal<Widget.ClaimSummaryPage, z.infer<typeof ClaimSummaryPageSchema>>>,
  Expect<Equal<Widget.TransitionInput, TransitionInput>>,
  Expect<Equal<Widget.ClaimEvent, ClaimEvent>>,
  Expect<Equal<Widget.UserEvent, UserEvent>>,
  Expect<Equal<Widget.CompanyEvent, CompanyEvent>>,
  Expect<Equal<Widget.LiveEvent, LiveEvent>>,
  Expect<Equal<Widget.TypingSignal, TypingSignal>>,
  // The stream's client knows every signal the API documents; `reset` it handles apart, with the events.
  Expect<Equal<keyof LiveSignals | 'reset', SignalType>>,
  Expect<Equal<Widget.Me, Me>>,
  Expect<Equal<Widget.UserSettings, z.input<typeof UpdateUserSchema>>>,
  Expect<Equal<Widget.CompanySettings, CompanySettings>>,
  Expect<Equal<Widget.Handler, z.infer<typeof HandlerSchema>>>,
  Expect<Equal<Widget.Company, z.infer<typeof CompanySchema>>>,
  Expect<Equal<Widget.HelpContact, HelpContact>>,
  Expect<Equal<Widget.Notification, Notification>>,
  Expect<Equal<Widget.NotificationPage, z.infer<typeof NotificationPageSchema>>>,
  Expect<Equal<Widget.NotificationsReadSignal, z.infer<typeof NotificationsReadSignalSchema>>>,
  Expect<Equal<Widget.Attachment, Attachment>>,
  Expect<Equal<Widget.Message, Message>>,
  Expect<Equal<Widget.ChatDocumentRequestInput, z.input<typeof ChatDocumentRequestSchema>>>,
  Expect<Equal<Widget.MessagePage, MessagePage>>,
  Expect<Equal<Widget.DocumentFile, DocumentFile>>,
  Expect<Equal<Widget.DocumentKind, DocumentKind>>,
  Expect<Equal<Widget.DocumentList, DocumentList>>,
  Expect<Equal<Widget.DocumentRequirement, DocumentRequirement>>,
  Expect<Equal<Widget.UploadSession, UploadSession>>,
  Expect<Equal<Widget.RequestDocumentInput, RequestDocumentInput>>,
  Expect<Equal<Widget.ApiKey, z.infer<typeof ApiKeySchema>>>,
  Expect<Equal<Widget.CreatedApiKey, z.infer<typeof CreatedApiKeySchema>>>,
  Expect<Equal<Widget.CreateApiKeyInput, z.input<typeof CreateApiKeySchema>>>,
  Expect<Equal<Widget.WebhookEndpoint, z.infer<typeof WebhookEndpointSchema>>>,
  Expect<Equal<Widget.CreatedWebhookEndpoint, z.infer<typeof CreatedWebhookEndpointSchema>>>,
  // A company's admin never names the company (companyId is the operator's key's).
  Expect<Equal<Widget.CreateWebhookInput, Omit<z.input<typeof CreateWebhookSchema>, 'companyId'>>>,
  Expect<Equal<Widget.UpdateWebhookInput, z.input<typeof UpdateWebhookSchema>>>,
  Expect<Equal<Widget.RotatedWebhookSecret, z.infer<typeof RotatedSecretSchema>>>,
  Expect<Equal<Widget.WebhookDelivery, z.infer<typeof WebhookDeliverySchema>>>,
  Expect<Equal<Widget.WebhookAttempt, z.infer<typeof WebhookAttemptSchema>>>,
  Expect<Equal<Widget.WebhookDeliveryDetail, z.infer<typeof WebhookDeliveryDetailSchema>>>,
  Expect<Equal<Widget.WebhookDeliveryPage, z.infer<typeof WebhookDeliveryPageSchema>>>,
  Expect<Equal<Widget.AnalyticsDashboard, z.infer<typeof AnalyticsDashboardSchema>>>,
  Expect<Equal<Widget.AnalyticsQuery, z.input<typeof AnalyticsQuerySchema>>>,
  // The query is the widget's own (its '' means "any" and is left out when sent), so the check
  // is that each filter it holds is one the API takes, once '' and null are left out.
  Expect<Equal<Exclude<keyof Widget.ClaimsQuery, keyof z.input<typeof ListClaimsQuerySchema>>, never>>,
  Expect<
    Equal<
      { [K in keyof Widget.ClaimsQuery]-?: Exclude<Widget.ClaimsQuery[K], '' | null | undefined> } extends {
        [K in keyof Widget.ClaimsQuery]-?: Exclude<z.input<typeof ListClaimsQuerySchema>[K], undefined>;
      }
        ? true
        : false,
      true
    >
  >,
];
