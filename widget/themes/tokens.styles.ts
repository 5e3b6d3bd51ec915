import { css } from 'lit';

/**
 * Design tokens. Public custom properties (`--claims-*`, see themes/light.css) resolve into
 * private ones (`--_*`) on every host, with the light theme as fallback.
 */
export const tokens = css`
  :host {
    --_primary: var(--claims-color-primary, #4f46e5);
    --_on-primary: var(--claims-color-on-primary, #ffffff);
    --_surface: var(--claims-color-surface, #ffffff);
    --_raised: var(--claims-color-surface-raised, #f7f7f9);
    --_border: var(--claims-color-border, #e2e2e8);
    --_text: var(--claims-color-text, #17171c);
    --_muted: var(--claims-color-text-muted, #5b5b66);
    --_danger: var(--claims-color-danger, #b42318);
    --_success: var(--claims-color-success, #067647);
    --_warning: var(--claims-color-warning, #a15c07);
    --_info: var(--claims-color-info, #175cd3);
    --_focus: var(--claims-color-focus, var(--_primary));
    --_radius: var(--claims-radius, 8px);
    --_space: var(--claims-spacing, 8px);
    --_font: var(--claims-font-family, ui-sans-serif, system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif);
    --_size: var(--claims-font-size, 14px);
    --_shadow: var(--claims-shadow, 0 1px 2px rgb(16 24 40 / 0.05), 0 1px 3px rgb(16 24 40 / 0.08));
    display: block;
    box-sizing: border-box;
    color: var(--_text);
    font-family: var(--_font);
    font-size: var(--_size);
    line-height: 1.45;
    -webkit-font-smoothing: antialiased;
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  :focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
  button {
    font: inherit;
    color: inherit;
  }
  .btn {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: calc(var(--_space) * 0.75);
    min-height: 36px;
    padding: 0 calc(var(--_space) * 1.75);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    font-weight: 550;
    cursor: pointer;
    box-shadow: var(--_shadow);
    transition: background 0.15s, border-color 0.15s;
  }
  .btn:hover {
    background: var(--_raised);
  }
  .btn[disabled] {
    opacity: 0.6;
    cursor: default;
  }
  .btn.primary {
    background: var(--_primary);
    border-color: var(--_primary);
    color: var(--_on-primary);
  }
  .btn.primary:hover {
    filter: brightness(1.08);
  }
  .btn.danger {
    color: var(--_danger);
  }
  .btn.danger.solid {
    background: var(--_danger);
    border-color: var(--_danger);
    color: var(--_on-primary);
  }
  .btn.ghost {
    border-color: transparent;
    box-shadow: none;
    background: transparent;
  }
  .badge {
    display: inline-flex;
    align-items: center;
    gap: 4px;
    padding: 1px 8px;
    border-radius: 999px;
    font-size: 0.8571em;
    font-weight: 600;
    white-space: nowrap;
    color: var(--_c, var(--_muted));
    background: color-mix(in srgb, var(--_c, var(--_muted)) 9%, var(--_surface));
    border: 1px solid color-mix(in srgb, var(--_c, var(--_muted)) 22%, var(--_surface));
  }
  .s-notified { --_c: var(--_warning); }
  .s-documentation, .s-review, .s-submitted { --_c: var(--_info); }
  .s-resolved { --_c: var(--_success); }
  .s-declined, .s-closed { --_c: var(--_muted); }
  .state {
    display: grid;
    justify-items: center;
    gap: var(--_space);
    padding: calc(var(--_space) * 5) calc(var(--_space) * 2);
    text-align: center;
    color: var(--_muted);
  }
  .state h2,
  .state h3 {
    margin: 0;
    font-size: 1.07em;
    color: var(--_text);
  }
  .state p {
    margin: 0;
    max-width: 44ch;
  }
  /* Text fields and pickers look alike in every element; each element sets their size and padding. */
  :is(input:not([type='checkbox'], [type='radio'], [type='file']), select, textarea) {
    font: inherit;
    color: var(--_text);
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .error {
    color: var(--_danger);
  }
  .error:empty {
    display: none;
  }
  .dialog-actions {
    display: flex;
    justify-content: flex-end;
    flex-wrap: wrap;
    gap: var(--_space);
    margin-top: var(--_space);
  }
  /* Every element's dialogs (decline, reject, remove, preview, move): one look. */
  dialog {
    width: min(var(--_dialog-width, 480px), calc(100vw - 32px));
    padding: calc(var(--_space) * 3);
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) + 4px);
    background: var(--_surface);
    color: var(--_text);
    box-shadow: 0 20px 50px rgb(0 0 0 / 0.25);
  }
  dialog::backdrop {
    background: rgb(10 10 20 / 0.45);
  }
  .overdue {
    color: var(--_danger);
    font-weight: 600;
  }
`;
