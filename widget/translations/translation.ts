import type { ProblemCode } from '../../domain/problems.ts';
import type {
  ApiKeyScope,
  CustomerStep,
  HandlerStep,
  LiabilityGap,
  LiabilityRateKind,
  LiabilityRule,
  WebhookDeliveryStatus,
  WebhookEventType,
} from '../../domain/constants.ts';
import type { ClaimStatus, ClaimType, DocumentStatus, Goods, Me, Notification, NotificationChannel, OutcomeResult, Scope } from '../internal/types.ts';

/** What a problem's wording may name, read from the problem's own fields. */
export interface ProblemFacts {
  /** Where the claim is, as its status badge says it; '' when the answer does not say. */
  claimStatus: string;
  /** Where the document is, when the problem is about one. */
  documentStatus: DocumentStatus | null;
  /** The largest file the server takes, in bytes, when the answer says. */
  maxBytes: number | null;
  /** For Intl formatting (a size). */
  locale: string;
  /** The most files one person may have waiting to be sent with a message. */
  maxUnsentFiles: number | null;
}

/**
 * What a failed request means to the person in front of the widget, for every kind of problem
 * the API answers, a failure with no answer ('network') and an answer of no known kind
 * ('unknown'); each says what to do. Loaded in a chunk of its own (translations/problems.ts).
 */
export type ProblemTexts = Record<ProblemCode | 'network' | 'unknown', (facts: ProblemFacts) => string>;

/**
 * The back office (`<claims-console>`) and the staff filters of `<claims-list>` (console.es.ts,
 * console.en.ts): loaded with the console, and with a list only for the handler's queue.
 */
export interface ConsoleTranslation {
  queue: string;
  selectedClaim: string;
  company: string;
  allCompanies: string;
  assignment: string;
  anyHandler: string;
  mine: string;
  unassigned: string;
  /** A claim's row when nobody handles it: one claim, where `unassigned` filters many (French and Italian agree in number). */
  unassignedClaim: string;
  sort: string;
  sortDeadline: string;
  sortNewest: string;
  selectTitle: string;
  selectBody: string;
  staffOnlyTitle: string;
  staffOnlyBody: string;
  handling: string;
  assignedTo: (name: string) => string;
  assignedToYou: string;
  take: string;
  reassignTo: string;
  reassign: string;
  assignedAnnounced: (name: string) => string;
  moves: string;
  noMoves: string;
  /** The button that opens a move to each status. */
  moveTo: Record<ClaimStatus, string>;
  moveTitle: (status: string) => string;
  note: string;
  noteHint: string;
  amountLabel: (currency: string) => string;
  outcomeRequired: string;
  amountRequired: string;
  /** The amount is over what the claim may pay: `limit` is the amount claimed (`claimed`) or else the declared value. */
  amountOverLimit: (limit: string, claimed: boolean) => string;
  confirm: string;
  moved: (status: string) => string;
  backToQueue: string;
  /** A queued claim's flag: what it claims (else its declared value) is over the carrier's liability limit. */
  overLimit: string;
  /** The flag said in full, with the limit. */
  overLimitTitle: (limit: string) => string;
}

