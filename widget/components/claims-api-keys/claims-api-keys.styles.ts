import { css } from 'lit';

export const styles = css`
  .base {
    display: grid;
    gap: var(--_space);
  }
  h3 {
    margin: 0;
    font-size: 1.07em;
    overflow-wrap: anywhere;
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
  input:not([type='checkbox']) {
    min-height: 36px;
    padding: 0 10px;
  }
  dialog {
    --_dialog-width: 520px;
  }
`;
