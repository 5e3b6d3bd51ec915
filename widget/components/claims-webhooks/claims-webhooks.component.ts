import { html, nothing, type PropertyValues } from 'lit';
import { query, state } from 'lit/decorators.js';
import { WEBHOOK_DELIVERY_STATUSES, WEBHOOK_EVENT_TYPES, type WebhookDeliveryStatus, type WebhookEventType } from '../../../domain/constants.ts';
import type { ApiError } from '../../internal/api-error.ts';
import { ClaimsElement } from '../../internal/claims-element.ts';
import { DATE_TIME, date, relative } from '../../internal/format.ts';
import type { ClaimsSession } from '../../internal/session.ts';
import type { CreatedWebhookEndpoint, LiveEvent, WebhookDelivery, WebhookEndpoint, WebhookEventSelection } from '../../internal/types.ts';
import { SecretController, secretStyles } from '../../controllers/secret-controller.ts';
import type { EventGroup } from '../../translations/translation.ts';
import { webhooksCatalogue } from '../../translations/webhooks.ts';
import { problemsCatalogue } from '../../translations/problems.ts';
import { tokens } from '../../themes/tokens.styles.ts';
import { integrationStyles } from '../../themes/integration.styles.ts';
import { WebhooksApi } from './claims-webhooks.api.ts';
import { perSession } from '../../internal/api-client.ts';
import { DeliveryLog, type Attempts } from './claims-webhooks.deliveries.ts';
import { styles } from './claims-webhooks.styles.ts';

/** How far back "Redeliver since" may reach, as the API allows. */
const REDELIVERY_DAYS = 30;
const DAY = 86_400_000;

