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
  /*
   * The popover in the top layer that holds the panel: the whole viewport, letting clicks through
   * to the page around a popover, and dimming the page behind a sheet.
   */
  .layer {
    position: fixed;
    z-index: 1000;
    inset: 0;
    width: auto;
    height: auto;
    max-width: none;
    max-height: none;
    margin: 0;
    padding: 0;
    overflow: visible;
    border: 0;
    background: transparent;
    color: inherit;
    pointer-events: none;
  }
  .layer[hidden] {
    display: none;
  }
  .layer.sheet {
    background: rgb(0 0 0 / 0.45);
    pointer-events: auto;
    overscroll-behavior: contain;
  }
  .panel {
    position: absolute;
    top: 0;
    left: 0;
    width: min(var(--claims-notifications-width, 24rem), calc(100% - 16px));
    max-height: var(--claims-notifications-height, 28rem);
    overflow-y: auto;
    overscroll-behavior: contain;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) + 4px);
    background: var(--_surface);
    color: var(--_text);
    box-shadow: 0 12px 32px rgb(0 0 0 / 0.18);
    pointer-events: auto;
  }
  /* A sheet along the bottom of a narrow viewport, the whole width. */
  .panel.sheet {
    inset: auto 0 0 0;
    width: auto;
    max-height: min(85vh, 40rem);
    max-height: min(85dvh, 40rem);
    padding-bottom: env(safe-area-inset-bottom, 0px);
    border-width: 1px 0 0;
    border-radius: calc(var(--_radius) + 8px) calc(var(--_radius) + 8px) 0 0;
    box-shadow: 0 -8px 32px rgb(0 0 0 / 0.25);
  }
  .panel[hidden] {
    display: none;
  }
  .head {
    position: sticky;
    z-index: 1;
    top: 0;
    display: flex;
    align-items: center;
    gap: calc(var(--_space) * 0.5);
    padding: var(--_space) calc(var(--_space) * 0.75) var(--_space) calc(var(--_space) * 1.5);
    border-bottom: 1px solid var(--_border);
    background: var(--_surface);
  }
  h2 {
    flex: 1 0 auto;
    margin: 0;
    font-size: 1em;
  }
  .sheet h2 {
    font-size: 1.0714em;
  }
  .head .btn {
    min-height: 36px;
    padding: 0 var(--_space);
  }
  /* Where the head is tight (a phone, a small font), "Mark all as read" takes two lines. */
  .head .mark {
    flex: 0 1 auto;
    min-width: 0;
    color: var(--_primary);
    text-align: end;
  }
  .head .close {
    flex: none;
    width: 36px;
    padding: 0;
    color: var(--_muted);
  }
  .head .close:hover {
    color: var(--_text);
  }
  /* A popover closes with Escape, a click outside or the bell; a sheet covers the bell. */
  .panel:not(.sheet) .close {
    display: none;
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
