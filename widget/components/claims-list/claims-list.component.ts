import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { Task, TaskStatus, initialState } from '@lit/task';
import { ClaimsElement } from '../../internal/claims-element.ts';
import { ApiError } from '../../internal/api-error.ts';
import { CLAIM_STATUSES, CLAIM_TYPES, type Claim, type ClaimEvent, type ClaimStatus, type ClaimType } from '../../internal/types.ts';
import { money, relative, timeLeft } from '../../internal/format.ts';
import { fresher, mergePage } from '../../internal/freshness.ts';
import { tokens } from '../../themes/tokens.styles.ts';
import { styles } from './claims-list.styles.ts';
import '../../events/claims-select.ts';

const ACTIVE: ClaimStatus[] = ['notified', 'documentation', 'review'];

/**
 * The company's claims: status chips with counts, a type filter, search, paging, live updates
 * and keyboard navigation (arrow keys between rows, Enter opens).
 *
 * @tag claims-list
 *
 * @attr api-base - Base URL of the API (`…/api/v1`); optional inside a configured element.
 * @attr token - User token; optional inside a configured element.
 * @attr lang - `es` or `en`.
 * @attr status - Initial status filter.
 * @attr type - Initial claim type filter.
 * @attr page-size - Claims per page (default 20).
 *
 * @fires {ClaimsSelectEvent} claims-select - A claim was opened (click or Enter). Detail: `{ id }`.
 * @fires {ClaimsErrorEvent} claims-error - A request failed. Detail: `{ status, title, detail, action }`.
 * @fires {ClaimsLiveEvent} claims-live-event - A live event arrived (only when this element holds the configuration).
 *
 * @csspart base - The wrapper.
 * @csspart toolbar - Filters, search and live indicator.
 * @csspart filter-chip - One status filter button.
 * @csspart search - The search input.
 * @csspart type-select - The claim type select.
 * @csspart live-indicator - The live connection indicator.
 * @csspart list - The list of claims.
 * @csspart row - One claim row.
 * @csspart status-badge - The status badge in a row.
 * @csspart marker - "Needs action", "New" and "Updated" markers.
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

  @state() private accessor items: Claim[] = [];
  @state() private accessor nextCursor: string | null = null;
  @state() private accessor counts: Partial<Record<ClaimStatus, number>> = {};
  @state() private accessor loadingMore = false;
  @state() private accessor moreError = '';
  @state() private accessor marks = new Map<string, 'new' | 'updated'>();
  @state() private accessor active = 0;
  @state() private accessor announcement = '';

  #searchTimer: ReturnType<typeof setTimeout> | undefined;
  #countsTimer: ReturnType<typeof setTimeout> | undefined;
  #focusAfterLoad = -1;
  #loadedFor: unknown = null;
  /** Claims the stream brought since the current page started loading. */
  #arrivedLive = new Map<string, Claim>();

  #page = new Task(this, {
    args: () => [this.session, this.status, this.type, this.q, this.pageSize] as const,
    task: async ([session, status, type, q, limit], { signal }) => {
      if (!session) return initialState;
      if (session !== this.#loadedFor) {
        // Another user or API: nothing of the previous one may stay on screen.
        this.#loadedFor = session;
        this.items = [];
        this.counts = {};
        this.nextCursor = null;
      }
      this.#arrivedLive.clear();
      await session.live.whenOpen();
      const page = await session.api.listClaims({ status, type, q, limit }, { signal }).catch((error: unknown) => {
        if (!signal.aborted) this.fail(error, 'list');
        throw error;
      });
      this.items = mergePage(page.items, this.#arrivedLive.values(), (claim) => this.#fits(claim));
      this.nextCursor = page.nextCursor;
      this.counts = page.counts ?? {};
      this.marks = new Map();
      this.active = 0;
      return page;
    },
  });

  /** Moves focus to the row of a claim (used when coming back from its detail). */
  focusClaim(id: string): void {
    const index = this.items.findIndex((c) => c.id === id);
    if (index < 0) return;
    this.active = index;
    void this.updateComplete.then(() => this.#rows()[index]?.focus());
  }

  /** Reloads the first page. */
  reload(): void {
    void this.#page.run();
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    if (this.#focusAfterLoad >= 0) {
      this.#rows()[this.#focusAfterLoad]?.focus();
      this.#focusAfterLoad = -1;
    }
  }

  #rows(): HTMLElement[] {
    return [...(this.renderRoot.querySelectorAll<HTMLElement>('[part~="row"]') ?? [])];
  }

  protected override async liveEvent(event: ClaimEvent): Promise<void> {
    const session = this.session;
    if (!session) return;
    this.#refreshCounts();
    const known = this.items.some((c) => c.id === event.claimId);
    if (event.type !== 'claim.created' && !known) return;
    let claim: Claim;
    try {
      claim = await session.api.getClaim(event.claimId);
    } catch {
      return;
    }
    this.#arrivedLive.set(claim.id, claim);
    const index = this.items.findIndex((c) => c.id === claim.id);
    const marks = new Map(this.marks);
    if (index >= 0) {
      this.items = this.items.map((c) => (c.id === claim.id ? fresher(c, claim) : c));
      if (!marks.has(claim.id)) marks.set(claim.id, 'updated');
    } else if (this.#fits(claim)) {
      this.items = [claim, ...this.items];
      if (this.active > 0) this.active++;
      marks.set(claim.id, 'new');
      this.announcement = this.t.newClaimsAnnounced(1);
    }
    this.marks = marks;
  }

  /** Whether a claim belongs in the list under the current filters and search. */
  #fits(claim: Claim): boolean {
    if ((this.status && this.status !== claim.status) || (this.type && this.type !== claim.type)) return false;
    const q = this.q.trim().toLowerCase();
    if (!q) return true;
    return [claim.reference, claim.externalRef, claim.carrier, claim.trackingNumber, claim.description].some((f) =>
      f.toLowerCase().includes(q),
    );
  }

  #refreshCounts(): void {
    clearTimeout(this.#countsTimer);
    this.#countsTimer = setTimeout(async () => {
      const session = this.session;
      if (!session) return;
      try {
        const page = await session.api.listClaims({ type: this.type, q: this.q, limit: 1 });
        if (page.counts) this.counts = page.counts;
      } catch {
        // Counts are a convenience; the next event retries.
      }
    }, 250);
  }

  async #loadMore(): Promise<void> {
    const session = this.session;
    if (!session || !this.nextCursor || this.loadingMore) return;
    this.loadingMore = true;
    this.moreError = '';
    try {
      const page = await session.api.listClaims({
        status: this.status,
        type: this.type,
        q: this.q,
        cursor: this.nextCursor,
        limit: this.pageSize,
      });
      const seen = new Set(this.items.map((c) => c.id));
      const first = this.items.length;
      this.items = [...this.items, ...page.items.filter((c) => !seen.has(c.id))];
      this.nextCursor = page.nextCursor;
      if (this.items.length > first) {
        this.active = first;
        this.#focusAfterLoad = first;
      }
    } catch (error) {
      this.moreError = this.fail(error, 'list').detail || this.t.errorTitle;
    } finally {
      this.loadingMore = false;
    }
  }

  #select(claim: Claim, index: number): void {
    this.active = index;
    if (this.marks.has(claim.id)) {
      const marks = new Map(this.marks);
      marks.delete(claim.id);
      this.marks = marks;
    }
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
    this.active = next;
    rows[next]?.focus();
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
    const input = this.renderRoot.querySelector('input');
    if (input) input.value = '';
  }

  override render() {
    const t = this.t;
    const total = Object.values(this.counts).reduce((a, b) => a + (b ?? 0), 0);
    const hasCounts = Object.keys(this.counts).length > 0;
    const live =
      this.liveState === 'open' ? ['on', t.live] : this.liveState === 'reconnecting' || this.liveState === 'connecting' ? ['wait', t.reconnecting] : ['off', t.offline];
    const error = this.#page.error;
    if (this.#page.status === TaskStatus.ERROR && error instanceof ApiError && error.status === 403)
      return html`<div part="base" class="base" lang=${this.language}>
        <div part="state" class="state"><h2>${t.noAccessTitle}</h2><p>${t.noAccessBody}</p></div>
      </div>`;
    return html`<div part="base" class="base" lang=${this.language}>
      <div part="toolbar" class="toolbar">
        <div class="chips" role="group" aria-label=${t.filterByStatus}>
          ${[['', t.allStatuses, total] as const, ...CLAIM_STATUSES.map((s) => [s, t.status[s], this.counts[s] ?? 0] as const)].map(
            ([value, label, count]) =>
              html`<button
                type="button"
                part="filter-chip"
                class="chip"
                aria-pressed=${this.status === value ? 'true' : 'false'}
                @click=${() => (this.status = value)}
              >
                ${label}${hasCounts ? html` <span class="count">${count}</span>` : nothing}
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
          <span part="live-indicator" class="live ${live[0]}"><span class="dot" aria-hidden="true"></span>${live[1]}</span>
        </div>
      </div>
      ${this.#renderBody(total)}
      <div class="sr-only" role="status" aria-live="polite">${this.announcement}</div>
    </div>`;
  }

  #renderBody(total: number) {
    const t = this.t;
    const status = this.#page.status;
    const error = this.#page.error;
    if (status === TaskStatus.ERROR || (error && !this.items.length)) {
      return html`<div part="state" class="state" role="alert">
        <h2>${t.errorTitle}</h2>
        ${error instanceof ApiError && error.detail ? html`<p>${error.detail}</p>` : nothing}
        <button type="button" class="btn" @click=${() => this.reload()}>${t.retry}</button>
      </div>`;
    }
    if (status !== TaskStatus.COMPLETE && !this.items.length)
      return html`<div part="state" class="skeleton" aria-busy="true">
        <span class="sr-only" role="status">${t.loading}</span>
        ${[0, 1, 2, 3].map(() => html`<div class="bone"></div>`)}
      </div>`;
    if (!this.items.length) {
      const filtered = !!(this.status || this.type || this.q);
      return html`<div part="state" class="state">
        <h2>${filtered ? t.noMatchTitle : t.emptyTitle}</h2>
        <p>${filtered ? t.noMatchBody : t.emptyBody}</p>
        ${filtered ? html`<button type="button" class="btn" @click=${this.#clearFilters}>${t.clearFilters}</button>` : nothing}
      </div>`;
    }
    const shownTotal = this.status ? (this.counts[this.status] ?? null) : Object.keys(this.counts).length ? total : null;
    return html`<ul part="list" class="list" aria-label=${t.claimsList} aria-busy=${status === TaskStatus.PENDING ? 'true' : 'false'} @keydown=${this.#onKeydown}>
        ${this.#rowsOf(this.items)}
      </ul>
      <div class="foot">
        <span class="muted">${t.showing(this.items.length, shownTotal !== null ? Math.max(shownTotal, this.items.length) : null)}</span>
        ${this.moreError ? html`<span class="error" role="alert">${this.moreError}</span>` : nothing}
        ${this.nextCursor
          ? html`<button type="button" part="load-more" class="btn" ?disabled=${this.loadingMore} @click=${this.#loadMore}>
              ${this.loadingMore ? t.loading : t.loadMore}
            </button>`
          : nothing}
      </div>`;
  }

  /** Staff see several companies at once: then each row says whose claim it is. */
  #rowsOf(items: Claim[]) {
    const severalCompanies = new Set(items.map((c) => c.companyId)).size > 1;
    return items.map((claim, i) => this.#renderRow(claim, i, severalCompanies));
  }

  #renderRow(claim: Claim, i: number, showCompany: boolean) {
    const t = this.t;
    const mark = this.marks.get(claim.id);
    const needsAction = claim.status === 'notified' && claim.allowedTransitions.includes('documentation');
    const left = timeLeft(claim.deadlineAt);
    const amount = claim.claimedAmount ?? claim.declaredValue;
    return html`<li>
      <button
        type="button"
        part="row"
        class="row ${mark ?? ''}"
        data-id=${claim.id}
        tabindex=${i === this.active ? 0 : -1}
        @click=${() => this.#select(claim, i)}
        @focus=${() => (this.active = i)}
      >
        <span class="main">
          <span class="line">
            <span class="ref">${claim.reference}</span>
            ${needsAction ? html`<span part="marker" class="badge s-notified">${t.needsAction}</span>` : nothing}
            ${mark ? html`<span part="marker" class="badge mark">${mark === 'new' ? t.newBadge : t.updatedBadge}</span>` : nothing}
          </span>
          <span class="sub">${t.type[claim.type]} · ${t.goods[claim.goods]} · ${t.scope[claim.scope]}</span>
          <span class="sub">${showCompany ? html`<span class="company">${claim.companyName}</span> · ` : nothing}${claim.carrier} · ${claim.trackingNumber}</span>
        </span>
        <span class="side">
          <span part="status-badge" class="badge s-${claim.status}">${t.status[claim.status]}</span>
          <span class="amount">${money(amount, this.locale)}</span>
          ${ACTIVE.includes(claim.status)
            ? html`<span class="when ${left.overdue ? 'overdue' : ''}">${left.overdue ? t.overdueBy(left.days) : t.daysLeft(left.days)}</span>`
            : html`<span class="when">${relative(claim.updatedAt, this.locale)}</span>`}
        </span>
      </button>
    </li>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'claims-list': ClaimsList;
  }
}
