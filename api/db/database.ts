import type { Generated, Selectable } from 'kysely';
import type {
  ActorKind,
  ClaimStatus,
  ClaimType,
  DayKind,
  DeadlinePlace,
  DocumentStatus,
  EmailStatus,
  EventType,
  Goods,
  Language,
  LiabilityRateKind,
  NotificationChannel,
  NotificationKind,
  Outcome,
  ReviewDecision,
  Role,
  Scope,
  SourceLanguage,
  TokenIssuerKind,
  TokenIssuerScope,
  UploadSessionStatus,
  UploadType,
  WebhookDeliveryStatus,
  WebhookDisabledReason,
} from '../../domain/constants.ts';

/**
 * The database as Kysely sees it. Times are ISO 8601 UTC text and booleans are 0/1 integers
 * on every dialect, so rows read the same whichever driver returned them.
 */
export interface Database {
  companies: CompanyTable;
  users: UserTable;
  claims: ClaimTable;
  claim_counts: ClaimCountTable;
  /** SQLite only: the FTS5 trigram index over claims.search_text (PostgreSQL indexes the column itself). */
  claims_search: ClaimSearchTable;
  claim_events: ClaimEventTable;
  reference_counters: ReferenceCounterTable;
  deadline_rules: DeadlineRuleTable;
  document_kinds: DocumentKindTable;
  document_rules: DocumentRuleTable;
  claim_documents: ClaimDocumentTable;
  files: FileTable;
  /** Storage keys whose bytes no files row owns, yet or any more: the file sweep's ledger (api/storage/ledger.ts). */
  storage_pending: StoragePendingTable;
  upload_requests: UploadRequestTable;
  /** Resumable (tus) uploads under way, or finished and remembered for a while (api/uploads/). */
  upload_sessions: UploadSessionTable;
  /** The chunks of a resumable upload stored so far, in order. */
  upload_parts: UploadPartTable;
  messages: MessageTable;
  message_reads: MessageReadTable;
  notifications: NotificationTable;
  deadline_alerts: DeadlineAlertTable;
  email_outbox: EmailOutboxTable;
  mailbox: MailboxTable;
  api_keys: ApiKeyTable;
  /** Trusted token issuers the operator keeps as data (api/token-issuers/). */
  token_issuers: TokenIssuerTable;
  /** SQLite only: ephemeral signals relayed between processes sharing the file (see events/bus.ts). */
  live_signals: LiveSignalTable;
  webhook_endpoints: WebhookEndpointTable;
  webhook_deliveries: WebhookDeliveryTable;
  webhook_attempts: WebhookAttemptTable;
  /** The rate limits' counters shared by every process on PostgreSQL (api/http/rate-limit-database.ts). */
  rate_limit_windows: RateLimitWindowTable;
  /** The published values carriers' liability limits are counted with, kept by the operator (api/liability/). */
  liability_rates: LiabilityRateTable;
  /** The staff's analytics, derived from the event log (api/analytics/read-models.ts): one row per claim, */
  analytics_claims: AnalyticsClaimTable;
  /** each stay of a claim in a status it leaves again, */
  analytics_phase_stays: AnalyticsPhaseStayTable;
  /** and each round of a document's review; */
  analytics_reviews: AnalyticsReviewTable;
  /** the stays begun and ended per day, status, type and scope. */
  analytics_phase_days: AnalyticsPhaseDayTable;
  /** Which version of its derivation built each read model that is rebuilt from the log when that changes. */
  read_model_versions: ReadModelVersionTable;
}

/**
 * One published value of a kind, from the day it takes effect. A correction is another row of
 * the same kind and day; the one recorded last is the one in effect.
 */
export interface LiabilityRateTable {
  id: string;
  kind: LiabilityRateKind;
  /** A decimal as the operator wrote it, e.g. "1.1500". */
  value: string;
  /** YYYY-MM-DD. */
  effective_from: string;
  /** Where the value was published, in the operator's words. */
  source: string | null;
  recorded_by_kind: ActorKind;
  recorded_by_id: string | null;
  recorded_by_name: string;
  recorded_at: string;
}

