import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ClaimsElement } from '../../internal/claims-element.ts';
import { ClaimController } from '../../controllers/claim-controller.ts';
import { ApiError } from '../../internal/api-error.ts';
import { labelled, money } from '../../internal/format.ts';
import { OUTCOMES, type Claim, type ClaimStatus, type OutcomeResult, type TransitionInput } from '../../internal/types.ts';
import type { ClaimsSort } from '../claims-list/claims-list.component.ts';
import { tokens } from '../../themes/tokens.styles.ts';
import { styles } from './claims-console.styles.ts';
import '../claims-list/claims-list.ts';
import '../claims-detail/claims-detail.ts';
import '../../events/claims-assigned.ts';
import '../../events/claims-transitioned.ts';
import type { ConsoleTranslation, DocumentsTranslation, FilingTranslation } from '../../translations/translation.ts';
import { consoleCatalogue } from '../../translations/console.ts';
import { consoleViewsCatalogue } from '../../translations/console-views.ts';
import { filingCatalogue } from '../../translations/filing.ts';
import { documentsCatalogue } from '../../translations/documents.ts';
import { problemsCatalogue } from '../../translations/problems.ts';
import type { ClaimsQueueRequestedEvent } from '../../events/claims-queue-requested.ts';
import type { ClaimDeadlineFilter } from '../../internal/types.ts';
import { perSession } from '../../internal/api-client.ts';
import { ConsoleApi } from './claims-console.api.ts';

/** What the console shows: the queue beside the open claim, or the analytics. */
export type ConsoleView = 'queue' | 'analytics';

const apiOf = perSession(ConsoleApi);

/** The dashboard's module, fetched the first time the Analytics view opens. */
const loadAnalytics = () =>
  import('../claims-analytics/claims-analytics.ts').catch((error: unknown) => console.error('Claimdesk could not load <claims-analytics>:', error));

/** What the open move form says is wrong, field by field, and what the server answered. */
interface FormErrors {
  outcome?: string;
  amount?: string;
  server?: string;
}

/**
 * "820,50", "820.50", "1.234,56", "1,234.56" → cents. The last separator followed by one or two
 * digits is the decimal one; any other is a thousands separator. Null when it is not an amount.
 */
export function parseAmount(text: string): number | null {
  const value = text.replace(/[\s\u00a0€$£]/g, '');
  if (!/^\d[\d.,]*$/.test(value)) return null;
  const match = /^(.*?)[.,](\d{1,2})$/.exec(value);
  const [whole, fraction] = match ? [match[1]!, match[2]!] : [value, ''];
  if (!/^\d{1,3}([.,]?\d{3})*$|^\d+$/.test(whole)) return null;
  return Number(whole.replace(/[.,]/g, '')) * 100 + Number(fraction.padEnd(2, '0'));
}

