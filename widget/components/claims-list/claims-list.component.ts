import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { TaskStatus } from '@lit/task';
import { ClaimsElement } from '../../internal/claims-element.ts';
import { ApiError } from '../../internal/api-error.ts';
import type { ClaimsSession } from '../../internal/session.ts';
import {
  CLAIM_STATUSES,
  CLAIM_TYPES,
  type Claim,
  type ClaimStatus,
  type ClaimSummary,
  type ClaimSummaryPage,
  type ClaimDeadlineFilter,
  type ClaimType,
  type LiveEvent,
} from '../../internal/types.ts';
import { money, prepareFormats, relative, timeLeft } from '../../internal/format.ts';
import { mergePage } from '../../internal/freshness.ts';
import { tokens } from '../../themes/tokens.styles.ts';
import { styles } from './claims-list.styles.ts';
import { messageIcon } from './claims-list.icons.ts';
import { consoleCatalogue } from '../../translations/console.ts';
import type { ConsoleTranslation } from '../../translations/translation.ts';
import '../../events/claims-select.ts';
import { claimMatchesSearch } from '../../../domain/search.ts';
import { deadlineOrderOf } from '../../../domain/deadline-order.ts';

type Counts = Partial<Record<ClaimStatus, number>>;

/** Whose claims: anyone's, the caller's, nobody's yet, or one handler's (by id). */
export type HandlerFilter = '' | 'me' | 'none' | (string & {});
export type ClaimsSort = 'newest' | 'deadline';

interface Filters {
  status: ClaimStatus | '';
  type: ClaimType | '';
  deadline: ClaimDeadlineFilter | '';
  q: string;
  companyId: string;
  handler: HandlerFilter;
  sort: ClaimsSort;
  limit: number;
}

/** The first page as loaded, with what it was asked for and what it already reflects. */
interface Snapshot {
  session: ClaimsSession;
  filters: Filters;
  /** The last event id delivered before the page was asked for: the page reflects every event up to it. */
  after: number;
  page: ClaimSummaryPage;
  /** The caller's id, when the page is filtered by `handler=me` (to tell whether a claim that arrives live fits). */
  me: string;
}

/** A claim as fetched after a live event about it. */
interface Arrival {
  session: ClaimsSession;
  claim: Claim;
  eventId: number;
  /** Created live: it goes on top when it fits. Other arrivals only freshen the claims loaded. */
  created: boolean;
  /** Opened since it arrived: its "new" or "updated" marker is gone. */
  seen: boolean;
}

/** What the list shows, derived from a snapshot, the pages loaded after it and what arrived live. */
interface View {
  claims: ClaimSummary[];
  marks: Map<string, 'new' | 'updated'>;
  nextCursor: string | null;
}

// A placeholder row: a claim row's boxes, each holding a no-break space (so the height of a line
// of its text, with no text to lay out) and drawn as a block. Written compactly: Lit keeps a
// template's whitespace, and this one is in the start bundle.
const placeholder = (staff: boolean) =>
  html`<li><span class="row"><span class="main"><span class="line"><span class="ref">&nbsp;</span></span><span class="sub">&nbsp;</span><span class="sub">&nbsp;</span
  >${staff ? html`<span class="sub">&nbsp;</span>` : nothing}</span><span class="side"><span class="badge">&nbsp;</span><span class="amount">&nbsp;</span
  ><span class="when">&nbsp;</span></span></span></li>`;
const PLACEHOLDER = placeholder(false);
const STAFF_PLACEHOLDER = placeholder(true);
/** Less than any row is tall (three lines of text and the padding): enough placeholders, or rows, to fill a screen. */
const MIN_ROW_PX = 56;

