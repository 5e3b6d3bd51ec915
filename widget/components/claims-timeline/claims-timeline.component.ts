import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ClaimsElement } from '../../internal/claims-element.ts';
import { ClaimController } from '../../controllers/claim-controller.ts';
import type { Claim, ClaimEvent, ClaimStatus, LiveEvent } from '../../internal/types.ts';
import { mergeEvents } from '../../internal/freshness.ts';
import { shownActorName } from '../../../domain/actors.ts';
import { isOnTimeline, timelineCatalogue, timelineText, type TimelineEvent } from '../../translations/timeline.ts';
import { DATE_TIME, date, money, relative } from '../../internal/format.ts';
import { tokens } from '../../themes/tokens.styles.ts';
import { styles } from './claims-timeline.styles.ts';
import { declinedIcon, doneIcon } from './claims-timeline.icons.ts';

const DAY_MONTH: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'short' };

/**
 * A claim's progress: the phases as a stepper (declined shown as a terminal branch) and the
 * dated list of what happened, who did it and why. Follows the live stream.
 *
 * @tag claims-timeline
 *
 * @attr claim-id - The claim to show.
 * @attr api-base - Base URL of the API; optional inside a configured element.
 * @attr token - User token; optional inside a configured element.
 * @attr lang - `es`, `en`, `pt`, `fr`, `de`, `it` or `ca`; a region is ignored (`fr-CA` is French).
 *
 * @fires {ClaimsErrorDetail} claims-error - Loading the events (or the claim, when no `.claim` is given) failed.
 * @fires {ClaimsLiveEventDetail} claims-live-event - A live event arrived (only when this element holds the configuration).
 *
 * @csspart base - The wrapper.
 * @csspart stepper - The list of phases.
 * @csspart step - One phase (`step-done`, `step-current`, `step-pending`, `step-declined` are added accordingly).
 * @csspart step-done - A phase the claim went through.
 * @csspart step-current - The phase the claim is in.
 * @csspart step-pending - A phase still ahead.
 * @csspart step-declined - The last phase of a declined claim.
 * @csspart events - The list of events.
 * @csspart event - One event.
 *
 * @cssprop --claims-color-primary - Colour of completed phases.
 * @cssprop --claims-color-border - Colour of pending phases and the event rail.
 */
export class ClaimsTimeline extends ClaimsElement {
  static override styles = [tokens, styles];
  static override catalogues = [timelineCatalogue];

  /** The claim whose history is shown. */
  @property({ attribute: 'claim-id' }) accessor claimId = '';

  /** The claim itself, when the host already has it (and keeps it fresh): its phases draw the stepper. Without it, the timeline loads the claim. */
  @property({ attribute: false }) accessor claim: Claim | undefined = undefined;

  /** Events of the shown claim that arrived live, those the timeline shows only. */
  @state() private accessor arrived: ClaimEvent[] = [];

  #events = this.loadTask({ report: 'timeline', args: () => [this.claimId || null], load: (session, [id], signal) => session.api.events(id, { signal }) });