/** The documents checklist (`<claims-documents>`) and the Documents tab of `<claims-detail>`. */
export interface DocumentsTranslation {
  title: string;
  /** The progress over required documents: accepted ones, and uploads waiting for review. */
  progress: (accepted: number, required: number, awaitingReview: number) => string;
  required: string;
  optional: string;
  status: Record<DocumentStatus, string>;
  none: string;
  requestedBy: (name: string) => string;
  rejected: (reason: string) => string;
  uploadAgain: string;
  drop: string;
  /** The drop area as the handler sees it: files go in on the customer's behalf. */
  dropForCustomer: string;
  limits: (types: string, max: string) => string;
  uploading: (name: string) => string;
  tooLarge: (name: string, max: string) => string;
  wrongType: (name: string, types: string) => string;
  empty: (name: string) => string;
  uploaded: (name: string) => string;
  failed: (name: string) => string;
  canceled: (name: string) => string;
  /** An upload waiting for the connection — chosen while offline, or cut off on its way — which goes on by itself once it is back: beside its bar, and said. */
  offline: (name: string) => string;
  /** On documents that are photos: opens the device's rear camera. */
  takePhoto: string;
  /** A photo being made smaller before it goes (its progress bar's name). */
  preparing: (name: string) => string;
  /** A photo made smaller, said and beside its upload: its size as chosen and as it goes, written by Intl ("3,8 MB"). */
  prepared: (name: string, before: string, after: string) => string;
  dismiss: string;
  preview: string;
  download: string;
  remove: string;
  removeTitle: string;
  removeIntro: (name: string) => string;
  removed: (name: string) => string;
  close: string;
  accept: string;
  reject: string;
  waive: string;
  rejectTitle: (label: string) => string;
  rejectIntro: string;
  reasonRequired: string;
  reviewed: (label: string, accepted: boolean) => string;
  /** Where the preview's file is among those waiting for the handler's review. */
  toReview: (position: number, total: number) => string;
  nextToReview: string;
  noneToReview: string;
  /** A review decides on every file of the document not rejected yet, not only the one in view. */
  decidesAll: (files: number, label: string) => string;
  noPreview: string;
  waived: (label: string) => string;
  request: string;
  kind: string;
  note: string;
  requiredCheck: string;
  send: string;
  noteRequired: string;
  requested: string;
  tabs: string;
  tabDetails: string;
  tabDocuments: string;
  handler: string;
  unassigned: string;
}

/** What a step names, ready to say: its documents' labels as a list, and the claim's handler. */
export interface StepWords {
  /** The documents' labels, quoted and joined ("«A», «B» y «C»"); empty when the step names none. */
  documents: string;
  /** How many documents the step names. */
  count: number;
  /** The rejection's reason, without its final period (the sentence it is put in ends it), when the step names one rejected document; else empty. */
  reason: string;
  /** The name of the claim's handler; empty while it has none. */
  handler: string;
}

/**
 * What a claim asks of its reader next (`<claims-detail>`), worded from the step the API decided
 * (Claim.nextStep): the company's side or the handler's. Loaded with the detail (guidance.es.ts,
 * guidance.en.ts), not at start.
 */
export interface GuidanceTranslation {
  customer: Record<CustomerStep, (step: StepWords) => string>;
  handler: Record<HandlerStep, (step: StepWords) => string>;
  /** Quotes one document's label, as the list of a step shows it. */
  quote: (label: string) => string;
}

/** Filing a claim whose required documents are not all accepted: the console asks first (filing.es.ts, filing.en.ts). */
export interface FilingTranslation {
  title: string;
  intro: (count: number) => string;
  /** One document not accepted, with where it stands. */
  item: (label: string, status: string) => string;
  fileAnyway: string;
}

/** A claim's papers, downloaded from `<claims-detail>`: its dossier (admins, handlers) and its letter to the carrier (handlers) (dossier.es.ts, dossier.en.ts). */
export interface DossierTranslation {
  /** The group of download buttons, for screen readers. */
  downloads: string;
  dossier: string;
  letter: string;
  /** While it downloads: the share received in percent, or null until the answer says its length. */
  downloading: (percent: number | null) => string;
  /** Said once the file is saved. */
  saved: (name: string) => string;
}

/** The words a liability sum is made of, each already formatted for the locale. */
export interface LiabilitySum {
  /** The limit, as money. */
  amount: string;
  /** The rule's units per kg: "8,33" (SDR), "1/3" (of the daily IPREM). */
  perKg: string;
  /** The gross weight in kg, without the unit. */
  weight: string;
  /** The rate's value, with its recorded decimals, without the unit. */
  rate: string;
  /** The day the rate took effect. */
  effectiveFrom: string;
}

/**
 * A claim's gross weight and, for claims handlers, the carrier's liability limit beside what is
 * claimed (liability.es.ts, liability.en.ts): loaded with `<claims-detail>`, not at start.
 */
export interface LiabilityTranslation {
  grossWeight: string;
  kilograms: (weight: string) => string;
  limit: string;
  /** The limit and the sum it comes from, as each rule counts it. */
  computed: Record<LiabilityRule, (sum: LiabilitySum) => string>;
  /** Said beside the limit when it is exceeded: by the amount claimed, or (none claimed) by the declared value. */
  exceeded: (claimed: boolean) => string;
  /** Why no limit is shown. `country`: the carriage's, by name; `day`: the day whose rate was looked for. */
  unavailable: Record<LiabilityGap, (facts: { rule: string; rate: string; country: string; currency: string; day: string }) => string>;
  /** Each rule's name, as a citation. */
  rules: Record<LiabilityRule, string>;
  /** Each kind of rate, as a sentence names it. */
  rates: Record<LiabilityRateKind, string>;
}