/**
 * The claims handler's back office: the queue of claims across companies (filters, counts,
 * deadline order, live) beside the selected claim — its heading (reference, status), then a
 * handling bar to take or reassign it and to move it through its phases (resolving it with
 * outcome and amount), then the rest of its detail with documents and timeline. Narrow screens
 * show one pane at a time. Filing a claim whose required documents are not all accepted asks
 * first, listing them: the API files it either way, and the handler decides.
 *
 * Keyboard: arrow keys and Enter in the queue; opening a claim moves focus to its heading;
 * Escape in the detail pane returns to the claim's row.
 *
 * Above both, Queue and Analytics switch views: Analytics shows `<claims-analytics>` (loaded the
 * first time it is opened, and kept with its period and filters while the queue shows). A claim
 * at risk chosen there opens in the queue, filtered to the claims at risk until "Show all".
 *
 * @tag claims-console
 *
 * @attr api-base - Base URL of the API, e.g. `https://claims.example.com/api/v1`.
 * @attr token - The handler's token (JWT). Or set the `tokenProvider` property.
 * @attr lang - `es`, `en`, `pt`, `fr`, `de`, `it` or `ca`; a region is ignored (`fr-CA` is French) (default: `<html lang>`, then Spanish).
 * @attr photo-max-edge - The long edge, in pixels, photos are scaled to fit before upload (default 2560), for the open claim's documents and chat.
 * @attr claim-id - The open claim; empty shows none.
 * @attr sort - Queue order: `deadline` (default, soonest first) or `newest`.
 * @attr page-size - Claims per page of the queue (default 20).
 * @attr view - `queue` (default) or `analytics`.
 *
 * @fires {ClaimsSelectDetail} claims-select - A claim was opened from the queue. Detail: `{ id }`.
 * @fires {ClaimsAssignedDetail} claims-assigned - The handler took or reassigned the claim. Detail: `{ id, handler }`.
 * @fires {ClaimsTransitionedDetail} claims-transitioned - The handler moved the claim. Detail: `{ id, from, to, claim }`.
 * @fires {ClaimsQueueRequestedDetail} claims-queue-requested - A claim at risk was chosen in the analytics (the console shows it in its queue, filtered to the claims at risk). Detail: `{ deadline, claimId }`.
 * @fires {ClaimsErrorDetail} claims-error - A request failed.
 * @fires {ClaimsLiveEventDetail} claims-live-event - A live event arrived.
 *
 * @csspart views - Queue and Analytics.
 * @csspart view-button - One view's button; the current one has `aria-current="page"`.
 * @csspart deadline-filter - Above the queue while it shows only the claims at risk, with "Show all".
 * @csspart analytics - The `<claims-analytics>` of the Analytics view (its own parts are not exported: style them with a theme's custom properties).
 * @csspart base - The wrapper (two panes).
 * @csspart queue - The queue pane.
 * @csspart list - The queue's `<claims-list>` (its parts are exported: `toolbar`, `filter-chip`, `search`, `type-select`, `company-select`, `handler-select`, `sort-select`, `live-indicator`, `rows`, `row`, `status-badge`, `marker`, `over-limit`, `handler`, `load-more`, `state`).
 * @csspart detail-pane - The pane of the selected claim.
 * @csspart back-button - "Back to the queue" (narrow screens only).
 * @csspart handling-bar - Assignment and moves of the selected claim, right after its heading (slotted into the detail's `after-header` slot).
 * @csspart assignee - Who the claim is assigned to.
 * @csspart take-button - "Take" (assign to me).
 * @csspart reassign-select - The handler to reassign to.
 * @csspart reassign-button - "Reassign".
 * @csspart moves - The moves open now.
 * @csspart move-button - One move.
 * @csspart move-form - The form confirming a move (outcome and amount when resolving, an optional note).
 * @csspart filing-dialog - Asks before filing a claim whose required documents are not all accepted, listing them.
 * @csspart detail - The `<claims-detail>` of the selected claim (its parts are exported with a `detail-` prefix: `detail-header`, `detail-heading`, `detail-facts`, `detail-deadline`, `detail-liability-limit`, `detail-over-limit`, `detail-timeline`…).
 * @csspart state - Empty, loading, error and no-access states.
 *
 * @cssprop --claims-console-queue-width - Width of the queue pane on wide screens.
 * @cssprop --claims-color-primary - Accent colour (Take, Confirm, the selected row).
 * @cssprop --claims-color-danger - Errors, overdue deadlines.
 * @cssprop --claims-color-surface - Background.
 * @cssprop --claims-color-surface-raised - Handling bar background.
 * @cssprop --claims-radius - Corner radius.
 * @cssprop --claims-spacing - Base spacing unit (density).
 */
export class ClaimsConsole extends ClaimsElement {
  static override styles = [tokens, styles];
  static override catalogues = [consoleCatalogue, consoleViewsCatalogue, filingCatalogue, documentsCatalogue, problemsCatalogue];

  /** The open claim; empty shows none. */
  @property({ attribute: 'claim-id', reflect: true }) accessor claimId = '';

  /** Queue order: `deadline` (soonest first) or `newest`. */
  @property() accessor sort: ClaimsSort = 'deadline';

  /** Claims per page of the queue. */
  @property({ type: Number, attribute: 'page-size' }) accessor pageSize = 20;

