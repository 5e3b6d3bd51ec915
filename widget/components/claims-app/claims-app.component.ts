import { html, nothing, type PropertyValues } from 'lit';
import { property, query } from 'lit/decorators.js';
import { ClaimsElement } from '../../internal/claims-element.ts';
import { tokens } from '../../themes/tokens.styles.ts';
import { styles } from './claims-app.styles.ts';
import '../claims-list/claims-list.ts';
import '../../events/claims-notification-open.ts';
import '../../events/claims-help-requested.ts';

/** A module loaded once, on first need (again after a failure). */
const lazily = (load: () => Promise<unknown>) => {
  let loading: Promise<unknown> | undefined;
  return () => (loading ??= load().catch((error: unknown) => ((loading = undefined), Promise.reject(error))));
};
// A claim's detail is fetched when the browser is idle after the list shows, or at once when a
// claim is opened first: the list does not wait for it, and opening a claim rarely does. The
// bell is fetched at once, beside the list; settings and help when first opened.
const loadDetail = lazily(() => import('../claims-detail/claims-detail.ts'));
const loadNotifications = lazily(() => import('../claims-notifications/claims-notifications.ts'));
const loadSettings = lazily(() => import('../claims-settings/claims-settings.ts'));
const loadHelp = lazily(() => import('../claims-help/claims-help.ts'));
const whenIdle = (task: () => void) => ('requestIdleCallback' in window ? requestIdleCallback(task, { timeout: 5000 }) : setTimeout(task, 1000));

/**
 * The drop-in claims area: the list, and a claim's detail (header, actions, timeline) when one
 * is opened. Focus moves to the claim heading on open and back to its row on return. A toolbar
 * holds the notifications bell (a notification opens its claim), Settings (a view with a back
 * button: access and channels for admins, your own settings for everyone else) and Help (a
 * dialog with the operator's contact, also opened from each claim's "Need help?").
 *
 * While its first page loads, the list holds `page-size` placeholder rows as tall as real ones,
 * so the page around it does not move when the claims arrive. Before the widget's script has run
 * the element is empty; a host that wants no shift at all keeps room for it, e.g.
 * `claims-app:not(:defined) { display: block; min-height: 100vh }`.
 *
 * @tag claims-app
 *
 * @attr api-base - Base URL of the API, e.g. `https://claims.example.com/api/v1`.
 * @attr token - User token (JWT). Or set the `tokenProvider` property.
 * @attr lang - `es`, `en`, `pt`, `fr`, `de`, `it` or `ca`; a region is ignored (`fr-CA` is French) (default: `<html lang>`, then Spanish).
 * @attr photo-max-edge - The long edge, in pixels, photos are scaled to fit before upload (default 2560), for the documents and chat inside.
 * @attr claim-id - The open claim; empty shows the list.
 * @attr view - `claims` (default: the list, or the open claim) or `settings`.
 * @attr page-size - Claims per page of the list (default 20).
 *
 * @fires {ClaimsSelectDetail} claims-select - A claim was opened.
 * @fires {ClaimsBackDetail} claims-back - The user went back to the list.
 * @fires {ClaimsAcceptDetail} claims-accept - The user pressed Accept; fired before the answer is sent. Cancelable: `preventDefault()` sends nothing.
 * @fires {ClaimsAcceptedDetail} claims-accepted - A claim was accepted.
 * @fires {ClaimsDeclineDetail} claims-decline - The user confirmed Decline; fired before the answer is sent. Cancelable: `preventDefault()` closes the dialog and sends nothing.
 * @fires {ClaimsDeclinedDetail} claims-declined - A claim was declined.
 * @fires {ClaimsUploadDetail} claims-upload - A file is about to be uploaded (a document, or a chat attachment). Cancelable: `preventDefault()` leaves it out.
 * @fires {ClaimsNotificationOpenDetail} claims-notification-open - A notification was activated (the app opens its claim).
 * @fires {ClaimsHelpRequestedDetail} claims-help-requested - "Need help?" was pressed in a claim (the app opens the help dialog).
 * @fires {ClaimsErrorDetail} claims-error - A request failed.
 * @fires {ClaimsLiveEventDetail} claims-live-event - A live event arrived.
 *
 * @csspart base - The wrapper.
 * @csspart app-toolbar - The bell, Settings and Help.
 * @csspart notifications - The `<claims-notifications>` element (its parts are exported with a `notifications-` prefix, e.g. `notifications-bell`).
 * @csspart settings-button - Opens the settings view.
 * @csspart help-button - Opens the help dialog.
 * @csspart settings - The `<claims-settings>` element (its own parts are not exported: style them with a theme's custom properties).
 * @csspart settings-back-button - Leaves the settings view.
 * @csspart help-dialog - The help dialog.
 * @csspart help - The `<claims-help>` element (its own parts are not exported: style them with a theme's custom properties).
 * @csspart list - The `<claims-list>` element (its parts are exported as they are, but `list` as `rows` and `base` as `list-base`).
 * @csspart detail - The `<claims-detail>` element (its parts, and those it exports from the timeline, checklist and conversation, are exported as they are, but `base` as `detail-base`).
 *
 * @cssprop --claims-color-primary - Accent colour.
 * @cssprop --claims-color-on-primary - Text on the accent colour.
 * @cssprop --claims-color-surface - Background.
 * @cssprop --claims-color-surface-raised - Hover and panel background.
 * @cssprop --claims-color-border - Borders.
 * @cssprop --claims-color-text - Text.
 * @cssprop --claims-color-text-muted - Secondary text.
 * @cssprop --claims-color-danger - Errors, overdue deadlines, Decline.
 * @cssprop --claims-color-success - Resolved claims, live indicator.
 * @cssprop --claims-color-warning - Claims that need action.
 * @cssprop --claims-color-info - Claims in progress.
 * @cssprop --claims-color-focus - Focus ring.
 * @cssprop --claims-radius - Corner radius.
 * @cssprop --claims-spacing - Base spacing unit (density).
 * @cssprop --claims-font-family - Font family.
 * @cssprop --claims-font-size - Base font size.
 * @cssprop --claims-shadow - Shadow of cards and buttons.
 */
