import { css } from 'lit';

export const styles = css`
  :host {
    container-type: inline-size;
  }
  .base {
    display: grid;
    gap: var(--_space);
  }
  .head {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: var(--_space);
  }
  h2 {
    margin: 0;
    font-size: 1.15em;
  }
  h3 {
    margin: 0;
    font-size: 1.07em;
    overflow-wrap: anywhere;
  }
  p {
    margin: 0;
  }
  .muted {
    color: var(--_muted);
  }
  .small {
    font-size: 0.8571em;
  }
  .keys {
    display: grid;
    margin: 0;
    padding: 0;
    list-style: none;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) + 2px);
  }
  .key {
    display: grid;
    grid-template-columns: 1fr auto;
    align-items: start;
    gap: calc(var(--_space) * 0.5) calc(var(--_space) * 2);
    padding: calc(var(--_space) * 1.25) calc(var(--_space) * 1.5);
  }
  .key > :not(.revoke) {
    grid-column: 1;
  }
  .revoke {
    grid-column: 2;
    grid-row: 1 / span 4;
    align-self: center;
  }
  @container (max-width: 480px) {
    .key {
      grid-template-columns: 1fr;
    }
    .revoke {
      grid-column: 1;
      grid-row: auto;
      justify-self: start;
    }
  }
  .key + .key {
    border-top: 1px solid var(--_border);
  }
  .key:focus-visible {
    outline-offset: -2px;
  }
  .key.revoked strong {
    color: var(--_muted);
  }
  .key-head {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 0 var(--_space);
    overflow-wrap: anywhere;
  }
  .badge.active {
    --_c: var(--_success);
  }
  .prefix {
    font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    font-size: 0.9286em;
    overflow-wrap: anywhere;
  }
  .scopes {
    display: flex;
    flex-wrap: wrap;
    gap: 4px;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .scopes .badge {
    white-space: normal;
  }
  form {
    display: grid;
    gap: calc(var(--_space) * 1.5);
  }
  .field {
    display: grid;
    gap: 4px;
  }
  label {
    font-weight: 600;
  }
  input:not([type='checkbox']) {
    min-height: 36px;
    padding: 0 10px;
  }
  input[aria-invalid='true'] {
    border-color: var(--_danger);
  }
  fieldset {
    display: grid;
    gap: var(--_space);
    margin: 0;
    padding: 0;
    border: 0;
  }
  legend {
    padding: 0 0 4px;
    font-weight: 600;
  }
  .check {
    display: grid;
    grid-template-columns: auto 1fr;
    align-items: start;
    gap: var(--_space);
    font-weight: 400;
  }
  .check input {
    width: 18px;
    height: 18px;
    margin: 1px 0 0;
  }
  .check span {
    display: grid;
    gap: 2px;
  }
  .check small {
    font-size: 0.8571em;
  }
  dialog {
    --_dialog-width: 520px;
  }
  dialog h3 {
    margin-bottom: var(--_space);
  }
  dialog > p:not(.sr-only) {
    margin-bottom: var(--_space);
  }
`;
