import type { Task } from '@lit/task';
import type { LiveController, LiveControllerHost } from '../internal/claims-element.ts';
import { fresher } from '../internal/freshness.ts';
import type { ClaimsSession } from '../internal/session.ts';
import type { Claim, ClaimEvent, LiveEvent } from '../internal/types.ts';

export interface ClaimControllerOptions {
  session: () => ClaimsSession | null;
  /** The claim shown. */
  id: () => string;
  /** The claim as loaded: a `loadTask` of `session.claims.load`, idle while a claim is given. */
  loaded: Task<readonly unknown[], Claim>;
  /** The claim the element was given, when it was: whoever gave it keeps it fresh, so nothing is fetched after live events. */
  given?: () => Claim | undefined;
  /** Whether a live event about the claim may change what the element shows of it (by default, every one may). */
  follows?: (event: ClaimEvent) => boolean;
}

/**
 * The claim an element shows, kept fresh: the one it was given or loaded, or — when fresher — the
 * version a live event about it brought (fetched through the session's ClaimLoader, shared with
 * every element showing the claim) or a request of the element's own answered with. An older
 * version never replaces a newer one, whatever order they come in; a reset of the stream voids
 * what came live, and the load runs again.
 */
export class ClaimController implements LiveController {
  /** The freshest version seen since the claim was loaded. */
  #latest: Claim | null = null;

  constructor(
    private readonly host: LiveControllerHost,
    private readonly options: ClaimControllerOptions,
  ) {
    host.addController(this);
  }

  /** The claim shown, or null until it loaded (kept while it loads again). */
  get value(): Claim | null {
    const id = this.options.id();
    const loaded = this.options.loaded.value;
    const base = this.options.given?.() ?? (loaded?.id === id ? loaded : null);
    return this.#latest?.id === id ? fresher(base, this.#latest) : base;
  }

  /** Takes the claim a request answered with (an accept, a move), unless a fresher one is known or another claim is shown now. */
  adopt(claim: Claim): void {
    if (claim.id !== this.options.id()) return;
    this.#latest = fresher(this.#latest, claim);
    this.host.requestUpdate();
  }

  /** Fetches the claim as it is now: a request was refused because it had changed meanwhile. */
  refresh(): void {
    const id = this.options.id();
    this.options.session()?.claims.load(id).then(
      (claim) => this.adopt(claim),
      // The element shows what it had; the next live event or reset brings it back in step.
      () => {},
    );
  }

  liveEvent(event: LiveEvent): void {
    if (!('claimId' in event) || event.claimId !== this.options.id() || this.options.given?.()) return;
    if (this.options.follows && !this.options.follows(event)) return;
    this.options.session()?.claims.after(event)?.then(
      (claim) => this.adopt(claim),
      () => {},
    );
  }

  liveReset(): void {
    this.#latest = null;
    this.host.requestUpdate();
  }
}
