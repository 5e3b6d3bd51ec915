import { html, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { ClaimsElement } from '../../internal/claims-element.ts';
import { tokens } from '../../themes/tokens.styles.ts';
import { styles } from './claims-app.styles.ts';
import '../claims-list/claims-list.ts';

// A claim's detail is fetched when the browser is idle after the list shows, or at once when a
// claim is opened first: the list does not wait for it, and opening a claim rarely does.
let detail: Promise<unknown> | undefined;
const loadDetail = () => (detail ??= import('../claims-detail/claims-detail.ts').catch((error: unknown) => ((detail = undefined), Promise.reject(error))));
const whenIdle = (task: () => void) => ('requestIdleCallback' in window ? requestIdleCallback(task, { timeout: 5000 }) : setTimeout(task, 1000));

/**
 * The drop-in claims area: the list, and a claim's detail (header, actions, timeline) when one
 * is opened. Focus moves to the claim heading on open and back to its row on return.
 *
 * @tag claims-app
 *
 * @attr api-base - Base URL of the API, e.g. `https://claims.example.com/api/v1`.
 * @attr token - User token (JWT). Or set the `tokenProvider` property.
 * @attr lang - `es` or `en` (default: `<html lang>`, then Spanish).
 * @attr claim-id - The open claim; empty shows the list.
 *
 * @fires {ClaimsSelectEvent} claims-select - A claim was opened.
 * @fires {ClaimsBackEvent} claims-back - The user went back to the list.
 * @fires {ClaimsAcceptedEvent} claims-accepted - A claim was accepted.
 * @fires {ClaimsDeclinedEvent} claims-declined - A claim was declined.
 * @fires {ClaimsErrorEvent} claims-error - A request failed.
 * @fires {ClaimsLiveEvent} claims-live-event - A live event arrived.
 *
 * @csspart base - The wrapper.
 * @csspart list - The `<claims-list>` element (its parts are exported: `toolbar`, `filter-chip`, `search`, `type-select`, `live-indicator`, `rows`, `row`, `status-badge`, `marker`, `load-more`, `state`).
 * @csspart detail - The `<claims-detail>` element (its parts are exported: `header`, `heading`, `guidance`, `actions`, `accept-button`, `decline-button`, `tabs`, `tab`, `tab-selected`, `facts`, `deadline`, `dialog`, `stepper`, `step`, `events`, `event`, `back-button`, `documents` and the checklist's `documents-*` parts, `unread-badge`, `chat` and the conversation's `chat-*` parts).
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

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (this.claimId) void loadDetail();
  }

  protected override firstUpdated(): void {
    whenIdle(() => void loadDetail());
  }

  #onSelect(e: CustomEvent<{ id: string }>): void {
    this.claimId = e.detail.id;
    void Promise.all([this.updateComplete, customElements.whenDefined('claims-detail')]).then(() =>
      this.renderRoot.querySelector('claims-detail')?.focusHeading(),
    );
  }

  #onBack(e: CustomEvent<{ id: string }>): void {
    const id = e.detail.id;
    this.claimId = '';
    void this.updateComplete.then(() => this.renderRoot.querySelector('claims-list')?.focusClaim(id));
  }

  override render() {
    const open = !!this.claimId;
    return html`<div part="base" class="base" lang=${this.language}>
      <claims-list
        part="list"
        exportparts="toolbar, filter-chip, search, type-select, live-indicator, list: rows, row, status-badge, marker, load-more, state"
        ?hidden=${open}
        @claims-select=${this.#onSelect}
      ></claims-list>
      ${open
        ? html`<claims-detail
            part="detail"
            exportparts="back-button, header, heading, status-badge, guidance, actions, accept-button, decline-button, tabs, tab, tab-selected, facts, deadline, dialog, state, stepper, step, events, event, documents, documents-progress, documents-item, documents-status-badge, documents-file, documents-thumbnail, documents-dropzone, documents-upload, documents-review, documents-dialog, unread-badge, chat, chat-log, chat-message, chat-message-mine, chat-message-theirs, chat-composer, chat-input, chat-send-button"
            show-back
            claim-id=${this.claimId}
            @claims-back=${this.#onBack}
          ></claims-detail>`
        : null}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'claims-app': ClaimsApp;
  }
}
