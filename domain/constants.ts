// The vocabulary the API, the database and the widget share, each list written once. The zod
// enums, the Kysely row types, the widget's types and (through a test, since migrations are
// frozen) the database's CHECK constraints all come from here. It imports nothing, so the
// widget can bundle it without pulling in any server code.

export const CLAIM_TYPES = ['breakage', 'robbery', 'theft', 'loss'] as const;
export const GOODS = ['parcel', 'pallet'] as const;
export const SCOPES = ['national', 'international'] as const;

/** In lifecycle order; `declined` is the branch off `notified`. */
export const CLAIM_STATUSES = ['notified', 'declined', 'documentation', 'review', 'submitted', 'resolved', 'closed'] as const;
export const OUTCOMES = ['paid', 'partially_paid', 'denied'] as const;
/** What a company's user may answer to a notified claim (POST /claims/:id/accept, /decline). */
export const CLAIM_ACTIONS = ['accept', 'decline'] as const;
export const DAY_KINDS = ['calendar', 'business'] as const;
/**
 * Which end of the carriage a deadline runs at: its holidays and time zone are those of the
 * claim's origin or destination country, as each deadline rule says.
 */
export const DEADLINE_PLACES = ['origin', 'destination'] as const;

/** Where a claim's filing deadline stands: counting down, past while still counting, filed in time, or no longer relevant. */
export const DEADLINE_STATES = ['running', 'missed', 'met', 'stopped'] as const;
/** What GET /claims?deadline= narrows to: `at_risk`, the claims still running whose deadline falls within the warning window from now. */
export const CLAIM_DEADLINE_FILTERS = ['at_risk'] as const;
/** A lifecycle phase as the stepper shows it. */
export const PHASE_STATES = ['done', 'current', 'pending'] as const;
/** Where a claim is in collecting its documents: not yet (awaiting the customer's answer), now, done (filed onward), or never (declined). */
export const DOCUMENTS_STAGES = ['not_yet', 'collecting', 'collected', 'never'] as const;
/** What a claim asks of a company's user (or the host backend acting for them) now, from its phase, checklist and handler. */
export const CUSTOMER_STEPS = [
  'accept-or-decline',
  'fix-rejected',
  'upload-documents',
  'wait-for-assignment',
  'wait-for-review',
  'wait-for-filing',
  'wait-for-carrier',
  'see-outcome',
  'declined',
  'nothing',
] as const;
/** What a claim asks of a claims handler now, from its phase, checklist and handler. */
export const HANDLER_STEPS = [
  'take-claim',
  'wait-for-customer',
  'review-documents',
  'wait-for-documents',
  'start-review',
  'file-claim',
  'record-outcome',
  'close-claim',
  'declined',
  'nothing',
] as const;

export const ROLES = ['admin', 'member', 'handler'] as const;
/** Roles a host backend may give the users it syncs; handlers are the operator's staff. */
export const CUSTOMER_ROLES = ['admin', 'member'] as const;
/**
 * The languages Claimdesk speaks: the widget, the emails, and the document kinds' labels and help.
 * A user's `lang` (their token's, or the host's sync) is one of them; the emails go out in it.
 */
export const LANGUAGES = ['es', 'en', 'pt', 'fr', 'de', 'it', 'ca'] as const;
/**
 * The languages every text Claimdesk writes is in: a document kind's label and help always are
 * (the others where written), and the dossier and letter PDFs and the deadlines' legal bases only are.
 */
export const SOURCE_LANGUAGES = ['es', 'en'] as const;
/**
 * The source language each language reads where a text is not written in its own — a dossier or
 * letter PDF, a deadline's legal basis, a document's label recorded before Claimdesk spoke it —
 * the nearer to its readers: Portuguese and Catalan read Spanish; French, German and Italian,
 * English. The one table of it: the API (api/dossier/) and the widget (translations/languages.ts) read it.
 */
