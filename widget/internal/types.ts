// The API's own shapes, imported as types only: the widget reads exactly what the server
// declares, and a change on one side that the other does not follow fails type-checking.
// The shared vocabulary (statuses, types…) comes from domain/, which imports nothing.
import type { z } from 'zod';
import type { ClaimPageSchema, ListClaimsQuerySchema } from '../../api/claims/claims.schema.ts';
import type { CompanySchema, HandlerSchema, UpdateUserSchema } from '../../api/users/users.schema.ts';
import type { NotificationPageSchema, NotificationsReadSignalSchema } from '../../api/notifications/notifications.schema.ts';

export { CLAIM_STATUSES, CLAIM_TYPES, OUTCOMES } from '../../domain/constants.ts';
export type {
  ClaimEventType,
  ClaimStatus,
  ClaimType,
  DocumentAction,
  DocumentStatus,
  EventType,
  Goods,
  NotificationChannel,
  NotificationKind,
  Outcome as OutcomeResult,
  Scope,
} from '../../domain/constants.ts';
export type { Claim, TransitionInput } from '../../api/claims/claims.schema.ts';
export type { Money } from '../../api/domain.schema.ts';
export type { ClaimEvent, CompanyEvent, LiveEvent, TypingSignal, UserEvent } from '../../api/events/events.schema.ts';
export type { CompanySettings, Me } from '../../api/users/users.schema.ts';
export type { HelpContact } from '../../api/help/help.routes.ts';
export type { Notification } from '../../api/notifications/notifications.schema.ts';
export type { Attachment, Message, MessagePage } from '../../api/chat/chat.schema.ts';
export type { DocumentFile, DocumentKind, DocumentList, DocumentRequirement, RequestDocumentInput } from '../../api/documents/documents.schema.ts';

export type ClaimsPage = z.infer<typeof ClaimPageSchema>;

/** Filters as the list holds them: '' means "any", and the cursor may be absent. */
export type ClaimsQuery = {
  [K in keyof z.input<typeof ListClaimsQuerySchema>]?: z.input<typeof ListClaimsQuerySchema>[K] | '' | null;
};

/** A claims handler, as `GET /handlers` lists them (to reassign a claim to). */
export type Handler = z.infer<typeof HandlerSchema>;
/** A customer company, as `GET /companies` lists them (staff: to filter the queue). */
export type Company = z.infer<typeof CompanySchema>;

/** A page of the caller's notifications (`GET /notifications`), newest first, with the unread count. */
export type NotificationPage = z.infer<typeof NotificationPageSchema>;
/** Some (or, with `ids` null, all) of the caller's notifications were read elsewhere: signal `notifications-read`. */
export type NotificationsReadSignal = z.infer<typeof NotificationsReadSignalSchema>;
/** What an admin changes of a user (`PATCH /users/:id`): claims access, notification channel, or both. */
export type UserSettings = z.input<typeof UpdateUserSchema>;