/** A moment as a datetime-local field holds it: the reader's own time, to the minute. */
function localInput(ms: number): string {
  return new Date(ms - new Date(ms).getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

/** The type of the deliveries "Send test event" makes. */
const TEST_EVENT = 'webhook.test';
/** The longest description the API takes. */
const DESCRIPTION_MAX = 500;

/** The event types a webhook can receive, by group (`claim`, `document`…), in the order the API lists them. */
const EVENT_GROUPS = WEBHOOK_EVENT_TYPES.reduce((groups, type) => {
  const group = type.slice(0, type.indexOf('.')) as EventGroup;
  groups.set(group, [...(groups.get(group) ?? []), type]);
  return groups;
}, new Map<EventGroup, WebhookEventType[]>());

/** The endpoints as loaded, and for whom (a user switch must not show the previous user's). */
interface Snapshot {
  session: ClaimsSession;
  endpoints: WebhookEndpoint[];
}

/** What the dialog shows. `form` adds an endpoint, or with `endpoint` edits it. */
type Modal =
  | { kind: 'form'; endpoint: WebhookEndpoint | null }
  | { kind: 'created'; endpoint: CreatedWebhookEndpoint }
  | { kind: 'rotate'; endpoint: WebhookEndpoint }
  | { kind: 'rotated'; endpoint: WebhookEndpoint; secret: string; until: string }
  | { kind: 'remove'; endpoint: WebhookEndpoint };

/** Whether `text` is a whole http(s) address; the API decides the rest (https only, no private hosts). */
function isWebAddress(text: string): boolean {
  try {
    return /^https?:$/.test(new URL(text).protocol);
  } catch {
    return false;
  }
}

/** Whether an endpoint receives every event type, those to come included. */
function receivesAll(endpoint: WebhookEndpoint): boolean {
  return (endpoint.eventTypes as readonly string[]).includes('*');
}

const apiOf = perSession(WebhooksApi);

/**
 * The company's webhooks, for its administrators: the addresses its systems (an ERP) receive
 * its events at, signed as Standard Webhooks. The list shows each endpoint's URL, the events it
 * receives and whether it is active, failing (since when) or disabled (and why: the receiver
 * answered 410 Gone, it kept failing, or an admin switched it off). Add asks for the URL, a
 * description and every event or chosen ones (grouped, by name), then shows the signing secret
 * this once, with Copy. An endpoint's view sends a test event, edits it, disables or enables it,
 * rotates its secret (the old one stays valid 24 hours), deletes it (after asking), and shows its
 * delivery log: status, time, response code and latency, the first bytes of the answer, the
 * tries, and Redeliver, one or every delivery since a date; pending deliveries are followed
 * until they settle. Follows the live stream: an endpoint another admin or an API key changed,
 * or Claimdesk disabled, shows at once. `<claims-settings>` shows it to admins under Integrations.
 *
 * @tag claims-webhooks
 *
 * @attr api-base - Base URL of the API; optional inside a configured element.
 * @attr token - User token; optional inside a configured element.
 * @attr lang - `es`, `en`, `pt`, `fr`, `de`, `it` or `ca`; a region is ignored (`fr-CA` is French).
 *
 * @fires {ClaimsErrorDetail} claims-error - A request failed.
 * @fires {ClaimsLiveEventDetail} claims-live-event - A live event arrived (only when this element holds the configuration).
 *
 * @csspart base - The wrapper.
 * @csspart heading - The heading.
 * @csspart create-button - Opens the form for a new endpoint.
 * @csspart endpoints - The list of endpoints.
 * @csspart endpoint - One endpoint in the list (a button that opens it).
 * @csspart endpoint-status - Active, failing or disabled, and why.
 * @csspart detail - One endpoint's view.
 * @csspart back-button - Leaves the endpoint's view.
 * @csspart actions - The endpoint's actions: test, edit, disable or enable, rotate, delete.
 * @csspart deliveries - The endpoint's delivery log.
 * @csspart delivery - One delivery.
 * @csspart response - The first bytes of a receiver's answer.
 * @csspart dialog - The endpoint's form, its secret shown once, and the questions before rotating and deleting.
 * @csspart secret - A signing secret, shown once, with Copy.
 * @csspart copy-button - Copies the signing secret.
 * @csspart state - Loading, empty and error states.
 *
 * @cssprop --claims-color-success - Active endpoints and delivered deliveries.
 * @cssprop --claims-color-warning - Failing endpoints, pending deliveries, and the box of the secret shown once.
 * @cssprop --claims-color-danger - Disabled endpoints and failed deliveries.
 */
export class ClaimsWebhooks extends ClaimsElement {
  static override styles = [tokens, secretStyles, integrationStyles, styles];
  static override catalogues = [webhooksCatalogue, problemsCatalogue];

  /** The endpoint whose view is open; null shows the list. */
  @state() private accessor openId: string | null = null;
  @state() private accessor modal: Modal | null = null;
  /** Whether the form sends every event (else the ones checked). */
  @state() private accessor allEvents = true;
  @state() private accessor busy = '';
  @state() private accessor urlError = '';
  @state() private accessor eventsError = '';
  @state() private accessor formError = '';
  @state() private accessor actionError = '';
  @state() private accessor sinceError = '';
  /** Said outside the dialog, and inside it while it is open (the page behind a modal dialog is not read). */
  @state() private accessor announcement = '';
  @state() private accessor dialogAnnouncement = '';

  @query('dialog') private accessor dialog!: HTMLDialogElement;

  /** What had focus when the dialog opened, to return it there; or where focus goes once it closes. */
  #after: HTMLElement | { endpoint: string } | 'list' | null = null;
  #shownSession: ClaimsSession | null = null;
  #secret = new SecretController(this, (text) => this.#say(text));
  #log = new DeliveryLog(this, {
    api: () => (this.session ? apiOf(this.session) : null),
    fail: (error, action) => this.fail(error, action),
    changed: () => void this.#task.run(),
  });

  #task = this.loadTask({
    report: 'webhooks',
    args: () => [],
    load: async (session, _, signal): Promise<Snapshot> => ({ session, endpoints: await apiOf(session).list({ signal }) }),
  });

  get #t() {
    return this.localize(webhooksCatalogue);
  }

  get #snapshot(): Snapshot | undefined {
    const value = this.#task.value;
    return value && value.session === this.session ? value : undefined;
  }

  get #open(): WebhookEndpoint | undefined {
    return this.#snapshot?.endpoints.find((e) => e.id === this.openId);
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    // Another user (or API): what was open was the previous one's.
    if (this.session !== this.#shownSession) {
      this.#shownSession = this.session;
      this.openId = null;
    }
    this.#log.show(this.#open?.id ?? null);
  }

  /**
   * Loads the list again and resolves once it shows what the latest load brought: a load that
   * another one overtakes (a live event's) resolves without showing anything.
   */
  async #reload(): Promise<void> {
    void this.#task.run();
    await this.#task.taskComplete.catch(() => undefined);
    await this.updateComplete;
  }

  /** Someone (another admin, an API key) changed an endpoint, or Claimdesk disabled one: the list loads again. */
  protected override liveEvent(event: LiveEvent): void {
    if (event.type.startsWith('company.webhook_')) void this.#task.run();
  }

  #say(text: string): void {
    if (this.dialog?.open) this.dialogAnnouncement = text;
    else this.announcement = text;
  }

  /** An event type as a person reads it; one this widget does not know yet, as the API names it. */
  #eventName(type: string): string {
    return (this.#t.events as Record<string, string | undefined>)[type] ?? (type === TEST_EVENT ? this.#t.testEvent : type);
  }

  #when(iso: string): string {
    return date(iso, this.locale, DATE_TIME);
  }

  // ---- list and view

  #show(id: string | null): void {
    const from = this.openId;
    this.openId = id;
    // The view says how the endpoint is doing now, not when the list was loaded.
    if (id) void this.#task.run();
    this.actionError = this.sinceError = '';
    const target = () =>
      id
        ? this.renderRoot.querySelector<HTMLElement>('#detail-title')
        : (from && this.renderRoot.querySelector<HTMLElement>(`#ep-${CSS.escape(from)}`)) || this.renderRoot.querySelector<HTMLElement>('#title');
    // An endpoint just added shows once the list has it.
    void this.updateComplete
      .then(() => target() ?? this.#task.taskComplete.then(() => this.updateComplete).then(target))
      .then((el) => el?.focus());
  }

  /** Runs one of the open endpoint's actions: busy meanwhile, the list loaded again after, and what happened said. */
  async #act(name: string, action: (api: WebhooksApi) => Promise<string>): Promise<void> {
    const session = this.session;
    if (!session || this.busy) return;
    this.busy = name;
    this.actionError = '';
    try {
      const said = await action(apiOf(session));
      await this.#reload();
      this.#say(said);
    } catch (error) {
      const problem = this.fail(error, name);
      this.actionError = `${this.#t.actionFailed} ${this.problemText(problem)}`;
      if (problem.status === 404) void this.#task.run();
    } finally {
      this.busy = '';
    }
  }

  #toggle(endpoint: WebhookEndpoint): void {
    const t = this.#t;
    void this.#act('update-webhook', async (api) => {
      await api.update(endpoint.id, { enabled: !endpoint.enabled });
      return endpoint.enabled ? t.disabledAnnounced : t.enabledAnnounced;
    });
  }

  #sendTest(endpoint: WebhookEndpoint): void {
    void this.#act('test-webhook', async (api) => {
      await api.sendTest(endpoint.id);
      void this.#log.reload();
      return this.#t.testQueued;
    });
  }

  #redeliver(endpoint: WebhookEndpoint, delivery: WebhookDelivery): void {
    void this.#act('redeliver-webhook', async (api) => {
      await api.redeliver(endpoint.id, delivery.id);
      void this.#log.reload();
      return this.#t.redeliverQueued;
    });
  }

  #redeliverSince(e: SubmitEvent, endpoint: WebhookEndpoint): void {
    e.preventDefault();
    const input = (e.target as HTMLFormElement).querySelector('input')!;
    // A datetime-local field holds the reader's own time: as a Date it is that moment.
    const since = new Date(input.value);
    const at = since.getTime();
    this.sinceError = at >= Date.now() - REDELIVERY_DAYS * DAY && at <= Date.now() ? '' : this.#t.sinceRequired;
    if (this.sinceError) return void input.focus();
    void this.#act('redeliver-webhook', async (api) => {
      const queued = await api.redeliverSince(endpoint.id, since.toISOString());
      void this.#log.reload();
      return this.#t.queued(queued);
    });
  }

  // ---- dialog

  #openDialog(modal: Modal): void {
    this.#after = (this.renderRoot as ShadowRoot).activeElement as HTMLElement | null;
    this.urlError = this.eventsError = this.formError = this.dialogAnnouncement = '';
    this.#secret.reset();
    if (modal.kind === 'form') this.allEvents = !modal.endpoint || receivesAll(modal.endpoint);
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
    if (after === 'list') this.#show(null);
    else if (after && 'endpoint' in after) this.#show(after.endpoint);
    else if (after?.isConnected) after.focus();
    else this.renderRoot.querySelector<HTMLElement>('#detail-title, #title')?.focus();
  }

  /** Keeps Tab inside the dialog. */
  #trap(e: KeyboardEvent): void {
    if (e.key !== 'Tab') return;
    const items = [...this.dialog.querySelectorAll<HTMLElement>('input, button:not([disabled])')].filter((el) => el.checkVisibility());
    const at = items.indexOf((this.renderRoot as ShadowRoot).activeElement as HTMLElement);
    if (e.shiftKey ? at <= 0 : at === items.length - 1) {
      e.preventDefault();
      (e.shiftKey ? items.at(-1) : items[0])?.focus();
    }
  }

  /** Runs what the dialog asks for; a failure stays in the dialog, said (beside its field, when `refused` places it). */
  async #dialogAct(name: string, action: (api: WebhooksApi) => Promise<void>, refused?: (problem: ApiError) => boolean): Promise<void> {
    const session = this.session;
    if (!session || this.busy) return;
    this.busy = name;
    this.formError = '';
    try {
      await action(apiOf(session));
    } catch (error) {
      const problem = this.fail(error, name);
      if (refused?.(problem)) return;
      this.formError = `${this.#t.actionFailed} ${this.problemText(problem)}`;
      if (problem.status === 404) void this.#task.run();
    } finally {
      this.busy = '';
    }
  }

  #submit(e: SubmitEvent, endpoint: WebhookEndpoint | null): void {
    e.preventDefault();
    const t = this.#t;
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    const url = String(data.get('url') ?? '').trim();
    const description = String(data.get('description') ?? '').trim();
    const chosen = data.getAll('events') as WebhookEventType[];
    this.urlError = !url ? t.urlRequired : isWebAddress(url) ? '' : t.urlInvalid;
    this.eventsError = this.allEvents || chosen.length ? '' : t.eventsRequired;
    this.formError = '';
    if (this.urlError) return void form.querySelector<HTMLElement>('#wh-url')?.focus();
    if (this.eventsError) return void form.querySelector<HTMLElement>('input[name="events"]')?.focus();
    const eventTypes: WebhookEventSelection = this.allEvents ? ['*'] : chosen;
    void this.#dialogAct(endpoint ? 'update-webhook' : 'create-webhook', async (api) => {
      if (endpoint) {
        await api.update(endpoint.id, { url, description, eventTypes });
        this.#close();
        this.#say(t.savedAnnounced);
      } else {
        const created = await api.create({ url, description, eventTypes });
        this.modal = { kind: 'created', endpoint: created };
        this.#after = { endpoint: created.id };
        this.#say(t.createdAnnounced);
        await this.updateComplete;
        this.dialog.querySelector<HTMLInputElement>('#secret-field')?.focus();
      }
      await this.#reload();
    }, (problem) => {
      if (!problem.errors.some((e) => e.field === 'url')) return false;
      this.urlError = t.urlRefused;
      void this.updateComplete.then(() => form.querySelector<HTMLElement>('#wh-url')?.focus());
      return true;
    });
  }

  #rotate(endpoint: WebhookEndpoint): void {
    void this.#dialogAct('rotate-webhook-secret', async (api) => {
      const { secret, previousSecretExpiresAt } = await api.rotateSecret(endpoint.id);
      this.modal = { kind: 'rotated', endpoint, secret, until: previousSecretExpiresAt };
      this.#say(this.#t.previousValidUntil(this.#when(previousSecretExpiresAt)));
      await this.updateComplete;
      this.dialog.querySelector<HTMLInputElement>('#secret-field')?.focus();
      await this.#reload();
    });
  }

  #remove(endpoint: WebhookEndpoint): void {
    void this.#dialogAct('delete-webhook', async (api) => {
      await api.remove(endpoint.id);
      await this.#reload();
      this.#after = 'list';
      this.#close();
      this.#say(this.#t.removedAnnounced(endpoint.url));
    });
  }

  // ---- rendering

  override render() {
    const t = this.#t;
    const snapshot = this.#snapshot;
    const open = this.#open;
    return html`<section part="base" class="base" lang=${this.language} aria-labelledby="title">
      <div class="head">
        <h2 id="title" part="heading" tabindex="-1">${t.title}</h2>
        ${snapshot && !open
          ? html`<button type="button" part="create-button" class="btn primary" aria-haspopup="dialog" @click=${() => this.#openDialog({ kind: 'form', endpoint: null })}>
              ${t.create}
            </button>`
          : nothing}
      </div>
      ${open
        ? this.#renderDetail(open)
        : html`<p class="muted">${t.intro}</p>
            ${this.#task.render({
              initial: () => this.renderLoading(),
              pending: () => (snapshot ? this.#renderList(snapshot.endpoints) : this.renderLoading()),
              complete: () => (snapshot ? this.#renderList(snapshot.endpoints) : nothing),
              error: (error) => this.renderFailure(error, () => this.#task.run()),
            })}`}
      <div class="sr-only" role="status" aria-live="polite">${this.announcement}</div>
      ${this.#renderDialog()}
    </section>`;
  }

  #renderList(endpoints: WebhookEndpoint[]) {
    const t = this.#t;
    if (!endpoints.length) {
      return html`<div part="state" class="state">
        <h3>${t.emptyTitle}</h3>
        <p>${t.emptyBody}</p>
      </div>`;
    }
    return html`<ul part="endpoints" class="endpoints">
      ${endpoints.map(
        (e) => html`<li>
          <button type="button" part="endpoint" class="endpoint" id="ep-${e.id}" @click=${() => this.#show(e.id)}>
            <span class="url">${e.url}</span>
            ${e.description ? html`<span class="muted">${e.description}</span>` : nothing}
            <span class="muted small">${this.#receives(e)}</span>
            ${this.#renderStatus(e)}
          </button>
        </li>`,
      )}
    </ul>`;
  }

  #receives(e: WebhookEndpoint): string {
    return this.#t.receives(receivesAll(e) ? 'all' : e.eventTypes.map((type) => this.#eventName(type)));
  }

  #renderStatus(e: WebhookEndpoint, id?: string) {
    const t = this.#t;
    const failingSince = e.failingSince ? date(e.failingSince, this.locale) : null;
    const [tone, text] = !e.enabled
      ? ['off', e.disabledReason === 'gone' ? t.disabled.gone : e.disabledReason === 'failing' ? t.disabled.failing(failingSince) : e.disabledReason === 'manual' ? t.disabled.manual : t.disabled.unknown]
      : failingSince
        ? ['failing', t.failingSince(failingSince)]
        : ['on', t.active];
    return html`<span part="endpoint-status" class="badge status-${tone}" id=${id ?? nothing}>${text}</span>`;
  }

  #renderDetail(e: WebhookEndpoint) {
    const t = this.#t;
    const busy = this.busy;
    return html`<div part="detail" class="detail">
      <button type="button" part="back-button" class="btn ghost back" @click=${() => this.#show(null)}>
        <span aria-hidden="true">←</span> ${t.back}
      </button>
      <h3 id="detail-title" class="url" tabindex="-1">${e.url}</h3>
      ${this.#renderStatus(e, 'detail-status')}
      <dl class="facts">
        ${e.description ? html`<div><dt>${t.description}</dt><dd>${e.description}</dd></div>` : nothing}
        <div><dt>${t.eventsLabel}</dt><dd>${receivesAll(e) ? t.allEvents : e.eventTypes.map((type) => this.#eventName(type)).join(', ')}</dd></div>
        <div><dt>${t.secretPrefix}</dt><dd><code>${e.secretPrefix}…</code></dd></div>
      </dl>
      <p class="muted small">${t.createdOn(date(e.createdAt, this.locale))}</p>
      <div part="actions" class="actions">
        <button type="button" class="btn primary" ?disabled=${!!busy || !e.enabled} aria-describedby="detail-status" @click=${() => this.#sendTest(e)}>${t.sendTest}</button>
        <button type="button" class="btn" aria-haspopup="dialog" @click=${() => this.#openDialog({ kind: 'form', endpoint: e })}>${t.edit}</button>
        <button type="button" class="btn" ?disabled=${!!busy} @click=${() => this.#toggle(e)}>${e.enabled ? t.disable : t.enable}</button>
        <button type="button" class="btn" aria-haspopup="dialog" @click=${() => this.#openDialog({ kind: 'rotate', endpoint: e })}>${t.rotate}</button>
        <button type="button" class="btn danger" aria-haspopup="dialog" @click=${() => this.#openDialog({ kind: 'remove', endpoint: e })}>${t.remove}</button>
      </div>
      <p class="error" role="alert">${this.actionError}</p>
      ${this.#renderDeliveries(e)}
    </div>`;
  }

  #renderDeliveries(e: WebhookEndpoint) {
    const t = this.#t;
    const log = this.#log;
    return html`<section part="deliveries" class="deliveries" aria-labelledby="deliveries-title">
      <h4 id="deliveries-title">${t.deliveries}</h4>
      <p class="muted small">${t.deliveriesHint}</p>
      <div class="log-tools">
        <label class="inline">
          ${t.filter}
          <select @change=${(ev: Event) => log.filter((ev.target as HTMLSelectElement).value as WebhookDeliveryStatus | '')}>
            <option value="" ?selected=${!log.status}>${t.allStatuses}</option>
            ${WEBHOOK_DELIVERY_STATUSES.map((s) => html`<option value=${s} ?selected=${log.status === s}>${t.status[s]}</option>`)}
          </select>
        </label>
        <button type="button" class="btn" @click=${() => log.reload()}>${t.refresh}</button>
        <form class="since" @submit=${(ev: SubmitEvent) => this.#redeliverSince(ev, e)} novalidate>
          <label for="since">${t.redeliverSince}</label>
          <input
            id="since"
            type="datetime-local"
            min=${localInput(Date.now() - REDELIVERY_DAYS * DAY)}
            max=${localInput(Date.now())}
            aria-describedby="since-hint since-error" aria-invalid=${this.sinceError ? 'true' : 'false'} />
          <button type="submit" class="btn" ?disabled=${!!this.busy}>${t.redeliverSinceButton}</button>
          <small id="since-hint" class="muted">${t.redeliverSinceHint}</small>
          <p id="since-error" class="error" role="alert">${this.sinceError}</p>
        </form>
      </div>
      ${log.state === 'loading' || log.state === 'idle'
        ? this.renderLoading()
        : log.state === 'failed'
          ? this.renderFailure(log.error, () => log.reload())
          : log.items.length
            ? html`<ol class="log" aria-labelledby="deliveries-title">
                  ${log.items.map((d) => this.#renderDelivery(e, d))}
                </ol>
                ${log.error ? html`<p class="error" role="alert">${this.problemText(log.error)}</p>` : nothing}
                ${log.nextCursor
                  ? html`<button type="button" class="btn more" ?disabled=${log.loadingMore} @click=${() => log.more()}>
                      ${log.loadingMore ? this.t.loading : t.loadMore}
                    </button>`
                  : nothing}`
            : html`<p part="state" class="state">${log.status ? t.noDeliveriesFiltered : t.noDeliveries}</p>`}
    </section>`;
  }

  #renderDelivery(e: WebhookEndpoint, d: WebhookDelivery) {
    const t = this.#t;
    const name = this.#eventName(d.eventType);
    const when = this.#when(d.createdAt);
    const attempts = this.#log.attempts.get(d.id);
    return html`<li part="delivery" class="delivery">
      <div class="d-head">
        <span class="badge d-${d.status}">${t.status[d.status]}</span>
        <strong>${name}</strong>
        <code class="small">${d.eventType}</code>
        <time class="muted small" datetime=${d.createdAt}>${when}</time>
      </div>
      <p class="muted small">
        ${[
          d.attempts ? t.answer(d.lastStatusCode, d.lastLatencyMs) : '',
          t.attempts(d.attempts),
          d.status === 'pending' && d.nextAttemptAt ? t.nextAttempt(relative(d.nextAttemptAt, this.locale)) : '',
        ]
          .filter(Boolean)
          .join(' · ')}
      </p>
      ${d.lastError ? html`<p class="small"><strong>${t.error}:</strong> ${d.lastError}</p>` : nothing}
      ${d.lastResponse ? html`<p class="small caption">${t.response}</p><pre part="response">${d.lastResponse}</pre>` : nothing}
      <div class="d-actions">
        ${d.attempts
          ? html`<button type="button" class="btn ghost" aria-expanded=${attempts ? 'true' : 'false'} aria-controls="att-${d.id}" @click=${() => this.#log.toggleAttempts(d.id)}>
              ${t.showAttempts}
            </button>`
          : nothing}
        ${d.status === 'pending'
          ? nothing
          : html`<button type="button" class="btn" aria-label=${t.redeliverOf(name, when)} ?disabled=${!!this.busy} @click=${() => this.#redeliver(e, d)}>
              ${t.redeliver}
            </button>`}
      </div>
      ${attempts ? html`<div id="att-${d.id}" class="attempts">${this.#renderAttempts(attempts)}</div>` : nothing}
    </li>`;
  }

  #renderAttempts(attempts: Attempts) {
    const t = this.#t;
    if (attempts.state === 'loading') return this.renderLoading();
    if (attempts.state === 'failed') return html`<p class="error" role="alert">${this.problemText(attempts.error)}</p>`;
    return html`<ol aria-label=${t.attemptsTitle}>
      ${attempts.items.map(
        (a) => html`<li>
          <span class="small"><time datetime=${a.at}>${this.#when(a.at)}</time> · ${t.answer(a.statusCode, a.latencyMs)}</span>
          ${a.error ? html`<span class="small"><strong>${t.error}:</strong> ${a.error}</span>` : nothing}
          ${a.responseExcerpt ? html`<span class="small caption">${t.response}</span><pre>${a.responseExcerpt}</pre>` : nothing}
        </li>`,
      )}
    </ol>`;
  }

  #renderDialog() {
    const m = this.modal;
    const t = this.#t;
    return html`<dialog part="dialog" aria-labelledby="dlg-title" @keydown=${this.#trap} @close=${this.#onClose}>
      ${m?.kind === 'form'
        ? this.#renderForm(m.endpoint)
        : m?.kind === 'created'
          ? this.#renderSecret(t.createdTitle, m.endpoint.secret)
          : m?.kind === 'rotated'
            ? this.#renderSecret(t.rotatedTitle, m.secret, t.previousValidUntil(this.#when(m.until)))
            : m?.kind === 'rotate'
              ? this.#renderQuestion(t.rotateTitle, t.rotateIntro, t.rotate, false, () => this.#rotate(m.endpoint))
              : m?.kind === 'remove'
                ? this.#renderQuestion(t.removeTitle, t.removeIntro(m.endpoint.url), t.remove, true, () => this.#remove(m.endpoint))
                : nothing}
      <p class="sr-only" role="status" aria-live="polite">${this.dialogAnnouncement}</p>
    </dialog>`;
  }

  #renderQuestion(title: string, intro: string, confirm: string, danger: boolean, act: () => void) {
    return html`<h3 id="dlg-title">${title}</h3>
      <p>${intro}</p>
      <p class="error" role="alert">${this.formError}</p>
      <div class="dialog-actions">
        <button type="button" class="btn" @click=${this.#close}>${this.t.cancel}</button>
        <button type="button" class="btn ${danger ? 'danger solid' : 'primary'}" ?disabled=${!!this.busy} @click=${act}>${confirm}</button>
      </div>`;
  }

  #renderSecret(title: string, secret: string, note?: string) {
    const t = this.#t;
    return html`<h3 id="dlg-title">${title}</h3>
      ${this.#secret.render(secret, t.secret)}
      ${note ? html`<p class="note">${note}</p>` : nothing}
      <div class="dialog-actions">
        <button type="button" class="btn" @click=${this.#close}>${t.done}</button>
      </div>`;
  }

  #renderForm(endpoint: WebhookEndpoint | null) {
    const t = this.#t;
    const chosen = new Set<string>(endpoint?.eventTypes ?? []);
    return html`<form @submit=${(e: SubmitEvent) => this.#submit(e, endpoint)} novalidate>
      <h3 id="dlg-title">${endpoint ? t.editTitle : t.createTitle}</h3>
      <div class="field">
        <label for="wh-url">${t.url}</label>
        <input
          id="wh-url"
          name="url"
          type="url"
          inputmode="url"
          autocomplete="off"
          spellcheck="false"
          required
          .value=${endpoint?.url ?? ''}
          aria-invalid=${this.urlError ? 'true' : 'false'}
          aria-describedby="wh-url-hint wh-url-error"
        />
        <small id="wh-url-hint" class="muted">${t.urlHint}</small>
        <p id="wh-url-error" class="error" role="alert">${this.urlError}</p>
      </div>
      <div class="field">
        <label for="wh-description">${t.descriptionOptional}</label>
        <input id="wh-description" name="description" maxlength=${DESCRIPTION_MAX} autocomplete="off" .value=${endpoint?.description ?? ''} aria-describedby="wh-description-hint" />
        <small id="wh-description-hint" class="muted">${t.descriptionHint}</small>
      </div>
      <fieldset class="events" aria-describedby="events-error">
        <legend>${t.eventsLegend}</legend>
        <label class="check">
          <input type="radio" name="which" .checked=${this.allEvents} @change=${() => (this.allEvents = true)} aria-describedby="all-hint" />
          <span>${t.allEvents}<small id="all-hint" class="muted">${t.allEventsHint}</small></span>
        </label>
        <label class="check">
          <input type="radio" name="which" .checked=${!this.allEvents} @change=${() => (this.allEvents = false)} />
          <span>${t.chosenEvents}</span>
        </label>
        <div class="groups" ?hidden=${this.allEvents}>
          ${[...EVENT_GROUPS].map(
            ([group, types]) => html`<fieldset class="group">
              <legend>${t.groups[group]}</legend>
              ${types.map(
                (type) => html`<label class="check">
                  <input type="checkbox" name="events" value=${type} ?checked=${chosen.has(type)} />
                  <span>${t.events[type]}<code class="small muted">${type}</code></span>
                </label>`,
              )}
            </fieldset>`,
          )}
        </div>
      </fieldset>
      <p id="events-error" class="error" role="alert">${this.eventsError}</p>
      <p class="error" role="alert">${this.formError}</p>
      <div class="dialog-actions">
        <button type="button" class="btn" @click=${this.#close}>${this.t.cancel}</button>
        <button type="submit" class="btn primary" ?disabled=${!!this.busy}>${this.busy ? t.saving : endpoint ? t.save : t.create}</button>
      </div>
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'claims-webhooks': ClaimsWebhooks;
  }
}
