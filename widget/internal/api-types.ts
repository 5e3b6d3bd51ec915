// The API's resource shapes as the widget reads and sends them, written out so that the
// published declarations stand alone: hosts get these without the API's sources, zod or hono.
// api-types.check.ts proves each equal to the type the API's zod schema infers, so a change on
// either side that the other does not follow fails `npm run typecheck`.
// The shared vocabulary (statuses, types…) comes from domain/, which imports nothing.
import type {
  ActorKind,
  ApiKeyScope,
  ClaimAction,
  ClaimChangeField,
  ClaimDeadlineFilter,
  ClaimEventType,
  ClaimStatus,
  ClaimType,
  CompanyEventType,
  CustomerStep,
  DayKind,
  DeadlineState,
  DocumentAction,
  DocumentsStage,
  DocumentStatus,
  Goods,
  HandlerStep,
  Language,
  LiabilityGap,
  LiabilityRateKind,
  LiabilityRule,
  NotificationChannel,
  NotificationKind,
  Outcome,
  PhaseState,
  ReviewDecision,
  Role,
  Scope,
  UploadType,
  UserEventType,
  WebhookChangeEventType,
  WebhookDeliveryStatus,
  WebhookDisabledReason,
  WebhookEventType,
} from '../../domain/constants.ts';

/**
 * Text the API words itself (a document's label and help, a deadline's legal basis): always in
 * Spanish and English, in the other languages where it is written. Read it with `apiTextIn`
 * (translations/languages.ts), which falls back to the source language a language reads.
 */
export interface Localized {
  es: string;
  en: string;
  pt?: string | undefined;
  fr?: string | undefined;
  de?: string | undefined;
  it?: string | undefined;
  ca?: string | undefined;
}

/** An amount in integer cents of an ISO 4217 currency. */
export interface Money {
  amountCents: number;
  currency: string;
}

/** Who did something; `id` is the user's id, null for Claimdesk itself and the host backend. */
export interface Actor {
  kind: ActorKind;
  id: string | null;
  name: string;
}

/** A person by id and name (a claim's handler, a document's uploader…). */
export interface PersonRef {
  id: string;
  name: string;
}

/** One of a claim's documents, as the claim names it. */
export interface DocumentRef {
  id: string;
  kind: string;
  label: Localized;
  status: DocumentStatus;
  /** Why it was rejected; null unless rejected. */
  reason: string | null;
}

/** A checklist's progress over its required documents: accepted ones, and uploaded ones waiting for review. */
export interface DocumentsProgress {
  required: number;
  accepted: number;
  awaitingReview: number;
}

/** A claim's progress, and the required documents not accepted yet: what filing now would go without. */
export interface ClaimDocuments extends DocumentsProgress {
  notAccepted: DocumentRef[];
}

/** What a claim asks of its reader now: the handler's side or the company's, with the documents it is about. */
export type NextStep =
  | { side: 'customer'; code: CustomerStep; documents: DocumentRef[] }
  | { side: 'handler'; code: HandlerStep; documents: DocumentRef[] };

/** A claim (`GET /claims/{id}`), as the caller may see it. */
export interface Claim {
  id: string;
  reference: string;
  companyId: string;
  companyName: string;
  externalRef: string;
  type: ClaimType;
  goods: Goods;
  scope: Scope;
  status: ClaimStatus;
  carrier: string;
  trackingNumber: string;
  description: string;
  origin: string | null;
  destination: string | null;
  originCountry: string | null;
  destinationCountry: string | null;
  packages: number;
  /** The gross weight, in kg, of the goods the claim is for; null when not known. */
  grossWeightKg: number | null;
  declaredValue: Money;
  claimedAmount: Money | null;
  /** The carrier's liability limit, or why it is not computed: for claims handlers (and the operator's backend) only. */
  liabilityLimit?: LiabilityLimit | undefined;
  outcome: { result: Outcome; amount: Money } | null;
  declineReason: string | null;
  incidentAt: string;
  deadlineAt: string;
  deadline: { days: number; dayKind: DayKind; country: string; basis: Localized; state: DeadlineState };
  allowedTransitions: ClaimStatus[];
  actions: ClaimAction[];
  needsAction: boolean;
  handler: PersonRef | null;
  unreadMessages: number;
  phases: { status: ClaimStatus; state: PhaseState }[];
  final: boolean;
  documents: ClaimDocuments;
  nextStep: NextStep;
  documentsStage: DocumentsStage;
  createdAt: string;
  updatedAt: string;
}