/** A claim's conversation as the list and `<claims-detail>` name it: its tab, and the messages not read yet. */
export interface ChatTranslation {
  tab: string;
  unread: (n: number) => string;
}

/**
 * The words only an open conversation shows (chat.es.ts, chat.en.ts): loaded with
 * `<claims-chat>`, not at start. Its file viewer's Download, Close and View are DocumentsTranslation's.
 */
export interface ConversationTranslation {
  title: string;
  /** The operator's backend, shown as a message's author instead of the log's English name (domain/actors.ts). */
  hostSystem: string;
  /** The empty conversation as the company's user sees it. */
  empty: string;
  /** The empty conversation as the claims handler sees it. */
  emptyHandler: string;
  loadingOlder: string;
  olderFailed: string;
  you: string;
  yourCompany: string;
  handler: (name: string) => string;
  today: string;
  yesterday: string;
  sending: string;
  sent: string;
  seen: string;
  retrying: string;
  failed: string;
  retry: string;
  typing: (name: string) => string;
  composerLabel: string;
  composerHint: string;
  send: string;
  closed: string;
  newMessage: (name: string, body: string) => string;
  attach: string;
  attachments: string;
  dropHere: string;
  removeAttachment: (name: string) => string;
  /** The divider above the first message that came while the reader was away. */
  newMessages: string;
  /** When the handler last wrote, for the customer: `when` is relative ("hace 2 horas"). */
  replied: (firstName: string, when: string) => string;
  previousImage: string;
  nextImage: string;
  /** Which of the conversation's images the viewer shows. */
  position: (n: number, of: number) => string;
  /** The name a pasted screenshot is given (the browser calls each one "image.png"). */
  screenshot: string;
  /** The handler's action in the composer: ask the customer for a document from the conversation. */
  requestDocument: string;
  /** The heading of its form. */
  requestTitle: string;
  requestKind: string;
  /** The note, optional with a kind from the catalogue. */
  requestNote: string;
  /** The note when the kind is "other": then it says which document, and is required. */
  requestFree: string;
  requestFreeRequired: string;
  requestSend: string;
  /** Said once the request is on its way: the document's name. */
  requestSending: (label: string) => string;
  /** Above the document's name in the message that asks for it: to the customer, and to the handler. */
  requestedOfYou: string;
  requested: string;
  /** The customer's upload from the message. */
  upload: string;
  /** Said in the message once the document is in, waiting for the handler's review. */
  filled: string;
  /** What the handler sees of it meanwhile. */
  filledHandler: string;
  /** The document's state could not be loaded. */
  requestStateFailed: string;
  /** Said when a message is sent while a file attached to it is still being prepared (a photo) or uploaded: nothing goes, the text stays in the composer. */
  attachmentsPending: string;
}

/** The toolbar of `<claims-app>`: the bell is `<claims-notifications>`, with its own strings. */
export interface AppTranslation {
  toolbar: string;
  settings: string;
  help: string;
  close: string;
}

/** The bell and its panel (`<claims-notifications>`). */
export interface NotificationsTranslation {
  title: string;
  /** The bell's accessible name. */
  bell: (unread: number) => string;
  /** Read before one unread notification's text ("Unread: …"). */
  unread: string;
  markAllRead: string;
  allRead: string;
  empty: string;
  emptyBody: string;
  /** What a notification says, from its kind and data (the list names its claim beside it). */
  text: (n: Notification) => string;
  /** Announced when one arrives live. */
  arrived: (text: string) => string;
}

