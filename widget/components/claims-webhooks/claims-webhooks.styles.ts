import { css } from 'lit';

export const styles = css`
  [hidden] {
    display: none !important;
  }
  .base,
  .detail,
  .deliveries {
    display: grid;
    gap: var(--_space);
  }
  h3,
  h4 {
    margin: 0;
    font-size: 1.07em;
  }
  h4 {
    margin-top: var(--_space);
  }
  code,
  pre,
  .url {
    font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
  }
  .url {
    overflow-wrap: anywhere;
    font-weight: 600;
  }
  .status-on,
  .d-delivered {
    --_c: var(--_success);
  }
  .status-failing,
  .d-pending {
    --_c: var(--_warning);
  }
  .status-off,
  .d-failed {
    --_c: var(--_danger);
  }
  .badge {
    justify-self: start;
    white-space: normal;
  }
  .endpoints {
    overflow: hidden;
  }
  .endpoints li + li {
    border-top: 1px solid var(--_border);
  }
  .endpoint {
    display: grid;
    justify-items: start;
    gap: 4px;
    width: 100%;
    padding: calc(var(--_space) * 1.25) calc(var(--_space) * 1.5);
    border: 0;
    background: var(--_surface);
    text-align: start;
    cursor: pointer;
  }
  .endpoint:hover {
    background: var(--_raised);
  }
  .endpoint:focus-visible {
    outline-offset: -2px;
  }
  .back {
    justify-self: start;
    margin-inline-start: calc(var(--_space) * -1.5);
    color: var(--_muted);
  }
  .facts {
    display: grid;
    gap: 4px;
    margin: 0;
  }
  .facts div {
    display: flex;
    flex-wrap: wrap;
    gap: 0 var(--_space);
  }
  dt {
    font-weight: 600;
  }
  dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
  .actions,
  .d-actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
  }
  /* "Show attempts" lines up with the text above it, as the back button does. */
  .d-actions .ghost {
    margin-inline-start: calc(var(--_space) * -1.75);
  }
  .log-tools {
    display: flex;
    flex-wrap: wrap;
    align-items: end;
    gap: var(--_space) calc(var(--_space) * 2);
  }
  .inline {
    display: inline-flex;
    align-items: center;
    gap: var(--_space);
  }
  select,
  input:not([type='checkbox'], [type='radio']) {
    min-height: 36px;
    padding: 0 10px;
    max-width: 100%;
  }
  .since {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 4px var(--_space);
  }
  .since small,
  .since .error {
    flex-basis: 100%;
  }
  .delivery {
    display: grid;
    gap: 6px;
    padding: var(--_space) calc(var(--_space) * 1.5);
    min-width: 0;
  }
  .delivery + .delivery {
    border-top: 1px solid var(--_border);
  }
  .d-head {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 2px var(--_space);
  }
  .d-head code {
    color: var(--_muted);
  }
  pre {
    margin: 0;
    padding: var(--_space);
    max-height: 10rem;
    overflow: auto;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_raised);
    font-size: 0.8571em;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .caption {
    color: var(--_muted);
    font-weight: 600;
  }
  .attempts ol {
    display: grid;
    gap: var(--_space);
    margin: 0;
    padding-inline-start: calc(var(--_space) * 2.5);
  }
  .attempts li {
    display: grid;
    gap: 4px;
  }
  .more {
    justify-self: center;
  }
  .state {
    padding-block: calc(var(--_space) * 3);
  }
  fieldset {
    min-width: 0;
  }
  .groups {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(13rem, 1fr));
    gap: calc(var(--_space) * 1.5);
    padding: var(--_space) 0 0 calc(var(--_space) * 3);
  }
  .group legend {
    color: var(--_muted);
    font-size: 0.8571em;
    text-transform: uppercase;
    letter-spacing: 0.04em;
  }
  .check code {
    font-size: 0.8571em;
  }
  dialog {
    --_dialog-width: 640px;
  }
  dialog h3 {
    overflow-wrap: anywhere;
  }
  .note {
    margin-top: var(--_space);
  }
  @container (max-width: 420px) {
    .groups {
      padding-inline-start: 0;
    }
  }
`;
