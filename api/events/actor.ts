import type { Principal } from '../auth/principal.ts';
import type { Actor } from './events.schema.ts';

/** Who the log names for a change the principal makes. */
export function actorOf(principal: Principal): Actor {
  if (principal.kind === 'service') return { kind: 'service', id: null, name: 'Host system' };
  return { kind: principal.role === 'handler' ? 'handler' : 'user', id: principal.user.id, name: principal.user.name };
}

/** Claimdesk itself, for the moves it makes on its own (a completed checklist sends a claim to review). */
export const SYSTEM_ACTOR: Actor = { kind: 'system', id: null, name: 'Claimdesk' };
