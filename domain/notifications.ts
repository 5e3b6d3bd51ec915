import type { ActorKind, ClaimEventType, NotificationKind, ReviewDecision } from './constants.ts';

// Which claim events notify the company's users, as what, and whether by email too: the one
// table that decides it. Recipients are always the users who may see the claim — the company's
// admins, and its members with claims access — never the actor, never another company.

export interface NotificationRule {
  kind: NotificationKind;
  /** Users who chose "customer area and email" also get an email. */
  email: boolean;
  /**
   * Events of a claim fold into the user's unread notification of this kind on it (one more in
   * its count, the newest event's data) rather than adding one each, and its email waits a
   * little, so a burst reaches the inbox once. `until` says how long a notification takes more:
   * - `read`: for as long as it is unread. Its email said the handler wrote; the chat says the rest.
   * - `emailed`: until a worker takes its email to send. The change after that is news again,
   *   with a notification and an email of its own: one email per claim per burst, each saying
   *   where the claim is when it goes. (Without email, the notification takes more while unread.)
   */
  folds?: { until: 'read' | 'emailed' };
  /** When only some events of the type concern the customer. */
  when?: (event: { actorKind: ActorKind; decision?: ReviewDecision | undefined }) => boolean;
}

export const NOTIFICATION_RULES: Partial<Record<ClaimEventType, NotificationRule>> = {
  // A new incident: the company must accept or decline handling it.
  'claim.created': { kind: 'claim_created', email: true },
  // A handler moving a claim back and forth (review ⇄ documentation) tells each person once per burst.
  'claim.accepted': { kind: 'status_changed', email: true, folds: { until: 'emailed' } },
  'claim.declined': { kind: 'status_changed', email: true, folds: { until: 'emailed' } },
  'claim.transitioned': { kind: 'status_changed', email: true, folds: { until: 'emailed' } },
  // Something to upload: the checklist says what, in the customer area.
  'document.requested': { kind: 'document_requested', email: false },
  'document.reviewed': { kind: 'document_rejected', email: true, when: (event) => event.decision === 'rejected' },
  // The handler wrote; the company's own chatter is not news to the company.
  'message.posted': { kind: 'message', email: true, folds: { until: 'read' }, when: (event) => event.actorKind === 'handler' },
  'claim.deadline_approaching': { kind: 'deadline_approaching', email: true },
};

/** The rule an event falls under, or none. */
export function notificationRuleFor(
  type: ClaimEventType,
  event: { actorKind: ActorKind; decision?: ReviewDecision | undefined },
): NotificationRule | undefined {
  const rule = NOTIFICATION_RULES[type];
  return rule && (!rule.when || rule.when(event)) ? rule : undefined;
}