/** A rate of a published value, as a claim's liability limit used it. */
export interface LiabilityRateUsed {
  kind: LiabilityRateKind;
  /** A decimal as recorded: "1.1500". */
  value: string;
  /** The day it took effect, YYYY-MM-DD. */
  effectiveFrom: string;
}

/**
 * The most the carrier pays under the rule that covers the carriage (`computed`), or why it is
 * not computed (`unavailable`). `rateDay` is the day whose rate counts: the incident's, in Spain.
 */
export type LiabilityLimit =
  | {
      status: 'computed';
      rule: LiabilityRule;
      grossWeightKg: number;
      rateDay: string;
      rate: LiabilityRateUsed;
      amount: Money;
      /** Whether the amount claimed (else the declared value) is above the limit. */
      exceeded: boolean;
    }
  | {
      status: 'unavailable';
      reason: LiabilityGap;
      rule: LiabilityRule | null;
      grossWeightKg: number | null;
      rateDay: string;
    };

/** A page of claims (`GET /claims`), with the count per status when asked for. */
export interface ClaimsPage {
  items: Claim[];
  nextCursor: string | null;
  counts?: Record<ClaimStatus, number> | undefined;
}

/** A claim as a row of a list shows it (`GET /claims?view=summary`): each field the claim's own. */
export interface ClaimSummary
  extends Pick<
    Claim,
    | 'id'
    | 'reference'
    | 'companyId'
    | 'companyName'
    | 'externalRef'
    | 'type'
    | 'goods'
    | 'scope'
    | 'status'
    | 'carrier'
    | 'trackingNumber'
    | 'declaredValue'
    | 'claimedAmount'
    | 'liabilityLimit'
    | 'deadlineAt'
    | 'needsAction'
    | 'handler'
    | 'unreadMessages'
    | 'createdAt'
    | 'updatedAt'
  > {
  /** Of the claim's deadline, where it stands. */
  deadline: { state: DeadlineState };
}

/** A page of claims as a list's rows show them (`GET /claims?view=summary`). */
export interface ClaimSummaryPage {
  items: ClaimSummary[];
  nextCursor: string | null;
  counts?: Record<ClaimStatus, number> | undefined;
}

/** Filters as the list holds them: '' means "any", and the cursor may be absent. */
export interface ClaimsQuery {
  status?: ClaimStatus | '' | null | undefined;
  type?: ClaimType | '' | null | undefined;
  deadline?: ClaimDeadlineFilter | '' | null | undefined;
  q?: string | null | undefined;
  companyId?: string | null | undefined;
  handler?: string | null | undefined;
  sort?: 'deadline' | 'newest' | '' | null | undefined;
  cursor?: string | null | undefined;
  limit?: number | '' | null | undefined;
}

/** A handler's move of a claim (`POST /claims/{id}/transitions`). */
export interface TransitionInput {
  to: ClaimStatus;
  note?: string | undefined;
  outcome?: Outcome | undefined;
  amount?: Money | undefined;
}

/** What changed in a claim event; which fields are set depends on its `type`. */
export interface ClaimEventData {
  from?: ClaimStatus | undefined;
  /** The status the claim reached with this event, when it moved. */
  to?: ClaimStatus | undefined;
  note?: string | undefined;
  reason?: string | undefined;
  outcome?: Outcome | undefined;
  amount?: Money | undefined;
  /** The requirement a document.* event is about. */
  document?: { requirementId: string; kind: string; label: Localized } | undefined;
  /** The file uploaded or removed. */
  file?: { id: string; name: string } | undefined;
  /** The handler's verdict (document.reviewed). */
  decision?: ReviewDecision | undefined;
  /** The handler the claim is assigned to now (claim.assigned). */
  handler?: PersonRef | undefined;
  /** The message posted (message.posted), or read up to (message.read). */
  message?:
    | {
        id: string;
        clientId?: string | undefined;
        body?: string | undefined;
        at?: string | undefined;
        attachments?: Attachment[] | undefined;
        /** When the handler asked for a document with the message. */
        documentRequest?: MessageDocumentRequest | undefined;
      }
    | undefined;
  /** When the filing deadline ends (claim.deadline_approaching). */
  deadlineAt?: string | undefined;
  /** The warning threshold crossed, in hours before the deadline (claim.deadline_approaching). */
  hoursLeft?: number | undefined;
  /** What a correction changed (claim.amended): each field before and after, deadlineAt last when the correction moved the deadline. */
  changes?: ClaimChange[] | undefined;
}

