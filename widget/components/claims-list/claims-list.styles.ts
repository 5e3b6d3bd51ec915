import { css } from 'lit';

// Nothing moves while the first page loads: the skeleton's rows keep every box of a real row (so
// its height), shown as blocks, the list pulsing as one (one animation, not one per block); each
// chip keeps the place of its count; the live indicator is as wide as its longest label, so the
// controls wrap the same whatever the connection; the foot is as tall with "Load more" as
// without. (Comments inside the CSS would ship in the start bundle.)
export const styles = css`
  .base {
    display: grid;
    gap: calc(var(--_space) * 1.5);
  }
  .toolbar {
    display: grid;
    gap: var(--_space);
  }
  .chips {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) * 0.75);
  }
  .chip {
    display: inline-flex;
    align-items: center;
    gap: 6px;
    min-height: 30px;
    padding: 0 12px;
    border: 1px solid var(--_border);
    border-radius: 999px;
    background: var(--_surface);
    color: var(--_muted);
    font-size: 0.93em;
    font-weight: 550;
    cursor: pointer;
  }
  .chip:hover {
    color: var(--_text);
    background: var(--_raised);
  }
  .chip[aria-checked='true'] {
    background: var(--_text);
    border-color: var(--_text);
    color: var(--_surface);
  }
  .count {
    min-width: 1ch;
    font-variant-numeric: tabular-nums;
    opacity: 0.85;
  }
  .controls {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space);
  }
  .search {
    position: relative;
    flex: 1 1 220px;
    display: flex;
    align-items: center;
    color: var(--_muted);
  }
  .search svg {
    position: absolute;
    left: 10px;
    pointer-events: none;
  }
  input,
  select {
    min-height: 36px;
  }
  input {
    width: 100%;
    padding: 0 10px 0 32px;
  }
  select {
    padding: 0 8px;
    max-width: 100%;
  }
  /* The staff toolbar has four selects: they share the rows evenly. */
  .staff .select {
    flex: 1 1 150px;
    min-width: 0;
  }
  .staff .select select {
    width: 100%;
  }
  input:focus-visible,
  select:focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 0;
    border-color: var(--_focus);
  }
  .live {
    display: inline-flex;
    align-items: center;
    gap: 6px;
    font-size: 0.86em;
    color: var(--_muted);
    white-space: nowrap;
  }
  .labels {
    display: grid;
  }
  .labels > * {
    grid-area: 1 / 1;
  }
  .labels > :not(.now) {
    visibility: hidden;
  }
  .dot {
    width: 8px;
    height: 8px;
    border-radius: 50%;
    background: var(--_muted);
  }
  .live.on .dot {
    background: var(--_success);
    box-shadow: 0 0 0 3px color-mix(in srgb, var(--_success) 20%, transparent);
  }
  .live.wait .dot {
    background: var(--_warning);
  }
  .list {
    list-style: none;
    margin: 0;
    padding: 0;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) + 2px);
    background: var(--_surface);
    overflow: hidden;
    box-shadow: var(--_shadow);
  }
  li + li {
    border-top: 1px solid var(--_border);
  }
  .row {
    display: flex;
    justify-content: space-between;
    gap: calc(var(--_space) * 2);
    width: 100%;
    padding: calc(var(--_space) * 1.5) calc(var(--_space) * 2);
    border: 0;
    background: transparent;
    text-align: start;
    cursor: pointer;
    position: relative;
  }
  .row:hover {
    background: var(--_raised);
  }
  .row:focus-visible {
    outline-offset: -2px;
    background: var(--_raised);
  }
  .row.selected {
    background: color-mix(in srgb, var(--_primary) 8%, var(--_surface));
  }
  .row.new::before,
  .row.updated::before,
  .row.selected::before {
    content: '';
    position: absolute;
    inset: 0 auto 0 0;
    width: 3px;
    background: var(--_primary);
  }
  .main,
  .side {
    display: flex;
    flex-direction: column;
    gap: 2px;
    min-width: 0;
  }
  .side {
    align-items: flex-end;
    text-align: end;
    flex-shrink: 0;
  }
  .line {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 6px;
  }
  .ref {
    font-weight: 650;
    font-variant-numeric: tabular-nums;
    letter-spacing: -0.01em;
  }
  .sub,
  .when {
    color: var(--_muted);
    font-size: 0.93em;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .when.overdue {
    color: var(--_danger);
  }
  .handler::before {
    content: '● ';
    color: var(--_primary);
  }
  .handler.unassigned {
    font-style: italic;
  }
  .handler.unassigned::before {
    content: '○ ';
    color: var(--_muted);
  }
  .amount {
    font-weight: 600;
    font-variant-numeric: tabular-nums;
  }
  .mark {
    --_c: var(--_primary);
  }
  .needs-action {
    --_c: var(--_warning);
  }
  .over-limit {
    --_c: var(--_danger);
  }
  .foot {
    min-height: 36px;
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: var(--_space);
  }
  .muted {
    color: var(--_muted);
    font-size: 0.93em;
  }
  .skeleton .row {
    cursor: default;
  }
  .skeleton :is(.ref, .sub, .badge, .amount, .when) {
    width: 6em;
    border-color: transparent;
    border-radius: 4px;
    background: var(--_raised);
  }
  .skeleton .ref {
    width: 9em;
  }
  .skeleton .sub {
    width: 60%;
  }
  .skeleton .list {
    animation: pulse 1.2s ease-in-out infinite alternate;
  }
  @keyframes pulse {
    to {
      opacity: 0.6;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .skeleton .list {
      animation: none;
    }
  }
  @media (max-width: 480px) {
    .row {
      flex-direction: column;
      gap: var(--_space);
    }
    .side {
      flex-direction: row;
      flex-wrap: wrap;
      align-items: center;
      gap: var(--_space);
      text-align: start;
    }
  }
  .badge.unread {
    background: var(--_primary);
    border-color: var(--_primary);
    color: var(--_on-primary);
  }
`;
