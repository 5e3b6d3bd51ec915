import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { Task, TaskStatus, initialState } from '@lit/task';
import { ClaimsElement } from '../../internal/claims-element.ts';
import type { Claim, ClaimEvent, ClaimStatus } from '../../internal/types.ts';
import { mergeEvents } from '../../internal/freshness.ts';
import { dateTime, money, relative } from '../../internal/format.ts';
import { tokens } from '../../themes/tokens.styles.ts';
import { styles } from './claims-timeline.styles.ts';

const PHASES: ClaimStatus[] = ['notified', 'documentation', 'review', 'submitted', 'resolved', 'closed'];

/** The status a claim reached with an event. */
function reached(event: ClaimEvent): ClaimStatus | undefined {
  if (event.type === 'claim.created') return 'notified';
  if (event.type === 'claim.accepted') return event.data.to ?? 'documentation';
  if (event.type === 'claim.declined') return 'declined';
  return event.data.to;
}

/**
 * A claim's progress: the phases as a stepper (declined shown as a terminal branch) and the
 * dated list of what happened, who did it and why. Follows the live stream.
 *
 * @tag claims-timeline
 *
 * @attr claim-id - The claim to show.
 * @attr api-base - Base URL of the API; optional inside a configured element.
 * @attr token - User token; optional inside a configured element.
 * @attr lang - `es` or `en`.
 *
 * @fires {ClaimsErrorEvent} claims-error - Loading the events failed.
 * @fires {ClaimsLiveEvent} claims-live-event - A live event arrived (only when this element holds the configuration).
 *
 * @csspart base - The wrapper.
 * @csspart stepper - The list of phases.
 * @csspart step - One phase (`step-done`, `step-current`, `step-declined` are added accordingly).
 * @csspart events - The list of events.
 * @csspart event - One event.
 *
 * @cssprop --claims-color-primary - Colour of completed phases.
 * @cssprop --claims-color-border - Colour of pending phases and the event rail.
 */
export class ClaimsTimeline extends ClaimsElement {
  static override styles = [tokens, styles];

  /** The claim whose history is shown. */
  @property({ attribute: 'claim-id' }) accessor claimId = '';

  /** The claim itself, when the host already has it (saves a request; its status drives the stepper). */
  @property({ attribute: false }) accessor claim: Claim | undefined = undefined;

  @state() private accessor events: ClaimEvent[] = [];

  #task = new Task(this, {
    args: () => [this.session, this.claimId] as const,
    task: async ([session, id], { signal }) => {
      if (!session || !id) return initialState;
      try {
        if (this.events[0]?.claimId !== id) this.events = [];
        await session.live.whenOpen();
        const loaded = await session.api.events(id, { signal });
        this.events = mergeEvents(loaded, this.events.filter((e) => e.claimId === id));
      } catch (error) {
        if (!signal.aborted) this.fail(error, 'timeline');
        throw error;
      }
      return this.events;
    },
  });

  protected override liveEvent(event: ClaimEvent): void {
    if (event.claimId !== this.claimId) return;
    this.events = mergeEvents(this.events, [event]);
  }

  get #status(): ClaimStatus {
    let status: ClaimStatus = 'notified';
    for (const e of this.events) status = reached(e) ?? status;
    // The claim given by the host wins only when it is at least as fresh as the events.
    const last = this.events.at(-1);
    if (this.claim && (!last || this.claim.updatedAt >= last.at)) status = this.claim.status;
    return status;
  }

  override render() {
    const t = this.t;
    const status = this.#status;
    const firstAt = new Map<ClaimStatus, string>();
    for (const e of this.events) {
      const s = reached(e);
      if (s && !firstAt.has(s)) firstAt.set(s, e.at);
    }
    const declined = status === 'declined';
    const phases: ClaimStatus[] = declined ? ['notified', 'declined'] : PHASES;
    const current = phases.indexOf(status);
    return html`<div part="base" class="base" lang=${this.language}>
      <h3 class="sr-only">${t.phases}</h3>
      <ol part="stepper" class="stepper ${declined ? 'branch' : ''}">
        ${phases.map((phase, i) => {
          const kind = phase === 'declined' ? 'declined' : i < current || (i === current && phase === 'closed') ? 'done' : i === current ? 'current' : 'pending';
          const at = firstAt.get(phase);
          return html`<li part="step step-${kind}" class="step ${kind}" aria-current=${i === current ? 'step' : nothing}>
            <span class="mark" aria-hidden="true">${kind === 'done' ? '✓' : kind === 'declined' ? '✕' : i + 1}</span>
            <span class="label">${t.status[phase]}</span>
            <span class="sr-only">(${kind === 'done' ? t.phaseDone : kind === 'pending' ? t.phasePending : t.phaseCurrent})</span>
            ${at && kind !== 'pending' ? html`<time class="date" datetime=${at}>${new Intl.DateTimeFormat(this.locale, { day: 'numeric', month: 'short' }).format(new Date(at))}</time>` : nothing}
          </li>`;
        })}
      </ol>
      <h3 class="title">${t.events}</h3>
      ${this.#task.status === TaskStatus.ERROR && !this.events.length
        ? html`<p class="empty" role="alert">${t.errorTitle} <button type="button" class="btn ghost" @click=${() => this.#task.run()}>${t.retry}</button></p>`
        : !this.events.length
          ? html`<p class="empty">${this.#task.status === TaskStatus.COMPLETE ? t.noEvents : t.loading}</p>`
          : html`<ol part="events" class="events">
              ${this.events.map(
                (e) => html`<li part="event" class="event ${e.type.replace('.', '-')}">
                  <div class="what">
                    <strong>${t.eventText(e.type, e.data.to)}</strong>
                    <span class="who">${t.by(e.actor.name)}</span>
                  </div>
                  <time datetime=${e.at} title=${dateTime(e.at, this.locale)}>${dateTime(e.at, this.locale)} · ${relative(e.at, this.locale)}</time>
                  ${e.data.reason ? html`<p class="note">${t.reasonPrefix} ${e.data.reason}</p>` : nothing}
                  ${e.data.note ? html`<p class="note">${e.data.note}</p>` : nothing}
                  ${e.data.outcome
                    ? html`<p class="note">${t.outcome[e.data.outcome as keyof typeof t.outcome] ?? e.data.outcome}${e.data.amount ? ` · ${money(e.data.amount, this.locale)}` : ''}</p>`
                    : nothing}
                </li>`,
              )}
            </ol>`}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'claims-timeline': ClaimsTimeline;
  }
}
