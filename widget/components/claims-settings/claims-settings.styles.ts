import { css } from 'lit';

export const styles = css`
  :host {
    container-type: inline-size;
  }
  .base {
    display: grid;
    gap: var(--_space);
  }
  h2 {
    margin: 0;
    font-size: 1.3em;
  }
  h3 {
    margin: calc(var(--_space) * 1.5) 0 0;
    font-size: 1.07em;
  }
  p {
    margin: 0;
  }
  .muted {
    color: var(--_muted);
  }
  .company,
  .own {
    display: grid;
    gap: calc(var(--_space) * 0.5);
    justify-items: start;
    padding: calc(var(--_space) * 1.5);
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) + 2px);
    background: var(--_raised);
  }
  .company .switch {
    font-weight: 600;
  }
  .own h3 {
    margin: 0;
  }
  dl {
    display: grid;
    gap: calc(var(--_space) * 0.5);
    margin: 0;
  }
  dl div {
    display: flex;
    flex-wrap: wrap;
    gap: 0 var(--_space);
  }
  dt {
    font-weight: 600;
  }
  dt::after {
    content: ':';
  }
  dd {
    margin: 0;
  }
  .users {
    display: grid;
    margin: 0;
    padding: 0;
    list-style: none;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) + 2px);
  }
  .user {
    display: grid;
    grid-template-columns: minmax(12rem, 1fr) auto auto;
    align-items: center;
    gap: var(--_space) calc(var(--_space) * 2);
    padding: calc(var(--_space) * 1.25) calc(var(--_space) * 1.5);
  }
  .user + .user {
    border-top: 1px solid var(--_border);
  }
  @container (max-width: 640px) {
    .user {
      grid-template-columns: 1fr;
    }
  }
  .who {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 0 var(--_space);
  }
  .email {
    flex-basis: 100%;
  }
  .field {
    display: grid;
    gap: 2px;
    justify-items: start;
  }
  .switch {
    display: inline-flex;
    align-items: center;
    gap: var(--_space);
    min-height: 36px;
    padding: 0;
    border: 0;
    background: none;
    cursor: pointer;
  }
  .switch[disabled] {
    cursor: default;
    opacity: 0.65;
  }
  .track {
    position: relative;
    width: 36px;
    height: 20px;
    border-radius: 999px;
    background: var(--_border);
    transition: background 0.15s;
  }
  .thumb {
    position: absolute;
    top: 2px;
    inset-inline-start: 2px;
    width: 16px;
    height: 16px;
    border-radius: 50%;
    background: var(--_surface);
    box-shadow: var(--_shadow);
    transition: inset-inline-start 0.15s;
  }
  [aria-checked='true'] .track {
    background: var(--_primary);
  }
  [aria-checked='true'] .thumb {
    inset-inline-start: 18px;
  }
  .status {
    grid-column: 1 / -1;
    font-size: 0.8571em;
    color: var(--_muted);
  }
  .status.saved {
    color: var(--_success);
  }
  .integrations-button {
    justify-self: start;
  }
  .integrations {
    display: grid;
    gap: calc(var(--_space) * 3);
    padding: calc(var(--_space) * 1.5);
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) + 2px);
  }
  .integrations[hidden] {
    display: none;
  }
`;
