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
import type { Catalogue } from './catalogue.ts';
import type { ClaimStatus, DocumentStatus, Localized } from './types.ts';
import { apiTextIn, languageOf, LANGUAGES, mainCatalogue, type WidgetLanguage } from '../translations/languages.ts';
import { problemsCatalogue } from '../translations/problems.ts';
import type { Translation } from '../translations/translation.ts';
import '../events/claims-error.ts';
import '../events/claims-live-event.ts';

type Detail<K extends keyof GlobalEventHandlersEventMap> =
  GlobalEventHandlersEventMap[K] extends CustomEvent<infer D> ? D : never;

// Elements without their own `lang` follow <html lang>: re-render them when it changes.
const connected = new Set<ClaimsElement>();

// The words for failures (translations/problems.ts), in a chunk per language: the elements loaded
// on use list them among their catalogues, and the others fetch them at their first failure.
// Until then a failure shows its title alone; once in, every element redraws.
const problemsAsked = new Set<WidgetLanguage>();

function loadProblems(language: WidgetLanguage): void {
  if (problemsAsked.has(language)) return;
  problemsAsked.add(language);
  problemsCatalogue.load(language).then(
    () => connected.forEach((el) => el.requestUpdate()),
    () => problemsAsked.delete(language),
  );
}

// A catalogue that could not be fetched (the network is down) is asked for again after a pause
// that doubles up to this, or as soon as the browser is back online.
const RETRY_MAX_MS = 30_000;

function retryPause(ms: number): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      window.removeEventListener('online', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    window.addEventListener('online', done);
  });
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

/**
 * What a controller working for an element uses of it: the element, and the protected side it
 * shares with its controllers — session, locale, settings, reports and events — so that the
 * elements doing one thing build its controller one way (documentUploads()).
 */
