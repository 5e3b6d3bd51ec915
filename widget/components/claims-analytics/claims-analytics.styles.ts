import { css } from 'lit';

export const styles = css`
  :host {
    /* The charts' series: the theme's own (themes/light.css, dark.css), else these. */
    --_c1: var(--claims-color-chart-1, #4f46e5);
    --_c2: var(--claims-color-chart-2, #0e7490);
    --_c3: var(--claims-color-chart-3, #b45309);
    --_c4: var(--claims-color-chart-4, #be185d);
    --_c5: var(--claims-color-chart-5, #15803d);
    container-type: inline-size;
  }
  .base {
    display: grid;
    gap: calc(var(--_space) * 2);
  }
  .head {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    justify-content: space-between;
    gap: var(--_space);
  }
  h2 {
    margin: 0;
    font-size: 1.29em;
  }
  .as-of {
    display: flex;
    align-items: center;
    gap: var(--_space);
    margin: 0;
    color: var(--_muted);
  }
  .controls {
    display: grid;
    gap: calc(var(--_space) * 1.5);
    padding: calc(var(--_space) * 1.5) calc(var(--_space) * 2);
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) + 2px);
    background: var(--_raised);
  }
  .row,
  .range-form {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-end;
    gap: calc(var(--_space) * 1.5);
  }
  .field {
    display: grid;
    gap: 4px;
    font-weight: 550;
  }
  .field :is(select, input) {
    min-height: 36px;
    max-width: 100%;
    padding: 0 var(--_space);
    font-weight: 400;
  }
  .field .error {
    font-weight: 400;
    max-width: 28ch;
  }
  .range {
    margin: 0;
    color: var(--_muted);
  }
  .updating {
    margin: 0;
    color: var(--_muted);
  }
  .panels {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 420px), 1fr));
    gap: calc(var(--_space) * 2);
    transition: opacity 0.2s;
  }
  .panels.pending {
    opacity: 0.6;
  }
  .panel {
    display: grid;
    align-content: start;
    gap: calc(var(--_space) * 1.5);
    min-width: 0;
    padding: calc(var(--_space) * 2);
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) + 2px);
    background: var(--_surface);
  }
  /* A wide table scrolls inside its panel rather than widen the panel, and the page, with it. */
  .panel > * {
    min-width: 0;
  }
  .panel.volume,
  .panel.carriers {
    grid-column: 1 / -1;
  }
  .panel-head {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: var(--_space);
  }
  h3,
  h4,
  h5 {
    margin: 0;
    font-size: 1.07em;
  }
  h4 {
    font-size: 1em;
  }
  h5 {
    font-size: 0.93em;
    color: var(--_muted);
  }
  .intro,
  .muted {
    margin: 0;
    color: var(--_muted);
  }
  .charts {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 340px), 1fr));
    gap: calc(var(--_space) * 3);
  }
  .figure {
    display: grid;
    gap: var(--_space);
    margin: 0;
    min-width: 0;
  }
  figcaption {
    font-weight: 600;
  }
  .plot {
    min-width: 0;
  }
  /* A fixed height: drawn again at its measured width, a chart must not change the size it was measured at. */
  .chart {
    display: block;
    width: 100%;
    height: 220px;
    overflow: visible;
  }
  .grid {
    stroke: var(--_border);
    stroke-width: 1;
  }
  .tick {
    fill: var(--_muted);
    font-size: 11px;
  }
  .mark {
    stroke: var(--_surface);
    stroke-width: 1;
  }
  .c1 { fill: var(--_c1); }
  .c2 { fill: var(--_c2); }
  .c3 { fill: var(--_c3); }
  .c4 { fill: var(--_c4); }
  .c5 { fill: var(--_c5); }
  .success { fill: var(--_success); }
  .danger { fill: var(--_danger); }
  .line {
    fill: none;
    stroke-width: 2.25;
    stroke-linejoin: round;
  }
  .s1 { stroke: var(--_c1); }
  .s2 { stroke: var(--_c2); }
  .s3 { stroke: var(--_c3); }
  .s4 { stroke: var(--_c4); }
  .s5 { stroke: var(--_c5); }
  .dot {
    stroke: var(--_surface);
    stroke-width: 1.5;
  }
  /* Too many points to mark: each keeps an invisible target for its tooltip. */
  .dot.unmarked {
    fill: transparent;
    stroke: none;
  }
  /* The textures over a colour: the surface showing through, so they read in either theme. */
  .defs {
    position: absolute;
    width: 0;
    height: 0;
  }
  pattern :is(rect, circle) {
    fill: var(--_surface);
    fill-opacity: 0.6;
  }
  pattern path {
    stroke: var(--_surface);
    stroke-opacity: 0.6;
    stroke-width: 1.2;
  }
  .legend {
    display: flex;
    flex-wrap: wrap;
    gap: 4px calc(var(--_space) * 2);
    margin: 0;
    padding: 0;
    list-style: none;
    color: var(--_muted);
    font-size: 0.93em;
  }
  .legend li {
    display: inline-flex;
    align-items: center;
    gap: 6px;
  }
  .swatch {
    height: 12px;
    width: auto;
    border-radius: 2px;
  }
  .hbars {
    display: grid;
    grid-template-columns: minmax(8ch, 11em) minmax(80px, 1fr);
    gap: var(--_space) calc(var(--_space) * 1.5);
    align-items: center;
  }
  .hrow {
    display: contents;
  }
  .hlabel {
    grid-column: 1;
  }
  .hbar {
    grid-column: 2;
    display: block;
    width: 100%;
    height: 14px;
  }
  .hvalue {
    grid-column: 2;
    margin-top: -4px;
    color: var(--_muted);
    font-size: 0.93em;
    font-variant-numeric: tabular-nums;
  }
  .hrow.total .hlabel {
    font-weight: 600;
  }
  .currency {
    display: grid;
    gap: var(--_space);
  }
  .table-toggle summary {
    cursor: pointer;
    color: var(--_primary);
    font-weight: 550;
    width: fit-content;
  }
  .table-toggle[open] summary {
    margin-bottom: var(--_space);
  }
  .table-wrap {
    overflow-x: auto;
    max-width: 100%;
  }
  table {
    width: 100%;
    border-collapse: collapse;
    font-variant-numeric: tabular-nums;
  }
  th,
  td {
    padding: 6px 10px;
    border-bottom: 1px solid var(--_border);
    text-align: start;
    vertical-align: top;
  }
  thead th {
    color: var(--_muted);
    font-weight: 600;
    font-size: 0.93em;
  }
  /* A long heading over a column of short figures wraps into a few lines, not one word a line. */
  thead th + th {
    min-width: 8ch;
  }
  tbody th {
    font-weight: 550;
  }
  .num {
    text-align: end;
  }
  td.num {
    white-space: nowrap;
  }
  p.over-limit {
    margin: 4px 0 var(--_space);
    color: var(--_danger);
  }
  .badge.over-limit {
    padding: 1px 8px;
    border: 1px solid var(--_danger);
    border-radius: 999px;
    color: var(--_danger);
    font-size: 0.8125rem;
    font-weight: 600;
  }
  .at-risk-title {
    margin-top: var(--_space);
  }
  .at-risk {
    display: grid;
    gap: 6px;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .at-risk li {
    display: flex;
    flex-wrap: wrap;
    gap: 4px var(--_space);
    align-items: baseline;
  }
  .link {
    padding: 2px 0;
    border: 0;
    background: none;
    color: var(--_danger);
    font-weight: 600;
    text-align: start;
    text-decoration: underline;
    text-underline-offset: 2px;
    cursor: pointer;
  }
  @container (max-width: 520px) {
    .hbars {
      grid-template-columns: minmax(0, 1fr);
    }
    .hlabel,
    .hbar,
    .hvalue {
      grid-column: 1;
    }
  }
`;