/** Claims access and notification channels (`<claims-settings>`). */
export interface SettingsTranslation {
  title: string;
  intro: string;
  users: string;
  access: string;
  accessOf: (name: string) => string;
  adminAlways: string;
  channel: string;
  channels: Record<NotificationChannel, string>;
  /** Beside a user's switch for notifications by email too. */
  email: string;
  emailOf: (name: string) => string;
  /** The switch for notifications by email too, for users who sign in for the first time. */
  companyDefault: string;
  companyDefaultHint: string;
  role: Record<Me['role'], string>;
  you: string;
  granted: string;
  notGranted: string;
  saving: string;
  saved: string;
  failed: string;
  yours: string;
  readOnly: string;
  empty: string;
  /** The admins' section with the company's API keys and webhooks, loaded when opened. */
  integrations: string;
  integrationsIntro: string;
  openIntegrations: string;
  closeIntegrations: string;
}

/** The operator's contact (`<claims-help>`). */
export interface HelpTranslation {
  title: string;
  intro: string;
  email: string;
  phone: string;
  hours: string;
  none: string;
}

/**
 * The strings of `<claims-notifications>`, `<claims-settings>` and `<claims-help>`, one object
 * per language (account.es.ts, account.en.ts). Those elements load on first use, and their
 * strings with them: they are not in the entry's `Translation`.
 */
export interface AccountTranslation {
  notifications: NotificationsTranslation;
  settings: SettingsTranslation;
  help: HelpTranslation;
}

/** What the box of a secret shown once says (see controllers/secret-controller.ts). */
export interface SecretTranslation {
  label: string;
  warning: string;
  use: string;
  copy: string;
  copied: string;
  copyFailed: string;
}

/** The company's API keys (`<claims-api-keys>`; api-keys.es.ts, api-keys.en.ts, loaded with it). */
export interface ApiKeysTranslation {
  title: string;
  intro: string;
  create: string;
  emptyTitle: string;
  emptyBody: string;
  /** Each scope's name, and what it lets a program do. */
  scopes: Record<ApiKeyScope, { name: string; hint: string }>;
  permissions: string;
  /** When, and by whom when known (null: the operator). */
  created: (when: string, by: string | null) => string;
  /** `when` is relative ("hace 5 minutos"); null: never used. */
  lastUsed: (when: string | null) => string;
  revokedOn: (when: string, by: string | null) => string;
  active: string;
  revoked: string;
  revoke: string;
  revokeTitle: (name: string) => string;
  revokeIntro: string;
  revokedAnnounced: (name: string) => string;
  revokeFailed: string;
  createTitle: string;
  name: string;
  nameHint: string;
  nameRequired: string;
  scopesLegend: string;
  scopesRequired: string;
  createFailed: string;
  creating: string;
  createdTitle: (name: string) => string;
  createdAnnounced: (name: string) => string;
  secret: SecretTranslation;
  done: string;
}

/** The first part of an event type (`claim` of `claim.created`): the group a webhook's form lists it in. */
export type EventGroup = WebhookEventType extends infer T ? (T extends `${infer G}.${string}` ? G : never) : never;

/** The company's webhooks (`<claims-webhooks>`; webhooks.es.ts, webhooks.en.ts, loaded with it). */
export interface WebhooksTranslation {
  title: string;
  intro: string;
  create: string;
  emptyTitle: string;
  emptyBody: string;
  /** Each event type a webhook may receive, as a person reads it. */
  events: Record<WebhookEventType, string>;
  /** The test event's deliveries (`POST /webhooks/{id}/test`). */
  testEvent: string;
  groups: Record<EventGroup, string>;
  allEvents: string;
  /** What an endpoint receives, for its row: every event, or these (already worded) ones. */
  receives: (names: string[] | 'all') => string;
  active: string;
  /** Enabled, but every delivery has failed since `since` (a date). */
  failingSince: (since: string) => string;
  disabled: { gone: string; failing: (since: string | null) => string; manual: string; unknown: string };
  open: (url: string) => string;
  back: string;
  description: string;
  eventsLabel: string;
  secretPrefix: string;
  createdOn: (when: string) => string;
  sendTest: string;
  testQueued: string;
  edit: string;
  disable: string;
  enable: string;
  disabledAnnounced: string;
  enabledAnnounced: string;
  rotate: string;
  rotateTitle: string;
  rotateIntro: string;
  rotatedTitle: string;
  /** The previous secret is still accepted until `until` (a date and time). */
  previousValidUntil: (until: string) => string;
  remove: string;
  removeTitle: string;
  removeIntro: (url: string) => string;
  removedAnnounced: (url: string) => string;
  actionFailed: string;
  createTitle: string;
  editTitle: string;
  url: string;
  urlHint: string;
  urlRequired: string;
  urlInvalid: string;
  /** The API refused the address: not https, or not on the internet. */
  urlRefused: string;
  descriptionOptional: string;
  descriptionHint: string;
  eventsLegend: string;
  allEventsHint: string;
  chosenEvents: string;
  eventsRequired: string;
  save: string;
  saving: string;
  savedAnnounced: string;
  createdTitle: string;
  createdAnnounced: string;
  secret: SecretTranslation;
  done: string;
  deliveries: string;
  deliveriesHint: string;
  filter: string;
  allStatuses: string;
  status: Record<WebhookDeliveryStatus, string>;
  refresh: string;
  noDeliveries: string;
  noDeliveriesFiltered: string;
  /** An answer's HTTP status and how long it took. */
  answer: (code: number | null, ms: number | null) => string;
  attempts: (n: number) => string;
  nextAttempt: (when: string) => string;
  response: string;
  error: string;
  showAttempts: string;
  attemptsTitle: string;
  redeliver: string;
  redeliverOf: (event: string, when: string) => string;
  redeliverQueued: string;
  redeliverSince: string;
  redeliverSinceHint: string;
  sinceRequired: string;
  redeliverSinceButton: string;
  /** How many deliveries went back to the queue. */
  queued: (n: number) => string;
  loadMore: string;
}

