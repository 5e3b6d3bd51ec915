import { css } from 'lit';

export const styles = css`
  .base {
    display: grid;
    gap: calc(var(--_space) * 2.5);
    container-type: inline-size;
  }
  .back {
    justify-self: start;
    margin-inline-start: calc(var(--_space) * -1.5);
    color: var(--_muted);
  }
  .header {
    display: grid;
    gap: 4px;
  }
  .title {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space);
  }
  h2 {
    margin: 0;
    font-size: 1.45em;
    font-weight: 700;
    letter-spacing: -0.02em;
    font-variant-numeric: tabular-nums;
  }
  h2:focus {
    outline: none;
  }
  h2:focus-visible {
    outline: 2px solid var(--_focus);
  }
  h3 {
    margin: 0;
    font-size: 1em;
  }
  .summary,
  .description {
    margin: 0;
    color: var(--_muted);
  }
  .description {
    color: var(--_text);
    max-width: 70ch;
  }
  .guidance {
    display: grid;
    gap: var(--_space);
    padding: calc(var(--_space) * 2);
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) + 2px);
    background: var(--_raised);
  }
  .guidance.attention {
    border-color: color-mix(in srgb, var(--_primary) 45%, var(--_border));
    background: color-mix(in srgb, var(--_primary) 6%, var(--_surface));
  }
  .guidance p {
    margin: 0;
    max-width: 72ch;
  }
  .help {
    justify-self: start;
    padding: 0;
    border: 0;
    background: none;
    color: var(--_primary);
    font-weight: 550;
    text-decoration: underline;
    text-underline-offset: 2px;
    cursor: pointer;
  }
  .actions,
  .downloads {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
  }
  .papers {
    display: grid;
    gap: var(--_space);
  }
  .error {
    margin: 0;
  }
  .facts {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(190px, 1fr));
    margin: 0;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) + 2px);
    background: var(--_surface);
    overflow: hidden;
  }
  .fact {
    display: grid;
    align-content: start;
    gap: 2px;
    padding: calc(var(--_space) * 1.5) calc(var(--_space) * 2);
    /* Dividers on the right and below each fact; the box clips those on its outer edge, and a
       row that is not full leaves plain surface rather than a filled gap. */
    box-shadow: 1px 0 0 var(--_border), 0 1px 0 var(--_border);
  }
  dt {
    color: var(--_muted);
    font-size: 0.86em;
  }
  dd {
    margin: 0;
    font-weight: 550;
    display: grid;
    gap: 2px;
    overflow-wrap: anywhere;
  }
  dd small {
    color: var(--_muted);
    font-weight: 400;
  }
  /* The sum behind the limit reads as a sentence: the whole row, not one narrow cell. */
  .fact.limit {
    grid-column: 1 / -1;
  }
  .limit .unavailable {
    color: var(--_muted);
    font-weight: 400;
  }
  .over-limit {
    --_c: var(--_danger);
    justify-self: start;
    white-space: normal;
  }
  .left {
    color: var(--_text);
  }
  .timeline {
    padding-top: calc(var(--_space) * 1);
  }
  form {
    display: grid;
    gap: var(--_space);
  }
  form p {
    margin: 0;
    color: var(--_muted);
  }
  label {
    font-weight: 600;
  }
  textarea {
    padding: 8px 10px;
    resize: vertical;
  }
  textarea:focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 0;
  }
  textarea[aria-invalid='true'] {
    border-color: var(--_danger);
  }
  form small {
    color: var(--_muted);
  }

  /* Every label whole at any width: the tabs wrap onto a second row rather than scroll out of
     sight, and on a narrow element they take less padding so they rarely need to. */
  .tabs {
    display: flex;
    flex-wrap: wrap;
    gap: 2px;
    border-bottom: 1px solid var(--_border);
  }
  [role='tab'] {
    display: inline-flex;
    align-items: center;
    gap: 6px;
    padding: 8px 14px;
    border: 0;
    border-bottom: 2px solid transparent;
    margin-bottom: -1px;
    background: none;
    color: var(--_muted);
    font-weight: 600;
    cursor: pointer;
    white-space: nowrap;
  }
  [role='tab'][aria-selected='true'] {
    color: var(--_text);
    border-bottom-color: var(--_primary);
  }
  .badge.unread {
    --_c: var(--_primary);
    background: var(--_primary);
    color: var(--_on-primary);
    border-color: var(--_primary);
  }
  .panel {
    display: grid;
    gap: calc(var(--_space) * 2.5);
  }
  .panel[hidden] {
    display: none;
  }
  @container (max-width: 420px) {
    [role='tab'] {
      padding-inline: 8px;
      gap: 4px;
    }
  }
`;
