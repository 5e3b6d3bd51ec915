import { css } from 'lit';

export const styles = css`
  :host {
    container-type: inline-size;
  }
  .base {
    display: grid;
    grid-template-columns: var(--claims-console-queue-width, minmax(340px, 5fr)) minmax(0, 6fr);
    gap: calc(var(--_space) * 3);
    align-items: start;
  }
  .base.single {
    grid-template-columns: minmax(0, 1fr);
  }
  .queue,
  .pane {
    min-width: 0;
  }
  .pane {
    display: grid;
    gap: calc(var(--_space) * 2);
  }
  .back {
    display: none;
    justify-self: start;
    margin-inline-start: calc(var(--_space) * -1.5);
    color: var(--_muted);
  }
  .bar {
    display: grid;
    gap: calc(var(--_space) * 1.5);
    padding: calc(var(--_space) * 1.5) calc(var(--_space) * 2);
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) + 2px);
    background: var(--_raised);
  }
  .assignment,
  .moves,
  .reassign,
  .form-actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space);
  }
  .assignment {
    justify-content: space-between;
  }
  .assignee {
    font-weight: 600;
    margin-inline-end: auto;
  }
  .assignee:focus {
    outline: none;
  }
  .assignee:focus-visible {
    outline: 2px solid var(--_focus);
  }
  .assignee.unassigned {
    color: var(--_warning);
  }
  .moves {
    padding-top: calc(var(--_space) * 1.5);
    border-top: 1px solid var(--_border);
  }
  .btn.active {
    outline: 2px solid color-mix(in srgb, var(--_primary) 45%, transparent);
    outline-offset: 1px;
  }
  .muted {
    color: var(--_muted);
  }
  select,
  input,
  textarea {
    min-height: 36px;
    max-width: 100%;
  }
  select {
    padding: 0 8px;
  }
  input,
  textarea {
    padding: 6px 10px;
    width: 100%;
  }
  input[type='radio'] {
    width: auto;
    min-height: 0;
    accent-color: var(--_primary);
  }
  :is(select, input, textarea):focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 0;
    border-color: var(--_focus);
  }
  [aria-invalid='true'] {
    border-color: var(--_danger);
  }
  .move-form {
    display: grid;
    gap: 6px;
    padding: calc(var(--_space) * 1.5);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  .move-form h3 {
    margin: 0 0 4px;
    font-size: 1em;
  }
  .move-form label {
    font-weight: 550;
  }
  fieldset {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) * 0.5) calc(var(--_space) * 2);
    margin: 0;
    padding: 0;
    border: 0;
  }
  legend {
    padding: 0 0 4px;
    font-weight: 550;
  }
  .radio {
    display: inline-flex;
    align-items: center;
    gap: 6px;
    font-weight: 400 !important;
  }
  small {
    color: var(--_muted);
  }
  .error {
    margin: 0;
  }
  .form-actions {
    justify-content: flex-end;
    margin-top: 4px;
  }
  .pane > .state {
    border: 1px dashed var(--_border);
    border-radius: calc(var(--_radius) + 2px);
  }
  /* The view not shown (the queue, or the analytics once opened) stays, with what it holds. */
  [hidden] {
    display: none !important;
  }
  .views {
    display: flex;
    gap: 4px;
    margin-bottom: calc(var(--_space) * 2);
    border-bottom: 1px solid var(--_border);
  }
  .view {
    min-height: 40px;
    padding: 0 calc(var(--_space) * 2);
    border: 0;
    border-bottom: 3px solid transparent;
    background: none;
    color: var(--_muted);
    font-weight: 600;
    cursor: pointer;
  }
  .view[aria-current='page'] {
    border-bottom-color: var(--_primary);
    color: var(--_text);
  }
  .deadline-filter {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space);
    margin: 0 0 var(--_space);
    padding: var(--_space) calc(var(--_space) * 1.5);
    border: 1px solid color-mix(in srgb, var(--_danger) 35%, var(--_surface));
    border-radius: var(--_radius);
    background: color-mix(in srgb, var(--_danger) 7%, var(--_surface));
    color: var(--_text);
  }
  .deadline-filter:focus {
    outline: none;
  }
  .deadline-filter:focus-visible {
    outline: 2px solid var(--_focus);
  }
  /* Narrow: one pane at a time — the queue, or the open claim with a way back. */
  @container (max-width: 759px) {
    .base {
      grid-template-columns: minmax(0, 1fr);
    }
    .base.open .queue,
    .base:not(.open) .pane {
      display: none;
    }
    .back {
      display: inline-flex;
    }
  }
`;