export interface ControllerAccess<E extends ClaimsElement = ClaimsElement> {
  readonly element: E;
  session(): ClaimsSession | null;
  locale(): string;
  /** `photo-max-edge` in effect: the element's, else the enclosing element's; undefined when none is set (the uploads controller knows the default). */
  photoMaxEdge(): number | undefined;
  fail(error: unknown, action: string): ApiError;
  problemText(error: unknown): string;
  emit<K extends keyof GlobalEventHandlersEventMap & `claims-${string}`>(name: K, detail: Detail<K>, options?: { cancelable?: boolean }): boolean;
}

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

  /** The long edge, in pixels, photos are scaled to fit before they are uploaded (default 2560); else the enclosing element's. */
  @property({ type: Number, attribute: 'photo-max-edge' }) accessor photoMaxEdge: number | undefined = undefined;

  // `lang` is the native attribute/property (a language of translations/languages.ts, with or
  // without its region; falls back to the enclosing element's, then `<html lang>`, then Spanish).
  // Observing it makes it reactive.
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

  /** What a controller working for this element uses of it (see ControllerAccess). */
  protected get forControllers(): ControllerAccess<this> {
    return {
      element: this,
      session: () => this.session,
      locale: () => this.locale,
      photoMaxEdge: () => this.photoMaxEdge ?? this.inherited?.photoMaxEdge,
      fail: (error, action) => this.fail(error, action),
      problemText: (error) => this.problemText(error),
      emit: (name, detail, options) => this.emit(name, detail, options),
    };
  }

  /**
   * The catalogues of words the element reads besides the main one (`t`): those of an element
   * loaded on first use (translations/documents.ts, …), each in a chunk per language. The element
   * draws once the main catalogue and these are in, in its language.
   */
  static catalogues: readonly Catalogue<unknown>[] = [];

  /**
   * The catalogues the element reads now besides the main one: its static `catalogues`, and more
   * where it shows more in some states (the list's staff filters). It draws once these are in.
   */
  protected get catalogues(): readonly Catalogue<unknown>[] {
    return (this.constructor as typeof ClaimsElement).catalogues;
  }

  /** The tag in effect: the element's own `lang`, else the enclosing element's, else `<html lang>`. */
  #tag(): string {
    return this.lang || this.inherited?.lang || document.documentElement.lang;
  }

  /** The language the element last drew in: the one its tag asks for, once that one's words were in. */
  #speaking: WidgetLanguage | undefined;

  /** The pause before asking again for catalogues that could not be fetched; 0 once they are in. */
  #retryMs = 0;

  /**
   * The language the element speaks (translations/languages.ts): the one its tag names (`fr-CA`
   * is French), Spanish for a tag it does not speak. While a new tag's words load, the element
   * goes on speaking, and showing, the language it last drew in.
   */
  protected get language(): WidgetLanguage {
    return this.#speaking ?? languageOf(this.#tag());
  }

  protected get t(): Translation {
    return this.localize(mainCatalogue);
  }

  /** The words of the element's language from one of its catalogues (the main one, or one in its `catalogues`). */
  protected localize<T>(catalogue: Catalogue<T>): T {
    const words = catalogue.get(this.language);
    if (!words) throw new Error(`<${this.localName}> reads words in "${this.language}" that are not loaded: list their catalogue in its \`catalogues\``);
    return words;
  }

  /** Words the API wrote (a document's label or help, a deadline's basis) in the element's language, or the API language it reads (languages.ts). */
  protected apiText(text: Localized): string {
    return apiTextIn(text, this.language);
  }

  /** The API's language nearest the element's, for what the API words itself (a claim's dossier and letter). */
  protected get apiLanguage(): (typeof LANGUAGES)[WidgetLanguage] {
    return LANGUAGES[this.language];
  }

  /** Locale for Intl: the page's own regional tag when it names the language (`fr-CA`), else the catalogue's (`fr-FR`). */
  protected get locale(): string {
    const tag = this.#tag();
    return tag && tag.split(/[-_]/)[0]!.toLowerCase() === this.language ? tag : this.t.locale;
  }

  /**
   * Defined (its module loaded, maybe ahead of use, as the app loads the detail while the page is
   * idle): the element's words in the page's language are fetched now, so that its first draw
   * need not wait for them.
   */
  protected static override finalize(): void {
    super.finalize();
    const language = languageOf(document.documentElement.lang);
    for (const catalogue of [mainCatalogue, ...this.catalogues]) catalogue.load(language).catch(() => undefined);
  }

  /**
   * Draws only in a language whose words are in: until the catalogues of the language asked for
   * are loaded, the element keeps what it shows (nothing, before its first draw) and its
   * `updateComplete` waits. A change of `lang` (its own, an ancestor's, `<html lang>`) loads the
   * new language's, then draws in it.
   */
  protected override scheduleUpdate(): void | Promise<unknown> {
    // The elements inside learn the language now, not once this one's words are in: they load theirs meanwhile.
    this.#share();
    const language = languageOf(this.#tag());
    const catalogues = [mainCatalogue, ...this.catalogues];
    if (catalogues.every((catalogue) => catalogue.get(language))) {
      this.#speaking = language;
      this.#retryMs = 0;
      return super.scheduleUpdate();
    }
    return Promise.all(catalogues.map((catalogue) => catalogue.load(language))).then(
      () => this.scheduleUpdate(),
      async (error: unknown) => {
        console.error(`Claimdesk could not load the words of <${this.localName}> in "${language}":`, error);
        this.#retryMs = Math.min(RETRY_MAX_MS, this.#retryMs * 2 || 1000);
        await retryPause(this.#retryMs);
        return this.scheduleUpdate();
      },
    );
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
    this.#share();
    this.#syncLive();
  }

  /** Hands the elements inside this one the session, and the language and settings set on it (or above it). */
  #share(): void {
    const lang = this.lang || this.inherited?.lang || '';
    const photoMaxEdge = this.photoMaxEdge ?? this.inherited?.photoMaxEdge;
    if (this.session !== this.#provided.session || lang !== this.#provided.lang || photoMaxEdge !== this.#provided.photoMaxEdge) {
      this.#provided = { session: this.session, lang, photoMaxEdge };
      this.#provider.setValue(this.#provided);
    }
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
    loadProblems(this.language);
    return problem;
  }

  /**
   * What a failure means to the reader, in their language, from the problem's code (never from
   * its English `detail`) and what its fields say; '' until the words for failures are in (an
   * element shows its failure state's title meanwhile, and is drawn again when they come).
   */
  protected problemText(error: unknown): string {
    const problem = error instanceof ApiError ? error : ApiError.network(error);
    const texts = problemsCatalogue.get(this.language);
    if (!texts) {
      loadProblems(this.language);
      return '';
    }
    const { fields } = problem;
    const status = (fields.currentStatus ?? fields.claimStatus) as ClaimStatus | undefined;
    return (texts[problem.code] ?? texts.unknown)({
      claimStatus: status ? (this.t.status[status] ?? '') : '',
      documentStatus: (fields.documentStatus as DocumentStatus | null | undefined) ?? null,
      maxBytes: typeof fields.maxBytes === 'number' ? fields.maxBytes : null,
      locale: this.locale,
      maxUnsentFiles: typeof fields.maxUnsentFiles === 'number' ? fields.maxUnsentFiles : null,
    });
  }
}
