// What each event of the log and each signal of the live stream means, and who is shown it, in
// English for developers: the one source of the words the stream and the change feed are
// documented with (GET /events) and of the event types a webhook subscribes to. The lists
// themselves live in constants.ts, which the widget bundles; the widget never needs these words,
// so nothing in it imports this file.

import {
  CLAIM_EVENT_TYPES,
  COMPANY_EVENT_TYPES,
  USER_EVENT_TYPES,
  type ClaimEventType,
  type CompanyEventType,
  type EventType,
  type SignalType,
  type UserEventType,
} from './constants.ts';

/** What an event is about, which decides its shape and who is shown it. */
export type EventFamily = 'claim' | 'user' | 'company';

export const EVENT_FAMILIES: Readonly<Record<EventFamily, { types: readonly EventType[]; audience: string }>> = {
  claim: {
    types: CLAIM_EVENT_TYPES,
    audience: 'everyone who may read the claim: its company’s users with claims access and its company API keys, claims handlers, and the operator’s API key',
  },
  user: { types: USER_EVENT_TYPES, audience: 'that user and the company’s administrators' },
  company: { types: COMPANY_EVENT_TYPES, audience: 'the company’s administrators' },
};

const FAMILY_OF: ReadonlyMap<EventType, EventFamily> = new Map(
  Object.entries(EVENT_FAMILIES).flatMap(([family, { types }]) => types.map((type) => [type, family as EventFamily] as const)),
);

export function eventFamilyOf(type: EventType): EventFamily {
  return FAMILY_OF.get(type)!;
}

const CLAIM_EVENTS: Readonly<Record<ClaimEventType, string>> = {
  'claim.created': 'A claim was opened, by the host backend or a handler; it waits for the company to accept or decline it (`data.to`: notified).',
  'claim.accepted': 'A user of the company accepted handling the claim: it collects documents now (`data.from`, `data.to`).',
  'claim.declined': 'A user of the company declined handling the claim (`data.reason`); final.',
  'claim.transitioned':
    'The claim moved to another status (`data.from`, `data.to`, `note`; `outcome` and `amount` when resolved): by a handler, or by Claimdesk when its checklist completes or a rejected document sends it back.',
  'claim.assigned': 'A handler took the claim or reassigned it (`data.handler`, `note`).',
  'claim.amended':
    'The host backend or a handler corrected facts of the claim as it was opened (`data.changes`: each field with its value before and after; `deadlineAt` among them when the correction moved the deadline).',
  'document.requested': 'A handler asked for one more document (`data.document`, `note`).',
  'document.waived': 'A handler waived an optional document (`data.document`).',
  'document.uploaded': 'A file was uploaded to a document (`data.document`, `data.file`); one event per file.',
  'document.removed': 'An uploaded file was removed from a document (`data.document`, `data.file`).',
  'document.reviewed': 'A handler accepted or rejected a document (`data.document`, `data.decision`, `reason` when rejected).',
  'claim.deadline_approaching': 'Claimdesk warns that the claim’s filing deadline is near (`data.deadlineAt`, `data.hoursLeft`: the threshold crossed).',
  'message.posted':
    'A message was posted in the claim’s conversation (`data.message`: id, clientId, body, time and attachments). Not on the claim’s timeline.',
  'message.read': 'Someone read the claim’s conversation up to a message (`data.message.id`). Not on the claim’s timeline.',
};

const USER_EVENTS: Readonly<Record<UserEventType, string>> = {
  'user.updated':
    'A user’s claims access or notification channel changed (an administrator), or the host changed their role, name, email or language (`data`: the settings after, and what the host set).',
};

const COMPANY_EVENTS: Readonly<Record<CompanyEventType, string>> = {
  'company.updated': 'The company’s default notification channel for new members changed (`data.defaultNotifications`).',
  'company.webhook_disabled':
    'Claimdesk disabled one of the company’s webhooks, which answered 410 Gone or failed every delivery for 3 days (`data.webhook`: id, url, reason, failingSince, lastError); its pending deliveries were given up.',
  'company.webhook_created': 'Someone added a webhook to the company (`data.webhook`: id, url, description, eventTypes, enabled; never its secret).',
  'company.webhook_updated':
    'Someone changed one of the company’s webhooks — its URL, description or event types, or turned it off or on (`data.webhook` after the change, `data.changed`: what changed).',
  'company.webhook_deleted': 'Someone deleted one of the company’s webhooks, with its delivery log (`data.webhook`: as it was).',
  'company.webhook_secret_rotated': 'Someone gave one of the company’s webhooks a new signing secret; the previous one signs deliveries too for 24 hours (`data.webhook`).',
};

/** What each event type means: one sentence, naming the `data` fields it sets. */
export const EVENT_MEANINGS: Readonly<Record<EventType, string>> = { ...CLAIM_EVENTS, ...USER_EVENTS, ...COMPANY_EVENTS };

/** What each signal of the live stream means and whose streams get it. Signals are never stored, so never on the change feed. */
export const SIGNAL_MEANINGS: Readonly<Record<SignalType, string>> = {
  typing: 'Someone is typing in a claim’s conversation: to the others who may read the claim, never to the typist’s own streams.',
  notification: 'One of the user’s notifications, new or with another event folded in (same `id`), as GET /notifications lists it: to that user’s streams.',
  'notifications-read': 'Some (`ids`) or all (`ids` null) of the user’s notifications were read elsewhere, with the `unread` count left: to that user’s streams.',
  reset:
    'The Last-Event-ID sent is ahead of the log (restored from a backup, or from another deployment): reload what you hold and go on from this message’s `id`, which `lastEventId` repeats.',
};
