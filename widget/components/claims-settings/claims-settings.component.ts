import { html, nothing, type PropertyValues } from 'lit';
import { state } from 'lit/decorators.js';
import { ClaimsElement } from '../../internal/claims-element.ts';
import type { ClaimsSession } from '../../internal/session.ts';
import type { CompanySettings, LiveEvent, Me, NotificationChannel, UserSettings } from '../../internal/types.ts';
import { accountCatalogue } from '../../translations/account.ts';
import { problemsCatalogue } from '../../translations/problems.ts';
import { tokens } from '../../themes/tokens.styles.ts';
import { styles } from './claims-settings.styles.ts';
import { SettingsApi } from './claims-settings.api.ts';
import { perSession } from '../../internal/api-client.ts';

/** What was loaded, and the last local change (`Change.seq`) it already reflects. */
interface Snapshot {
  session: ClaimsSession;
  after: number;
  me: Me;
  /** Admins: the company's users and its default channel; null for everyone else, who see their own settings only. */
  users: Me[] | null;
  company: CompanySettings | null;
}

type Settings = Required<UserSettings>;

/** A user's settings (or, keyed `company`, the company's default channel) as saved or told live here. */
interface Change {
  session: ClaimsSession;
  seq: number;
  value: Settings | NotificationChannel;
}

/** Where a row's last save stands: on its way, done, or failed with the server's reason. */
type RowStatus = { state: 'saving' } | { state: 'saved' } | { state: 'failed'; detail: string };

const apiOf = perSession(SettingsApi);

const COMPANY = 'company';

/** The integrations' elements, fetched the first time an admin opens the section. */
const loadIntegrations = () =>
  Promise.all([import('../claims-api-keys/claims-api-keys.ts'), import('../claims-webhooks/claims-webhooks.ts')]).catch((error: unknown) =>
    console.error('Claimdesk could not load the integrations:', error),
  );
/** The channel with email: the other one is the customer area only. */
const EMAIL_TOO: NotificationChannel = 'in_app_and_email';

/**
 * The company's settings. An admin sees every user of the company with a claims-access switch
 * (administrators always have access, so theirs is off limits) and a switch for notifications by
 * email too (they always arrive in the customer area), and the same switch for the users to come;
 * under Integrations, opened on demand, the company's API keys (`<claims-api-keys>`) and
 * webhooks (`<claims-webhooks>`).
 * Each change is saved at once: the row shows it saving, "Saved" is announced, and a refusal puts
 * the switch back and shows why. Everyone else sees their own settings, read-only. Follows the
 * live stream (user.updated, company.updated).
 *
 * @tag claims-settings
 *
 * @attr api-base - Base URL of the API; optional inside a configured element.
 * @attr token - User token; optional inside a configured element.
 * @attr lang - `es`, `en`, `pt`, `fr`, `de`, `it` or `ca`; a region is ignored (`fr-CA` is French).
 *
 * @fires {ClaimsErrorDetail} claims-error - Loading or saving failed.
 * @fires {ClaimsLiveEventDetail} claims-live-event - A live event arrived (only when this element holds the configuration).
 *
 * @csspart base - The wrapper.
 * @csspart heading - The heading.
 * @csspart company-default - The channel new users start with (admins).
 * @csspart users - The list of users (admins).
 * @csspart user - One user's row.
 * @csspart access-switch - A user's claims-access switch.
 * @csspart channel-switch - A notification channel's switch: by email too, or in the customer area only.
 * @csspart row-status - "Saving…", "Saved" or the reason a change was refused.
 * @csspart integrations - The admins' Integrations section: the company's API keys and webhooks, once opened.
 * @csspart integrations-button - Opens or closes the Integrations section.
 * @csspart own-settings - Your own settings, read-only (members).
 * @csspart state - Loading, empty and error states.
 *
 * @cssprop --claims-color-primary - A switched-on switch.
 * @cssprop --claims-color-success - "Saved".
 * @cssprop --claims-color-danger - A refused change.
 */
export class ClaimsSettings extends ClaimsElement {
  static override styles = [tokens, styles];
  static override catalogues = [accountCatalogue, problemsCatalogue];

  @state() private accessor changes: ReadonlyMap<string, Change> = new Map();
  @state() private accessor statuses: ReadonlyMap<string, RowStatus> = new Map();
  @state() private accessor announcement = '';
  @state() private accessor integrationsOpen = false;

  #seq = 0;
  #wantFocus = false;