/** One field a correction of a claim changed (claim.amended), as the claim shows it. */
export interface ClaimChange {
  field: ClaimChangeField;
  from: string | number | Money | null;
  to: string | number | Money | null;
}

/** One entry of a claim's timeline, and of the live stream. `id` is its position in the global event log. */
export interface ClaimEvent {
  id: number;
  claimId: string;
  claimReference: string;
  companyId: string;
  type: ClaimEventType;
  actor: Actor;
  data: ClaimEventData;
  at: string;
}

/** A user's settings, role, name, email or language changed (for that user and the company's admins). */
export interface UserEvent {
  id: number;
  companyId: string;
  /** The user who changed. */
  userId: string;
  type: UserEventType;
  actor: Actor;
  /** The user's settings after the change, and each of role, name, email and lang the change set (only those). */
  data: {
    claimsAccess: boolean;
    notifications: NotificationChannel;
    role?: Role | undefined;
    name?: string | undefined;
    email?: string | undefined;
    lang?: Language | null | undefined;
  };
  at: string;
}

/** Something about the company (for the company's admins): narrow on `type`. */
export type CompanyEvent = CompanySettingsEvent | WebhookDisabledEvent | WebhookChangedEvent;

/** The company's settings changed. */
export interface CompanySettingsEvent {
  id: number;
  companyId: string;
  type: Extract<CompanyEventType, 'company.updated'>;
  actor: Actor;
  /** The company's settings after the change: the channel its new members get. */
  data: { defaultNotifications: NotificationChannel };
  at: string;
}

/** Claimdesk disabled one of the company's webhooks: it answered 410 Gone, or failed every delivery for 3 days. */
export interface WebhookDisabledEvent {
  id: number;
  companyId: string;
  type: Extract<CompanyEventType, 'company.webhook_disabled'>;
  actor: Actor;
  data: {
    webhook: { id: string; url: string; description: string; reason: 'gone' | 'failing'; failingSince: string; lastError: string | null };
  };
  at: string;
}

/** Someone added, changed, deleted or gave a new secret to one of the company's webhooks. */
export interface WebhookChangedEvent {
  id: number;
  companyId: string;
  type: WebhookChangeEventType;
  actor: Actor;
  data: {
    /** After the change (as it was, when deleted); never its secret. */
    webhook: { id: string; url: string; description: string; eventTypes: string[]; enabled: boolean };
    /** company.webhook_updated: what the change set. */
    changed?: Array<'url' | 'description' | 'eventTypes' | 'enabled'>;
  };
  at: string;
}

/** What the live stream carries: narrow on `type`. */
export type LiveEvent = ClaimEvent | UserEvent | CompanyEvent;

/** Someone is typing in a claim's conversation (ephemeral: no event id). */
export interface TypingSignal {
  claimId: string;
  companyId: string;
  user: { id: string; name: string; kind: ActorKind };
  at: string;
}

/** The caller (`GET /me`), and each of the company's users (`GET /users`). */
export interface Me {
  id: string;
  externalId: string;
  companyId: string;
  companyName: string;
  name: string;
  email: string;
  role: Role;
  lang: Language | null;
  claimsAccess: boolean;
  notifications: NotificationChannel;
}

/** What an admin changes of a user (`PATCH /users/{id}`): claims access, notification channel, or both. */
export interface UserSettings {
  claimsAccess?: boolean | undefined;
  notifications?: NotificationChannel | undefined;
}

/** The caller's company (`GET /company`) with the channel its new members get. */
export interface CompanySettings {
  id: string;
  name: string;
  defaultNotifications: NotificationChannel;
}

/** A claims handler, as `GET /handlers` lists them (to reassign a claim to). */
export interface Handler {
  id: string;
  name: string;
  email: string;
}

/** A customer company, as `GET /companies` lists them (staff: to filter the queue). */
export interface Company {
  id: string;
  name: string;
}

/** The operator's help contact (`GET /help`); each is null when not set. */
export interface HelpContact {
  email: string | null;
  phone: string | null;
  hours: string | null;
}