export type LiabilityRateRow = Selectable<LiabilityRateTable>;

export interface CompanyTable {
  id: string;
  name: string;
  /** The notification channel the company's new members get; administrators always start with email too. */
  default_notifications: Generated<NotificationChannel>;
  created_at: string;
  updated_at: string;
}

/** A company's API key: only its hash is kept (migrations/2026_12_07_1000_company_api_keys.ts). */
export interface ApiKeyTable {
  id: string;
  company_id: string;
  name: string;
  /** The key's first characters (`cdk_` and 8 more), shown so people can tell keys apart. */
  prefix: string;
  /** SHA-256 of the whole key, hex. */
  secret_hash: string;
  /** JSON array of ApiKeyScope. */
  scopes: string;
  created_by_id: string | null;
  created_by_name: string | null;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
  revoked_by_name: string | null;
}

/** A party whose signed user tokens the API trusts, kept as data (migrations/2026_12_12_1000_token_issuers.ts). */
export interface TokenIssuerTable {
  id: string;
  iss: string;
  scope: TokenIssuerScope;
  /** The company a company issuer signs for; null for the operator's. */
  company_id: string | null;
  kind: TokenIssuerKind;
  jwks_url: string | null;
  /** The inline JWKS, as JSON. */
  jwks: string | null;
  /** The HS256 secret, sealed with WEBHOOK_SECRET_KEY (api/webhooks/secrets.ts). */
  secret_ciphertext: string | null;
  created_by_name: string;
  created_at: string;
}

export interface UserTable {
  id: string;
  company_id: string;
  /** The host's id for the user: the token's `sub`, unique within the company. */
  external_id: string;
  name: string;
  email: string;
  role: Role;
  lang: Language | null;
  claims_access: number;
  notifications: NotificationChannel;
  created_at: string;
  updated_at: string;
}

export interface ClaimTable {
  id: string;
  reference: string;
  company_id: string;
  external_ref: string;
  type: ClaimType;
  goods: Goods;
  scope: Scope;
  status: ClaimStatus;
  carrier: string;
  tracking_number: string;
  description: string;
  origin: string | null;
  destination: string | null;
  /** ISO 3166-1 alpha-2; a national claim names both (Spain when the host did not say). */
  origin_country: string | null;
  destination_country: string | null;
  packages: number;
  /** The gross weight of the goods claimed for, in grams (the API speaks kg); null when the host did not say. */
  gross_weight_grams: number | null;
  currency: string;
  declared_value_cents: number;
  claimed_amount_cents: number | null;
  outcome: Outcome | null;
  outcome_amount_cents: number | null;
  decline_reason: string | null;
  incident_at: string;
  deadline_at: string;
  deadline_days: number;
  deadline_day_kind: DayKind;
  /** The country whose holidays and clock the deadline was counted with (ISO 3166-1 alpha-2). */
  deadline_country: string;
  /** The legal basis in English, and in Spanish (null where a rule has no translation). */
  deadline_basis: string;
  deadline_basis_es: string | null;
  /** The claims handler the claim is assigned to (taken or reassigned in the console); null until one takes it. */
  handler_id: string | null;
  handler_name: string | null;
  /** What a search matches: the searched fields lower-cased and without accents (claims/read-models.ts). */
  search_text: string;
  /** What "deadline soonest first" sorts by: domain/deadline-order.ts. */
  deadline_order: string;
  created_at: string;
  updated_at: string;
}

/**
 * How many claims are in each status, at every grain the list filters on without a search;
 * '' in a dimension means all of it, and handler_id 'none' the claims no handler has taken.
 * Kept by the commands that open, move and assign claims, in their transaction (claims/read-models.ts).
 */
export interface ClaimCountTable {
  company_id: string;
  handler_id: string;
  type: ClaimType | '';
  status: ClaimStatus;
  n: number;
}

