import type { ClaimEvent, ClaimSummary } from './types.ts';

// Elements load a snapshot (a page, a claim, a timeline) while the live stream may already be
// delivering newer changes. These merges make the order of arrival irrelevant: nothing the
// stream brought is overwritten by an older snapshot.

/** The fresher of two versions of a claim (by updatedAt; the incoming one on a tie). */
export function fresher<C extends ClaimSummary>(current: C | null, incoming: C): C {
  return current && current.id === incoming.id && current.updatedAt > incoming.updatedAt ? current : incoming;
}

/**
 * A freshly loaded page, with what arrived live while it loaded: newer versions replace the
 * page's, and claims the page does not have yet (created meanwhile) go on top when `fits`.
 */
export function mergePage<Arrived extends ClaimSummary>(page: ClaimSummary[], arrived: Iterable<Arrived>, fits: (claim: Arrived) => boolean): ClaimSummary[] {
  const byId = new Map(page.map((claim) => [claim.id, claim]));
  const added: ClaimSummary[] = [];
  for (const claim of arrived) {
    const inPage = byId.get(claim.id);
    if (inPage) byId.set(claim.id, fresher(inPage, claim));
    else if (fits(claim)) added.push(claim);
  }
  added.sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
  return [...added, ...page.map((claim) => byId.get(claim.id)!)];
}

/** Timeline events from a load and from the stream, each once, in log order. */
export function mergeEvents(loaded: ClaimEvent[], live: ClaimEvent[]): ClaimEvent[] {
  const byId = new Map([...loaded, ...live].map((event) => [event.id, event]));
  return [...byId.values()].sort((a, b) => a.id - b.id);
}