  /** `queue` or `analytics`. */
  @property({ reflect: true }) accessor view: ConsoleView = 'queue';

  /** `at_risk` while the queue shows only the claims at risk (chosen in the analytics); empty for all. */
  @state() private accessor deadline: ClaimDeadlineFilter | '' = '';

  @state() private accessor busy: '' | 'assign' | 'move' = '';
  /** The move whose form is open. */
  @state() private accessor moving: ClaimStatus | '' = '';
  @state() private accessor outcome: OutcomeResult | '' = '';
  @state() private accessor formErrors: FormErrors = {};
  @state() private accessor barError = '';
  @state() private accessor reassignTo = '';
  @state() private accessor announcement = '';
  /** Filing waits for the handler's word: the claim's required documents are not all accepted. */
  @state() private accessor askingToFile = false;

  #focusAfterUpdate: (() => void) | null = null;
  /** The handler said "file anyway": the next submit of the move form files without asking. */
  #filingConfirmed = false;
  /** The analytics were opened once: they stay (hidden) while the queue shows. */
  #analyticsShown = false;

  get #consoleText(): ConsoleTranslation {
    return this.localize(consoleCatalogue);
  }

  get #viewsText() {
    return this.localize(consoleViewsCatalogue);
  }

  get #filingText(): FilingTranslation {
    return this.localize(filingCatalogue);
  }

  get #documentsText(): DocumentsTranslation {
    return this.localize(documentsCatalogue);
  }

  /** The caller: only a claims handler has a back office. */
  #me = this.loadTask({ live: false, report: 'me', args: () => [], load: (session) => session.me() });

  /** The handlers a claim may be reassigned to (asked for by a handler only). */
  #handlers = this.loadTask({
    live: false,
    args: () => [this.#me.value?.role === 'handler' || null],
    load: (session, _, signal) => apiOf(session).handlers({ signal }),
  });

  /** The open claim as loaded: shared with the detail below, which loads the same claim and reports a failure. */
  #loaded = this.loadTask({ args: () => [this.claimId || null], load: (session, [id]) => session.claims.load(id) });

  /** The open claim: the loaded one or, when fresher, what came live (shared with the detail and the queue) or this bar's own changes. */
  #claim = new ClaimController(this, { session: () => this.session, id: () => this.claimId, loaded: this.#loaded });

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (this.view === 'analytics' && !this.#analyticsShown) {
      this.#analyticsShown = true;
      void loadAnalytics();
    }
    // Another claim (from the queue or the host): nothing of the last one's bar stays open.
    if (changed.has('claimId')) {
      this.moving = '';
      this.askingToFile = false;
      this.formErrors = {};
      this.barError = '';
      this.reassignTo = '';
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const focus = this.#focusAfterUpdate;
    this.#focusAfterUpdate = null;
    focus?.();
  }

  /** A claim at risk chosen in the analytics: the queue, filtered to the claims at risk, with the claim open (or the filter said, for focus). */
  #showAtRisk(e: ClaimsQueueRequestedEvent): void {
    const { deadline, claimId } = e.detail;
    this.view = 'queue';
    this.deadline = deadline;
    if (claimId) this.#open(claimId);
    else this.#focusAfterUpdate = () => this.renderRoot.querySelector<HTMLElement>('[part~="deadline-filter"]')?.focus();
  }

  #open(id: string): void {
    this.claimId = id;
    this.#focusAfterUpdate = () => this.renderRoot.querySelector('claims-detail')?.focusHeading();
  }

  /** Back to the claim's row in the queue (Escape, or the back button on narrow screens). */
  #backToQueue(close: boolean): void {
    const id = this.claimId;
    if (close) this.claimId = '';
    const list = this.renderRoot.querySelector('claims-list');
    if (close) this.#focusAfterUpdate = () => list?.focusClaim(id);
    else list?.focusClaim(id);
  }

  #onPaneKeydown(e: KeyboardEvent): void {
    if (e.key !== 'Escape' || e.defaultPrevented) return;
    // A dialog inside the detail (decline, a document preview) closes itself on Escape.
    if (e.composedPath().some((node) => node instanceof HTMLDialogElement)) return;
    e.preventDefault();
    if (this.moving) {
      this.#closeMove();
      return;
    }
    this.#backToQueue(false);
  }

  async #assign(claim: Claim, handlerId: string): Promise<void> {
    const session = this.session;
    if (!session || this.busy || !handlerId) return;
    this.busy = 'assign';
    this.barError = '';
    try {
      const updated = await apiOf(session).assign(claim.id, handlerId);
      this.#claim.adopt(updated);
      this.reassignTo = '';
      const handler = updated.handler ?? { id: handlerId, name: '' };
      this.announcement = this.#consoleText.assignedAnnounced(handler.name);
      this.emit('claims-assigned', { id: updated.id, handler });
      this.#focusAfterUpdate = () => this.renderRoot.querySelector<HTMLElement>('[part~="assignee"]')?.focus();
    } catch (error) {
      this.barError = this.problemText(this.fail(error, 'assign'));
      this.#claim.refresh();
    } finally {
      this.busy = '';
    }
  }

  #openMove(to: ClaimStatus): void {
    this.moving = to;
    this.outcome = '';
    this.formErrors = {};
    this.barError = '';
    this.#focusAfterUpdate = () => this.renderRoot.querySelector<HTMLElement>('[part~="move-form"] :is(input, textarea)')?.focus();
  }

  #closeMove(): void {
    const to = this.moving;
    this.moving = '';
    this.formErrors = {};
    this.#focusAfterUpdate = () => this.renderRoot.querySelector<HTMLElement>(`[part~="move-button"][data-to="${to}"]`)?.focus();
  }

  async #submitMove(e: SubmitEvent, claim: Claim): Promise<void> {
    e.preventDefault();
    const session = this.session;
    const to = this.moving;
    if (!session || !to || this.busy) return;
    const t = this.#consoleText;
    const form = e.target as HTMLFormElement;
    const note = (form.elements.namedItem('note') as HTMLTextAreaElement | null)?.value.trim() ?? '';
    const body: TransitionInput = { to, ...(note ? { note } : {}) };
    if (to === 'resolved') {
      const errors: FormErrors = {};
      if (!this.outcome) errors.outcome = t.outcomeRequired;
      else body.outcome = this.outcome;
      if (this.outcome && this.outcome !== 'denied') {
        const cents = parseAmount((form.elements.namedItem('amount') as HTMLInputElement).value);
        // At most what was claimed, else the declared value: the server's rule, said before sending.
        const limit = claim.claimedAmount ?? claim.declaredValue;
        if (!cents) errors.amount = t.amountRequired;
        else if (cents > limit.amountCents) errors.amount = t.amountOverLimit(money(limit, this.locale), !!claim.claimedAmount);
        else body.amount = { amountCents: cents, currency: claim.declaredValue.currency };
      }
      if (errors.outcome || errors.amount) {
        this.formErrors = errors;
        this.#focusAfterUpdate = () =>
          this.renderRoot.querySelector<HTMLElement>(errors.outcome ? '[name="outcome"]' : '#amount')?.focus();
        return;
      }
    }
    // Filing without every required document accepted is the handler's call: asked first.
    if (to === 'submitted' && claim.documents.notAccepted.length && !this.#filingConfirmed) {
      this.askingToFile = true;
      this.#focusAfterUpdate = () => this.renderRoot.querySelector<HTMLDialogElement>('[part~="filing-dialog"]')?.showModal();
      return;
    }
    this.#filingConfirmed = false;
    this.busy = 'move';
    this.formErrors = {};
    try {
      const updated = await apiOf(session).transition(claim.id, body);
      this.#claim.adopt(updated);
      this.moving = '';
      this.announcement = t.moved(this.t.status[to]);
      this.emit('claims-transitioned', { id: updated.id, from: claim.status, to, claim: updated });
      // The move just made is gone: focus goes to the next one open, else to who has the claim.
      this.#focusAfterUpdate = () =>
        (this.renderRoot.querySelector<HTMLElement>('[part~="move-button"]') ?? this.renderRoot.querySelector<HTMLElement>('[part~="assignee"]'))?.focus();
    } catch (error) {
      const problem = this.fail(error, 'transition');
      // A field the server names is marked beside its input, in the form's own words (the
      // server's are English); anything else under the form.
      const amount = problem.errors.some((f) => f.field.startsWith('amount')) ? t.amountRequired : undefined;
      const outcome = problem.errors.some((f) => f.field === 'outcome') ? t.outcomeRequired : undefined;
      this.formErrors = amount || outcome ? { amount, outcome } : { server: this.problemText(problem) };
      this.#focusAfterUpdate = () => this.renderRoot.querySelector<HTMLElement>(amount ? '#amount' : '[part~="move-form"] [role="alert"]')?.focus();
      if (problem.status === 409) this.#claim.refresh();
    } finally {
      this.busy = '';
    }
  }

  override render() {
    const t = this.#consoleText;
    const me = this.#me.value;
    const open = !!this.claimId;
    if (!me) {
      return html`<div part="base" class="base single" lang=${this.language}>
        ${this.#me.render({
          initial: () => this.#renderLoading(),
          pending: () => this.#renderLoading(),
          error: (error) => this.#renderProblem(error, () => void this.#me.run()),
        })}
      </div>`;
    }
    if (me.role !== 'handler') {
      return html`<div part="base" class="base single" lang=${this.language}>
        <div part="state" class="state"><h2>${t.staffOnlyTitle}</h2><p>${t.staffOnlyBody}</p></div>
      </div>`;
    }
    const v = this.#viewsText;
    return html`<nav part="views" class="views" aria-label=${v.views} lang=${this.language}>
        ${(['queue', 'analytics'] as const).map(
          (view) => html`<button
            type="button"
            part="view-button"
            class="view"
            aria-current=${(this.view === 'analytics') === (view === 'analytics') ? 'page' : 'false'}
            @click=${() => (this.view = view)}
          >
            ${v[view]}
          </button>`,
        )}
      </nav>
      ${this.#analyticsShown
        ? html`<claims-analytics part="analytics" ?hidden=${this.view !== 'analytics'} @claims-queue-requested=${this.#showAtRisk}></claims-analytics>`
        : nothing}
      <div part="base" class="base ${open ? 'open' : ''}" lang=${this.language} ?hidden=${this.view === 'analytics'}>
      <section part="queue" class="queue" aria-label=${t.queue}>
        ${this.deadline
          ? html`<p part="deadline-filter" class="deadline-filter" tabindex="-1">
              ${v.atRiskOnly} <button type="button" class="btn ghost" @click=${() => (this.deadline = '')}>${v.showAll}</button>
            </p>`
          : nothing}
        <claims-list
          part="list"
          exportparts="toolbar, filter-chip, search, type-select, company-select, handler-select, sort-select, live-indicator, list: rows, row, status-badge, marker, over-limit, handler, load-more, state"
          staff
          sort=${this.sort}
          deadline=${this.deadline}
          page-size=${this.pageSize}
          selected-id=${this.claimId}
          @claims-select=${(e: CustomEvent<{ id: string }>) => this.#open(e.detail.id)}
        ></claims-list>
      </section>
      <section part="detail-pane" class="pane" aria-label=${t.selectedClaim} @keydown=${this.#onPaneKeydown}>
        ${open
          ? html`<button type="button" part="back-button" class="btn ghost back" @click=${() => this.#backToQueue(true)}>
                <span aria-hidden="true">←</span> ${t.backToQueue}
              </button>
              <claims-detail
                part="detail"
                exportparts="header: detail-header, heading: detail-heading, status-badge: detail-status-badge, guidance: detail-guidance, facts: detail-facts, deadline: detail-deadline, liability-limit: detail-liability-limit, over-limit: detail-over-limit, timeline: detail-timeline, state: detail-state"
                claim-id=${this.claimId}
                >${this.#renderBar()}</claims-detail
              >`
          : html`<div part="state" class="state">
              <h2>${t.selectTitle}</h2>
              <p>${t.selectBody}</p>
            </div>`}
      </section>
      <div class="sr-only" role="status" aria-live="polite">${this.announcement}</div>
    </div>`;
  }

  #renderLoading() {
    return html`<div part="state" class="state" aria-busy="true"><p>${this.t.loading}</p></div>`;
  }

  #renderProblem(error: unknown, retry: () => void) {
    const t = this.t;
    if (error instanceof ApiError && error.status === 403) {
      return html`<div part="state" class="state"><h2>${this.#consoleText.staffOnlyTitle}</h2><p>${this.#consoleText.staffOnlyBody}</p></div>`;
    }
    return html`<div part="state" class="state" role="alert">
      <h2>${t.errorTitle}</h2>
      <p>${this.problemText(error)}</p>
      <button type="button" class="btn" @click=${retry}>${t.retry}</button>
    </div>`;
  }

  /** Who has the claim, Take / Reassign, and the moves open now. Until the claim loads, nothing (the detail shows its state). */
  #renderBar() {
    const claim = this.#claim.value;
    if (!claim) return nothing;
    const t = this.#consoleText;
    const me = this.#me.value!;
    const mine = claim.handler?.id === me.id;
    const others = (this.#handlers.value ?? []).filter((h) => h.id !== claim.handler?.id);
    // Slotted into the detail right after its header: the claim's reference and status come
    // first, then who has it and its moves (and Tab follows the same order). It stays in this
    // shadow tree, so this element's styles, ids and parts apply to it as before.
    return html`<section slot="after-header" part="handling-bar" class="bar" aria-label=${t.handling}>
      <div class="assignment">
        <span part="assignee" class="assignee ${claim.handler ? '' : 'unassigned'}" tabindex="-1">
          ${claim.handler ? (mine ? t.assignedToYou : t.assignedTo(claim.handler.name)) : t.unassignedClaim}
        </span>
        ${claim.final
          ? nothing
          : html`${mine
                ? nothing
                : html`<button type="button" part="take-button" class="btn primary" ?disabled=${!!this.busy} @click=${() => this.#assign(claim, me.id)}>
                    ${this.busy === 'assign' && !this.reassignTo ? this.t.loading : t.take}
                  </button>`}
              <span class="reassign">
                <label class="sr-only" for="reassign">${t.reassignTo}</label>
                <select
                  id="reassign"
                  part="reassign-select"
                  .value=${this.reassignTo}
                  @change=${(e: Event) => (this.reassignTo = (e.target as HTMLSelectElement).value)}
                >
                  <option value="">${t.reassignTo}…</option>
                  ${others.map((h) => html`<option value=${h.id} ?selected=${this.reassignTo === h.id}>${h.name}</option>`)}
                </select>
                <button
                  type="button"
                  part="reassign-button"
                  class="btn"
                  ?disabled=${!!this.busy || !this.reassignTo}
                  @click=${() => this.#assign(claim, this.reassignTo)}
                >
                  ${t.reassign}
                </button>
              </span>`}
      </div>
      <div part="moves" class="moves" role="group" aria-label=${t.moves}>
        ${claim.allowedTransitions.length
          ? claim.allowedTransitions.map(
              (to) => html`<button
                type="button"
                part="move-button"
                class="btn ${to === 'documentation' ? '' : 'primary'} ${this.moving === to ? 'active' : ''}"
                data-to=${to}
                aria-expanded=${this.moving === to ? 'true' : 'false'}
                aria-controls="move-form"
                ?disabled=${!!this.busy}
                @click=${() => (this.moving === to ? this.#closeMove() : this.#openMove(to))}
              >
                ${t.moveTo[to]}
              </button>`,
            )
          : html`<span class="muted">${t.noMoves}</span>`}
      </div>
      ${this.moving && claim.allowedTransitions.includes(this.moving) ? this.#renderMoveForm(claim, this.moving) : nothing}
      ${this.askingToFile && this.moving === 'submitted' && claim.allowedTransitions.includes('submitted') ? this.#renderFilingDialog(claim) : nothing}
      ${this.barError ? html`<p class="error" role="alert">${this.barError}</p>` : nothing}
    </section>`;
  }

  /** "File anyway" submits the move form again, past this question; Cancel (or Escape) returns to the form, the claim unmoved. */
  #answerFiling(file: boolean): void {
    this.renderRoot.querySelector<HTMLDialogElement>('[part~="filing-dialog"]')?.close();
    this.askingToFile = false;
    const form = this.renderRoot.querySelector<HTMLFormElement>('[part~="move-form"]');
    if (file) {
      this.#filingConfirmed = true;
      form?.requestSubmit();
    } else {
      form?.querySelector<HTMLElement>('[type=submit]')?.focus();
    }
  }

  #renderFilingDialog(claim: Claim) {
    const f = this.#filingText;
    const status = this.#documentsText.status;
    const documents = claim.documents.notAccepted;
    return html`<dialog
      part="filing-dialog"
      aria-labelledby="filing-title"
      aria-describedby="filing-intro"
      @cancel=${(e: Event) => {
        e.preventDefault();
        this.#answerFiling(false);
      }}
    >
      <h3 id="filing-title">${f.title}</h3>
      <p id="filing-intro">${f.intro(documents.length)}</p>
      <ul>
        ${documents.map((doc) => html`<li>${f.item(this.apiText(doc.label), status[doc.status])}</li>`)}
      </ul>
      <div class="dialog-actions">
        <button type="button" class="btn" autofocus @click=${() => this.#answerFiling(false)}>${this.t.cancel}</button>
        <button type="button" class="btn primary" @click=${() => this.#answerFiling(true)}>${f.fileAnyway}</button>
      </div>
    </dialog>`;
  }

  #renderMoveForm(claim: Claim, to: ClaimStatus) {
    const t = this.t;
    const c = this.#consoleText;
    const errors = this.formErrors;
    const reference = claim.claimedAmount ? [t.claimedAmount, claim.claimedAmount] as const : [t.declaredValue, claim.declaredValue] as const;
    return html`<form id="move-form" part="move-form" class="move-form" novalidate aria-labelledby="move-title" @submit=${(e: SubmitEvent) => this.#submitMove(e, claim)}>
      <h3 id="move-title">${c.moveTitle(t.status[to])}</h3>
      ${to === 'resolved'
        ? html`<fieldset aria-describedby="outcome-error" aria-invalid=${errors.outcome ? 'true' : 'false'}>
              <legend>${t.outcomeLabel}</legend>
              ${OUTCOMES.map(
                (o) => html`<label class="radio">
                  <input type="radio" name="outcome" value=${o} .checked=${this.outcome === o} @change=${() => (this.outcome = o)} />
                  ${t.outcome[o]}
                </label>`,
              )}
            </fieldset>
            <p id="outcome-error" class="error" role="alert">${errors.outcome ?? ''}</p>
            ${this.outcome === 'denied'
              ? nothing
              : html`<label for="amount">${c.amountLabel(claim.declaredValue.currency)}</label>
                  <input
                    id="amount"
                    name="amount"
                    inputmode="decimal"
                    autocomplete="off"
                    aria-invalid=${errors.amount ? 'true' : 'false'}
                    aria-describedby="amount-hint amount-error"
                  />
                  <small id="amount-hint">${labelled(reference[0], money(reference[1], this.locale), this.locale)}</small>
                  <p id="amount-error" class="error" role="alert">${errors.amount ?? ''}</p>`}`
        : nothing}
      <label for="note">${c.note}</label>
      <textarea id="note" name="note" rows="2" maxlength="2000" aria-describedby="note-hint"></textarea>
      <small id="note-hint">${c.noteHint}</small>
      <p class="error" role="alert" tabindex="-1">${errors.server ?? ''}</p>
      <div class="form-actions">
        <button type="button" class="btn" @click=${this.#closeMove}>${t.cancel}</button>
        <button type="submit" class="btn primary" ?disabled=${this.busy === 'move'}>${this.busy === 'move' ? t.loading : c.confirm}</button>
      </div>
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'claims-console': ClaimsConsole;
  }
}
