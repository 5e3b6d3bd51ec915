import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ContextConsumer, ContextProvider } from '@lit/context';
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
let htmlLangObserver: MutationObserver | undefined;

/**
 * Base of every claims-* element: configuration (own attributes, else the nearest configured
 * ancestor's through context), the live subscription, localisation and `emit()`.
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

  /**
   * Subclasses that hold snapshots override this: the server could not resume the stream from
   * where it was (its log is behind what this page saw), so what is on screen must be loaded
   * again from now, and whatever arrived live before is void.
   */
  protected liveReset?(): void;

  #syncLive(): void {
    const session = this.isConnected && (this.#own || this.liveEvent) ? this.session : null;
    if (session === this.#subscribed) return;
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#subscribed = session;
    if (!session) return;
    const owner = session === this.#own;
    const offState = session.live.onState((state) => (this.liveState = state));
    const offReset = session.live.onReset(() => this.liveReset?.());
    const offEvents = session.live.subscribe((event) => {
      // Only the element holding the configuration announces events, so each is fired once.
      if (owner) this.emit('claims-live-event', { event });
      this.liveEvent?.(event);
    });
    this.liveState = session.live.state;
    this.#unsubscribe = () => {
      offState();
      offReset();
      offEvents();
    };
  }

  /** Dispatches a bubbling, composed, typed `claims-*` event. */
  protected emit<K extends keyof GlobalEventHandlersEventMap & `claims-${string}`>(name: K, detail: Detail<K>): CustomEvent {
    const event = new CustomEvent(name, { bubbles: true, composed: true, cancelable: true, detail });
    this.dispatchEvent(event);
    return event;
  }

  /** The `state` part while a first load runs. */
  protected renderLoading() {
    return html`<p part="state" class="state" aria-busy="true">${this.t.loading}</p>`;
  }

  /** The `state` part of a load that failed: that it did, the server's reason when it gave one, and Retry. */
  protected renderFailure(error: unknown, retry: () => void) {
    return html`<div part="state" class="state" role="alert">
      <h3>${this.t.errorTitle}</h3>
      ${error instanceof ApiError && error.detail ? html`<p>${error.detail}</p>` : nothing}
      <button type="button" class="btn" @click=${retry}>${this.t.retry}</button>
    </div>`;
  }

  /** Reports a failed request as `claims-error` and returns it as an ApiError. */
  protected fail(error: unknown, action: string): ApiError {
    const problem = error instanceof ApiError ? error : ApiError.network(error);
    this.emit('claims-error', { status: problem.status, title: problem.title, detail: problem.detail, action });
    return problem;
  }
}