export interface ClaimSearchTable {
  claim_id: string;
  search_text: string;
}

export interface ClaimEventTable {
  /** One global increasing id: the SSE event id and the replay cursor. */
  id: Generated<number>;
  /** The claim an event is about; null for events about a user. */
  claim_id: string | null;
  company_id: string;
  /** The user a user event is about; null for claim events. */
  user_id: string | null;
  type: EventType;
  actor_kind: ActorKind;
  actor_id: string | null;
  actor_name: string;
  /** JSON text. */
  data: string;
  created_at: string;
}

export interface ReferenceCounterTable {
  year: number;
  last_number: number;
}

export interface DeadlineRuleTable {
  id: Generated<number>;
  /** null matches any value; the most specific matching rule wins. */
  claim_type: ClaimType | null;
  goods: Goods | null;
  scope: Scope | null;
  days: number;
  day_kind: DayKind;
  /** Whether the deadline runs in the claim's origin or destination country. */
  runs_in: DeadlinePlace;
  basis: string;
  basis_es: string | null;
}

/**
 * A document kind's text in each language, one column per language (`label_es`, `label_en`,
 * `label_pt`…): the source languages always, the others null until written in them (a kind an
 * operator added in Spanish and English only), for their readers to fall back (api/documents/kind-texts.ts).
 */
export type KindTexts<Text extends string> = { [L in Language as `${Text}_${L}`]: L extends SourceLanguage ? string : string | null };

/** The catalogue of document kinds a claim may ask for: its name (`label_*`) and what a good document of the kind looks like (`help_*`), in every language. */
export interface DocumentKindTable extends KindTexts<'label'>, KindTexts<'help'> {
  code: string;
  /** Order in the catalogue (the handler's list of kinds to request). */
  position: number;
  /** 1: photos taken where the goods are (the damage, the packaging), for which a client offers the camera; 0: a document. */
  photos: number;
}

/** Which kinds a claim needs, by type × goods × scope; null matches any value. Editable data. */
export interface DocumentRuleTable {
  id: Generated<number>;
  claim_type: ClaimType | null;
  goods: Goods | null;
  scope: Scope | null;
  kind: string;
  /** 1: the claim cannot go to review without it; 0: optional (the handler may waive it). */
  required: number;
  /** Order in the claim's checklist. */
  position: number;
}

/** One document a claim needs: instantiated from the rules when the claim is opened, or requested by the handler. */
export interface ClaimDocumentTable {
  id: string;
  claim_id: string;
  company_id: string;
  kind: string;
  /** The handler's note on an ad-hoc request (what exactly is needed). */
  note: string | null;
  required: number;
  position: number;
  status: DocumentStatus;
  /** Why the handler rejected it; null unless rejected. */
  reason: string | null;
  /** Who asked for it by hand; null for requirements that came from the rules. */
  requested_by_id: string | null;
  requested_by_name: string | null;
  reviewed_by_id: string | null;
  reviewed_by_name: string | null;
  reviewed_at: string | null;
  created_at: string;
  updated_at: string;
}

/**
 * One uploaded file: a document's (requirement_id), a message's attachment (message_id), or an
 * attachment uploaded and not sent yet (neither). The bytes live in the file storage under `storage_key`.
 */
export interface FileTable {
  id: string;
  requirement_id: string | null;
  message_id: string | null;
  claim_id: string;
  company_id: string;
  /** The file name as uploaded, sanitised. */
  name: string;
  size: number;
  /** The MIME type decided from the bytes. */
  type: string;
  sha256: string;
  storage_key: string;
  /** A small WebP preview for images; null for other types or when the image could not be read. */
  thumbnail_key: string | null;
  /** Who uploaded it: a user (uploaded_by_id), a company API key (uploaded_by_key_id), or, with neither, the operator's key. */
  uploaded_by_id: string | null;
  uploaded_by_key_id: string | null;
  uploaded_by_kind: ActorKind;
  uploaded_by_name: string;
  uploaded_at: string;
  /**
   * A document's file the handler rejected: when, why and by whom (all null if never). Kept after
   * a replacement is uploaded and accepted, so the rejected file never looks accepted.
   */
  rejected_at: string | null;
  rejection_reason: string | null;
  rejected_by_id: string | null;
  rejected_by_name: string | null;
}