/** Something on the company's claims that needs the caller (`GET /notifications`). */
export interface Notification {
  id: string;
  kind: NotificationKind;
  /** null for webhook_disabled, which is about no claim. */
  claimId: string | null;
  claimReference: string | null;
  read: boolean;
  count: number;
  /** How many older unread notifications of the same claim this one stands for (0 when alone or read). */
  folded: number;
  createdAt: string;
  updatedAt: string;
  data: {
    actor: Actor;
    status?: ClaimStatus | undefined;
    from?: ClaimStatus | undefined;
    document?: { requirementId: string; kind: string; label: Localized } | undefined;
    reason?: string | undefined;
    preview?: string | undefined;
    deadlineAt?: string | undefined;
    hoursLeft?: number | undefined;
    /** webhook_disabled: the webhook Claimdesk disabled. */
    webhook?: { id: string; url: string; description: string; reason: 'gone' | 'failing' } | undefined;
  };
}

/** A page of the caller's notifications (`GET /notifications`), newest first, with the unread count. */
export interface NotificationPage {
  items: Notification[];
  nextCursor: string | null;
  unread: number;
}

/** Some (or, with `ids` null, all) of the caller's notifications were read elsewhere: signal `notifications-read`. */
export interface NotificationsReadSignal {
  ids: string[] | null;
  unread: number;
}

/** A file sent with a message. */
export interface Attachment {
  id: string;
  name: string;
  size: number;
  type: string;
  hasThumbnail: boolean;
}

/**
 * The document a handler asked for with a message, which the same change added to the claim's
 * checklist: where it stands, and its upload, are the checklist's (`GET /claims/{id}/documents`).
 */
export interface MessageDocumentRequest {
  requirementId: string;
  kind: string;
  label: Localized;
  /** What exactly is needed, as the handler wrote it; null when the kind says enough. */
  note: string | null;
}

/** A message of a claim's conversation. */
export interface Message {
  id: string;
  claimId: string;
  clientId: string;
  /** Empty when the message only carries attachments. */
  body: string;
  /** A user, the handler, or an integration (`service`: a company key, or the operator's key with `id` null). */
  author: Actor;
  attachments: Attachment[];
  /** The document the handler asked for with this message; null for any other. */
  documentRequest: MessageDocumentRequest | null;
  at: string;
}

/** What uploads the server takes: the largest size in bytes and the file types. */
export interface UploadLimits {
  maxBytes: number;
  types: UploadType[];
}

/** A page of a claim's conversation (`GET /claims/{id}/messages`), with who read up to where. */
export interface MessagePage {
  items: Message[];
  nextCursor: string | null;
  reads: { user: { id: string; name: string; kind: ActorKind }; messageId: string; at: string }[];
  unreadMessages: number;
  upload: UploadLimits;
}

/** A file uploaded to a document requirement. */
export interface DocumentFile {
  id: string;
  name: string;
  size: number;
  type: string;
  sha256: string;
  /** A user, the handler, or an integration (`service`: a company key, or the operator's key with `id` null). */
  uploadedBy: Actor;
  uploadedAt: string;
  hasThumbnail: boolean;
  removable: boolean;
  /** Why, by whom and when the handler rejected it; null if never. Kept once a replacement is accepted. */
  rejection: { reason: string; by: { id: string | null; name: string }; at: string } | null;
}

/** One document a claim needs, with its files and its review. */
export interface DocumentRequirement {
  id: string;
  claimId: string;
  kind: string;
  label: Localized;
  help: Localized;
  /** Photos taken where the goods are (the damage, the packaging): the checklist offers the camera. */
  photos: boolean;
  note: string | null;
  required: boolean;
  status: DocumentStatus;
  reason: string | null;
  files: DocumentFile[];
  requestedBy: { id: string | null; name: string } | null;
  review: { by: { id: string | null; name: string }; at: string } | null;
  actions: DocumentAction[];
}

/**
 * A resumable (tus) upload of a file to a document (`GET /uploads/{id}`): how much of it is stored,
 * and once complete the file it became and the document as it now stands.
 */
export interface UploadSession {
  id: string;
  claimId: string;
  requirementId: string;
  fileName: string;
  /** The whole file's size in bytes. */
  length: number;
  /** The bytes stored so far: where the next chunk starts. */
  offset: number;
  status: 'open' | 'complete';
  /** When an open upload expires unless a chunk arrives; null once complete. */
  expiresAt: string | null;
  fileId: string | null;
  document: DocumentRequirement | null;
}

