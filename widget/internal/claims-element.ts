import { html, LitElement, type PropertyValues, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ContextConsumer, ContextProvider } from '@lit/context';
import { Task, initialState } from '@lit/task';
import { claimsContext, type ClaimsContextValue } from './context.ts';
import { ClaimsSession } from './session.ts';
import type { TokenProvider } from './token-source.ts';
import type { LiveEvent } from './types.ts';
import { ApiError } from './api-error.ts';
import type { LiveState } from './live-stream.ts';
import { es } from '../translations/es.ts';
import { en } from '../translations/en.ts';
import type { Translation } from '../translations/translation.ts';
import '../events/claims-error.ts';
import '../events/claims-live-event.ts';

type Detail<K extends keyof GlobalEventHandlersEventMap> =
  GlobalEventHandlersEventMap[K] extends CustomEvent<infer D> ? D : never;

// Elements without their own `lang` follow <html lang>: re-render them when it changes.
const connected = new Set<ClaimsElement>();

// The words for failures (translations/problems.ts): in a chunk of their own, which the elements
// loaded on use bring with them, and which the others fetch when the page is idle or at their
// first failure. Until then a failure shows its title alone; once in, every element redraws.
/** A failure in the reader's language and locale. */
export type ProblemWording = (problem: ApiError, language: 'es' | 'en', locale: string) => string;

let problemWording: ProblemWording | undefined;
let problemWordingLoad: Promise<unknown> | undefined;

export function provideProblemWording(wording: ProblemWording): void {
  problemWording = wording;
  connected.forEach((el) => el.requestUpdate());
}

function loadProblemWording(): Promise<unknown> {
  return (problemWordingLoad ??= import('../translations/problems.ts').catch(() => (problemWordingLoad = undefined)));
}
let htmlLangObserver: MutationObserver | undefined;

/**
 * A controller that follows the live stream: added to a ClaimsElement (`host.addController(this)`),
 * it is handed what the element's own `liveEvent` and `liveReset` are.
 */
export interface LiveController extends ReactiveController {
  liveEvent?(event: LiveEvent): void;
  liveReset?(): void;
}

/** An element a LiveController is added to: a ClaimsElement, or what stands in for one in a test. */
export interface LiveControllerHost extends ReactiveControllerHost {
  addController(controller: LiveController): void;
}

// Per element, its controllers that follow the stream. Kept beside the element rather than in a
// field of it: Lit may add controllers before the element's own fields exist.
const followers = new WeakMap<ClaimsElement, Set<LiveController>>();

/** How an element loads what it shows; see `ClaimsElement.loadTask`. */
export interface LoadOptions<A extends readonly unknown[], R> {
  /** What the load depends on besides the session: a change loads again. A null among them leaves the task idle: there is nothing to load. */
  args: () => A;
  load: (session: ClaimsSession, args: { [K in keyof A]: NonNullable<A[K]> }, signal: AbortSignal) => Promise<R>;
  /** The `action` of the `claims-error` a failure fires. Without it the failure is not reported: another element, loading the same, reports it. */
  report?: string;
  /**
   * Whether the element follows what it loads live (the default). It is then loaded once the stream
   * is open — a snapshot taken before could miss what commits until then, which the stream would
   * not bring either — and again when the stream resets.
   */
  live?: boolean;
}

/**
 * Base of every claims-* element: configuration (own attributes, else the nearest configured
 * ancestor's through context), the live subscription (for the element and its controllers),
 * loading (`loadTask`), localisation and `emit()`.
 */
export class ClaimsElement extends LitElement {
  /** Base URL of the Claimdesk API, e.g. `https://claims.example.com/api/v1`. */
  @property({ attribute: 'api-base' }) accessor apiBase = '';

  /** The user's token (a JWT signed by the host backend). Prefer `tokenProvider`, which can refresh it. */
  @property() accessor token = '';

  /** Function returning (a promise of) a fresh token; called again when the API answers 401. */
  @property({ attribute: false }) accessor tokenProvider: TokenProvider | undefined = undefined;