/**
 * An upload stored under an Idempotency-Key: what a retry with the same key gets back. The key is
 * its uploader's: a user's (user_id), a company API key's (key_id), or, with neither, the operator's key's.
 */
export interface UploadRequestTable {
  user_id: string | null;
  key_id: string | null;
  idempotency_key: string;
  claim_id: string;
  /** The document the files went to; null for chat attachments. */
  requirement_id: string | null;
  /** The stored files' ids, as a JSON array. */
  file_ids: string;
  created_at: string;
}

/**
 * A storage key whose bytes no files row owns: entered before the bytes are written, taken out by
 * the transaction that inserts the row, put back by the one that deletes it. The sweep deletes
 * the bytes of keys left here past the longest request, then the entry.
 */
export interface StoragePendingTable {
  key: string;
  created_at: string;
  /** Set once the bytes are being deleted: from then on no row may adopt the key. */
  removing_at: string | null;
}

/**
 * A resumable upload of one file to a document (tus 1.0.0): its declared length, how much of it
 * is stored (`received`, the Upload-Offset), and once complete the file it became. Its uploader
 * is a user (user_id), a company API key (key_id), or, with neither, the operator's key.
 */
export interface UploadSessionTable {
  id: string;
  company_id: string;
  claim_id: string;
  requirement_id: string;
  user_id: string | null;
  key_id: string | null;
  /** The creation's Idempotency-Key, when it carried one. */
  idempotency_key: string | null;
  /** The file name the client gave (Upload-Metadata `filename`), sanitised when the file is recorded. */
  file_name: string;
  length: number;
  received: number;
  /** The type the first bytes showed, once they were enough to tell; null until then. */
  type: UploadType | null;
  status: UploadSessionStatus;
  /** The files row it became, once complete. */
  file_id: string | null;
  created_at: string;
  /** When its last chunk was stored (or it was created). */
  updated_at: string;
  /** Open: when it expires unless a chunk comes; finished: when it is forgotten. */
  expires_at: string;
}

/** One chunk of a resumable upload, stored whole under `storage_key`: bytes `first_byte` to `first_byte + size - 1`. */
export interface UploadPartTable {
  session_id: string;
  first_byte: number;
  size: number;
  storage_key: string;
}

/** One message of a claim's conversation. */
export interface MessageTable {
  id: string;
  claim_id: string;
  company_id: string;
  /** Who wrote it: a user (author_id), a company API key (author_key_id), or, with neither, the operator's key. */
  author_id: string | null;
  author_key_id: string | null;
  author_name: string;
  /** `user` for the company's users, `handler` for claims handlers, `service` for integrations. */
  author_kind: ActorKind;
  /** Generated by the sender; a retry with the same one gets the stored message back. */
  client_id: string;
  /** Plain text, trimmed; never rendered as HTML. */
  body: string;
  /** The document a handler asked for with this message, which it added to the claim's checklist; null for any other message. */
  requirement_id: string | null;
  created_at: string;
}

/** How far one user has read one claim's conversation. */
export interface MessageReadTable {
  claim_id: string;
  user_id: string;
  company_id: string;
  message_id: string;
  /** The read message's position, so unread counts compare without a join. */
  message_created_at: string;
  read_at: string;
}

/** Events one limited key had in one clock-aligned window (migrations/2026_12_08_1000_rate_limit_windows.ts). */
export interface RateLimitWindowTable {
  /** The limit and what it counts, e.g. `auth-failures:203.0.113.7`. */
  key: string;
  /** When the window began (ISO 8601 UTC). */
  window_start: string;
  count: number;
}

export interface LiveSignalTable {
  id: Generated<number>;
  /** JSON: the signal and the process that sent it. */
  payload: string;
  created_at: string;
}