/** A kind of document a handler can ask for. */
export interface DocumentKind {
  code: string;
  label: Localized;
  help: Localized;
}

/** A claim's checklist (`GET /claims/{id}/documents`). */
export interface DocumentList {
  items: DocumentRequirement[];
  progress: DocumentsProgress;
  upload: UploadLimits;
  canRequest: boolean;
  kinds: DocumentKind[];
}

/** A handler asks the customer for one more document (`POST /claims/{id}/documents`). */
export interface RequestDocumentInput {
  kind: string;
  note: string;
  required: boolean;
}

/** A handler asks for a document in the conversation (`POST /claims/{id}/messages`, `documentRequest`): the note may be left out when the kind says enough. */
export interface ChatDocumentRequestInput {
  kind: string;
  note?: string | undefined;
  required?: boolean | undefined;
}

/** One of the company's API keys (`GET /company/api-keys`): never the key itself, which is shown once. */
export interface ApiKey {
  id: string;
  name: string;
  /** The key's first characters, to tell keys apart. */
  prefix: string;
  scopes: ApiKeyScope[];
  createdAt: string;
  /** Null when the operator created it. */
  createdBy: { id: string | null; name: string } | null;
  /** Null: never used. */
  lastUsedAt: string | null;
  revokedAt: string | null;
  /** The name of who revoked it. */
  revokedBy: string | null;
}

/** A key just created (`POST /company/api-keys`), with the whole key: this answer is the only time it is shown. */
export interface CreatedApiKey extends ApiKey {
  secret: string;
}

/** What an admin names and allows when creating a key. */
export interface CreateApiKeyInput {
  name: string;
  scopes: ApiKeyScope[];
}

/** What an endpoint subscribes to: these claim event types, or `'*'` alone for every one, those added later included. */
export type WebhookEventSelection = ('*' | WebhookEventType)[];

/** Where a company's events are sent (`GET /webhooks`), and how that is going. */
export interface WebhookEndpoint {
  id: string;
  /** Null for the operator's own endpoint, which receives every company's events. */
  companyId: string | null;
  url: string;
  description: string;
  eventTypes: WebhookEventSelection;
  enabled: boolean;
  /** Why it is off: its receiver answered 410 Gone, it kept failing, or someone switched it off; null while enabled. */
  disabledReason: WebhookDisabledReason | null;
  disabledAt: string | null;
  /** Since when every delivery has failed; null while they arrive. */
  failingSince: string | null;
  /** The signing secret's first characters, to tell which one a receiver has. */
  secretPrefix: string;
  createdAt: string;
  updatedAt: string;
}

/** An endpoint just created (`POST /webhooks`), with its signing secret: this answer is the only time it is shown. */
export interface CreatedWebhookEndpoint extends WebhookEndpoint {
  secret: string;
}

/** What a company's admin sets when creating an endpoint. */
export interface CreateWebhookInput {
  url: string;
  description?: string | undefined;
  eventTypes: WebhookEventSelection;
}

/** What an admin changes of an endpoint (`PATCH /webhooks/{id}`). */
export interface UpdateWebhookInput {
  url?: string | undefined;
  description?: string | undefined;
  eventTypes?: WebhookEventSelection | undefined;
  enabled?: boolean | undefined;
}

/** A new signing secret (`POST /webhooks/{id}/rotate-secret`); the previous one is still accepted until `previousSecretExpiresAt`. */
export interface RotatedWebhookSecret {
  secret: string;
  previousSecretExpiresAt: string;
}

/** One event sent, or being sent, to an endpoint. `id` is its `webhook-id` header. */
export interface WebhookDelivery {
  id: string;
  endpointId: string;
  /** Null for a test delivery. */
  eventId: number | null;
  /** The event's type, or `webhook.test`. */
  eventType: string;
  status: WebhookDeliveryStatus;
  /** How many times it was tried. */
  attempts: number;
  /** When it is sent (again) while pending. */
  nextAttemptAt: string;
  createdAt: string;
  deliveredAt: string | null;
  lastStatusCode: number | null;
  lastLatencyMs: number | null;
  /** The first bytes of the receiver's last answer. */
  lastResponse: string | null;
  lastError: string | null;
}

