import type { ClaimsApi } from './api-client.ts';
import type { LiveStream } from './live-stream.ts';
import type { Claim, ClaimEvent } from './types.ts';

/** After a live event, one claim is fetched again at most once in this long, however many events come. */
const REFETCH_WINDOW_MS = 300;

interface Request {
  /** The last event id delivered when the request left (null while it waits to leave): it reflects every event up to it. */
  covers: number | null;
  promise: Promise<Claim>;
}

/**
 * One session's claim fetches, shared by its elements: the list's row, the detail, the console's
 * bar and a timeline showing the same claim ask here, so one GET serves them all, and a burst of
 * live events about a claim costs one GET per window instead of one per event per element.
 *
 * A GET that leaves after an event was delivered reflects it (the server sends an event only once
 * it committed), so a request is shared with whoever needs no later event. What comes back is
 * merged with `fresher` (by a ClaimController, or the list's rows): an older snapshot never overwrites a newer one.
 */
export class ClaimLoader {
  /** Per claim, the request waiting or in flight. */
  #requests = new Map<string, Request>();
  /** Per claim, when its last request left (kept for one window). */
  #sent = new Map<string, number>();

  constructor(
    private readonly api: ClaimsApi,
    private readonly live: LiveStream,
    private readonly me: () => string | null,
  ) {
    // Snapshots are loaded again from now: no request that left before may serve them.
    live.onReset(() => this.#requests.clear());
  }

  /** The claim as it is now: a request that left after the last delivered event, or a new one at once. */
  load(id: string): Promise<Claim> {
    return this.#join(id, Number(this.live.lastEventId ?? 0)) ?? this.#send(id, 0);
  }

  /**
   * The claim as it is after a live event about it, or null when the event changes nothing a claim
   * holds for this reader (then nothing is fetched). A request that reflects the event is shared;
   * else one leaves, no sooner than a window after the claim's last one.
   */
  after(event: ClaimEvent): Promise<Claim> | null {
    if (!changesClaim(event, this.me())) return null;
    const last = this.#sent.get(event.claimId);
    return this.#join(event.claimId, event.id) ?? this.#send(event.claimId, last === undefined ? 0 : last + REFETCH_WINDOW_MS - Date.now());
  }

  #join(id: string, eventId: number): Promise<Claim> | undefined {
    const request = this.#requests.get(id);
    return request && (request.covers === null || request.covers >= eventId) ? request.promise : undefined;
  }

  #send(id: string, delay: number): Promise<Claim> {
    // Even without a delay it leaves a microtask later: every element handed the same event joins it.
    const wait = delay > 0 ? new Promise<void>((resolve) => setTimeout(resolve, delay)) : Promise.resolve();
    const request: Request = {
      covers: null,
      promise: wait
        .then(() => this.#leave(id, request))
        .finally(() => this.#requests.get(id) === request && this.#requests.delete(id)),
    };
    this.#requests.set(id, request);
    return request.promise;
  }

  #leave(id: string, request: Request): Promise<Claim> {
    request.covers = Number(this.live.lastEventId ?? 0);
    const at = Date.now();
    this.#sent.set(id, at);
    setTimeout(() => this.#sent.get(id) === at && this.#sent.delete(id), REFETCH_WINDOW_MS);
    return this.api.getClaim(id);
  }
}

/**
 * Whether a claim, as `me` reads it, may differ after the event: a message the reader posted, or
 * someone else reading, leaves their unread count (and every other field) as it was; a deadline
 * warning changes nothing either. Unknown `me`: assume it changed.
 */
function changesClaim({ type, actor }: ClaimEvent, me: string | null): boolean {
  const mine = actor.id === me;
  return type === 'message.posted' ? !mine || me === null : type === 'message.read' ? mine || me === null : type !== 'claim.deadline_approaching';
}
