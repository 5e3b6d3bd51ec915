import { HOST_SYSTEM_NAME } from '../../domain/actors.ts';
import type { Principal } from '../auth/principal.ts';
import type { Actor } from './events.schema.ts';

/**
 * The host backend, and the host's identity system behind its tokens: a role, name, email or
 * language a user's token changes is the host's change, not the user's.
 */
export const HOST_ACTOR: Actor = { kind: 'service', id: null, name: HOST_SYSTEM_NAME };

/** Who the log names for a change the principal makes. */
export function actorOf(principal: Principal): Actor {
  if (principal.kind === 'service') return HOST_ACTOR;
  if (principal.kind === 'companyKey') return { kind: 'service', id: principal.keyId, name: principal.keyName };
  return { kind: principal.role === 'handler' ? 'handler' : 'user', id: principal.user.id, name: principal.user.name };
}

/** Claimdesk itself, for the moves it makes on its own (a completed checklist sends a claim to review). */
export const SYSTEM_ACTOR: Actor = { kind: 'system', id: null, name: 'Claimdesk' };