export const SOURCE_LANGUAGE_OF = { es: 'es', en: 'en', pt: 'es', fr: 'en', de: 'en', it: 'en', ca: 'es' } as const satisfies Record<Language, SourceLanguage>;
export const NOTIFICATION_CHANNELS = ['in_app', 'in_app_and_email'] as const;
/**
 * What a company's API key may do: read the company's claims (with their documents, messages and
 * events); upload documents and post messages on them; manage the company's webhooks; exchange
 * itself for a short-lived token of one of the company's admins or members (POST /tokens), for
 * the widget the company's own area embeds.
 */
export const API_KEY_SCOPES = ['claims:read', 'claims:write', 'webhooks:manage', 'tokens:issue'] as const;
/**
 * Whose users a trusted token issuer kept as data (POST /token-issuers) signs for: the operator's
 * (claims handlers and any company's users) or one company's (its admins and members only).
 */
export const TOKEN_ISSUER_SCOPES = ['operator', 'company'] as const;
/**
 * Where a stored issuer's keys are: a JWKS it publishes at a URL, a JWKS given inline, or an HS256
 * secret the API generates and shows once.
 */
export const TOKEN_ISSUER_KINDS = ['jwks_url', 'jwks', 'secret'] as const;
/** Why a webhook endpoint stopped receiving: it answered 410 Gone, it failed for 3 days, or someone turned it off. */
export const WEBHOOK_DISABLED_REASONS = ['gone', 'failing', 'manual'] as const;
/** Where a webhook delivery stands: waiting (or retrying), received (2xx), or given up on (after 3 days, or its endpoint was disabled). */
export const WEBHOOK_DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;

/**
 * The rules that limit what a road carrier pays for goods lost or damaged, per kilogram of their
 * gross weight: CMR art. 23.3 (8.33 SDR per kg) for international carriage, Ley 15/2009 art. 57
 * (a third of the daily IPREM per kg) for carriage within Spain. Their terms are
 * domain/liability.ts; the Montreal Convention (air) waits until a claim says how it travelled.
 */
export const LIABILITY_RULES = ['cmr-23', 'ley-15-2009-57'] as const;
/** The published values the limits are counted with, kept by the operator as data: the euros one SDR is worth, and the daily IPREM in euros. */
export const LIABILITY_RATE_KINDS = ['eur-per-sdr', 'iprem-daily-eur'] as const;
/**
 * Why a claim's limit is not computed: no rule Claimdesk knows covers its carriage, it is not in
 * euros (the limits are), its gross weight is not known, or no rate was in effect on its date.
 */
export const LIABILITY_GAPS = ['no-rule', 'not-euros', 'no-weight', 'no-rate'] as const;

/** Who did something: a company's user, a claims handler, Claimdesk itself, or the host backend. */
export const ACTOR_KINDS = ['user', 'handler', 'system', 'service'] as const;

/**
 * Where one of a claim's required documents stands: nothing yet, files in and waiting for the
 * handler, accepted, rejected (with a reason; a new upload is welcome), or waived by the
 * handler (optional documents only).
 */
export const DOCUMENT_STATUSES = ['missing', 'uploaded', 'accepted', 'rejected', 'waived'] as const;
/** The handler's verdict on an uploaded document. */
export const REVIEW_DECISIONS = ['accepted', 'rejected'] as const;
/** What the caller may do with one requirement now: add files, review them, or waive it. */
export const DOCUMENT_ACTIONS = ['upload', 'review', 'waive'] as const;

/**
 * The file types an upload may be, decided from its bytes (never from its name or the client's
 * header), with the extensions a file picker offers for each.
 */
export const UPLOAD_TYPES = {
  'application/pdf': ['pdf'],
  'image/jpeg': ['jpg', 'jpeg'],
  'image/png': ['png'],
  'image/webp': ['webp'],
  'image/heic': ['heic'],
  'image/heif': ['heif'],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['docx'],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['xlsx'],
  'application/vnd.oasis.opendocument.text': ['odt'],
  'application/vnd.oasis.opendocument.spreadsheet': ['ods'],
} as const satisfies Record<string, readonly string[]>;

