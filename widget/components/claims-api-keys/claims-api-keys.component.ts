import { html, nothing } from 'lit';
import { query, state } from 'lit/decorators.js';
import { API_KEY_SCOPES } from '../../../domain/constants.ts';
import { ClaimsElement } from '../../internal/claims-element.ts';
import { date, relative } from '../../internal/format.ts';
import type { ClaimsSession } from '../../internal/session.ts';
import type { ApiKey, ApiKeyScope, CreatedApiKey } from '../../internal/types.ts';
import { SecretController, secretStyles } from '../../controllers/secret-controller.ts';
import { apiKeysCatalogue } from '../../translations/api-keys.ts';
import { problemsCatalogue } from '../../translations/problems.ts';
import { tokens } from '../../themes/tokens.styles.ts';
import { integrationStyles } from '../../themes/integration.styles.ts';
import { ApiKeysApi } from './claims-api-keys.api.ts';
import { perSession } from '../../internal/api-client.ts';
import { styles } from './claims-api-keys.styles.ts';

/** The longest name the API takes. */
const NAME_MAX = 80;
/** What a new key may do unless the admin chooses otherwise: read, the least. */
const DEFAULT_SCOPES: readonly ApiKeyScope[] = ['claims:read'];

/** The keys as loaded, and for whom (a user switch must not show the previous user's). */
interface Snapshot {
  session: ClaimsSession;
  keys: ApiKey[];
}

/** What the dialog shows: the new key's form, the new key (once), or the question before revoking one. */
type Modal = { kind: 'create' } | { kind: 'created'; key: CreatedApiKey } | { kind: 'revoke'; key: ApiKey };

const apiOf = perSession(ApiKeysApi);

/**
 * The company's API keys, for its administrators: the keys its programs (an ERP) use to read
 * its claims and upload documents. Each key shows its name, its first characters, what it may
 * do, when and by whom it was created, and when it was last used. Create asks for a name and the
 * permissions (reading claims, unless chosen otherwise), then shows the whole key this once, with
 * Copy; Revoke asks first, and the key stays listed as revoked. Announces what was created,
 * copied and revoked. `<claims-settings>` shows it to admins under Integrations.
 *
 * @tag claims-api-keys
 *
 * @attr api-base - Base URL of the API; optional inside a configured element.
 * @attr token - User token; optional inside a configured element.
 * @attr lang - `es`, `en`, `pt`, `fr`, `de`, `it` or `ca`; a region is ignored (`fr-CA` is French).
 *
 * @fires {ClaimsErrorDetail} claims-error - Loading, creating or revoking failed.
 * @fires {ClaimsLiveEventDetail} claims-live-event - A live event arrived (only when this element holds the configuration).
 *
 * @csspart base - The wrapper.
 * @csspart heading - The heading.
 * @csspart create-button - Opens the form for a new key.
 * @csspart keys - The list of keys.
 * @csspart key - One key.
 * @csspart prefix - A key's first characters.
 * @csspart revoke-button - Revokes a key, after asking.
 * @csspart dialog - The new key's form, the new key, and the question before revoking.
 * @csspart secret - The new key, shown once, with Copy.
 * @csspart copy-button - Copies the new key.
 * @csspart state - Loading, empty and error states.
 *
 * @cssprop --claims-color-warning - The box of the key shown once.
 * @cssprop --claims-color-success - An active key's badge.
 */
export class ClaimsApiKeys extends ClaimsElement {
  static override styles = [tokens, secretStyles, integrationStyles, styles];
  static override catalogues = [apiKeysCatalogue, problemsCatalogue];

  @state() private accessor modal: Modal | null = null;
  @state() private accessor busy = false;
  @state() private accessor nameError = '';
  @state() private accessor scopesError = '';
  @state() private accessor formError = '';
  /** Said outside the dialog, and inside it while it is open (the page behind a modal dialog is not read). */
  @state() private accessor announcement = '';
  @state() private accessor dialogAnnouncement = '';

  @query('dialog') private accessor dialog!: HTMLDialogElement;

  /** What had focus when the dialog opened, to return it there; or the key to focus once it closes. */
  #after: HTMLElement | string | null = null;
  #secret = new SecretController(this, (text) => this.#say(text));

