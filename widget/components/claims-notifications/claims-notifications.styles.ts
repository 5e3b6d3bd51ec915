import { css } from 'lit';

export const styles = css`
  :host {
    display: inline-block;
  }
  .base {
    position: relative;
  }
  .bell {
    position: relative;
    display: inline-grid;
    place-items: center;
    width: 40px;
    height: 40px;
    padding: 0;
    border: 1px solid var(--_border);
    border-radius: 999px;
    background: var(--_surface);
    cursor: pointer;
  }
  .bell:hover,
  .bell[aria-expanded='true'] {
    background: var(--_raised);
  }
  .count {
    position: absolute;
    top: -4px;
    inset-inline-end: -4px;
    min-width: 20px;
    height: 20px;
    padding: 0 5px;
    border-radius: 999px;
    background: var(--_primary);
    color: var(--_on-primary);
    font-size: 0.7857em;
    font-weight: 700;
    line-height: 20px;
    text-align: center;
  }
  .panel {
    position: absolute;
    z-index: 10;
    top: calc(100% + 6px);
    inset-inline-end: 0;
    width: min(var(--claims-notifications-width, 24rem), calc(100vw - 16px));
    max-height: var(--claims-notifications-height, 28rem);
    overflow-y: auto;
    overscroll-behavior: contain;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) + 4px);
    background: var(--_surface);
    box-shadow: 0 12px 32px rgb(0 0 0 / 0.18);
  }
  .panel[hidden] {
    display: none;
  }
  .head {
    position: sticky;
    top: 0;
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: var(--_space);
    padding: var(--_space) calc(var(--_space) * 1.5);
    border-bottom: 1px solid var(--_border);
    background: var(--_surface);
  }
  h2 {
    margin: 0;
    font-size: 1em;
  }
  .head .btn {
    min-height: 32px;
    padding: 0 var(--_space);
    color: var(--_primary);
  }
  .list {
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .item {
    display: grid;
    grid-template-columns: 10px 1fr;
    gap: 2px calc(var(--_space) * 1.25);
    width: 100%;
    padding: calc(var(--_space) * 1.25) calc(var(--_space) * 1.5);
    border: 0;
    border-bottom: 1px solid var(--_border);
    background: transparent;
    text-align: start;
    cursor: pointer;
  }
  .item:hover {
    background: var(--_raised);
  }
  .item:focus-visible {
    outline-offset: -2px;
  }
  .dot {
    grid-row: span 2;
    width: 8px;
    height: 8px;
    margin-top: 0.45em;
    border-radius: 50%;
  }
  .unread {
    background: color-mix(in srgb, var(--_primary) 6%, var(--_surface));
  }
  .unread .dot {
    background: var(--_primary);
  }
  .unread .text {
    font-weight: 600;
  }
  .text {
    overflow-wrap: anywhere;
  }
  .meta {
    color: var(--_muted);
  }
  .more {
    display: flex;
    margin: var(--_space) auto;
  }
  .state {
    padding: calc(var(--_space) * 3) calc(var(--_space) * 2);
  }
  .error {
    margin: var(--_space) calc(var(--_space) * 1.5);
  }
`;