  #task = this.loadTask({
    report: 'settings',
    args: () => [],
    load: async (session, _, signal): Promise<Snapshot> => {
      const after = this.#seq;
      const me = await session.api.me({ signal });
      if (me.role !== 'admin') return { session, after, me, users: null, company: null };
      const [users, company] = await Promise.all([apiOf(session).users({ signal }), apiOf(session).company({ signal })]);
      return { session, after, me, users, company };
    },
  });

  /** Moves focus to the heading (now, or as soon as the settings are shown). */
  focusHeading(): void {
    this.#wantFocus = true;
    void this.updateComplete.then(() => this.#applyFocus());
  }

  #applyFocus(): void {
    const target = this.renderRoot.querySelector<HTMLElement>('h2');
    if (this.#wantFocus && target) {
      target.focus();
      this.#wantFocus = false;
    }
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    this.#applyFocus();
  }

  get #t() {
    return this.localize(accountCatalogue).settings;
  }

  get #snapshot(): Snapshot | undefined {
    const value = this.#task.value;
    return value && value.session === this.session ? value : undefined;
  }

  /** What changed here after the snapshot was asked for, under `key` (a user id, or `company`). */
  #changed(snapshot: Snapshot, key: string): Change['value'] | undefined {
    const change = this.changes.get(key);
    return change && change.session === snapshot.session && change.seq > snapshot.after ? change.value : undefined;
  }

  #user(snapshot: Snapshot, user: Me): Me {
    const value = this.#changed(snapshot, user.id);
    return typeof value === 'object' ? { ...user, ...value } : user;
  }

  #companyChannel(snapshot: Snapshot): NotificationChannel | undefined {
    const value = this.#changed(snapshot, COMPANY);
    return typeof value === 'string' ? value : snapshot.company?.defaultNotifications;
  }

  #set(session: ClaimsSession, key: string, value: Change['value']): void {
    this.changes = new Map(this.changes).set(key, { session, seq: ++this.#seq, value });
  }

  #status(key: string, status: RowStatus | null): void {
    const statuses = new Map(this.statuses);
    if (status) statuses.set(key, status);
    else statuses.delete(key);
    this.statuses = statuses;
  }

  protected override liveEvent(event: LiveEvent): void {
    const snapshot = this.#snapshot;
    if (!snapshot) return;
    if (event.type === 'user.updated') {
      const known = event.userId === snapshot.me.id || snapshot.users?.some((u) => u.id === event.userId);
      // Someone new (synced by the host, or signed in for the first time): the list comes again.
      if (!known) return void this.#task.run();
      this.#set(snapshot.session, event.userId, event.data);
    } else if (event.type === 'company.updated') {
      this.#set(snapshot.session, COMPANY, event.data.defaultNotifications);
    }
  }

  /** Changes seen before are void (see ClaimsElement.liveReset): the settings load again from now. */
  protected override liveReset(): void {
    this.changes = new Map();
  }

  /**
   * Saves one change at once: shown straight away, confirmed by the server's answer, and put
   * back (with the server's reason) when refused.
   */
  async #save(key: string, before: Change['value'], after: Change['value'], send: (session: ClaimsSession) => Promise<Change['value']>): Promise<void> {
    const session = this.session;
    if (!session || this.statuses.get(key)?.state === 'saving') return;
    this.#set(session, key, after);
    this.#status(key, { state: 'saving' });
    try {
      this.#set(session, key, await send(session));
      this.#status(key, { state: 'saved' });
      this.announcement = this.#t.saved;
    } catch (error) {
      this.#set(session, key, before);
      const problem = this.fail(error, 'settings');
      this.#status(key, { state: 'failed', detail: `${this.#t.failed} ${this.problemText(problem)}` });
    }
  }

  #saveUser(user: Me, change: UserSettings): void {
    const before: Settings = { claimsAccess: user.claimsAccess, notifications: user.notifications };
    void this.#save(user.id, before, { ...before, ...change }, async (session) => {
      const saved = await apiOf(session).updateUser(user.id, change);
      return { claimsAccess: saved.claimsAccess, notifications: saved.notifications };
    });
  }

  #saveCompany(before: NotificationChannel, channel: NotificationChannel): void {
    void this.#save(COMPANY, before, channel, async (session) => (await apiOf(session).updateCompany(channel)).defaultNotifications);
  }

  override render() {
    const t = this.#t;
    return html`<section part="base" class="base" lang=${this.language} aria-labelledby="title">
      <h2 id="title" part="heading" tabindex="-1">${t.title}</h2>
      ${this.#task.render({
        initial: () => this.renderLoading(),
        pending: () => (this.#snapshot ? this.#renderSettings(this.#snapshot) : this.renderLoading()),
        complete: () => (this.#snapshot ? this.#renderSettings(this.#snapshot) : nothing),
        error: (error) => this.renderFailure(error, () => this.#task.run()),
      })}
      <div class="sr-only" role="status" aria-live="polite">${this.announcement}</div>
    </section>`;
  }

  #renderSettings(snapshot: Snapshot) {
    const t = this.#t;
    if (!snapshot.users) {
      const me = this.#user(snapshot, snapshot.me);
      return html`<div part="own-settings" class="own">
        <h3>${t.yours}</h3>
        <dl>
          <div><dt>${t.access}</dt><dd>${me.claimsAccess ? t.granted : t.notGranted}</dd></div>
          <div><dt>${t.channel}</dt><dd>${t.channels[me.notifications]}</dd></div>
        </dl>
        <p class="muted">${t.readOnly}</p>
      </div>`;
    }
    const channel = this.#companyChannel(snapshot);
    return html`<p class="muted">${t.intro}</p>
      ${channel
        ? html`<div part="company-default" class="company">
            ${this.#renderSwitch({
              part: 'channel-switch',
              on: channel === EMAIL_TOO,
              label: t.companyDefault,
              describedBy: 'company-hint',
              toggle: () => this.#saveCompany(channel, channel === EMAIL_TOO ? 'in_app' : EMAIL_TOO),
            })}
            <small id="company-hint" class="muted">${t.companyDefaultHint}</small>
            ${this.#renderStatus(COMPANY)}
          </div>`
        : nothing}
      <h3>${t.users}</h3>
      ${snapshot.users.length
        ? html`<ul part="users" class="users">
            ${snapshot.users.map((user) => this.#renderUser(this.#user(snapshot, user), user.id === snapshot.me.id))}
          </ul>`
        : html`<p part="state" class="state">${t.empty}</p>`}
      ${this.#renderIntegrations()}`;
  }

  #toggleIntegrations(): void {
    this.integrationsOpen = !this.integrationsOpen;
    if (this.integrationsOpen) void loadIntegrations();
  }

  #renderIntegrations() {
    const t = this.#t;
    return html`<h3 id="integrations-title">${t.integrations}</h3>
      <p class="muted">${t.integrationsIntro}</p>
      <button
        type="button"
        part="integrations-button"
        class="btn integrations-button"
        aria-expanded=${this.integrationsOpen ? 'true' : 'false'}
        aria-controls="integrations"
        @click=${this.#toggleIntegrations}
      >
        ${this.integrationsOpen ? t.closeIntegrations : t.openIntegrations}
      </button>
      <div part="integrations" id="integrations" class="integrations" role="region" aria-labelledby="integrations-title" ?hidden=${!this.integrationsOpen}>
        ${this.integrationsOpen ? html`<claims-api-keys></claims-api-keys><claims-webhooks></claims-webhooks>` : nothing}
      </div>`;
  }

  #renderUser(user: Me, self: boolean) {
    const t = this.#t;
    const admin = user.role === 'admin';
    const saving = this.statuses.get(user.id)?.state === 'saving';
    return html`<li part="user" class="user" aria-busy=${saving ? 'true' : 'false'}>
      <div class="who">
        <strong>${user.name}</strong>${self ? html` <span class="muted">(${t.you})</span>` : nothing}
        <span class="badge">${t.role[user.role]}</span>
        <small class="muted email">${user.email}</small>
      </div>
      <div class="field">
        ${this.#renderSwitch({
          part: 'access-switch',
          on: user.claimsAccess,
          label: t.accessOf(user.name),
          text: t.access,
          describedBy: admin ? `always-${user.id}` : undefined,
          disabled: admin,
          toggle: () => this.#saveUser(user, { claimsAccess: !user.claimsAccess }),
        })}
        ${admin ? html`<small id="always-${user.id}" class="muted">${t.adminAlways}</small>` : nothing}
      </div>
      <div class="field">
        ${this.#renderSwitch({
          part: 'channel-switch',
          on: user.notifications === EMAIL_TOO,
          label: t.emailOf(user.name),
          text: t.email,
          toggle: () => this.#saveUser(user, { notifications: user.notifications === EMAIL_TOO ? 'in_app' : EMAIL_TOO }),
        })}
      </div>
      ${this.#renderStatus(user.id)}
    </li>`;
  }

  /**
   * A setting that is on or off, saved when pressed: a press (click, Space, Enter) is a choice. Not a
   * <select>: a closed one takes each arrow key as a choice, and would save every step on the way.
   * `text` is what shows beside it, when shorter than its accessible name.
   */
  #renderSwitch(o: { part: string; on: boolean; label: string; text?: string; describedBy?: string | undefined; disabled?: boolean; toggle: () => void }) {
    return html`<button
      type="button"
      role="switch"
      part=${o.part}
      class="switch"
      aria-checked=${o.on ? 'true' : 'false'}
      aria-label=${o.label}
      aria-describedby=${o.describedBy ?? nothing}
      ?disabled=${!!o.disabled}
      @click=${o.toggle}
    >
      <span class="track" aria-hidden="true"><span class="thumb"></span></span>
      <span aria-hidden="true">${o.text ?? o.label}</span>
    </button>`;
  }

  #renderStatus(key: string) {
    const status = this.statuses.get(key);
    const t = this.#t;
    if (!status) return nothing;
    if (status.state === 'failed') return html`<p part="row-status" class="status error" role="alert">${status.detail}</p>`;
    return html`<p part="row-status" class="status ${status.state}">${status.state === 'saving' ? t.saving : t.saved}</p>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'claims-settings': ClaimsSettings;
  }
}