  #task = this.loadTask({
    live: false,
    report: 'api-keys',
    args: () => [],
    load: async (session, _, signal): Promise<Snapshot> => ({ session, keys: await apiOf(session).list({ signal }) }),
  });

  get #t() {
    return this.localize(apiKeysCatalogue);
  }

  get #snapshot(): Snapshot | undefined {
    const value = this.#task.value;
    return value && value.session === this.session ? value : undefined;
  }

  #say(text: string): void {
    if (this.dialog?.open) this.dialogAnnouncement = text;
    else this.announcement = text;
  }

  #open(modal: Modal): void {
    this.#after = (this.renderRoot as ShadowRoot).activeElement as HTMLElement | null;
    this.nameError = this.scopesError = this.formError = this.dialogAnnouncement = '';
    this.#secret.reset();
    this.modal = modal;
    this.dialog.showModal();
    void this.updateComplete.then(() => this.dialog.querySelector<HTMLElement>('input, .dialog-actions button')?.focus());
  }

  /** Closes the dialog and moves on at once: a page in the background gets its `close` event late. */
  #close(): void {
    this.dialog.close();
    this.#onClose();
  }

  /** The dialog closed (by `#close`, or by Escape): what it showed goes, and focus moves on. */
  #onClose(): void {
    // The `close` event comes a task later, and under load after another dialog has opened: then
    // it is the earlier dialog's, and this one (open) must keep its modal and where focus goes after.
    if (!this.modal || this.dialog.open) return;
    this.modal = null;
    this.#secret.reset();
    const after = this.#after;
    this.#after = null;
    // A key created or revoked: its row (once the list has it); else what opened the dialog.
    if (typeof after === 'string') {
      void this.#task.taskComplete.then(() => this.updateComplete).then(() => this.renderRoot.querySelector<HTMLElement>(`#key-${CSS.escape(after)}`)?.focus());
    } else if (after?.isConnected) after.focus();
    else this.renderRoot.querySelector<HTMLElement>('h2')?.focus();
  }

  /** Keeps Tab inside the dialog. */
  #trap(e: KeyboardEvent): void {
    if (e.key !== 'Tab') return;
    const items = [...this.dialog.querySelectorAll<HTMLElement>('input, button:not([disabled])')];
    const at = items.indexOf((this.renderRoot as ShadowRoot).activeElement as HTMLElement);
    if (e.shiftKey ? at <= 0 : at === items.length - 1) {
      e.preventDefault();
      (e.shiftKey ? items.at(-1) : items[0])?.focus();
    }
  }

  async #create(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const t = this.#t;
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    const name = String(data.get('name') ?? '').trim();
    const scopes = data.getAll('scopes') as ApiKeyScope[];
    this.nameError = name ? '' : t.nameRequired;
    this.scopesError = scopes.length ? '' : t.scopesRequired;
    this.formError = '';
    if (!name || !scopes.length) {
      form.querySelector<HTMLElement>(name ? 'input[type="checkbox"]' : 'input[name="name"]')?.focus();
      return;
    }
    const session = this.session;
    if (!session || this.busy) return;
    this.busy = true;
    try {
      const key = await apiOf(session).create({ name, scopes });
      this.modal = { kind: 'created', key };
      this.#after = key.id;
      void this.#task.run();
      this.#say(t.createdAnnounced(key.name));
      await this.updateComplete;
      this.dialog.querySelector<HTMLInputElement>('#secret-field')?.focus();
    } catch (error) {
      this.formError = `${t.createFailed} ${this.problemText(this.fail(error, 'create-api-key'))}`;
    } finally {
      this.busy = false;
    }
  }

  async #revoke(key: ApiKey): Promise<void> {
    const session = this.session;
    if (!session || this.busy) return;
    this.busy = true;
    this.formError = '';
    try {
      await apiOf(session).revoke(key.id);
      // Loading before closing: focus goes to the key once the list shows it revoked.
      void this.#task.run();
      this.#after = key.id;
      this.#close();
      this.#say(this.#t.revokedAnnounced(key.name));
    } catch (error) {
      const problem = this.fail(error, 'revoke-api-key');
      this.formError = `${this.#t.revokeFailed} ${this.problemText(problem)}`;
      if (problem.status === 404) void this.#task.run();
    } finally {
      this.busy = false;
    }
  }

  override render() {
    const t = this.#t;
    const snapshot = this.#snapshot;
    return html`<section part="base" class="base" lang=${this.language} aria-labelledby="title">
      <div class="head">
        <h2 id="title" part="heading" tabindex="-1">${t.title}</h2>
        ${snapshot
          ? html`<button type="button" part="create-button" class="btn primary" aria-haspopup="dialog" @click=${() => this.#open({ kind: 'create' })}>
              ${t.create}
            </button>`
          : nothing}
      </div>
      <p class="muted">${t.intro}</p>
      ${this.#task.render({
        initial: () => this.renderLoading(),
        pending: () => (snapshot ? this.#renderKeys(snapshot.keys) : this.renderLoading()),
        complete: () => (snapshot ? this.#renderKeys(snapshot.keys) : nothing),
        error: (error) => this.renderFailure(error, () => this.#task.run()),
      })}
      <div class="sr-only" role="status" aria-live="polite">${this.announcement}</div>
      ${this.#renderDialog()}
    </section>`;
  }

  #renderKeys(keys: ApiKey[]) {
    const t = this.#t;
    if (!keys.length) {
      return html`<div part="state" class="state">
        <h3>${t.emptyTitle}</h3>
        <p>${t.emptyBody}</p>
      </div>`;
    }
    // Keys in use first; revoked ones stay listed below, for the record.
    const sorted = [...keys.filter((k) => !k.revokedAt), ...keys.filter((k) => k.revokedAt)];
    return html`<ul part="keys" class="keys">
      ${sorted.map((key) => this.#renderKey(key))}
    </ul>`;
  }

  #renderKey(key: ApiKey) {
    const t = this.#t;
    const when = (iso: string) => date(iso, this.locale);
    return html`<li part="key" class="key ${key.revokedAt ? 'revoked' : ''}" id="key-${key.id}" tabindex="-1" aria-labelledby="name-${key.id}">
      <div class="key-head">
        <strong id="name-${key.id}">${key.name}</strong>
        <span class="badge ${key.revokedAt ? '' : 'active'}">${key.revokedAt ? t.revoked : t.active}</span>
      </div>
      <code part="prefix" class="prefix">${key.prefix}…</code>
      <ul class="scopes" aria-label=${t.permissions}>
        ${key.scopes.map((scope) => html`<li class="badge">${t.scopes[scope].name}</li>`)}
      </ul>
      <p class="muted small">
        ${key.revokedAt
          ? t.revokedOn(when(key.revokedAt), key.revokedBy)
          : html`${t.created(when(key.createdAt), key.createdBy?.name ?? null)}<br />${t.lastUsed(key.lastUsedAt ? relative(key.lastUsedAt, this.locale) : null)}`}
      </p>
      ${key.revokedAt
        ? nothing
        : html`<button type="button" part="revoke-button" class="btn danger revoke" aria-haspopup="dialog" @click=${() => this.#open({ kind: 'revoke', key })}>
            ${t.revoke}<span class="sr-only"> ${key.name}</span>
          </button>`}
    </li>`;
  }

  #renderDialog() {
    const m = this.modal;
    return html`<dialog part="dialog" aria-labelledby="dlg-title" @keydown=${this.#trap} @close=${this.#onClose}>
      ${m?.kind === 'create' ? this.#renderForm() : m?.kind === 'created' ? this.#renderCreated(m.key) : m?.kind === 'revoke' ? this.#renderRevoke(m.key) : nothing}
      <p class="sr-only" role="status" aria-live="polite">${this.dialogAnnouncement}</p>
    </dialog>`;
  }

  #renderForm() {
    const t = this.#t;
    return html`<form @submit=${this.#create} novalidate>
      <h3 id="dlg-title">${t.createTitle}</h3>
      <div class="field">
        <label for="key-name">${t.name}</label>
        <input
          id="key-name"
          name="name"
          maxlength=${NAME_MAX}
          autocomplete="off"
          required
          aria-invalid=${this.nameError ? 'true' : 'false'}
          aria-describedby="key-name-hint key-name-error"
        />
        <small id="key-name-hint" class="muted">${t.nameHint}</small>
        <p id="key-name-error" class="error" role="alert">${this.nameError}</p>
      </div>
      <fieldset aria-describedby="scopes-error">
        <legend>${t.scopesLegend}</legend>
        ${API_KEY_SCOPES.map(
          (scope) => html`<label class="check">
            <input type="checkbox" name="scopes" value=${scope} ?checked=${DEFAULT_SCOPES.includes(scope)} aria-describedby="hint-${scope.replace(':', '-')}" />
            <span>${t.scopes[scope].name}<small id="hint-${scope.replace(':', '-')}" class="muted">${t.scopes[scope].hint}</small></span>
          </label>`,
        )}
      </fieldset>
      <p id="scopes-error" class="error" role="alert">${this.scopesError}</p>
      <p class="error" role="alert">${this.formError}</p>
      <div class="dialog-actions">
        <button type="button" class="btn" @click=${this.#close}>${this.t.cancel}</button>
        <button type="submit" class="btn primary" ?disabled=${this.busy}>${this.busy ? t.creating : t.create}</button>
      </div>
    </form>`;
  }

  #renderCreated(key: CreatedApiKey) {
    const t = this.#t;
    return html`<h3 id="dlg-title">${t.createdTitle(key.name)}</h3>
      ${this.#secret.render(key.secret, t.secret)}
      <div class="dialog-actions">
        <button type="button" class="btn" @click=${this.#close}>${t.done}</button>
      </div>`;
  }

  #renderRevoke(key: ApiKey) {
    const t = this.#t;
    return html`<h3 id="dlg-title">${t.revokeTitle(key.name)}</h3>
      <p id="dlg-intro">${t.revokeIntro}</p>
      <p class="error" role="alert">${this.formError}</p>
      <div class="dialog-actions">
        <button type="button" class="btn" @click=${this.#close}>${this.t.cancel}</button>
        <button type="button" class="btn danger solid" ?disabled=${this.busy} @click=${() => this.#revoke(key)}>${t.revoke}</button>
      </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'claims-api-keys': ClaimsApiKeys;
  }
}