export class ClaimsApp extends ClaimsElement {
  static override styles = [tokens, styles];

  /** The open claim; empty shows the list. */
  @property({ attribute: 'claim-id', reflect: true }) accessor claimId = '';

  /** `claims` (the list, or the open claim) or `settings`. */
  @property({ reflect: true }) accessor view: 'claims' | 'settings' = 'claims';

  /** Claims per page of the list. */
  @property({ type: Number, attribute: 'page-size' }) accessor pageSize = 20;

  @query('[part~="help-dialog"]') private accessor helpDialog!: HTMLDialogElement | null;

  /** What had focus when the help dialog opened, to return it there on close. */
  #beforeHelp: HTMLElement | null = null;

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (this.view === 'settings') void loadSettings();
    else if (this.claimId) void loadDetail();
  }

  protected override firstUpdated(): void {
    // The bell's module is asked for in the next task: an import() is a few milliseconds of a slow
    // phone's main thread, and the app's first draw is long enough.
    setTimeout(() => void loadNotifications());
    whenIdle(() => void loadDetail());
  }

  #openClaim(id: string): void {
    this.view = 'claims';
    this.claimId = id;
    void Promise.all([this.updateComplete, customElements.whenDefined('claims-detail')]).then(() =>
      this.renderRoot.querySelector('claims-detail')?.focusHeading(),
    );
  }

  #onBack(e: CustomEvent<{ id: string }>): void {
    const id = e.detail.id;
    this.claimId = '';
    void this.updateComplete.then(() => this.renderRoot.querySelector('claims-list')?.focusClaim(id));
  }

  #openSettings(): void {
    this.claimId = '';
    this.view = 'settings';
    void Promise.all([this.updateComplete, customElements.whenDefined('claims-settings')]).then(() =>
      this.renderRoot.querySelector('claims-settings')?.focusHeading(),
    );
  }

  #closeSettings(): void {
    this.view = 'claims';
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('[part~="settings-button"]')?.focus());
  }

  #openHelp(): void {
    // The Help button, or the "Need help?" link inside a claim's detail (in its shadow root).
    let active = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    this.#beforeHelp = active instanceof HTMLElement ? active : null;
    void loadHelp();
    this.helpDialog?.showModal();
  }

  override render() {
    const t = this.t;
    const settings = this.view === 'settings';
    const open = !settings && !!this.claimId;
    return html`<div part="base" class="base" lang=${this.language}>
      <div part="app-toolbar" class="bar" role="group" aria-label=${t.app.toolbar}>
        <claims-notifications
          part="notifications"
          exportparts="base: notifications-base, bell: notifications-bell, badge: notifications-badge, panel: notifications-panel, mark-all-button: notifications-mark-all-button, close-button: notifications-close-button, list: notifications-list, item: notifications-item, item-unread: notifications-item-unread, load-more: notifications-load-more, state: notifications-state"
          @claims-notification-open=${(e: CustomEvent<{ claimId: string }>) => this.#openClaim(e.detail.claimId)}
        ></claims-notifications>
        <button type="button" part="settings-button" class="btn" @click=${this.#openSettings}>${t.app.settings}</button>
        <button type="button" part="help-button" class="btn" aria-haspopup="dialog" @click=${this.#openHelp}>${t.app.help}</button>
      </div>
      <claims-list
        part="list"
        exportparts="base: list-base, toolbar, filter-chip, search, type-select, company-select, handler-select, sort-select, live-indicator, list: rows, row, status-badge, marker, unread-badge, handler, over-limit, load-more, state"
        ?hidden=${open || settings}
        .pageSize=${this.pageSize}
        @claims-select=${(e: CustomEvent<{ id: string }>) => this.#openClaim(e.detail.id)}
      ></claims-list>
      ${open
        ? html`<claims-detail
            part="detail"
            exportparts="base: detail-base, back-button, header, heading, status-badge, guidance, actions, accept-button, decline-button, help-link, downloads, dossier-button, letter-button, tabs, unread-badge, tab, tab-selected, facts, deadline, liability-limit, over-limit, dialog, state, timeline, timeline-base, stepper, step, step-done, step-current, step-pending, step-declined, events, event, documents, documents-base, documents-progress, documents-list, documents-item, documents-status-badge, documents-files, documents-file, documents-thumbnail, documents-camera, documents-dropzone, documents-upload, documents-review, documents-request, documents-dialog, documents-state, chat, chat-base, chat-log, chat-day, chat-message, chat-message-mine, chat-message-theirs, chat-message-pending, chat-message-failed, chat-author, chat-receipt, chat-typing, chat-composer, chat-attach-button, chat-drafts, chat-draft, chat-attachments, chat-attachment-thumbnail, chat-input, chat-send-button"
            show-back
            claim-id=${this.claimId}
            @claims-back=${this.#onBack}
            @claims-help-requested=${this.#openHelp}
          ></claims-detail>`
        : nothing}
      ${settings
        ? html`<div class="settings">
            <button type="button" part="settings-back-button" class="btn ghost back" @click=${this.#closeSettings}>
              <span aria-hidden="true">←</span> ${t.back}
            </button>
            <claims-settings part="settings"></claims-settings>
          </div>`
        : nothing}
      <dialog part="help-dialog" aria-label=${t.app.help} @close=${() => this.#beforeHelp?.focus()}>
        <div class="dialog-head">
          <button type="button" class="btn ghost" @click=${() => this.helpDialog?.close()}>${t.app.close}</button>
        </div>
        <claims-help part="help"></claims-help>
      </dialog>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'claims-app': ClaimsApp;
  }
}