/**
 * The company's claims: status chips with counts, a type filter, search, paging, live updates
 * and keyboard navigation (arrow keys between rows, Enter opens). With `staff`, it is the
 * handler's queue across companies: company and assignment filters, a sort (deadline soonest
 * first, or newest), and each row names its handler.
 *
 * @tag claims-list
 *
 * @attr api-base - Base URL of the API (`…/api/v1`); optional inside a configured element.
 * @attr token - User token; optional inside a configured element.
 * @attr lang - `es`, `en`, `pt`, `fr`, `de`, `it` or `ca`; a region is ignored (`fr-CA` is French).
 * @attr status - Initial status filter.
 * @attr type - Initial claim type filter.
 * @attr page-size - Claims per page (default 20).
 * @attr staff - Shows the staff filters (company, assignment, sort) and each claim's handler.
 * @attr company-id - Company filter (staff).
 * @attr handler - Assignment filter: `me`, `none` or a handler id; empty for all.
 * @attr deadline - Deadline filter: `at_risk`, the claims still running whose filing deadline falls within the warning window (72 h by default); empty for all. The host shows it and clears it (the list has no control for it, and "Clear filters" leaves it).
 * @attr sort - `newest` (default) or `deadline` (soonest first).
 * @attr selected-id - The claim shown beside the list, marked as current.
 *
 * @fires {ClaimsSelectDetail} claims-select - A claim was opened (click or Enter). Detail: `{ id }`.
 * @fires {ClaimsErrorDetail} claims-error - A request failed. Detail: `{ status, title, detail, action }`.
 * @fires {ClaimsLiveEventDetail} claims-live-event - A live event arrived (only when this element holds the configuration).
 *
 * @csspart base - The wrapper.
 * @csspart toolbar - Filters, search and live indicator.
 * @csspart filter-chip - One status filter: a radio of the status chips' group (one Tab stop; arrow keys, Home and End pick).
 * @csspart search - The search input.
 * @csspart type-select - The claim type select.
 * @csspart company-select - The company select (staff).
 * @csspart handler-select - The assignment select (staff).
 * @csspart sort-select - The sort select (staff).
 * @csspart live-indicator - The live connection indicator.
 * @csspart list - The list of claims.
 * @csspart row - One claim row.
 * @csspart status-badge - The status badge in a row.
 * @csspart marker - "Needs action", "New" and "Updated" markers.
 * @csspart over-limit - "Over the limit": what the claim asks is over the carrier's liability limit (staff).
 * @csspart unread-badge - How many of the claim's messages the user has not read.
 * @csspart handler - The claim's handler, or "Unassigned" (staff).
 * @csspart load-more - The "Load more" button.
 * @csspart state - Empty, loading, error and no-access states.
 *
 * @cssprop --claims-color-primary - Accent colour.
 * @cssprop --claims-color-surface - Background.
 * @cssprop --claims-color-text - Text colour.
 * @cssprop --claims-radius - Corner radius.
 * @cssprop --claims-font-family - Font family.
 * @cssprop --claims-spacing - Base spacing unit (density).
 */
export class ClaimsList extends ClaimsElement {
  static override styles = [tokens, styles];

  /** Status filter; empty for all. */
  @property() accessor status: ClaimStatus | '' = '';

  /** Claim type filter; empty for all. */
  @property() accessor type: ClaimType | '' = '';

  /** Search text. */
  @property() accessor q = '';

  /** Claims per page. */
  @property({ type: Number, attribute: 'page-size' }) accessor pageSize = 20;

  /** The handler's queue: staff filters, and each row names the claim's handler. */
  @property({ type: Boolean }) accessor staff = false;

  /** Company filter (staff); empty for all. */
  @property({ attribute: 'company-id' }) accessor companyId = '';

  /** Assignment filter: `me`, `none` or a handler's id; empty for all. */
  @property() accessor handler: HandlerFilter = '';

  /** `at_risk`: only the claims about to miss their filing deadline; empty for all. */
  @property() accessor deadline: ClaimDeadlineFilter | '' = '';

  /** `newest` first, or by `deadline`, soonest first. */
  @property() accessor sort: ClaimsSort = 'newest';

  /** The claim open beside the list: its row is marked current. */
  @property({ attribute: 'selected-id' }) accessor selectedId = '';