/**
 * Where a resumable upload (tus, api/uploads/) stands: taking chunks, complete (its file
 * recorded), or expired (left idle too long: its chunks deleted, the upload remembered for a
 * while so that its client learns why).
 */
export const UPLOAD_SESSION_STATUSES = ['open', 'complete', 'expired'] as const;

/**
 * What the host may correct in a claim it opened (PATCH /claims/:id), by their request names:
 * the facts of the incident. Company, externalRef, type, goods and scope stay as opened: they
 * say which incident it is, which documents it needs and which deadline rule applies.
 */
export const AMENDABLE_CLAIM_FIELDS = [
  'carrier',
  'trackingNumber',
  'description',
  'incidentAt',
  'declaredValue',
  'claimedAmount',
  'origin',
  'destination',
  'originCountry',
  'destinationCountry',
  'packages',
  'grossWeightKg',
] as const;
/** What a claim.amended event lists as changed: the fields amended, and the deadline they moved. */
export const CLAIM_CHANGE_FIELDS = [...AMENDABLE_CLAIM_FIELDS, 'deadlineAt'] as const;

/**
 * Events of a claim's conversation: on the live stream like every claim event, but not on the
 * timeline (GET /claims/:id/events), where they would bury the claim's history.
 */
export const MESSAGE_EVENT_TYPES = ['message.posted', 'message.read'] as const;

/** Events about one claim: its timeline, seen by the claim's company and by staff. */
export const CLAIM_EVENT_TYPES = [
  'claim.created',
  'claim.accepted',
  'claim.declined',
  'claim.transitioned',
  'claim.assigned',
  'claim.amended',
  'document.requested',
  'document.waived',
  'document.uploaded',
  'document.removed',
  'document.reviewed',
  'claim.deadline_approaching',
  ...MESSAGE_EVENT_TYPES,
] as const;
/**
 * Claim events a claim's timeline leaves out, in the API (GET /claims/:id/events) and in the
 * widget's <claims-timeline> alike, live or loaded: its conversation. The widget's timeline
 * wording (widget/translations/timeline.ts) must word every other claim event, and may word none
 * of these: `tsc` fails until a new claim event type is worded or listed here.
 */
export const OFF_TIMELINE_EVENT_TYPES = MESSAGE_EVENT_TYPES;
/** Events about one user's claims access or notification channel: seen by that user and the company's admins. */
export const USER_EVENT_TYPES = ['user.updated'] as const;
/** Changes to a company's webhook endpoints by its administrators, its API keys or the operator: the audit of who pointed its events where. */
export const WEBHOOK_CHANGE_EVENT_TYPES = ['company.webhook_created', 'company.webhook_updated', 'company.webhook_deleted', 'company.webhook_secret_rotated'] as const;
/**
 * Events about a company: its settings (its default notification channel), its webhook
 * endpoints changed, and a webhook of its that Claimdesk disabled because it answered 410 Gone
 * or failed for days. Seen by the company's admins.
 */
export const COMPANY_EVENT_TYPES = ['company.updated', 'company.webhook_disabled', ...WEBHOOK_CHANGE_EVENT_TYPES] as const;
export const EVENT_TYPES = [...CLAIM_EVENT_TYPES, ...USER_EVENT_TYPES, ...COMPANY_EVENT_TYPES] as const;
/**
 * What a webhook endpoint may subscribe to: the claim events, the only ones it receives — it
 * sees what an API key of its owner sees (api/webhooks/deliveries.ts); people's and the
 * company's settings are its administrators'.
 */
export const WEBHOOK_EVENT_TYPES = CLAIM_EVENT_TYPES;
/**
 * What the live stream carries besides the log's events: typing, a user's notification pushed,
 * notifications read elsewhere, and `reset` (a Last-Event-ID ahead of the log). Never stored.
 */
