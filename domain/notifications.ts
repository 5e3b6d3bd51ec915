import type { ActorKind, ClaimEventType, NotificationKind, ReviewDecision } from './constants.ts';

// Which claim events notify the company's users, as what, and whether by email too: the one
// table that decides it. Recipients are always the users who may see the claim — the company's
// admins, and its members with claims access — never the actor, never another company.

export interface NotificationRule {
  kind: NotificationKind;
  /** Users who chose "customer area and email" also get an email. */
  email: boolean;
  /**
   * Messages of an unread notification's claim fold into it (one more in its count) rather than
   * adding one each, and its email waits a little, so a burst of chat reaches the inbox once.
   */
  folds?: true;
  /** When only some events of the type concern the customer. */
  when?: (event: { actorKind: ActorKind; decision?: ReviewDecision | undefined }) => boolean;
}

export const NOTIFICATION_RULES: Partial<Record<ClaimEventType, NotificationRule>> = {
  // A new incident: the company must accept or decline handling it.
  'claim.created': { kind: 'claim_created', email: true },
  'claim.accepted': { kind: 'status_changed', email: true },
  'claim.declined': { kind: 'status_changed', email: true },
  'claim.transitioned': { kind: 'status_changed', email: true },
  // Something to upload: the checklist says what, in the customer area.
  'document.requested': { kind: 'document_requested', email: false },
  'document.reviewed': { kind: 'document_rejected', email: true, when: (event) => event.decision === 'rejected' },
  // The handler wrote; the company's own chatter is not news to the company.
  'message.posted': { kind: 'message', email: true, folds: true, when: (event) => event.actorKind === 'handler' },
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