/** The views of `<claims-console>`: the queue and the analytics (console-views.es.ts, console-views.en.ts, loaded with the console). */
export interface ConsoleViewsTranslation {
  views: string;
  queue: string;
  analytics: string;
  /** Above the queue while it shows only the claims at risk of missing their deadline. */
  atRiskOnly: string;
  showAll: string;
}

/** The claims team's dashboard (`<claims-analytics>`; analytics.es.ts, analytics.en.ts, loaded with it). */
export interface AnalyticsTranslation {
  title: string;
  /** "Figures as of" a date and time. */
  asOf: (when: string) => string;
  refresh: string;
  updating: string;
  /** The controls' group. */
  controls: string;
  period: string;
  periods: Record<AnalyticsPeriodName, string>;
  from: string;
  to: string;
  apply: string;
  /** The period asked for, its first and last days already written. */
  range: (from: string, to: string) => string;
  fromRequired: string;
  toRequired: string;
  /** `to` is before `from`. */
  order: string;
  /** The period spans more days than one request may (`max`). */
  tooLong: (max: number) => string;
  company: string;
  anyCompany: string;
  carrier: string;
  anyCarrier: string;
  type: string;
  anyType: string;
  scope: string;
  anyScope: string;
  clearFilters: string;
  emptyTitle: string;
  emptyBody: string;
  staffOnlyTitle: string;
  staffOnlyBody: string;
  /** A chart with nothing to draw. */
  noData: string;
  showTable: string;
  /** The name of a panel's table (a region that scrolls sideways on narrow screens). */
  tableOf: (panel: string) => string;
  /** The CSV button of a panel, and what a screen reader hears of it (`panel` is its title). */
  csv: string;
  csvOf: (panel: string) => string;
  /** Said once the file is saved. */
  csvSaved: (file: string) => string;
  /** The panels' titles, their charts' summaries (for screen readers) and their tables' headings. */
  volume: string;
  volumeIntro: string;
  openedChart: string;
  openedSummary: (claims: number, weeks: number) => string;
  backlogChart: string;
  backlogSummary: (weeks: number) => string;
  weekOf: string;
  /** A week's label on the chart: "semana del 7 dic". */
  week: (day: string) => string;
  opened: (type: string) => string;
  openedTotal: string;
  openOn: string;
  openIn: (status: string) => string;
  times: string;
  timesIntro: string;
  phase: string;
  stays: string;
  median: string;
  p90: string;
  medianHours: string;
  p90Hours: string;
  toOutcome: string;
  /** A row of the times chart: how many, and the two durations already written. */
  spread: (count: number, median: string, p90: string) => string;
  money: string;
  moneyIntro: string;
  breakdown: string;
  name: string;
  currency: string;
  claims: string;
  claimed: string;
  recovered: string;
  recoveryRate: string;
  total: string;
  allClaims: string;
  byCarrier: string;
  byType: string;
  /** A row of the money chart: recovered of claimed, the share, all already written. */
  recoveredOf: (recovered: string, claimed: string, rate: string) => string;
  /** The column of the claims that claimed more than the carrier's liability limit. */
  overLimit: string;
  /** The column of what they claimed beyond it. */
  aboveLimit: string;
  /** Under a currency's heading: `count` claims over the limit, `above` (written) claimed beyond it. */
  overLimitNote: (count: number, above: string) => string;
  deadlines: string;
  deadlinesIntro: string;
  onTime: string;
  missed: string;
  /** The claims at risk now, within `hours` of their deadline. */
  atRisk: (hours: number) => string;
  atRiskTitle: (count: number, hours: number) => string;
  atRiskNone: (hours: number) => string;
  /** One at-risk claim's button: its reference, company and time left, already written. */
  atRiskClaim: (reference: string, company: string, left: string) => string;
  /** Opens the queue filtered to every claim at risk (more than the panel lists, when `more`). */
  openAtRisk: (count: number) => string;
  /** Share of the deadlines met, already written. */
  metShare: (share: string) => string;
  carriers: string;
  carriersIntro: string;
  meanRecovery: string;
  medianToOutcome: string;
  missedDeadlines: string;
  /** The carriers' column of their claims over the liability limit. */
  overLimitClaims: string;
  handlers: string;
  handlersIntro: string;
  handler: string;
  claimsHandled: string;
  firstAnswers: string;
  medianFirstAnswer: string;
  reviews: string;
  medianReview: string;
  /** A missing measure (nothing to measure). */
  none: string;
}

