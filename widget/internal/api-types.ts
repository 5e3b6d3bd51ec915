// The API's resource shapes as the widget reads and sends them, written out so that the
// published declarations stand alone: hosts get these without the API's sources, zod or hono.
// api-types.check.ts proves each equal to the type the API's zod schema infers, so a change on
// either side that the other does not follow fails `npm run typecheck`.
// The shared vocabulary (statuses, types…) comes from domain/, which imports nothing.
import type {
  ActorKind,
  ClaimAction,
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
  NotificationChannel,
  NotificationKind,
  Outcome,
  PhaseState,
  ReviewDecision,
  Role,
  Scope,
  UploadType,
  UserEventType,
} from '../../domain/constants.ts';

/** Text in both of the widget's languages. */
export interface Localized {
  en: string;
  es: string;
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
  declaredValue: Money;
  claimedAmount: Money | null;
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

/** A page of claims (`GET /claims`), with the count per status when asked for. */
export interface ClaimsPage {
  items: Claim[];
  nextCursor: string | null;
  counts?: Record<ClaimStatus, number> | undefined;
}

/** Filters as the list holds them: '' means "any", and the cursor may be absent. */
export interface ClaimsQuery {
  status?: ClaimStatus | '' | null | undefined;
  type?: ClaimType | '' | null | undefined;
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
    | { id: string; clientId?: string | undefined; body?: string | undefined; at?: string | undefined; attachments?: Attachment[] | undefined }
    | undefined;
  /** When the filing deadline ends (claim.deadline_approaching). */
  deadlineAt?: string | undefined;
  /** The warning threshold crossed, in hours before the deadline (claim.deadline_approaching). */
  hoursLeft?: number | undefined;
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

/** The company's settings changed (for the company's admins). */
export interface CompanyEvent {
  id: number;
  companyId: string;
  type: CompanyEventType;
  actor: Actor;
  /** The company's settings after the change: the channel its new members get. */
  data: { defaultNotifications: NotificationChannel };
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
  claimId: string;
  claimReference: string;
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

/** A message of a claim's conversation. */
export interface Message {
  id: string;
  claimId: string;
  clientId: string;
  body: string;
  author: { id: string; name: string; kind: ActorKind };
  attachments: Attachment[];
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
  uploadedBy: { id: string | null; name: string };
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
  note: string | null;
  required: boolean;
  status: DocumentStatus;
  reason: string | null;
  files: DocumentFile[];
  requestedBy: { id: string | null; name: string } | null;
  review: { by: { id: string | null; name: string }; at: string } | null;
  actions: DocumentAction[];
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
