import type { ActorKind, ClaimEventType, ClaimStatus, CompanyEventType, NotificationKind, ReviewDecision } from './constants.ts';

// Which claim events notify the company's users, as what, and whether by email too: the one
// table that decides it. Recipients are always the users who may see the claim — the company's
// admins, and its members with claims access — never the actor, never another company.
// An email is for what a person must know away from the customer area: a new claim, a document
// to upload again, the outcome, the handler's messages unread, a deadline close. The rest waits
// in the customer area.

/** What the rules read of an event. */
export interface NotificationFacts {
  actorKind: ActorKind;
  decision?: ReviewDecision | undefined;
  /** A status change's statuses. */
  from?: ClaimStatus | undefined;
  to?: ClaimStatus | undefined;
}

export interface NotificationRule {
  kind: NotificationKind;
  /** Whether users who chose "customer area and email" also get an email: for every event, or for those it names. */
  email: boolean | ((event: NotificationFacts) => boolean);
  /**
   * Events of a claim fold into the user's unread notification of this kind on it (one more in
   * its count, the newest event's data) rather than adding one each, and its email waits a
   * little, so a burst reaches the inbox once. `until` says how long a notification takes more:
   * - `read`: for as long as it is unread. Its email said the handler wrote; the chat says the rest.
   * - `emailed`: until a worker takes its email to send. The change after that is news again,
   *   with a notification of its own: one email per claim per burst, each saying where the claim
   *   is when it goes. (Without an email, the notification takes more while unread.)
   */
  folds?: { until: 'read' | 'emailed' };
  /** When only some events of the type concern the customer. */
  when?: (event: NotificationFacts) => boolean;
}

/**
 * Claimdesk's own moves between documentation and review follow a change to the checklist: the
 * company's own upload or removal, or a rejection or request it is told of by itself.
 */
const followsTheChecklist = (event: NotificationFacts) =>
  event.actorKind === 'system' && (event.to === 'review' || event.to === 'documentation');

/** The outcome: what the claim got (paid, partly, denied). */
const isOutcome = (event: NotificationFacts) => event.to === 'resolved';

export const NOTIFICATION_RULES: Partial<Record<ClaimEventType, NotificationRule>> = {
  // A new incident: the company must accept or decline handling it.
  'claim.created': { kind: 'claim_created', email: true },
  // A colleague's answer, and the handler's moves: in the customer area, a burst as one. The outcome by email too.
  'claim.accepted': { kind: 'status_changed', email: false, folds: { until: 'emailed' } },
  'claim.declined': { kind: 'status_changed', email: false, folds: { until: 'emailed' } },
  'claim.transitioned': { kind: 'status_changed', email: isOutcome, folds: { until: 'emailed' }, when: (event) => !followsTheChecklist(event) },
  // Something to upload: the checklist says what, in the customer area.
  'document.requested': { kind: 'document_requested', email: false },
  'document.reviewed': { kind: 'document_rejected', email: true, when: (event) => event.decision === 'rejected' },
  // The handler wrote, or an integration (the operator's systems, the company's ERP), which no one
  // of the company is watching; the company's own people's chatter is not news to the company.
  'message.posted': { kind: 'message', email: true, folds: { until: 'read' }, when: (event) => event.actorKind === 'handler' || event.actorKind === 'service' },
  'claim.deadline_approaching': { kind: 'deadline_approaching', email: true },
};

/** What an event tells the company, and whether by email too; undefined when it tells nothing. */
export function notificationFor(type: ClaimEventType, event: NotificationFacts): { rule: NotificationRule; email: boolean } | undefined {
  const rule = NOTIFICATION_RULES[type];
  if (!rule || (rule.when && !rule.when(event))) return undefined;
  return { rule, email: typeof rule.email === 'boolean' ? rule.email : rule.email(event) };
}

/**
 * Company events that tell the company's administrators — every one of them, in the customer
 * area and by email whatever channel they chose, for each is something broken that someone must
 * put right: a webhook Claimdesk disabled means the company's systems stopped hearing of its claims.
 */
export const ADMIN_NOTIFICATION_RULES: Partial<Record<CompanyEventType, NotificationKind>> = {
  'company.webhook_disabled': 'webhook_disabled',
};

/** The kinds emailed whatever channel the recipient chose (see ADMIN_NOTIFICATION_RULES). */
export const ALWAYS_EMAILED: ReadonlySet<NotificationKind> = new Set(Object.values(ADMIN_NOTIFICATION_RULES));