/** The periods the dashboard offers: this month, the last 30 or 90 days, this year (each up to today), or any. */
export type AnalyticsPeriodName = 'month' | '30d' | '90d' | 'year' | 'custom';

/** Every string the widget shows. One object per language; functions where numbers or names vary. */
export interface Translation {
  /** BCP 47 tag used for Intl formatting. */
  locale: string;
  claims: string;
  status: Record<ClaimStatus, string>;
  type: Record<ClaimType, string>;
  goods: Record<Goods, string>;
  scope: Record<Scope, string>;
  outcome: Record<OutcomeResult, string>;

  // list
  allStatuses: string;
  filterByStatus: string;
  filterByType: string;
  allTypes: string;
  search: string;
  searchPlaceholder: string;
  loadMore: string;
  loading: string;
  showing: (shown: number, total: number | null) => string;
  emptyTitle: string;
  emptyBody: string;
  noMatchTitle: string;
  noMatchBody: string;
  clearFilters: string;
  errorTitle: string;
  retry: string;
  noAccessTitle: string;
  noAccessBody: string;
  needsAction: string;
  newBadge: string;
  updatedBadge: string;
  claimsList: string;
  newClaimsAnnounced: (count: number) => string;
  live: string;
  reconnecting: string;
  offline: string;
  /** Who an integration's message or file comes from: the name its company gave the API key, or the operator's sender. */
  integration: (name: string) => string;

  // detail
  back: string;
  goodsLabel: string;
  carrier: string;
  trackingNumber: string;
  declaredValue: string;
  claimedAmount: string;
  notStated: string;
  route: string;
  packages: (n: number) => string;
  incidentAt: string;
  deadline: string;
  daysLeft: (days: number) => string;
  hoursLeft: (hours: number) => string;
  overdueBy: (days: number) => string;
  deadlineBasis: (days: number, kind: 'calendar' | 'business') => string;
  outcomeLabel: string;
  declineReason: string;
  whatNext: string;
  accept: string;
  decline: string;
  accepted: string;
  declined: string;
  declineTitle: string;
  declineIntro: string;
  reasonLabel: string;
  reasonHint: string;
  reasonRequired: string;
  cancel: string;
  confirmDecline: string;
  notFoundTitle: string;
  notFoundBody: string;
  timeline: string;
  needHelp: string;

  // timeline
  phases: string;
  phaseDone: string;
  phaseCurrent: string;
  phasePending: string;
  events: string;
  noEvents: string;
  by: (name: string) => string;
  reasonPrefix: string;

  app: AppTranslation;
  chat: ChatTranslation;
}
