import { css } from 'lit';

export const styles = css`
  .base {
    display: grid;
    gap: calc(var(--_space) * 2);
    container: claims-timeline / inline-size;
  }
  .stepper {
    display: flex;
    margin: 0;
    padding: 0;
    list-style: none;
    overflow-x: auto;
  }
  .step {
    flex: 1 1 0;
    min-width: 84px;
    display: grid;
    justify-items: center;
    align-content: start;
    gap: 4px;
    position: relative;
    text-align: center;
    font-size: 0.86em;
    color: var(--_muted);
  }
  .step + .step::before {
    content: '';
    position: absolute;
    top: 13px;
    right: calc(50% + 18px);
    left: calc(-50% + 18px);
    height: 2px;
    background: var(--_border);
  }
  .step.done + .step::before,
  .step.done + .step.current::before,
  .step.done + .step.declined::before {
    background: var(--_primary);
  }
  .mark {
    display: grid;
    place-items: center;
    width: 28px;
    height: 28px;
    border-radius: 50%;
    border: 2px solid var(--_border);
    background: var(--_surface);
    font-weight: 700;
    font-size: 0.93em;
  }
  .done .mark {
    border-color: var(--_primary);
    background: var(--_primary);
    color: var(--_on-primary);
  }
  .current .mark {
    border-color: var(--_primary);
    color: var(--_primary);
    box-shadow: 0 0 0 4px color-mix(in srgb, var(--_primary) 18%, transparent);
  }
  .current .label,
  .done .label {
    color: var(--_text);
    font-weight: 600;
  }
  .declined .mark {
    border-color: var(--_danger);
    background: var(--_danger);
    color: var(--_on-primary);
  }
  .declined .label {
    color: var(--_danger);
    font-weight: 650;
  }
  .branch .step {
    flex: 0 1 140px;
  }
  /* Too narrow for six phases side by side (a phone, a sidebar): the stepper turns vertical. */
  @container claims-timeline (max-width: 480px) {
    .stepper {
      flex-direction: column;
      gap: 10px;
      overflow-x: visible;
    }
    .step,
    .branch .step {
      flex: none;
      min-width: 0;
      grid-template-columns: 28px 1fr auto;
      justify-items: start;
      align-items: center;
      column-gap: 10px;
      text-align: start;
    }
    .step + .step::before {
      top: -10px;
      right: auto;
      left: 13px;
      width: 2px;
      height: 10px;
    }
  }
  .date {
    font-size: 0.92em;
    color: var(--_muted);
  }
  .title {
    margin: 0;
    font-size: 1em;
  }
  .events {
    list-style: none;
    margin: 0;
    padding: 0 0 0 18px;
    border-left: 2px solid var(--_border);
    display: grid;
    gap: calc(var(--_space) * 2);
  }
  .event {
    position: relative;
    display: grid;
    gap: 2px;
  }
  .event::before {
    content: '';
    position: absolute;
    left: -25px;
    top: 5px;
    width: 12px;
    height: 12px;
    border-radius: 50%;
    background: var(--_surface);
    border: 2px solid var(--_primary);
  }
  .event.claim-declined::before {
    border-color: var(--_danger);
  }
  .what {
    display: flex;
    flex-wrap: wrap;
    gap: 6px;
    align-items: baseline;
  }
  .who,
  time,
  .empty {
    color: var(--_muted);
    font-size: 0.93em;
  }
  .empty {
    margin: 0;
  }
  .note {
    margin: 4px 0 0;
    padding: 8px 10px;
    border-radius: var(--_radius);
    background: var(--_raised);
    white-space: pre-wrap;
  }
`;
