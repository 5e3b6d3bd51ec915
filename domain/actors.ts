// Who the log names for a change, as people read it: the operator's own backend is stored under
// one English name, which every screen, email and dossier shows in the reader's language instead.

/** The name the log gives the operator's backend (its API key, and the identity system behind its tokens) when it gives none of its own. */
export const HOST_SYSTEM_NAME = 'Host system';

/** An actor as the log and the API carry it. */
export interface NamedActor {
  kind: string;
  id: string | null;
  name: string;
}

/**
 * The actor's name as shown to a reader: the operator's backend under its default name as
 * `hostSystem` (that reader's words for it); anyone else, the operator's key posting as a
 * `sender` it named included, by their own name.
 */
export function shownActorName(actor: NamedActor, hostSystem: string): string {
  return actor.kind === 'service' && actor.id === null && actor.name === HOST_SYSTEM_NAME ? hostSystem : actor.name;
}