export const SIGNAL_TYPES = ['typing', 'notification', 'notifications-read', 'reset'] as const;

/**
 * What a notification tells a user: about a claim, or, for a company's admins, one of its
 * webhooks Claimdesk disabled (about no claim). Each comes from the events listed in
 * domain/notifications.ts; all but `document_requested` may also come by email.
 */
export const NOTIFICATION_KINDS = [
  'claim_created',
  'status_changed',
  'document_requested',
  'document_rejected',
  'message',
  'deadline_approaching',
  'webhook_disabled',
] as const;
/** Where an email of the outbox stands: waiting (or retrying), sent, not needed any more, or given up on after the last attempt. */
export const EMAIL_STATUSES = ['pending', 'sent', 'skipped', 'failed'] as const;

export type ClaimType = (typeof CLAIM_TYPES)[number];
export type Goods = (typeof GOODS)[number];
export type Scope = (typeof SCOPES)[number];
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];
export type Outcome = (typeof OUTCOMES)[number];
export type ClaimAction = (typeof CLAIM_ACTIONS)[number];
export type DayKind = (typeof DAY_KINDS)[number];
export type DeadlinePlace = (typeof DEADLINE_PLACES)[number];
export type DeadlineState = (typeof DEADLINE_STATES)[number];
export type ClaimDeadlineFilter = (typeof CLAIM_DEADLINE_FILTERS)[number];
export type PhaseState = (typeof PHASE_STATES)[number];
export type DocumentsStage = (typeof DOCUMENTS_STAGES)[number];
export type CustomerStep = (typeof CUSTOMER_STEPS)[number];
export type HandlerStep = (typeof HANDLER_STEPS)[number];
export type Role = (typeof ROLES)[number];
export type CustomerRole = (typeof CUSTOMER_ROLES)[number];
export type Language = (typeof LANGUAGES)[number];
export type SourceLanguage = (typeof SOURCE_LANGUAGES)[number];
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];
export type TokenIssuerScope = (typeof TOKEN_ISSUER_SCOPES)[number];
export type TokenIssuerKind = (typeof TOKEN_ISSUER_KINDS)[number];
export type WebhookDisabledReason = (typeof WEBHOOK_DISABLED_REASONS)[number];
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];
export type ActorKind = (typeof ACTOR_KINDS)[number];
export type LiabilityRule = (typeof LIABILITY_RULES)[number];
export type LiabilityRateKind = (typeof LIABILITY_RATE_KINDS)[number];
export type LiabilityGap = (typeof LIABILITY_GAPS)[number];
export type ClaimEventType = (typeof CLAIM_EVENT_TYPES)[number];
export type AmendableClaimField = (typeof AMENDABLE_CLAIM_FIELDS)[number];
export type ClaimChangeField = (typeof CLAIM_CHANGE_FIELDS)[number];
export type OffTimelineEventType = (typeof OFF_TIMELINE_EVENT_TYPES)[number];
/** The claim events a claim's timeline shows. */
export type TimelineEventType = Exclude<ClaimEventType, OffTimelineEventType>;
export type UserEventType = (typeof USER_EVENT_TYPES)[number];
export type CompanyEventType = (typeof COMPANY_EVENT_TYPES)[number];
export type WebhookChangeEventType = (typeof WEBHOOK_CHANGE_EVENT_TYPES)[number];
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
export type EmailStatus = (typeof EMAIL_STATUSES)[number];
export type EventType = (typeof EVENT_TYPES)[number];
export type SignalType = (typeof SIGNAL_TYPES)[number];
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];
export type DocumentAction = (typeof DOCUMENT_ACTIONS)[number];
export type UploadType = keyof typeof UPLOAD_TYPES;
export type UploadSessionStatus = (typeof UPLOAD_SESSION_STATUSES)[number];