  /** The claim, loaded only when the host gave none. */
  #ownClaim = this.loadTask({
    report: 'timeline',
    args: () => [this.claim ? null : this.claimId || null],
    load: (session, [id]) => session.claims.load(id),
  });

  /** The claim whose phases the stepper draws: the host's, else the loaded one or what came after it. */
  #stepperClaim = new ClaimController(this, {
    session: () => this.session,
    id: () => this.claimId,
    loaded: this.#ownClaim,
    given: () => this.claim,
    // The phases move only with the claim's status: the event says when.
    follows: (event) => !!event.data.to,
  });

  /**
   * The loaded events and those that arrived live, each once, in log order: only those the
   * timeline shows (the API leaves the same types out of the loaded list), so a reload shows the
   * same entries.
   */
  get #shownEvents(): TimelineEvent[] {
    return mergeEvents(this.#events.value ?? [], this.arrived).filter((e): e is TimelineEvent => e.claimId === this.claimId && isOnTimeline(e));
  }

  protected override liveEvent(event: LiveEvent): void {
    if (!('claimId' in event) || event.claimId !== this.claimId || !isOnTimeline(event)) return;
    this.arrived = mergeEvents(this.arrived.filter((e) => e.claimId === this.claimId), [event]);
  }

  /** What arrived before is void: the events load again from now. */
  protected override liveReset(): void {
    this.arrived = [];
  }

  override render() {
    const t = this.t;
    const claim = this.#stepperClaim.value;
    const events = this.#shownEvents;
    return html`<div part="base" class="base" lang=${this.language}>
      ${claim ? this.#renderStepper(claim.phases, events) : nothing}
      <h3 class="title">${t.events}</h3>
      ${events.length
        ? this.#renderEvents(events)
        : this.#events.render({
            initial: () => html`<p class="empty">${t.loading}</p>`,
            pending: () => html`<p class="empty">${t.loading}</p>`,
            complete: () => html`<p class="empty">${t.noEvents}</p>`,
            error: () =>
              html`<p class="empty" role="alert">${t.errorTitle} <button type="button" class="btn ghost" @click=${() => this.#events.run()}>${t.retry}</button></p>`,
          })}
    </div>`;
  }

  #renderStepper(phases: Claim['phases'], events: ClaimEvent[]) {
    const t = this.t;
    const reachedAt = new Map<ClaimStatus, string>();
    for (const e of events) if (e.data.to && !reachedAt.has(e.data.to)) reachedAt.set(e.data.to, e.at);
    // Where the claim stands: the current phase, or the last one done once it reached a final status.
    const here = phases.findLastIndex((phase) => phase.state !== 'pending');
    return html`<h3 class="sr-only">${t.phases}</h3>
      <ol part="stepper" class="stepper ${phases.some((p) => p.status === 'declined') ? 'branch' : ''}">
        ${phases.map(({ status, state }, i) => {
          const kind = status === 'declined' ? 'declined' : state;
          const at = reachedAt.get(status);
          return html`<li part="step step-${kind}" class="step ${kind}" aria-current=${i === here ? 'step' : nothing}>
            <span class="mark" aria-hidden="true">${kind === 'done' ? doneIcon : kind === 'declined' ? declinedIcon : i + 1}</span>
            <span class="label">${t.status[status]}</span>
            <span class="sr-only">(${kind === 'done' ? t.phaseDone : kind === 'pending' ? t.phasePending : t.phaseCurrent})</span>
            ${at && kind !== 'pending' ? html`<time class="date" datetime=${at}>${date(at, this.locale, DAY_MONTH)}</time>` : nothing}
          </li>`;
        })}
      </ol>`;
  }

  #renderEvents(events: TimelineEvent[]) {
    const t = this.t;
    const wording = this.localize(timelineCatalogue);
    return html`<ol part="events" class="events">
      ${events.map(
        (e) => html`<li part="event" class="event ${e.type.replace('.', '-')}">
          <div class="what">
            <strong>${timelineText(wording, e)}</strong>
            <span class="who">${t.by(shownActorName(e.actor, wording.hostSystem))}</span>
          </div>
          <time datetime=${e.at} title=${date(e.at, this.locale, DATE_TIME)}>${date(e.at, this.locale, DATE_TIME)} · ${relative(e.at, this.locale)}</time>
          ${e.data.reason ? html`<p class="note">${t.reasonPrefix} ${e.data.reason}</p>` : nothing}
          ${e.data.note ? html`<p class="note">${e.data.note}</p>` : nothing}
          ${e.data.outcome
            ? html`<p class="note">${t.outcome[e.data.outcome]}${e.data.amount ? ` · ${money(e.data.amount, this.locale)}` : ''}</p>`
            : nothing}
        </li>`,
      )}
    </ol>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'claims-timeline': ClaimsTimeline;
  }
}