  /** Claims fetched after live events about them, by id. */
  @state() private accessor arrivals = new Map<string, Arrival>();
  /** Pages added by "Load more", and the snapshot they continue. */
  @state() private accessor more: { snapshot: Snapshot | null; pages: ClaimSummaryPage[] } = { snapshot: null, pages: [] };
  /** Counts refreshed after live events, for the snapshot they were asked for. */
  @state() private accessor liveCounts: { snapshot: Snapshot; counts: Counts } | null = null;
  @state() private accessor loadingMore = false;
  @state() private accessor moreError: ApiError | null = null;
  /** The row that takes the list's one Tab stop (the first when it is not shown). */
  @state() private accessor activeId = '';
  @state() private accessor announcement = '';

  // The staff filters' words (translations/console.ts): a customer's list never loads them.
  protected override get catalogues() {
    return this.staff ? [...super.catalogues, consoleCatalogue] : super.catalogues;
  }

  get #staffText(): ConsoleTranslation {
    return this.localize(consoleCatalogue);
  }

  /**
   * A page's first draw holds the rows a screen shows, the others a task later: twenty rows with
   * their formats are one long task on a slow phone, and those below the screen can wait. The
   * snapshot drawn with a screenful so far, and the one drawn whole.
   */
  #drawnInPart: Snapshot | null = null;
  #drawnWhole: Snapshot | null = null;
  /** Whether the first draw waited for a task of its own (see scheduleUpdate). */
  #waitedToDraw = false;

  #searchTimer: ReturnType<typeof setTimeout> | undefined;
  #countsTimer: ReturnType<typeof setTimeout> | undefined;
  #focusAfterLoad = '';

  #page = this.loadTask({
    report: 'list',
    args: () => [this.status, this.type, this.deadline, this.q, this.companyId, this.handler, this.sort, this.pageSize],
    load: async (session, [status, type, deadline, q, companyId, handler, sort, limit], signal) => {
      const filters: Filters = { status, type, deadline, q, companyId, handler, sort, limit };
      const after = Number(session.live.lastEventId ?? 0);
      const loading = Promise.all([session.api.listClaims(filters, { signal }), handler === 'me' ? session.me().then((user) => user.id) : '']);
      // Made while the claims are on their way, not in the task that draws them.
      prepareFormats(this.locale);
      const [page, me] = await loading;
      return { session, filters, after, page, me };
    },
  });

  /** The companies to filter by (staff only). */
  #companies = this.loadTask({ live: false, args: () => [this.staff || null], load: (session, _, signal) => session.api.companies({ signal }) });

  /** Moves focus to the row of a claim (used when coming back from its detail). */
  focusClaim(id: string): void {
    const snapshot = this.#snapshot;
    if (!snapshot || !this.#view(snapshot).claims.some((c) => c.id === id)) return;
    this.activeId = id;
    void this.updateComplete.then(() => this.#rows().find((row) => row.dataset.id === id)?.focus());
  }

  /** Reloads the first page. */
  reload(): void {
    void this.#page.run();
  }

  /**
   * The first draw waits for a task of its own: inside `<claims-app>` it would otherwise come in
   * the task that draws the app, the two together one long task on a slow phone.
   */
  protected override scheduleUpdate(): void | Promise<unknown> {
    if (this.hasUpdated || this.#waitedToDraw) return super.scheduleUpdate();
    this.#waitedToDraw = true;
    return new Promise((resolve) => setTimeout(resolve)).then(() => super.scheduleUpdate());
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const part = this.#drawnInPart;
    if (part) {
      this.#drawnInPart = null;
      setTimeout(() => {
        this.#drawnWhole = part;
        this.requestUpdate();
      });
    }
    if (this.#focusAfterLoad) {
      this.#rows().find((row) => row.dataset.id === this.#focusAfterLoad)?.focus();
      this.#focusAfterLoad = '';
    }
  }

  #rows(): HTMLElement[] {
    return [...(this.renderRoot.querySelectorAll<HTMLElement>('[part~="row"]') ?? [])];
  }

  /**
   * The last page loaded for the current session, kept on screen while the next one loads;
   * nothing of another session (another user or API) is ever shown.
   */
  get #snapshot(): Snapshot | undefined {
    const value = this.#page.value;
    return value && value.session === this.session ? value : undefined;
  }

  /**
   * The loaded pages, freshened by the claims that arrived live since the snapshot was asked
   * for, with those created since on top: whatever order snapshot and stream came in, nothing
   * the stream brought is lost or overwritten by an older snapshot.
   */
  #view(snapshot: Snapshot): View {
    const pages = [snapshot.page, ...(this.more.snapshot === snapshot ? this.more.pages : [])];
    const loaded = new Map<string, ClaimSummary>();
    for (const claim of pages.flatMap((page) => page.items)) if (!loaded.has(claim.id)) loaded.set(claim.id, claim);
    // Staff follow every claim: one that comes to fit the filters (say, assigned to me) joins the queue.
    // Whether a claim is at risk depends on the server's warning window: filtered so, the loaded ones are only kept fresh.
    const recent = [...this.arrivals.values()].filter(
      (a) => a.session === snapshot.session && a.eventId > snapshot.after && ((!snapshot.filters.deadline && (a.created || this.staff)) || loaded.has(a.claim.id)),
    );
    const nextCursor = pages.at(-1)?.nextCursor ?? null;
    const { sort } = snapshot.filters;
    // By deadline, a claim due after the last one loaded belongs to a page not loaded yet.
    const dueOrder = (claim: ClaimSummary) => deadlineOrderOf(claim.status, claim.deadlineAt);
    const lastDue = nextCursor && sort === 'deadline' ? [...loaded.values()].map(dueOrder).at(-1) : undefined;
    let claims = mergePage(
      [...loaded.values()],
      recent.map((a) => a.claim),
      (claim) => this.#fits(claim, snapshot) && !(lastDue && dueOrder(claim) > lastDue),
    );
    if (sort === 'deadline') claims = claims.sort((a, b) => (dueOrder(a) < dueOrder(b) ? -1 : dueOrder(a) > dueOrder(b) ? 1 : a.id < b.id ? -1 : 1));
    const shown = new Set(claims.map((c) => c.id));
    const marks = new Map<string, 'new' | 'updated'>();
    for (const a of recent) if (!a.seen && shown.has(a.claim.id)) marks.set(a.claim.id, loaded.has(a.claim.id) ? 'updated' : 'new');
    return { claims, marks, nextCursor };
  }

  #counts(snapshot: Snapshot | undefined): Counts {
    if (this.liveCounts && this.liveCounts.snapshot === snapshot) return this.liveCounts.counts;
    return snapshot?.page.counts ?? {};
  }

  protected override async liveEvent(event: LiveEvent): Promise<void> {
    const session = this.session;
    if (!session || !('claimId' in event)) return;
    this.#refreshCounts();
    const shown = (snapshot: Snapshot | undefined) => !!snapshot && this.#view(snapshot).claims.some((c) => c.id === event.claimId);
    // While a page loads, any claim may turn out to be on it: its change is kept, to merge.
    const loading = this.#page.status === TaskStatus.PENDING;
    // Staff follow changes to any claim of the companies in view, which may come to fit the filters.
    const follow = this.staff && (!this.companyId || event.companyId === this.companyId);
    if (event.type !== 'claim.created' && !loading && !follow && !shown(this.#snapshot)) return;
    const fetched = session.claims.after(event);
    if (!fetched) return; // nothing a row shows changed
    let claim: Claim;
    try {
      // Shared with the other elements showing the claim, and at most one request per claim per window.
      claim = await fetched;
    } catch {
      return;
    }
    if (session !== this.session) return;
    const snapshot = this.#snapshot;
    const wasShown = shown(snapshot);
    // What the snapshot on screen already reflects is dropped: the map holds only what it lacks.
    const arrivals = new Map([...this.arrivals].filter(([, a]) => a.session === session && a.eventId > (snapshot?.after ?? 0)));
    const created = event.type === 'claim.created' || !!arrivals.get(claim.id)?.created;
    // Someone reading the conversation changes an unread count, not the claim: no mark for it.
    const seen = event.type === 'message.read' ? (arrivals.get(claim.id)?.seen ?? true) : false;
    this.arrivals = arrivals.set(claim.id, { session, claim, eventId: event.id, created, seen });
    if (!wasShown && shown(snapshot)) this.announcement = this.t.newClaimsAnnounced(1);
  }

  /** Whatever arrived before is void (see ClaimsElement.liveReset): the page loads again from now. */
  protected override liveReset(): void {
    this.arrivals = new Map();
  }

  /** Whether a claim belongs in the list under the filters and search of a snapshot. */
  #fits(claim: Claim, { filters: { status, type, deadline, q, companyId, handler }, me }: Snapshot): boolean {
    if ((status && status !== claim.status) || (type && type !== claim.type)) return false;
    if (deadline && claim.deadline.state !== 'running') return false;
    if (companyId && companyId !== claim.companyId) return false;
    const assignee = claim.handler?.id ?? null;
    if (handler && assignee !== (handler === 'none' ? null : handler === 'me' ? me : handler)) return false;
    return claimMatchesSearch(claim, q);
  }

  #refreshCounts(): void {
    clearTimeout(this.#countsTimer);
    this.#countsTimer = setTimeout(async () => {
      const snapshot = this.#snapshot;
      if (!snapshot) return;
      const { session, filters } = snapshot;
      try {
        const { type, deadline, q, companyId, handler } = filters;
        const page = await session.api.listClaims({ type, deadline, q, companyId, handler, limit: 1 });
        if (page.counts) this.liveCounts = { snapshot, counts: page.counts };
      } catch {
        // Counts are a convenience; the next event retries.
      }
    }, 250);
  }

  async #loadMore(): Promise<void> {
    const snapshot = this.#snapshot;
    if (!snapshot || this.loadingMore) return;
    const { claims, nextCursor } = this.#view(snapshot);
    if (!nextCursor) return;
    this.loadingMore = true;
    this.moreError = null;
    try {
      const page = await snapshot.session.api.listClaims({ ...snapshot.filters, cursor: nextCursor });
      const pages = this.more.snapshot === snapshot ? this.more.pages : [];
      this.more = { snapshot, pages: [...pages, page] };
      const firstNew = this.#view(snapshot).claims[claims.length];
      if (firstNew) {
        this.activeId = firstNew.id;
        this.#focusAfterLoad = firstNew.id;
      }
    } catch (error) {
      this.moreError = this.fail(error, 'list');
    } finally {
      this.loadingMore = false;
    }
  }

  #select(claim: ClaimSummary): void {
    this.activeId = claim.id;
    const arrival = this.arrivals.get(claim.id);
    if (arrival && !arrival.seen) this.arrivals = new Map(this.arrivals).set(claim.id, { ...arrival, seen: true });
    this.emit('claims-select', { id: claim.id });
  }

  #onKeydown(e: KeyboardEvent): void {
    const rows = this.#rows();
    const current = rows.indexOf(e.composedPath()[0] as HTMLElement);
    if (current < 0) return;
    const next =
      e.key === 'ArrowDown' ? Math.min(current + 1, rows.length - 1)
      : e.key === 'ArrowUp' ? Math.max(current - 1, 0)
      : e.key === 'Home' ? 0
      : e.key === 'End' ? rows.length - 1
      : -1;
    if (next < 0) return;
    e.preventDefault();
    this.activeId = rows[next]?.dataset.id ?? '';
    rows[next]?.focus();
  }

  /** The status chips are one radio group, one Tab stop: the arrow keys, Home and End move to a chip and pick it. */
  #onChipKeydown(e: KeyboardEvent): void {
    const chips = [...this.renderRoot.querySelectorAll<HTMLElement>('.chip')];
    const at = chips.indexOf(e.target as HTMLElement);
    const n = chips.length;
    const to = ({ ArrowRight: at + 1, ArrowDown: at + 1, ArrowLeft: at + n - 1, ArrowUp: at + n - 1, Home: 0, End: n - 1 } as Partial<Record<string, number>>)[e.key];
    if (to === undefined) return;
    e.preventDefault();
    chips[to % n]!.click();
    chips[to % n]!.focus();
  }

  #onSearch(e: InputEvent): void {
    const value = (e.target as HTMLInputElement).value;
    clearTimeout(this.#searchTimer);
    this.#searchTimer = setTimeout(() => (this.q = value), 300);
  }

  #clearFilters(): void {
    this.status = '';
    this.type = '';
    this.q = '';
    this.companyId = '';
    this.handler = '';
    const input = this.renderRoot.querySelector('input');
    if (input) input.value = '';
  }

  override render() {
    const t = this.t;
    if (this.#page.status === TaskStatus.ERROR && this.#page.error instanceof ApiError && this.#page.error.status === 403)
      return html`<div part="base" class="base" lang=${this.language}>
        <div part="state" class="state"><h2>${t.noAccessTitle}</h2><p>${t.noAccessBody}</p></div>
      </div>`;
    const snapshot = this.#snapshot;
    const counts = this.#counts(snapshot);
    const total = Object.values(counts).reduce((a, b) => a + (b ?? 0), 0);
    const hasCounts = Object.keys(counts).length > 0;
    const matching = this.status ? (counts[this.status] ?? null) : hasCounts ? total : null;
    const live = this.liveState === 'open' ? 'on' : this.liveState === 'reconnecting' || this.liveState === 'connecting' ? 'wait' : 'off';
    return html`<div part="base" class="base ${this.staff ? 'staff' : ''}" lang=${this.language}>
      <div part="toolbar" class="toolbar">
        <div class="chips" role="radiogroup" aria-label=${t.filterByStatus} @keydown=${this.#onChipKeydown}>
          ${[['', t.allStatuses, total] as const, ...CLAIM_STATUSES.map((s) => [s, t.status[s], counts[s] ?? 0] as const)].map(
            ([value, label, count]) =>
              html`<button
                type="button"
                role="radio"
                part="filter-chip"
                class="chip"
                aria-checked=${this.status === value ? 'true' : 'false'}
                tabindex=${this.status === value ? 0 : -1}
                @click=${() => (this.status = value)}
              >
                ${label} <span class="count">${hasCounts ? count : nothing}</span>
              </button>`,
          )}
        </div>
        <div class="controls">
          <label class="search">
            <span class="sr-only">${t.search}</span>
            <svg aria-hidden="true" viewBox="0 0 20 20" width="16" height="16"><path fill="currentColor" d="M8.5 3a5.5 5.5 0 0 1 4.38 8.82l3.65 3.65-1.06 1.06-3.65-3.65A5.5 5.5 0 1 1 8.5 3Zm0 1.5a4 4 0 1 0 0 8 4 4 0 0 0 0-8Z"/></svg>
            <input part="search" type="search" .value=${this.q} placeholder=${t.searchPlaceholder} @input=${this.#onSearch} />
          </label>
          <label class="select">
            <span class="sr-only">${t.filterByType}</span>
            <select part="type-select" @change=${(e: Event) => (this.type = (e.target as HTMLSelectElement).value as ClaimType | '')}>
              <option value="" ?selected=${!this.type}>${t.allTypes}</option>
              ${CLAIM_TYPES.map((v) => html`<option value=${v} ?selected=${this.type === v}>${t.type[v]}</option>`)}
            </select>
          </label>
          ${this.staff ? this.#renderStaffFilters() : nothing}
          <span part="live-indicator" class="live ${live}"
            ><span class="dot" aria-hidden="true"></span
            ><span class="labels"
              >${([['on', t.live], ['wait', t.reconnecting], ['off', t.offline]] as const).map(([state, label]) => html`<span class=${state === live ? 'now' : ''}>${label}</span>`)}</span
            ></span
          >
        </div>
      </div>
      ${this.#page.render({
        initial: () => this.#renderLoading(),
        // While another page loads, the one on screen stays (marked busy).
        pending: () => (snapshot ? this.#renderList(snapshot, matching, true) : this.#renderLoading()),
        complete: (loaded) => this.#renderList(loaded, matching, false),
        error: (error) => this.#renderError(error),
      })}
      <div class="sr-only" role="status" aria-live="polite">${this.announcement}</div>
    </div>`;
  }

  /** Company, assignment and sort, for the handler's queue. */
  #renderStaffFilters() {
    const t = this.#staffText;
    const companies = this.#companies.value ?? [];
    const pick = (e: Event) => (e.target as HTMLSelectElement).value;
    return html`<label class="select">
        <span class="sr-only">${t.company}</span>
        <select part="company-select" @change=${(e: Event) => (this.companyId = pick(e))}>
          <option value="" ?selected=${!this.companyId}>${t.allCompanies}</option>
          ${companies.map((c) => html`<option value=${c.id} ?selected=${this.companyId === c.id}>${c.name}</option>`)}
        </select>
      </label>
      <label class="select">
        <span class="sr-only">${t.assignment}</span>
        <select part="handler-select" @change=${(e: Event) => (this.handler = pick(e))}>
          ${([['', t.anyHandler], ['me', t.mine], ['none', t.unassigned]] as const).map(
            ([value, label]) => html`<option value=${value} ?selected=${this.handler === value}>${label}</option>`,
          )}
        </select>
      </label>
      <label class="select">
        <span class="sr-only">${t.sort}</span>
        <select part="sort-select" @change=${(e: Event) => (this.sort = pick(e) as ClaimsSort)}>
          ${([['deadline', t.sortDeadline], ['newest', t.sortNewest]] as const).map(
            ([value, label]) => html`<option value=${value} ?selected=${this.sort === value}>${label}</option>`,
          )}
        </select>
      </label>`;
  }

  /**
   * While the first page loads: as many rows as a page holds, each with the boxes of a claim's row
   * (so its height), so the element is as tall now as it will be with its claims and the host page
   * does not move when they arrive. No more than a screen can show, though: what moves below the
   * screen is no shift anyone sees, and laying out placeholders nobody sees would slow the start.
   */
  #renderLoading() {
    return html`<div part="state" class="skeleton" aria-busy="true">
        <span class="sr-only" role="status">${this.t.loading}</span>
        <ul class="list" aria-hidden="true">${Array(this.#screenRows()).fill(this.staff ? STAFF_PLACEHOLDER : PLACEHOLDER)}</ul>
      </div>
      <div class="foot" aria-hidden="true"></div>`;
  }

  #renderError(error: unknown) {
    const t = this.t;
    return html`<div part="state" class="state" role="alert">
      <h2>${t.errorTitle}</h2>
      <p>${this.problemText(error)}</p>
      <button type="button" class="btn" @click=${() => this.reload()}>${t.retry}</button>
    </div>`;
  }

  /** `matching`: how many claims match the filters, when the counts say. */
  /** As many rows as a screen shows, at most a page. */
  #screenRows(): number {
    return Math.max(1, Math.min(this.pageSize, Math.ceil(innerHeight / MIN_ROW_PX)));
  }

  #renderList(snapshot: Snapshot, matching: number | null, busy: boolean) {
    const t = this.t;
    const { claims, marks, nextCursor } = this.#view(snapshot);
    if (!claims.length) {
      const filtered = !!(this.status || this.type || this.q || this.companyId || this.handler);
      return html`<div part="state" class="state">
        <h2>${filtered ? t.noMatchTitle : t.emptyTitle}</h2>
        <p>${filtered ? t.noMatchBody : t.emptyBody}</p>
        ${filtered ? html`<button type="button" class="btn" @click=${this.#clearFilters}>${t.clearFilters}</button>` : nothing}
      </div>`;
    }
    const has = (id: string) => !!id && claims.some((c) => c.id === id);
    const active = has(this.activeId) ? this.activeId : has(this.selectedId) ? this.selectedId : claims[0]!.id;
    // Staff see several companies at once: then each row says whose claim it is.
    const showCompany = this.staff || new Set(claims.map((c) => c.companyId)).size > 1;
    return html`<ul part="list" class="list" aria-label=${t.claimsList} aria-busy=${busy ? 'true' : 'false'} @keydown=${this.#onKeydown}>
        ${this.#drawn(snapshot, claims).map((claim) => this.#renderRow(claim, claim.id === active, marks.get(claim.id), showCompany))}
      </ul>
      <div class="foot">
        <span class="muted">${t.showing(claims.length, matching !== null ? Math.max(matching, claims.length) : null)}</span>
        ${this.moreError ? html`<span class="error" role="alert">${this.problemText(this.moreError) || t.errorTitle}</span>` : nothing}
        ${nextCursor
          ? html`<button type="button" part="load-more" class="btn" ?disabled=${this.loadingMore} @click=${this.#loadMore}>
              ${this.loadingMore ? t.loading : t.loadMore}
            </button>`
          : nothing}
      </div>`;
  }

  /** The claims to draw now: a screenful at a snapshot's first draw, else all (see #drawnInPart). */
  #drawn(snapshot: Snapshot, claims: ClaimSummary[]): ClaimSummary[] {
    if (this.#drawnWhole === snapshot) return claims;
    if (claims.length > this.#screenRows()) {
      this.#drawnInPart = snapshot;
      return claims.slice(0, this.#screenRows());
    }
    this.#drawnWhole = snapshot;
    return claims;
  }

  #renderRow(claim: ClaimSummary, active: boolean, mark: 'new' | 'updated' | undefined, showCompany: boolean) {
    const t = this.t;
    const amount = claim.claimedAmount ?? claim.declaredValue;
    return html`<li>
      <button
        type="button"
        part="row"
        class="row ${mark ?? ''} ${claim.id === this.selectedId ? 'selected' : ''}"
        aria-current=${claim.id === this.selectedId ? 'true' : nothing}
        data-id=${claim.id}
        tabindex=${active ? 0 : -1}
        @click=${() => this.#select(claim)}
        @focus=${() => (this.activeId = claim.id)}
      >
        <span class="main">
          <span class="line">
            <span class="ref">${claim.reference}</span>
            ${claim.needsAction ? html`<span part="marker" class="badge needs-action">${t.needsAction}</span>` : nothing}
            ${this.#renderOverLimit(claim)}
            ${claim.unreadMessages
              ? html`<span part="unread-badge" class="badge unread" title=${t.chat.unread(claim.unreadMessages)}
                  >${messageIcon}<span aria-hidden="true">${claim.unreadMessages}</span><span class="sr-only">${t.chat.unread(claim.unreadMessages)}</span></span
                >`
              : nothing}
            ${mark ? html`<span part="marker" class="badge mark">${mark === 'new' ? t.newBadge : t.updatedBadge}</span>` : nothing}
          </span>
          <span class="sub">${t.type[claim.type]} · ${t.goods[claim.goods]} · ${t.scope[claim.scope]}</span>
          <span class="sub">${showCompany ? html`<span class="company">${claim.companyName}</span> · ` : nothing}${claim.carrier} · ${claim.trackingNumber}</span>
          ${this.staff
            ? html`<span part="handler" class="sub handler ${claim.handler ? '' : 'unassigned'}">${claim.handler?.name ?? this.#staffText.unassignedClaim}</span>`
            : nothing}
        </span>
        <span class="side">
          <span part="status-badge" class="badge s-${claim.status}">${t.status[claim.status]}</span>
          <span class="amount">${money(amount, this.locale)}</span>
          ${this.#renderWhen(claim)}
        </span>
      </button>
    </li>`;
  }

  /** The flag of a claim whose amount claimed (else declared value) is over its carrier's liability limit: staff see limits, so only the handler's queue shows it. */
  #renderOverLimit(claim: ClaimSummary) {
    const limit = claim.liabilityLimit;
    if (!this.staff || limit?.status !== 'computed' || !limit.exceeded) return nothing;
    const said = this.#staffText.overLimitTitle(money(limit.amount, this.locale));
    return html`<span part="over-limit" class="badge over-limit" title=${said}
      ><span aria-hidden="true">${this.#staffText.overLimit}</span><span class="sr-only">${said}</span></span
    >`;
  }

  /** While the filing deadline counts, the days left (or overdue); after, when the claim last changed. */
  #renderWhen(claim: ClaimSummary) {
    const t = this.t;
    const left = timeLeft(claim.deadlineAt);
    switch (claim.deadline.state) {
      case 'running':
        return html`<span class="when">${t.daysLeft(left.days)}</span>`;
      case 'missed':
        return html`<span class="when overdue">${t.overdueBy(left.days)}</span>`;
      default:
        return html`<span class="when">${relative(claim.updatedAt, this.locale)}</span>`;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'claims-list': ClaimsList;
  }
}