  // `lang` is the native attribute/property (`es` or `en`; falls back to the enclosing
  // element's, then `<html lang>`, then Spanish). Observing it makes it reactive.
  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, 'lang'];
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    if (name === 'lang') this.requestUpdate();
  }

  @state() private accessor inherited: ClaimsContextValue | undefined = undefined;

  /** State of the shared live connection this element follows. */
  @state() protected accessor liveState: LiveState = 'idle';

  #own: ClaimsSession | null = null;
  #provided: ClaimsContextValue = { session: null, lang: '' };
  #provider = new ContextProvider(this, { context: claimsContext, initialValue: this.#provided });
  #unsubscribe: (() => void) | undefined;
  #subscribed: ClaimsSession | null = null;

  constructor() {
    super();
    new ContextConsumer(this, {
      context: claimsContext,
      subscribe: true,
      callback: (value) => (this.inherited = value),
    });
  }

  /** The session in effect: this element's own configuration, else the inherited one. */
  protected get session(): ClaimsSession | null {
    return this.#own ?? this.inherited?.session ?? null;
  }

  /** `es` or `en`. */
  protected get language(): 'es' | 'en' {
    const lang = (this.lang || this.inherited?.lang || document.documentElement.lang || 'es').toLowerCase();
    return lang.startsWith('en') ? 'en' : 'es';
  }

  protected get t(): Translation {
    return this.localize(es, en);
  }

  /**
   * The strings of the language in effect, from one object per language: the entry's (`t`), or
   * those an element loaded on first use brings in its own chunk (translations/account.*.ts).
   */
  protected localize<T>(spanish: T, english: T): T {
    return this.language === 'en' ? english : spanish;
  }

  /** Locale for Intl: the page's own regional tag when it matches the language. */
  protected get locale(): string {
    const tag = this.lang || this.inherited?.lang || document.documentElement.lang;
    return tag && tag.toLowerCase().startsWith(this.language) ? tag : this.t.locale;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    connected.add(this);
    htmlLangObserver ??= new MutationObserver(() => connected.forEach((el) => el.requestUpdate()));
    htmlLangObserver.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });
    if (this.hasUpdated) this.#syncLive();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    connected.delete(this);
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#subscribed = null;
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (!this.#own || changed.has('apiBase') || changed.has('token') || changed.has('tokenProvider')) this.#configure();
    const lang = this.lang || this.inherited?.lang || '';
    if (this.session !== this.#provided.session || lang !== this.#provided.lang) {
      this.#provided = { session: this.session, lang };
      this.#provider.setValue(this.#provided);
    }
    this.#syncLive();
  }

  /**
   * Keeps the own session while the configuration may still be the same user's at the same API:
   * a host that re-renders with a new (inline) tokenProvider, or sets a refreshed token, must not
   * cost a reconnect and a reload. Whether a provider's user is the same shows with its next
   * token; when it is not, the session calls back and a new one replaces it here.
   */
  #configure(): void {
    const configured = this.apiBase && (this.token || this.tokenProvider);
    if (configured && this.#own?.apiBase === this.apiBase && this.#own.tokens.use(this.token, this.tokenProvider)) return;
    this.#own?.dispose();
    this.#own = null;
    if (!configured) return;
    const session: ClaimsSession = new ClaimsSession(this.apiBase, this.token, this.tokenProvider, () => {
      if (this.#own !== session) return;
      session.dispose();
      this.#own = null;
      this.requestUpdate();
    });
    this.#own = session;
  }

  /** Subclasses that follow the live stream override this; it receives every event type, so each picks its own. */
  protected liveEvent?(event: LiveEvent): void;

  override addController(controller: LiveController): void {
    super.addController(controller);
    if (!controller.liveEvent && !controller.liveReset) return;
    followers.set(this, (followers.get(this) ?? new Set()).add(controller));
  }

  override removeController(controller: LiveController): void {
    super.removeController(controller);
    followers.get(this)?.delete(controller);
  }

  /**
   * A Task loading what the element shows, with the session in effect: idle without one (or with a
   * null argument), loaded once the stream is open and again on its reset when followed live, and a
   * failure reported as `claims-error` when `report` names the action.
   */
  protected loadTask<const A extends readonly unknown[], R>({ args, load, report, live = true }: LoadOptions<A, R>) {
    const task = new Task(this, {
      args: () => [this.session, ...args()] as const,
      task: async ([session, ...rest], { signal }) => {
        if (!session || rest.includes(null)) return initialState;
        if (live) await session.live.whenOpen();
        try {
          return await load(session, rest as unknown as { [K in keyof A]: NonNullable<A[K]> }, signal);
        } catch (error) {
          if (report && !signal.aborted) this.fail(error, report);
          throw error;
        }
      },
    });
    if (live) this.addController({ liveReset: () => void task.run() });
    return task;
  }

  /**
   * The server could not resume the stream from where it was (its log is behind what this page
   * saw): what is on screen must be loaded again from now, and whatever arrived live before is
   * void. Tasks made with `loadTask` load again by themselves; a subclass holding what arrived
   * live overrides this to drop it.
   */
  protected liveReset?(): void;

  #syncLive(): void {
    const follows = this.liveEvent || [...(followers.get(this) ?? [])].some((c) => c.liveEvent);
    const session = this.isConnected && (this.#own || follows) ? this.session : null;
    if (session === this.#subscribed) return;
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#subscribed = session;
    if (!session) return;
    const owner = session === this.#own;
    const offState = session.live.onState((state) => (this.liveState = state));
    const offReset = session.live.onReset(() => {
      followers.get(this)?.forEach((c) => c.liveReset?.());
      this.liveReset?.();
    });
    const offEvents = session.live.subscribe((event) => {
      // Only the element holding the configuration announces events, so each is fired once.
      if (owner) this.emit('claims-live-event', { event });
      followers.get(this)?.forEach((c) => c.liveEvent?.(event));
      this.liveEvent?.(event);
    });
    this.liveState = session.live.state;
    this.#unsubscribe = () => {
      offState();
      offReset();
      offEvents();
    };
  }

  /**
   * Dispatches a bubbling, composed, typed `claims-*` event. Most say what happened, which no
   * listener can undo; one that says what the user is about to do (accept, decline, upload) is
   * `cancelable`, so the host may veto it: then this returns false and the element does nothing.
   */
  protected emit<K extends keyof GlobalEventHandlersEventMap & `claims-${string}`>(name: K, detail: Detail<K>, { cancelable = false } = {}): boolean {
    // Built apart from dispatchEvent(): the manifest's analyzer takes `dispatchEvent(new CustomEvent(name…))` for an event called "name".
    const event = new CustomEvent(name, { bubbles: true, composed: true, cancelable, detail });
    return this.dispatchEvent(event);
  }

  /** The `state` part while a first load runs. */
  protected renderLoading() {
    return html`<p part="state" class="state" aria-busy="true">${this.t.loading}</p>`;
  }

  /** The `state` part of a load that failed: that it did, what it means to the reader, and Retry. */
  protected renderFailure(error: unknown, retry: () => void) {
    return html`<div part="state" class="state" role="alert">
      <h3>${this.t.errorTitle}</h3>
      <p>${this.problemText(error)}</p>
      <button type="button" class="btn" @click=${retry}>${this.t.retry}</button>
    </div>`;
  }

  /** Reports a failed request as `claims-error` and returns it as an ApiError. */
  protected fail(error: unknown, action: string): ApiError {
    const problem = error instanceof ApiError ? error : ApiError.network(error);
    this.emit('claims-error', { status: problem.status, type: problem.type, title: problem.title, detail: problem.detail, action });
    void loadProblemWording();
    return problem;
  }

  /**
   * What a failure means to the reader, in their language, from the problem's code (never from
   * its English `detail`); '' until the words for failures are in (an element shows its failure
   * state's title meanwhile, and is drawn again when they come).
   */
  protected problemText(error: unknown): string {
    const problem = error instanceof ApiError ? error : ApiError.network(error);
    if (!problemWording) {
      void loadProblemWording();
      return '';
    }
    return problemWording(problem, this.language, this.locale);
  }
}