export type UserRow = Selectable<UserTable>;
export type DeadlineRuleRow = Selectable<DeadlineRuleTable>;
export type DocumentRuleRow = Selectable<DocumentRuleTable>;
export type ClaimDocumentRow = Selectable<ClaimDocumentTable>;
export type FileRow = Selectable<FileTable>;
export type MessageRow = Selectable<MessageTable>;
export type UploadSessionRow = Selectable<UploadSessionTable>;


/**
 * One user told about a claim event. Written with the event (events/record.ts); a chat burst
 * folds into the user's unread message notification of that claim (count, last_event_id).
 */
export interface NotificationTable {
  id: string;
  user_id: string;
  company_id: string;
  /** null only for what is about no claim: a webhook Claimdesk disabled (webhook_disabled). */
  claim_id: string | null;
  kind: NotificationKind;
  /** The event that created it, and the latest one folded into it: the live feed pushes rows whose last_event_id it has just read. */
  event_id: number;
  last_event_id: number;
  /** JSON text: NotificationData (notifications.schema.ts). */
  data: string;
  count: number;
  created_at: string;
  updated_at: string;
  read_at: string | null;
}

/** A deadline warning a claim has had: one per claim and threshold, however often or wherever the check runs. */
export interface DeadlineAlertTable {
  claim_id: string;
  threshold_hours: number;
  created_at: string;
}

/**
 * One email to send: a notification for one recipient. Workers claim due rows with a lease
 * (lease_until, leased_by) and send each once; a failure waits next_attempt_at to try again.
 */
export interface EmailOutboxTable {
  id: string;
  notification_id: string;
  user_id: string;
  /** The notification's kind, which names the email template. */
  template: NotificationKind;
  status: Generated<EmailStatus>;
  attempts: Generated<number>;
  next_attempt_at: string;
  lease_until: string | null;
  leased_by: string | null;
  /** The Message-ID header, without its angle brackets: the same on every attempt, so a receiver can drop a repeat. */
  message_id: string;
  /** Why the last attempt failed, or why the email was skipped. */
  last_error: string | null;
  sent_at: string | null;
  created_at: string;
}

/** An email kept instead of sent, when no SMTP server is configured (the demo page shows them). */
export interface MailboxTable {
  id: string;
  /** One entry per outbox row: a repeated delivery of the row keeps the first. */
  outbox_id: string;
  message_id: string;
  to_address: string;
  subject: string;
  html: string;
  text: string;
  created_at: string;
}

/**
 * Where a company's events (the operator's: every company's) are sent. The secrets are sealed
 * with WEBHOOK_SECRET_KEY (webhooks/secrets.ts); the previous one is still signed with until
 * previous_secret_expires_at, so a receiver has time to switch after a rotation.
 */
export interface WebhookEndpointTable {
  id: string;
  /** null: the operator's endpoint, which receives every company's events. */
  company_id: string | null;
  url: string;
  description: Generated<string>;
  /** JSON array of event types, or ["*"] for all. */
  event_types: string;
  secret_ciphertext: string;
  previous_secret_ciphertext: string | null;
  previous_secret_expires_at: string | null;
  /** The secret's first characters, shown in lists. */
  secret_prefix: string;
  enabled: Generated<number>;
  /** gone: it answered 410 Gone; failing: it failed for 3 days; manual: someone turned it off. */
  disabled_reason: WebhookDisabledReason | null;
  disabled_at: string | null;
  /** When the oldest delivery still failing first failed; null while the endpoint answers. */
  failing_since: string | null;
  created_by_id: string | null;
  created_at: string;
  updated_at: string;
}


/**
 * One body for one endpoint, fixed when queued. The id is the `webhook-id` header, the same on
 * every attempt. An endpoint's pending deliveries are sent one at a time, in id order: an event's
 * delivery id starts with the event id, so that is event order (webhooks/deliveries.ts).
 */