/** One try at a delivery: the receiver's status code and the first bytes of its answer, or why none came. */
export interface WebhookAttempt {
  id: string;
  at: string;
  statusCode: number | null;
  latencyMs: number;
  responseExcerpt: string | null;
  error: string | null;
}

/** A delivery with every try at it, oldest first (`GET /webhooks/{id}/deliveries/{deliveryId}`). */
export interface WebhookDeliveryDetail extends Omit<WebhookDelivery, 'attempts'> {
  attempts: WebhookAttempt[];
}

/** A page of an endpoint's delivery log, newest first. */
export interface WebhookDeliveryPage {
  items: WebhookDelivery[];
  nextCursor: string | null;
}

/** What the staff's analytics are asked for (`GET /analytics`): a period of UTC days, both included, and optional filters. */
export interface AnalyticsQuery {
  from: string;
  to: string;
  companyId?: string | undefined;
  carrier?: string | undefined;
  type?: ClaimType | undefined;
  scope?: Scope | undefined;
}

/** A median and 90th percentile of durations in hours (to 0.1; null when nothing was measured), and how many were measured. */
export interface AnalyticsSpread {
  medianHours: number | null;
  p90Hours: number | null;
  count: number;
}

/** Amounts of the claims whose outcome was recorded in the period, in one currency: claimed, recovered, and the share recovered (null when nothing was claimed). */
export interface AnalyticsAmounts {
  currency: string;
  claimedCents: number;
  recoveredCents: number;
  recoveryRate: number | null;
  count: number;
  /** Of those claims, how many claimed more than the carrier's liability limit, and by how much in all. */
  overLimit: number;
  aboveLimitCents: number;
}

/** The stays in one phase that ended in the period. */
export interface AnalyticsPhaseTime extends AnalyticsSpread {
  status: ClaimStatus;
}

/** AnalyticsAmounts of one carrier. */
export interface AnalyticsCarrierAmounts extends AnalyticsAmounts {
  carrier: string;
}

/** AnalyticsAmounts of one claim type. */
export interface AnalyticsTypeAmounts extends AnalyticsAmounts {
  type: ClaimType;
}

/** A claim running against a filing deadline that falls within the warning window from now. */
export interface AtRiskClaim {
  id: string;
  reference: string;
  companyId: string;
  dueAt: string;
  /** It claims more than the carrier's liability limit. */
  overLimit: boolean;
}

/** One carrier's claims in the period: by type, mean share recovered, median hours to outcome, deadlines missed. */
export interface CarrierAnalytics {
  carrier: string;
  claims: number;
  byType: Record<ClaimType, number>;
  meanRecoveryRate: number | null;
  medianHoursToOutcome: number | null;
  missedDeadlines: number;
  /** Its claims with an outcome in the period that claimed more than its liability limit. */
  overLimit: number;
}

/** One handler's work in the period: claims they hold, and medians of first answers in chat and of document reviews, in minutes, with how many each is of. */
export interface HandlerAnalytics {
  handlerId: string;
  name: string;
  claimsHandled: number;
  medianFirstAnswerMinutes: number | null;
  firstAnswers: number;
  medianReviewMinutes: number | null;
  reviews: number;
}

/**
 * The staff's analytics dashboard (`GET /analytics`): every panel for one period and its filters,
 * as of `asOf`. Backlog and time statuses are those the answer names, in lifecycle order.
 */
export interface AnalyticsDashboard {
  period: { from: string; to: string };
  filters: { companyId: string | null; carrier: string | null; type: ClaimType | null; scope: Scope | null };
  asOf: string;
  volume: {
    weeks: Array<{ weekStart: string; opened: Record<ClaimType, number> }>;
    backlog: Array<{ date: string; byStatus: Record<string, number> }>;
  };
  times: {
    phases: AnalyticsPhaseTime[];
    toOutcome: AnalyticsSpread;
  };
  money: {
    totals: AnalyticsAmounts[];
    byCarrier: AnalyticsCarrierAmounts[];
    byType: AnalyticsTypeAmounts[];
  };
  deadlines: {
    onTime: number;
    missed: number;
    atRisk: { count: number; withinHours: number; claims: AtRiskClaim[] };
  };
  carriers: CarrierAnalytics[];
  handlers: HandlerAnalytics[];
}
