import { html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { TaskStatus } from '@lit/task';
import { ClaimsElement } from '../../internal/claims-element.ts';
import type { ClaimsSession } from '../../internal/session.ts';
import type { ApiError } from '../../internal/api-error.ts';
import type { Notification, NotificationPage, NotificationsReadSignal } from '../../internal/types.ts';
import { relative } from '../../internal/format.ts';
import { accountCatalogue } from '../../translations/account.ts';
import { tokens } from '../../themes/tokens.styles.ts';
import { styles } from './claims-notifications.styles.ts';
import '../../events/claims-notification-open.ts';

/** The first page as loaded, and the last local change (`Change.seq`) it already reflects. */
interface Snapshot {
  session: ClaimsSession;
  after: number;
  page: NotificationPage;
}

/**
 * A notification as it arrived live or was read here, numbered in the order things happened here.
 * `delta` is what it did to the unread count (+1 a new unread one, -1 one read, else 0).
 */
interface Change {
  session: ClaimsSession;
  seq: number;
  notification: Notification;
  delta: number;
}

/** An unread count the server answered (after a read here or elsewhere), numbered like changes. */
interface Count {
  session: ClaimsSession;
  seq: number;
  unread: number;
}

/** Below this viewport width the panel is a sheet along the bottom of the screen, not a popover. */
const NARROW = '(max-width: 639.98px)';
/** Gap between the bell and the popover, and least distance of the popover from the viewport's edges. */
const GAP = 6;
const MARGIN = 8;
const supportsPopover = typeof HTMLElement !== 'undefined' && typeof HTMLElement.prototype.showPopover === 'function';

const newestFirst = (a: Notification, b: Notification) => (a.updatedAt === b.updatedAt ? (a.id < b.id ? 1 : -1) : a.updatedAt < b.updatedAt ? 1 : -1);

/**
 * The user's notifications: a bell with the unread count that opens a panel listing them newest
 * first, each a sentence about one claim with how long ago it happened; a claim's unread ones are
 * one entry, the newest, with "(+2)" for the others. Activating one marks it (and those) read and
 * fires `claims-notification-open` (`<claims-app>` opens the claim). New ones arrive on
 * the live stream, update the list and the badge and are announced politely; after the stream
 * reconnects the first page is loaded again, since what came meanwhile was not replayed.
 *
 * Enter or Space on the bell opens the panel and moves focus into it; Escape or its close button
 * closes it and returns focus to the bell; a click outside closes it. The panel is shown in the top
 * layer (a popover), so no ancestor's overflow, stacking or containment cuts it: on viewports
 * narrower than 640 px it is a modal sheet along the bottom of the screen (focus kept inside, the
 * page behind not scrolled); wider, it hangs below the bell, aligned to the bell's end edge and
 * kept inside the viewport.
 *
 * @tag claims-notifications
 *
 * @attr open - Whether the panel is open.
 * @attr api-base - Base URL of the API; optional inside a configured element.
 * @attr token - User token; optional inside a configured element.
 * @attr lang - `es`, `en`, `pt`, `fr`, `de`, `it` or `ca`; a region is ignored (`fr-CA` is French).
 *
 * @fires {ClaimsNotificationOpenDetail} claims-notification-open - A notification about a claim was activated: open its claim. Detail: `{ claimId, notification }`. One about no claim (a webhook disabled, for admins) is only marked read.
 * @fires {ClaimsErrorDetail} claims-error - Loading or marking read failed.
 * @fires {ClaimsLiveEventDetail} claims-live-event - A live event arrived (only when this element holds the configuration).
 *
 * @csspart base - The wrapper.
 * @csspart bell - The bell button.
 * @csspart badge - The unread count on the bell.
 * @csspart panel - The panel with the notifications (class `sheet` on narrow viewports).
 * @csspart close-button - The panel's close button.
 * @csspart mark-all-button - "Mark all as read".
 * @csspart list - The list of notifications.
 * @csspart item - One notification (`item-unread` is added to unread ones).
 * @csspart item-unread - A notification not read yet.
 * @csspart load-more - The "Load more" button.
 * @csspart state - Loading, empty and error states.
 *
 * @cssprop --claims-notifications-width - Width of the panel.
 * @cssprop --claims-notifications-height - Greatest height of the panel.
 * @cssprop --claims-color-primary - Unread markers and the badge.
 */
export class ClaimsNotifications extends ClaimsElement {
  static override styles = [tokens, styles];
  static override catalogues = [accountCatalogue];

  /** Whether the panel is open. */
  @property({ type: Boolean, reflect: true }) accessor open = false;

  @state() private accessor changes: readonly Change[] = [];
  @state() private accessor count: Count | null = null;
  /** Pages added by "Load more", and the snapshot they continue. */
  @state() private accessor more: { snapshot: Snapshot | null; pages: NotificationPage[] } = { snapshot: null, pages: [] };
  @state() private accessor loadingMore = false;
  @state() private accessor problem: ApiError | null = null;
  @state() private accessor announcement = '';
  /** Whether the open panel is a sheet (narrow viewport) rather than a popover. */
  @state() private accessor sheet = false;

  @query('[part~="bell"]') private accessor bell!: HTMLButtonElement | null;
  @query('.layer') private accessor layer!: HTMLElement | null;
  @query('[part~="panel"]') private accessor panel!: HTMLElement | null;

  #seq = 0;
  #offLive: (() => void) | null = null;
  #liveSession: ClaimsSession | null = null;
  #focusPanel = false;
  #narrow: MediaQueryList | null = null;
  /** The page's own inline `overflow` on <html>, while a sheet keeps the page from scrolling. */
  #lockedOverflow: string | null = null;

  #page = this.loadTask({
    report: 'notifications',
    args: () => [],
    load: async (session, _, signal) => {
      const after = this.#seq;
      return { session, after, page: await session.api.notifications(undefined, { signal }) } satisfies Snapshot;
    },
  });

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('click', this.#onDocumentClick);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('click', this.#onDocumentClick);
    this.#follow(false);
    this.#lockPage(false);
    // Taken out of the page, the popover left the top layer: it opens again from the bell.
    this.open = false;
    this.#offLive?.();
    this.#offLive = null;
    this.#liveSession = null;
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (changed.has('open') && this.open) {
      this.#narrow ??= window.matchMedia(NARROW);
      this.sheet = this.#narrow.matches;
    }
    const session = this.isConnected ? this.session : null;
    if (session === this.#liveSession) return;
    this.#offLive?.();
    this.#offLive = null;
    this.#liveSession = session;
    if (!session) return;
    const offSignals = session.live.onSignal((type, data) => {
      if (type === 'notification') this.#arrived(session, data);
      else if (type === 'notifications-read') this.#readElsewhere(session, data);
    });
    // Notifications are signals, which are not replayed: after a reconnect, what came meanwhile is
    // only in a page loaded from now.
    let down = false;
    const offState = session.live.onState((state) => {
      if (state === 'open' && down) void this.#page.run();
      down = state === 'reconnecting';
    });
    this.#offLive = () => {
      offSignals();
      offState();
    };
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    if (changed.has('open')) {
      const layer = this.layer;
      if (layer && supportsPopover && this.open !== layer.matches(':popover-open')) {
        if (this.open) layer.showPopover();
        else layer.hidePopover();
      }
      this.#follow(this.open);
    }
    this.#lockPage(this.open && this.sheet);
    if (this.open) this.#place();
    if (!this.#focusPanel) return;
    this.#focusPanel = false;
    // The newest notification, or the panel's heading while there is none to show.
    (this.renderRoot.querySelector<HTMLElement>('[part~="item"]') ?? this.renderRoot.querySelector<HTMLElement>('#title'))?.focus();
  }

  /** Places the popover below the bell, aligned to its end edge and clamped to the viewport (a sheet is placed by CSS). */
  #place(): void {
    const panel = this.panel;
    const bell = this.bell;
    if (!panel || !bell) return;
    const style = panel.style;
    if (this.sheet) {
      for (const p of ['left', 'top', 'bottom', 'max-height']) style.removeProperty(p);
      return;
    }
    const b = bell.getBoundingClientRect();
    const vw = document.documentElement.clientWidth || window.innerWidth;
    const vh = window.innerHeight;
    const width = Math.min(panel.offsetWidth, vw - 2 * MARGIN);
    const rtl = getComputedStyle(this).direction === 'rtl';
    const left = Math.max(MARGIN, Math.min(rtl ? b.left : b.right - width, vw - MARGIN - width));
    const below = vh - b.bottom - GAP - MARGIN;
    const above = b.top - GAP - MARGIN;
    // Upwards only when there is little room below and more above.
    const up = below < 240 && above > below;
    style.left = `${Math.round(left)}px`;
    style.top = up ? 'auto' : `${Math.round(b.bottom + GAP)}px`;
    style.bottom = up ? `${Math.round(vh - b.top + GAP)}px` : 'auto';
    style.maxHeight = `min(var(--claims-notifications-height, 28rem), ${Math.max(120, Math.floor(up ? above : below))}px)`;
  }

  #onViewportChange = (): void => {
    if (!this.open) return;
    const sheet = !!this.#narrow?.matches;
    if (sheet !== this.sheet) this.sheet = sheet;
    else this.#place();
  };

  /** While open, follows the bell as the page scrolls or the viewport changes. */
  #follow(on: boolean): void {
    const method = on ? 'addEventListener' : 'removeEventListener';
    window[method]('resize', this.#onViewportChange);
    document[method]('scroll', this.#onViewportChange, { capture: true, passive: true } as AddEventListenerOptions);
  }

  /** Keeps the page behind a sheet from scrolling, and gives it back its own overflow after. */
  #lockPage(on: boolean): void {
    const root = document.documentElement;
    if (on && this.#lockedOverflow === null) {
      this.#lockedOverflow = root.style.overflow;
      root.style.overflow = 'hidden';
    } else if (!on && this.#lockedOverflow !== null) {
      root.style.overflow = this.#lockedOverflow;
      this.#lockedOverflow = null;
    }
  }

  get #t() {
    return this.localize(accountCatalogue).notifications;
  }

  /** The page on screen for the current session (kept while the next one loads). */
  get #snapshot(): Snapshot | undefined {
    const value = this.#page.value;
    return value && value.session === this.session ? value : undefined;
  }

  /**
   * The loaded pages with what arrived or was read here since the first was asked for, newest first:
   * `all` of them, and the `items` listed — a claim's unread ones as one, the newest, as the server
   * lists them (what arrives live may stand for some loaded before).
   */
  #view(snapshot: Snapshot): { all: Notification[]; items: Notification[]; unread: number; nextCursor: string | null } {
    const pages = [snapshot.page, ...(this.more.snapshot === snapshot ? this.more.pages : [])];
    const byId = new Map<string, Notification>();
    for (const n of pages.flatMap((p) => p.items)) if (!byId.has(n.id)) byId.set(n.id, n);
    const count = this.count?.session === snapshot.session && this.count.seq > snapshot.after ? this.count : null;
    let unread = count?.unread ?? snapshot.page.unread;
    for (const change of this.changes) {
      if (change.session !== snapshot.session || change.seq <= snapshot.after) continue;
      const loaded = byId.get(change.notification.id);
      // The first page may already reflect a change that came while it loaded.
      const reflected = !count && loaded && snapshot.page.items.includes(loaded) && loaded.updatedAt >= change.notification.updatedAt && loaded.read === change.notification.read;
      if (change.seq > (count?.seq ?? snapshot.after) && !reflected) unread += change.delta;
      if (!loaded || change.notification.updatedAt >= loaded.updatedAt) byId.set(change.notification.id, change.notification);
    }
    const all = [...byId.values()].sort(newestFirst);
    const folded = new Set<string>();
    const items = all.filter((n) => {
      if (n.read || n.claimId === null) return true;
      if (folded.has(n.claimId)) return false;
      folded.add(n.claimId);
      return true;
    });
    return { all, items, unread: Math.max(0, unread), nextCursor: pages.at(-1)?.nextCursor ?? null };
  }

  /** Records notifications as they are now here, each with what it does to the unread count. */
  #record(session: ClaimsSession, notifications: Notification[]): void {
    const snapshot = this.#snapshot;
    const known = new Map((snapshot ? this.#view(snapshot).all : []).map((n) => [n.id, n]));
    const added = notifications.map((notification) => {
      const before = known.get(notification.id);
      const wasUnread = !!before && !before.read;
      const delta = notification.read ? (wasUnread ? -1 : 0) : wasUnread ? 0 : 1;
      return { session, seq: ++this.#seq, notification, delta };
    });
    this.changes = [...this.changes.filter((c) => c.session === session && c.seq > (snapshot?.after ?? 0)), ...added];
  }

  #setCount(session: ClaimsSession, unread: number): void {
    this.count = { session, seq: ++this.#seq, unread };
  }

  #arrived(session: ClaimsSession, notification: Notification): void {
    this.#record(session, [notification]);
    if (!notification.read) this.announcement = this.#t.arrived(this.#line(notification));
  }

  #readElsewhere(session: ClaimsSession, { ids, unread }: NotificationsReadSignal): void {
    const snapshot = this.#snapshot;
    const all = snapshot ? this.#view(snapshot).all : [];
    const read = all.filter((n) => !n.read && (ids === null || ids.includes(n.id)));
    this.#record(session, read.map((n) => ({ ...n, read: true })));
    this.#setCount(session, unread);
  }

  /** Marks notifications read here at once, then on the server; the server's count follows. */
  async #markRead(notifications: Notification[], which: string[] | 'all'): Promise<void> {
    const session = this.session;
    if (!session) return;
    this.problem = null;
    this.#record(session, notifications.filter((n) => !n.read).map((n) => ({ ...n, read: true })));
    try {
      this.#setCount(session, await session.api.readNotifications(which));
      if (which === 'all') this.announcement = this.#t.allRead;
    } catch (error) {
      // What is shown may be wrong now: the list comes again from the server.
      this.problem = this.fail(error, 'notifications');
      void this.#page.run();
    }
  }

  /** Reads the entry and what it stands for (the server reads those by its id too), and opens its claim. */
  #activate(notification: Notification): void {
    this.#close(true);
    const snapshot = this.#snapshot;
    const { claimId } = notification;
    const standsFor =
      claimId === null
        ? [notification]
        : (snapshot ? this.#view(snapshot).all : []).filter((n) => !n.read && n.claimId === claimId && n.updatedAt <= notification.updatedAt);
    if (!notification.read) void this.#markRead(standsFor, [notification.id]);
    if (claimId !== null) this.emit('claims-notification-open', { claimId, notification });
  }

  /** What a notification says, once with its claim's reference, and how many more of the claim it stands for. */
  #line(n: Notification): string {
    const text = `${this.#t.text(n)}${n.folded ? ` (+${n.folded})` : ''}`;
    return n.claimReference === null ? text : `${n.claimReference} · ${text}`;
  }

  async #loadMore(): Promise<void> {
    const snapshot = this.#snapshot;
    if (!snapshot || this.loadingMore) return;
    const { nextCursor } = this.#view(snapshot);
    if (!nextCursor) return;
    this.loadingMore = true;
    this.problem = null;
    try {
      const page = await snapshot.session.api.notifications(nextCursor);
      this.more = { snapshot, pages: [...(this.more.snapshot === snapshot ? this.more.pages : []), page] };
    } catch (error) {
      this.problem = this.fail(error, 'notifications');
    } finally {
      this.loadingMore = false;
    }
  }

  #toggle(): void {
    if (this.open) return this.#close(false);
    this.open = true;
    this.#focusPanel = true;
  }

  #close(focusBell: boolean): void {
    this.open = false;
    if (focusBell) this.bell?.focus();
  }

  #onKeydown(e: KeyboardEvent): void {
    if (!this.open) return;
    if (e.key === 'Escape') {
      e.preventDefault();
      this.#close(true);
    } else if (e.key === 'Tab' && this.sheet) this.#keepFocus(e);
  }

  /** Tab and Shift+Tab go round the sheet's controls, as it is modal. */
  #keepFocus(e: KeyboardEvent): void {
    const panel = this.panel;
    if (!panel) return;
    const focusable = [...panel.querySelectorAll<HTMLElement>('button:not([disabled]), [href], [tabindex]:not([tabindex="-1"])')];
    const first = focusable[0];
    const last = focusable.at(-1);
    if (!first || !last) return;
    const active = this.shadowRoot?.activeElement ?? null;
    const inside = !!active && panel.contains(active);
    if (e.shiftKey && (!inside || active === first || active?.id === 'title')) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && (!inside || active === last)) {
      e.preventDefault();
      first.focus();
    }
  }

  /** A click on the sheet's backdrop (the layer around the panel) closes it. */
  #onLayerClick(e: MouseEvent): void {
    if (e.target === e.currentTarget) this.#close(true);
  }

  #onDocumentClick = (e: MouseEvent): void => {
    if (this.open && !e.composedPath().includes(this)) this.#close(false);
  };

  override render() {
    const t = this.#t;
    const snapshot = this.#snapshot;
    const view = snapshot ? this.#view(snapshot) : null;
    const unread = view?.unread ?? 0;
    return html`<div part="base" class="base" lang=${this.language} @keydown=${this.#onKeydown}>
      <button
        type="button"
        part="bell"
        class="bell"
        aria-label=${t.bell(unread)}
        aria-expanded=${this.open ? 'true' : 'false'}
        aria-controls="panel"
        @click=${this.#toggle}
      >
        <svg aria-hidden="true" viewBox="0 0 20 20" width="20" height="20"><path fill="currentColor" d="M10 2a5.5 5.5 0 0 0-5.5 5.5v2.9L3 13.2V15h14v-1.8l-1.5-2.8V7.5A5.5 5.5 0 0 0 10 2Zm0 1.5a4 4 0 0 1 4 4v3.3l1.2 2.7H4.8L6 10.8V7.5a4 4 0 0 1 4-4ZM8 16a2 2 0 0 0 4 0H8Z"/></svg>
        ${unread ? html`<span part="badge" class="count" aria-hidden="true">${unread > 99 ? '99+' : unread}</span>` : nothing}
      </button>
      <div class="layer ${this.sheet ? 'sheet' : 'pop'}" popover="manual" ?hidden=${!this.open} @click=${this.#onLayerClick}>
      <div
        part="panel"
        id="panel"
        class="panel ${this.sheet ? 'sheet' : ''}"
        role="dialog"
        aria-labelledby="title"
        aria-modal=${this.sheet ? 'true' : nothing}
        ?hidden=${!this.open}
      >
        <div class="head">
          <h2 id="title" tabindex="-1">${t.title}</h2>
          <button type="button" part="mark-all-button" class="btn ghost mark" ?disabled=${!unread} @click=${() => this.#markRead(view?.all ?? [], 'all')}>
            ${t.markAllRead}
          </button>
          <button type="button" part="close-button" class="btn ghost close" aria-label=${this.t.app.close} @click=${() => this.#close(true)}>
            <svg aria-hidden="true" viewBox="0 0 20 20" width="20" height="20"><path fill="currentColor" d="M5.3 4.2 10 8.9l4.7-4.7 1.1 1.1-4.7 4.7 4.7 4.7-1.1 1.1-4.7-4.7-4.7 4.7-1.1-1.1 4.7-4.7-4.7-4.7 1.1-1.1Z"/></svg>
          </button>
        </div>
        ${this.open
          ? this.#page.render({
              initial: () => this.renderLoading(),
              pending: () => (view ? this.#renderList(view, true) : this.renderLoading()),
              complete: () => (view ? this.#renderList(view, false) : nothing),
              error: (error) => this.renderFailure(error, () => this.#page.run()),
            })
          : nothing}
        ${this.problem ? html`<p class="error" role="alert">${this.problemText(this.problem) || this.t.errorTitle}</p>` : nothing}
      </div>
      </div>
      <div class="sr-only" role="status" aria-live="polite">${this.announcement}</div>
    </div>`;
  }

  #renderList({ items, nextCursor }: { items: Notification[]; nextCursor: string | null }, busy: boolean) {
    const t = this.#t;
    if (!items.length) {
      return html`<div part="state" class="state">
        <h3>${t.empty}</h3>
        <p>${t.emptyBody}</p>
      </div>`;
    }
    const now = Date.now();
    return html`<ul part="list" class="list" aria-labelledby="title" aria-busy=${busy || this.#page.status === TaskStatus.PENDING ? 'true' : 'false'}>
        ${items.map(
          (n) => html`<li>
            <button type="button" part="item ${n.read ? '' : 'item-unread'}" class="item ${n.read ? '' : 'unread'}" @click=${() => this.#activate(n)}>
              <span class="dot" aria-hidden="true"></span>
              <span class="text">${n.read ? nothing : html`<span class="sr-only">${t.unread}: </span>`}${this.#line(n)}</span>
              <small class="meta"><time datetime=${n.updatedAt}>${relative(n.updatedAt, this.locale, now)}</time></small>
            </button>
          </li>`,
        )}
      </ul>
      ${nextCursor
        ? html`<button type="button" part="load-more" class="btn more" ?disabled=${this.loadingMore} @click=${this.#loadMore}>
            ${this.loadingMore ? this.t.loading : this.t.loadMore}
          </button>`
        : nothing}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'claims-notifications': ClaimsNotifications;
  }
}
