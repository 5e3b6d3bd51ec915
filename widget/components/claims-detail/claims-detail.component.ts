import { html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { ClaimsElement } from '../../internal/claims-element.ts';
import { ClaimController } from '../../controllers/claim-controller.ts';
import { ApiError } from '../../internal/api-error.ts';
import type { Claim, LiabilityLimit, Me } from '../../internal/types.ts';
import { cached, date, money, timeLeft } from '../../internal/format.ts';
import { countryName, day, decimal, kilograms } from './claims-detail.format.ts';
import { LIABILITY_TERMS, type LiabilityTerms } from '../../../domain/liability.ts';
import { tokens } from '../../themes/tokens.styles.ts';
import { styles } from './claims-detail.styles.ts';
import { downloadPaper, type Paper } from './claims-detail.papers.ts';
import '../claims-timeline/claims-timeline.ts';
import '../../events/claims-accept.ts';
import '../../events/claims-accepted.ts';
import '../../events/claims-decline.ts';
import '../../events/claims-declined.ts';
import '../../events/claims-back.ts';
import '../../events/claims-help-requested.ts';
import type { DocumentsTranslation, DossierTranslation, GuidanceTranslation, LiabilityTranslation } from '../../translations/translation.ts';
import { documentsCatalogue } from '../../translations/documents.ts';
import { guidanceCatalogue } from '../../translations/guidance.ts';
import { dossierCatalogue } from '../../translations/dossier.ts';
import { liabilityCatalogue } from '../../translations/liability.ts';
import { problemsCatalogue } from '../../translations/problems.ts';

// The Documents and Chat tabs load their elements the first time they open, so a page that only
// lists claims never downloads them.
const panels = {
  documents: () => import('../claims-documents/claims-documents.ts'),
  chat: () => import('../claims-chat/claims-chat.ts'),
};
const loading = new Map<keyof typeof panels, Promise<unknown>>();
function loadPanel(name: keyof typeof panels): void {
  if (!loading.has(name)) loading.set(name, panels[name]().catch(() => loading.delete(name)));
}

type Tab = 'details' | 'documents' | 'chat';

/**
 * One claim: reference, what happened, money (for handlers, beside the carrier's liability limit),
 * deadline with time left, what to do next and —
 * for a notified claim seen by a customer — Accept and Decline (with a required reason).
 * What to do next is the claim's own step for the reader (Claim.nextStep): the handler's in the
 * back office, the company's otherwise, naming the documents of this claim's checklist.
 * Its papers, for the company's administrators and handlers: "Download dossier" (a ZIP of
 * everything the claim holds) and, for handlers, the letter to the carrier as a PDF, both in the
 * element's language, with the download's progress and, when it fails, why.
 * Tabs: Details (the facts and the timeline) and, once the claim collects documents (or for a
 * handler), Documents (`<claims-documents>`, with an accepted/required badge), and Chat (`<claims-chat>`,
 * with the count of unread messages). Follows the live stream.
 *
 * A host may veto the customer's answer: `claims-accept` and `claims-decline` are fired before it
 * is sent, and `preventDefault()` on either sends nothing (the Decline dialog closes). So may it a
 * file about to be uploaded from the Documents or Chat tab (`claims-upload`).
 *
 * @tag claims-detail
 *
 * @attr claim-id - The claim to show.
 * @attr show-back - Shows a "back to all claims" button that fires `claims-back`.
 * @attr tab - The tab shown: `details` (default), `documents` (when the claim has that tab) or `chat`.
 * @attr api-base - Base URL of the API; optional inside a configured element.
 * @attr token - User token; optional inside a configured element.
 * @attr lang - `es`, `en`, `pt`, `fr`, `de`, `it` or `ca`; a region is ignored (`fr-CA` is French).
 * @attr photo-max-edge - The long edge, in pixels, photos are scaled to fit before upload (default 2560), for its documents and chat; else the enclosing element's.
 *
 * @fires {ClaimsAcceptDetail} claims-accept - The user pressed Accept; fired before the answer is sent. Cancelable: `preventDefault()` sends nothing. Detail: `{ id, claim }`.
 * @fires {ClaimsAcceptedDetail} claims-accepted - The user accepted the claim. Detail: `{ id, claim }`.
 * @fires {ClaimsDeclineDetail} claims-decline - The user confirmed Decline with a reason; fired before the answer is sent. Cancelable: `preventDefault()` closes the dialog and sends nothing. Detail: `{ id, reason, claim }`.
 * @fires {ClaimsDeclinedDetail} claims-declined - The user declined the claim. Detail: `{ id, reason, claim }`.
 * @fires {ClaimsBackDetail} claims-back - The back button was pressed. Detail: `{ id }`.
 * @fires {ClaimsHelpRequestedDetail} claims-help-requested - "Need help?" was pressed: show the operator's contact (`<claims-app>` opens `<claims-help>`). Detail: `{ claimId }`.
 * @fires {ClaimsUploadDetail} claims-upload - From the Documents and Chat tabs: a file is about to be uploaded. Cancelable: `preventDefault()` leaves it out. Detail: `{ claimId, requirementId, file }`.
 * @fires {ClaimsDocumentUploadedDetail} claims-document-uploaded - From the Documents tab. Detail: `{ claimId, requirementId, file }`.
 * @fires {ClaimsDocumentReviewedDetail} claims-document-reviewed - From the Documents tab. Detail: `{ claimId, requirementId, decision, reason? }`.
 * @fires {ClaimsMessageSentDetail} claims-message-sent - From the Chat tab. Detail: `{ claimId, message }`.
 * @fires {ClaimsErrorDetail} claims-error - A request failed.
 * @fires {ClaimsLiveEventDetail} claims-live-event - A live event arrived (only when this element holds the configuration).
 *
 * @slot after-header - Shown right after the header (reference and status) once the claim is, before what to do next and the tabs: `<claims-console>` puts its handling bar here.
 *
 * @csspart base - The wrapper.
 * @csspart back-button - The back button.
 * @csspart header - Reference, status and summary.
 * @csspart heading - The claim reference heading.
 * @csspart status-badge - The status badge.
 * @csspart guidance - What to do next.
 * @csspart actions - The Accept / Decline buttons.
 * @csspart accept-button - The Accept button.
 * @csspart decline-button - The Decline button.
 * @csspart help-link - "Need help?" (the company's users only: the help contact is the operator's), which fires `claims-help-requested`.
 * @csspart downloads - The claim's papers to download (administrators and handlers).
 * @csspart dossier-button - "Download dossier": a ZIP of the claim's documents, chat attachments, a PDF summary and the same data as JSON.
 * @csspart letter-button - "Letter to the carrier (PDF)" (handlers).
 * @csspart tabs - The tab list (Details, Documents, Chat).
 * @csspart unread-badge - The count of unread messages on the Chat tab.
 * @csspart tab - One tab (`tab-selected` is added to the selected one).
 * @csspart tab-selected - The selected tab.
 * @csspart facts - The list of claim data.
 * @csspart deadline - The deadline and time left.
 * @csspart liability-limit - The carrier's liability limit, with the sum it comes from, or why it is not computed (handlers only).
 * @csspart over-limit - "The amount claimed exceeds the limit", beside the limit.
 * @csspart dialog - The decline dialog.
 * @csspart state - Loading, error and not-found states.
 * @csspart timeline - The nested `<claims-timeline>` (its parts are exported as they are, `base` as `timeline-base`).
 * @csspart documents - The nested `<claims-documents>` (its parts are exported with a `documents-` prefix, e.g. `documents-item`).
 * @csspart chat - The nested `<claims-chat>` (its parts are exported with a `chat-` prefix, e.g. `chat-message`).
 *
 * @cssprop --claims-color-primary - Accent colour (Accept button).
 * @cssprop --claims-color-danger - Overdue deadlines and Decline.
 * @cssprop --claims-color-surface - Background.
 * @cssprop --claims-radius - Corner radius.
 */
export class ClaimsDetail extends ClaimsElement {
  /** The checklist's and uploads' words in the element's language, loaded with this element rather than at start. */
  get #documentsText(): DocumentsTranslation {
    return this.localize(documentsCatalogue);
  }

  /** What to do next, in the element's language, loaded with this element rather than at start. */
  get #guidanceText(): GuidanceTranslation {
    return this.localize(guidanceCatalogue);
  }

  /** The claim's papers' words, loaded with this element rather than at start. */
  get #dossierText(): DossierTranslation {
    return this.localize(dossierCatalogue);
  }

  /** The gross weight's and the liability limit's words, loaded with this element rather than at start. */
  get #liabilityText(): LiabilityTranslation {
    return this.localize(liabilityCatalogue);
  }

  static override styles = [tokens, styles];
  static override catalogues = [documentsCatalogue, guidanceCatalogue, dossierCatalogue, liabilityCatalogue, problemsCatalogue];

  /** The claim to show. */
  @property({ attribute: 'claim-id' }) accessor claimId = '';

  /** Shows a back button that fires `claims-back`. */
  @property({ type: Boolean, attribute: 'show-back' }) accessor showBack = false;

  /** The tab shown: `details`, or `documents` when the claim has that tab (else Details shows). */
  @property({ reflect: true }) accessor tab: Tab = 'details';

  @state() private accessor busy: '' | 'accept' | 'decline' = '';
  @state() private accessor actionError = '';
  @state() private accessor reasonError = '';
  @state() private accessor announcement = '';
  /** The paper downloading, and how much of it came, in whole percent (null until the answer says its length). */
  @state() private accessor downloading: { paper: Paper; percent: number | null } | null = null;
  @state() private accessor downloadError = '';

  // Rendered with the claim, and used only from the claim's own controls.
  @query('dialog') private accessor dialog!: HTMLDialogElement;

  #wantFocus = false;
  /** The Documents and Chat panels stay once opened, so uploads and messages in flight survive a look at another tab. */
  #opened = new Set<Tab>();

  /** Whether the reader is a claims handler: they always have the Documents tab, and their help is not the operator's contact. */
  #role = this.loadTask({ live: false, args: () => [], load: async (session) => (await session.me()).role });

  #task = this.loadTask({ report: 'detail', args: () => [this.claimId || null], load: (session, [id]) => session.claims.load(id) });

  /** The claim shown: the loaded one or, when fresher, what came after it (kept while it loads again). */
  #claim = new ClaimController(this, { session: () => this.session, id: () => this.claimId, loaded: this.#task });

  constructor() {
    super();
    // Opening a claim reads the caller's notifications about it; the bell hears of it on the stream.
    this.loadTask({ live: false, args: () => [this.claimId || null], load: (session, [id]) => session.api.readNotifications({ claimId: id }) });
  }

  /** Moves focus to the claim heading (now, or as soon as the claim is shown). */
  focusHeading(): void {
    this.#wantFocus = true;
    void this.updateComplete.then(() => this.#applyFocus());
  }

  /** Focuses the heading, or the state shown until the claim is (which keeps the wish for the heading). */
  #applyFocus(): void {
    const target = this.renderRoot.querySelector<HTMLElement>('h2, [part~="state"]');
    if (this.#wantFocus && target) {
      target.focus();
      if (target.localName === 'h2') this.#wantFocus = false;
    }
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (changed.has('claimId')) {
      this.#opened.clear();
      this.downloadError = '';
    }
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    this.#applyFocus();
  }

  /** Arrow keys, Home and End move between tabs and show the one reached. */
  #onTabKey(e: KeyboardEvent): void {
    const tabs = [...this.renderRoot.querySelectorAll<HTMLElement>('[role="tab"]')];
    const i = tabs.indexOf(e.target as HTMLElement);
    const to = ({ ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: -1 } as Record<string, number>)[e.key];
    if (to === undefined) return;
    e.preventDefault();
    const tab = tabs.at(to % tabs.length)!;
    tab.focus();
    tab.click();
  }

  async #accept(): Promise<void> {
    const session = this.session;
    const current = this.#claim.value;
    if (!session || !current || this.busy) return;
    this.actionError = '';
    if (!this.emit('claims-accept', { id: current.id, claim: current }, { cancelable: true })) return;
    this.busy = 'accept';
    try {
      const claim = await session.api.accept(current.id);
      this.#claim.adopt(claim);
      this.announcement = this.t.accepted;
      this.#wantFocus = true;
      this.emit('claims-accepted', { id: claim.id, claim });
    } catch (error) {
      this.actionError = this.problemText(this.fail(error, 'accept'));
      this.#claim.refresh();
    } finally {
      this.busy = '';
    }
  }

  #openDecline(): void {
    this.reasonError = '';
    this.actionError = '';
    this.dialog.showModal();
    this.dialog.querySelector('textarea')?.focus();
  }

  /** Cancelled or vetoed: the dialog closes and focus is back on Decline at once, not when `close` is dispatched. */
  #closeDecline(): void {
    this.dialog.close();
    this.renderRoot.querySelector<HTMLElement>('[part~="decline-button"]')?.focus();
  }

  #onDialogClose(): void {
    // Cancelled: focus returns to the button that opened the dialog.
    if (!this.#wantFocus) this.renderRoot.querySelector<HTMLElement>('[part~="decline-button"]')?.focus();
    else this.#applyFocus();
  }

  /** Keeps Tab inside the dialog. */
  #trap(e: KeyboardEvent): void {
    if (e.key !== 'Tab') return;
    const items = [...this.dialog.querySelectorAll<HTMLElement>('textarea, button:not([disabled])')];
    const first = items[0];
    const last = items.at(-1);
    const active = this.renderRoot instanceof ShadowRoot ? this.renderRoot.activeElement : null;
    if (e.shiftKey && active === first) {
      e.preventDefault();
      last?.focus();
    } else if (!e.shiftKey && active === last) {
      e.preventDefault();
      first?.focus();
    }
  }

  async #decline(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const session = this.session;
    const current = this.#claim.value;
    const textarea = this.dialog.querySelector('textarea');
    const reason = textarea?.value.trim() ?? '';
    if (!reason) {
      this.reasonError = this.t.reasonRequired;
      textarea?.focus();
      return;
    }
    if (!session || !current || this.busy) return;
    this.reasonError = '';
    // Vetoed: nothing is sent, and the dialog gives way to whatever the host shows instead.
    if (!this.emit('claims-decline', { id: current.id, reason, claim: current }, { cancelable: true })) return this.#closeDecline();
    this.busy = 'decline';
    try {
      const claim = await session.api.decline(current.id, reason);
      this.#claim.adopt(claim);
      this.dialog.close();
      this.announcement = this.t.declined;
      // The Decline button is gone now: focus goes to the heading.
      this.#wantFocus = true;
      this.emit('claims-declined', { id: claim.id, reason, claim });
    } catch (error) {
      const problem = this.fail(error, 'decline');
      this.reasonError = this.problemText(problem);
      if (problem.status === 409) this.#claim.refresh();
    } finally {
      this.busy = '';
    }
  }

  async #download(claim: Claim, paper: Paper): Promise<void> {
    const session = this.session;
    if (!session || this.downloading) return;
    this.downloadError = '';
    this.downloading = { paper, percent: null };
    try {
      const name = await downloadPaper(session, claim.id, paper, this.apiLanguage, (share) => {
        // Drawn again once per percent, not once per chunk.
        const percent = share === null ? null : Math.floor(share * 100);
        if (percent !== this.downloading?.percent) this.downloading = { paper, percent };
      });
      this.announcement = this.#dossierText.saved(name);
    } catch (error) {
      this.downloadError = this.problemText(this.fail(error, paper));
    } finally {
      this.downloading = null;
    }
  }

  /** The claim's papers: the dossier for administrators and handlers, the letter for handlers (a declined claim has none). */
  #renderPapers(c: Claim, role: Me['role'] | undefined) {
    if (role !== 'admin' && role !== 'handler') return nothing;
    const w = this.#dossierText;
    const button = (paper: Paper, label: string) => {
      const busy = this.downloading?.paper === paper;
      return html`<button
        type="button"
        part="${paper}-button"
        class="btn"
        aria-busy=${busy ? 'true' : 'false'}
        ?disabled=${!!this.downloading}
        @click=${() => this.#download(c, paper)}
      >
        ${busy ? w.downloading(this.downloading!.percent) : label}
      </button>`;
    };
    return html`<div class="papers">
      <div part="downloads" class="downloads" role="group" aria-label=${w.downloads}>
        ${button('dossier', w.dossier)} ${role === 'handler' && c.status !== 'declined' ? button('letter', w.letter) : nothing}
      </div>
      ${this.downloadError ? html`<p class="error" role="alert">${this.downloadError}</p>` : nothing}
    </div>`;
  }

  override render() {
    const t = this.t;
    const claim = this.#claim.value;
    return html`<div part="base" class="base" lang=${this.language}>
      ${this.showBack
        ? html`<button type="button" part="back-button" class="btn ghost back" @click=${() => this.emit('claims-back', { id: this.claimId })}>
            <span aria-hidden="true">←</span> ${t.back}
          </button>`
        : nothing}
      ${claim
        ? this.#renderClaim(claim)
        : this.#task.render({
            initial: () => this.#renderLoading(),
            pending: () => this.#renderLoading(),
            error: (error) => this.#renderProblem(error),
          })}
      <div class="sr-only" role="status" aria-live="polite">${this.announcement}</div>
    </div>`;
  }

  #renderLoading() {
    return html`<div part="state" class="state" aria-busy="true" tabindex="-1"><p>${this.t.loading}</p></div>`;
  }

  #renderProblem(error: unknown) {
    const t = this.t;
    if (error instanceof ApiError && (error.status === 404 || error.status === 403)) {
      return html`<div part="state" class="state" tabindex="-1">
        <h3>${error.status === 404 ? t.notFoundTitle : t.noAccessTitle}</h3>
        <p>${error.status === 404 ? t.notFoundBody : t.noAccessBody}</p>
      </div>`;
    }
    return html`<div part="state" class="state" role="alert" tabindex="-1">
      <h3>${t.errorTitle}</h3>
      <p>${this.problemText(error)}</p>
      <button type="button" class="btn" @click=${() => this.#task.run()}>${t.retry}</button>
    </div>`;
  }

  #renderClaim(c: Claim) {
    const t = this.t;
    const loc = this.locale;
    const canAccept = c.actions.includes('accept');
    const canDecline = c.actions.includes('decline');
    const route = [c.origin, c.destination].filter(Boolean).join(' → ');
    const d = this.#documentsText;
    const docs = c.documents;
    const role = this.#role.value;
    // Documents once the claim collects them (or has), and always for handlers.
    const withDocuments = role === 'handler' || c.documentsStage === 'collecting' || c.documentsStage === 'collected';
    const tabs: [Tab, string, unknown][] = [[`details`, d.tabDetails, nothing]];
    if (withDocuments) {
      const badge = docs.required
        ? html` <span class="badge" aria-hidden="true">${docs.accepted}/${docs.required}</span><span class="sr-only">(${d.progress(docs.accepted, docs.required, docs.awaitingReview)})</span>`
        : nothing;
      tabs.push(['documents', d.tabDocuments, badge]);
    }
    const unread = c.unreadMessages
      ? html` <span part="unread-badge" class="badge unread" aria-hidden="true">${c.unreadMessages}</span><span class="sr-only">(${t.chat.unread(c.unreadMessages)})</span>`
      : nothing;
    tabs.push(['chat', t.chat.tab, unread]);
    const tab = this.tab === 'documents' && !withDocuments ? 'details' : this.tab;
    if (tab !== 'details') {
      this.#opened.add(tab);
      loadPanel(tab);
    }
    return html`<header part="header" class="header">
        <div class="title">
          <h2 part="heading" tabindex="-1">${c.reference}</h2>
          <span part="status-badge" class="badge s-${c.status}">${t.status[c.status]}</span>
        </div>
        <p class="summary">${t.type[c.type]} · ${t.goods[c.goods]} · ${t.scope[c.scope]}${c.externalRef ? ` · ${c.externalRef}` : ''}</p>
        ${c.description ? html`<p class="description">${c.description}</p>` : nothing}
      </header>
      <slot name="after-header"></slot>

      <section part="guidance" class="guidance ${canDecline ? 'attention' : ''}" aria-labelledby="next">
        <h3 id="next">${t.whatNext}</h3>
        <p>${this.#nextStep(c)}</p>
        ${canDecline
          ? html`<div part="actions" class="actions">
              ${canAccept
                ? html`<button type="button" part="accept-button" class="btn primary" ?disabled=${!!this.busy} @click=${this.#accept}>
                    ${this.busy === 'accept' ? t.loading : t.accept}
                  </button>`
                : nothing}
              <button type="button" part="decline-button" class="btn danger" aria-haspopup="dialog" ?disabled=${!!this.busy} @click=${this.#openDecline}>
                ${t.decline}
              </button>
            </div>`
          : nothing}
        ${this.actionError ? html`<p class="error" role="alert">${this.actionError}</p>` : nothing}
        ${role && role !== 'handler'
          ? html`<button type="button" part="help-link" class="help" @click=${() => this.emit('claims-help-requested', { claimId: c.id })}>
              ${t.needHelp}
            </button>`
          : nothing}
      </section>

      ${this.#renderPapers(c, role)}

      <div role="tablist" part="tabs" class="tabs" aria-label=${d.tabs} @keydown=${this.#onTabKey}>
            ${tabs.map(
              ([id, label, badge]) => html`<button
                type="button"
                role="tab"
                part="tab ${id === tab ? 'tab-selected' : ''}"
                id="tab-${id}"
                aria-controls="panel-${id}"
                aria-selected=${id === tab ? 'true' : 'false'}
                tabindex=${id === tab ? 0 : -1}
                @click=${() => (this.tab = id)}
              >
                ${label}${badge}
              </button>`,
            )}
          </div>

      <div role="tabpanel" id="panel-details" class="panel" aria-labelledby="tab-details" ?hidden=${tab !== 'details'}>
        <dl part="facts" class="facts">
          ${this.#fact(t.carrier, c.carrier)} ${this.#fact(t.trackingNumber, c.trackingNumber)}
          ${this.#fact(t.declaredValue, money(c.declaredValue, loc))}
          ${this.#fact(t.claimedAmount, c.claimedAmount ? money(c.claimedAmount, loc) : t.notStated)}
          ${c.grossWeightKg === null ? nothing : this.#fact(this.#liabilityText.grossWeight, this.#liabilityText.kilograms(kilograms(c.grossWeightKg, loc)))}
          ${c.liabilityLimit ? this.#renderLiabilityLimit(c, c.liabilityLimit) : nothing}
          ${route ? this.#fact(t.route, route) : nothing} ${this.#fact(t.goodsLabel, `${t.goods[c.goods]} · ${t.packages(c.packages)}`)}
          ${this.#fact(t.incidentAt, date(c.incidentAt, loc))}
          <div part="deadline" class="fact">
            <dt>${t.deadline}</dt>
            <dd>
              ${date(c.deadlineAt, loc)} ${this.#renderTimeLeft(c)}
              <small>${t.deadlineBasis(c.deadline.days, c.deadline.dayKind)}${this.apiText(c.deadline.basis) ? ` · ${this.apiText(c.deadline.basis)}` : ''}</small>
            </dd>
          </div>
          ${c.outcome
            ? this.#fact(t.outcomeLabel, `${t.outcome[c.outcome.result]} · ${money(c.outcome.amount, loc)}`)
            : nothing}
          ${c.declineReason ? this.#fact(t.declineReason, c.declineReason) : nothing}
          ${this.#fact(d.handler, c.handler?.name ?? d.unassigned)}
        </dl>

        <section class="timeline" aria-label=${t.timeline}>
          <claims-timeline
            part="timeline"
            exportparts="base: timeline-base, stepper, step, step-done, step-current, step-pending, step-declined, events, event"
            claim-id=${c.id}
            .claim=${c}
          ></claims-timeline>
        </section>
      </div>

      ${withDocuments && this.#opened.has('documents')
        ? html`<div role="tabpanel" id="panel-documents" class="panel" aria-labelledby="tab-documents" ?hidden=${tab !== 'documents'}>
            <claims-documents
              part="documents"
              exportparts="base: documents-base, progress: documents-progress, list: documents-list, item: documents-item, status-badge: documents-status-badge, files: documents-files, file: documents-file, thumbnail: documents-thumbnail, camera: documents-camera, dropzone: documents-dropzone, upload: documents-upload, review: documents-review, request: documents-request, dialog: documents-dialog, state: documents-state"
              claim-id=${c.id}
            ></claims-documents>
          </div>`
        : nothing}
      ${this.#opened.has('chat')
        ? html`<div role="tabpanel" id="panel-chat" class="panel" aria-labelledby="tab-chat" ?hidden=${tab !== 'chat'}>
            <claims-chat
              part="chat"
              exportparts="base: chat-base, log: chat-log, day: chat-day, message: chat-message, message-mine: chat-message-mine, message-theirs: chat-message-theirs, message-pending: chat-message-pending, message-failed: chat-message-failed, author: chat-author, receipt: chat-receipt, typing: chat-typing, composer: chat-composer, attach-button: chat-attach-button, drafts: chat-drafts, draft: chat-draft, attachments: chat-attachments, attachment-thumbnail: chat-attachment-thumbnail, input: chat-input, send-button: chat-send-button"
              claim-id=${c.id}
              .claim=${c}
            ></claims-chat>
          </div>`
        : nothing}

      <dialog part="dialog" aria-labelledby="dlg-title" aria-describedby="dlg-intro" @keydown=${this.#trap} @close=${this.#onDialogClose}>
        <form @submit=${this.#decline} novalidate>
          <h3 id="dlg-title">${t.declineTitle}</h3>
          <p id="dlg-intro">${t.declineIntro}</p>
          <label for="reason">${t.reasonLabel}</label>
          <textarea
            id="reason"
            name="reason"
            rows="4"
            maxlength="1000"
            required
            aria-required="true"
            aria-invalid=${this.reasonError ? 'true' : 'false'}
            aria-describedby="reason-hint reason-error"
          ></textarea>
          <small id="reason-hint">${t.reasonHint}</small>
          <p id="reason-error" class="error" role="alert">${this.reasonError}</p>
          <div class="dialog-actions">
            <button type="button" class="btn" @click=${this.#closeDecline}>${t.cancel}</button>
            <button type="submit" class="btn danger solid" ?disabled=${this.busy === 'decline'}>
              ${this.busy === 'decline' ? t.loading : t.confirmDecline}
            </button>
          </div>
        </form>
      </dialog>`;
  }

  /** The claim's next step for the reader, naming its documents in the reader's language. */
  #nextStep(c: Claim): string {
    const g = this.#guidanceText;
    const step = c.nextStep;
    const labels = step.documents.map((doc) => g.quote(this.apiText(doc.label)));
    const words = {
      documents: cached(`list ${this.locale}`, () => new Intl.ListFormat(this.locale, { type: 'conjunction' })).format(labels),
      count: labels.length,
      // The words end the sentence the reason is quoted in: its own final period would make two.
      reason: step.documents.length === 1 ? (step.documents[0]!.reason ?? '').replace(/\.+$/, '') : '',
      handler: c.handler?.name ?? '',
    };
    return step.side === 'handler' ? g.handler[step.code](words) : g.customer[step.code](words);
  }

  /** While the filing deadline counts: the time left, or how long ago it passed. */
  #renderTimeLeft(c: Claim) {
    const t = this.t;
    const left = timeLeft(c.deadlineAt);
    switch (c.deadline.state) {
      case 'running':
        return html`<strong class="left">${left.days === 0 ? t.hoursLeft(left.hours) : t.daysLeft(left.days)}</strong>`;
      case 'missed':
        return html`<strong class="overdue">${t.overdueBy(left.days)}</strong>`;
      default:
        return nothing;
    }
  }

  /**
   * The carrier's liability limit beside what is claimed (the claim carries it for handlers only):
   * the sum it comes from and the day its rate took effect, flagged when what is claimed is over
   * it; or why it is not computed.
   */
  #renderLiabilityLimit(c: Claim, limit: LiabilityLimit) {
    const l = this.#liabilityText;
    const loc = this.locale;
    if (limit.status === 'unavailable') {
      const rateKind = limit.rule ? LIABILITY_TERMS[limit.rule].rate : null;
      const why = l.unavailable[limit.reason]({
        rule: limit.rule ? l.rules[limit.rule] : '',
        rate: rateKind ? l.rates[rateKind] : '',
        // Only a national claim outside Spain has no rule, and a national claim names its country.
        country: limit.reason === 'no-rule' ? countryName(c.originCountry ?? c.destinationCountry ?? '', loc) : '',
        currency: c.declaredValue.currency,
        day: day(limit.rateDay, loc),
      });
      return html`<div part="liability-limit" class="fact limit">
        <dt>${l.limit}</dt>
        <dd><span class="unavailable">${why}</span></dd>
      </div>`;
    }
    const sum = l.computed[limit.rule]({
      amount: money(limit.amount, loc),
      perKg: perKgText(LIABILITY_TERMS[limit.rule].perKg, loc),
      weight: kilograms(limit.grossWeightKg, loc),
      rate: decimal(limit.rate.value, loc),
      effectiveFrom: day(limit.rate.effectiveFrom, loc),
    });
    return html`<div part="liability-limit" class="fact limit">
      <dt>${l.limit}</dt>
      <dd>
        <span>${sum}</span>
        ${limit.exceeded ? html`<strong part="over-limit" class="badge over-limit">${l.exceeded(c.claimedAmount !== null)}</strong>` : nothing}
      </dd>
    </div>`;
  }

  #fact(label: string, value: string) {
    return html`<div class="fact"><dt>${label}</dt><dd>${value}</dd></div>`;
  }
}

/** A rule's units per kg as a sum writes them: a decimal fraction as a decimal ("8,33"), any other as a fraction ("1/3"). */
function perKgText({ numerator, denominator }: LiabilityTerms['perKg'], locale: string): string {
  const places = Math.log10(denominator);
  return Number.isInteger(places) ? decimal((numerator / denominator).toFixed(places), locale) : `${numerator}/${denominator}`;
}

declare global {
  interface HTMLElementTagNameMap {
    'claims-detail': ClaimsDetail;
  }
}