export interface WebhookDeliveryTable {
  id: string;
  endpoint_id: string;
  /** null for test deliveries. */
  event_id: number | null;
  event_type: string;
  /** The JSON body. */
  payload: string;
  /** failed: given up after 3 days, or the endpoint was disabled. */
  status: Generated<WebhookDeliveryStatus>;
  attempts: Generated<number>;
  next_attempt_at: string;
  lease_until: string | null;
  leased_by: string | null;
  last_status_code: number | null;
  last_latency_ms: number | null;
  /** The first 1 KB of the last answer. */
  last_response: string | null;
  last_error: string | null;
  created_at: string;
  delivered_at: string | null;
}

/** One attempt at a delivery: the delivery log's history. */
export interface WebhookAttemptTable {
  id: string;
  delivery_id: string;
  at: string;
  status_code: number | null;
  latency_ms: number;
  response_excerpt: string | null;
  error: string | null;
}

export type WebhookEndpointRow = Selectable<WebhookEndpointTable>;
export type WebhookDeliveryRow = Selectable<WebhookDeliveryTable>;

/** The facts of a claim the analytics filter and add up by, as the claim has them now. */
interface AnalyticsFacts {
  company_id: string;
  carrier: string;
  type: ClaimType;
  scope: Scope;
}

/** One claim, as its history tells it: when each thing the panels count happened to it. */
export interface AnalyticsClaimTable extends AnalyticsFacts {
  claim_id: string;
  reference: string;
  currency: string;
  /** The amount claimed, or the declared value when none was: the most an outcome may pay. */
  claimed_cents: number;
  /** The carrier's liability limit as the claim shows it to a handler, in euro cents; null where none is counted. */
  limit_cents: number | null;
  /** The filing deadline. */
  due_at: string;
  /** When the claim was opened (notified). */
  opened_at: string;
  status: ClaimStatus;
  /** The handler it is assigned to now, and when they were assigned it. */
  handler_id: string | null;
  assigned_at: string | null;
  declined_at: string | null;
  /** When it was first filed (submitted). */
  filed_at: string | null;
  outcome: Outcome | null;
  outcome_at: string | null;
  recovered_cents: number | null;
  /** From opened_at to outcome_at. */
  seconds_to_outcome: number | null;
  /** The company's first message in the claim's chat, and the first handler's message after it. */
  first_customer_message_at: string | null;
  first_answer_at: string | null;
  first_answer_by: string | null;
  first_answer_seconds: number | null;
}

/** A claim's stay in a status it leaves again (notified to resolved); `seq` counts its stays from 0. */
export interface AnalyticsPhaseStayTable extends AnalyticsFacts {
  claim_id: string;
  seq: number;
  status: ClaimStatus;
  entered_at: string;
  /** Null while the claim is still in it. */
  left_at: string | null;
  seconds: number | null;
}

/** A document's review round: from the first file uploaded for it to the handler's verdict; `seq` counts the claim's rounds. */
export interface AnalyticsReviewTable extends AnalyticsFacts {
  claim_id: string;
  seq: number;
  requirement_id: string;
  uploaded_at: string;
  /** JSON array of the round's file ids not reviewed yet. */
  awaiting_files: string;
  reviewed_at: string | null;
  reviewer_id: string | null;
  decision: ReviewDecision | null;
  seconds: number | null;
}

/** How many stays in a status began (entered) and ended (exited) on a day, for claims of a type and scope: a GROUP BY of the stays. */
export interface AnalyticsPhaseDayTable {
  day: string;
  status: ClaimStatus;
  type: ClaimType;
  scope: Scope;
  entered: number;
  exited: number;
}

export interface ReadModelVersionTable {
  name: string;
  version: number;
  built_at: string;
}

export type AnalyticsClaimRow = Selectable<AnalyticsClaimTable>;
export type AnalyticsPhaseStayRow = Selectable<AnalyticsPhaseStayTable>;
export type AnalyticsReviewRow = Selectable<AnalyticsReviewTable>;
