import { html, nothing, svg, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { labelled } from '../../internal/format.ts';

// The dashboard's charts, drawn as inline SVG from the theme's colours (`.c1`…`.c5`, the
// `--claims-color-chart-*` properties). Colour is never all a mark says: series differ by
// texture (bars) or dash (lines) too, the legend shows both, each mark has its value as a tooltip,
// and every chart sits beside a table of the same figures, which is the way to them by keyboard
// and screen reader (the SVG itself is one image with a summary).

/** One series of a chart: its name and a value per point. */
export interface Series {
  label: string;
  values: number[];
}

/** A chart over a row of points (weeks): their axis labels and tooltips, and the series drawn. */
export interface AxisChart {
  /** The chart's width in pixels, as measured (its height is fixed). */
  width: number;
  labels: string[];
  /** What each point is, in full, for the marks' tooltips. */
  titles: string[];
  series: Series[];
  /** What the chart shows, for screen readers. */
  summary: string;
  format: (value: number) => string;
  /** The reader's locale, which the tooltips are punctuated for. */
  locale: string;
}

const HEIGHT = 220;
const TOP = 12;
const BOTTOM = 26;
const LEFT = 40;
const RIGHT = 10;
/** The least room an axis label takes: labels closer than this are thinned out. */
const LABEL_PX = 64;
/** Dash patterns of the lines, series by series: solid, dashed, dotted, dash-dot, long dash. */
const DASHES = ['', '7 4', '2 3', '9 3 2 3', '14 4'];

/** A round top for the axis and its ticks: 1, 2 or 5 times a power of ten per step, four steps at most, whole numbers. */
function axis(max: number): { top: number; ticks: number[] } {
  const rough = Math.max(max, 1) / 4;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = Math.max(1, [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? 10 * power);
  const top = Math.max(step, Math.ceil(max / step) * step);
  const ticks: number[] = [];
  for (let tick = 0; tick <= top; tick += step) ticks.push(tick);
  return { top, ticks };
}

/** The frame every axis chart shares: its scale, gridlines with their values, and the labels of its points (thinned to fit). */
function frame(chart: AxisChart, max: number) {
  const { top, ticks } = axis(max);
  const width = Math.max(chart.width, LEFT + RIGHT + chart.labels.length * 4);
  const band = (width - LEFT - RIGHT) / Math.max(chart.labels.length, 1);
  const y = (value: number) => TOP + (1 - value / top) * (HEIGHT - TOP - BOTTOM);
  const x = (i: number) => LEFT + band * (i + 0.5);
  const every = Math.ceil(LABEL_PX / band);
  const grid = svg`${ticks.map(
    (tick) => svg`<line class="grid" x1=${LEFT} x2=${width - RIGHT} y1=${y(tick)} y2=${y(tick)}></line>
      <text class="tick" x=${LEFT - 6} y=${y(tick)} dy="0.32em" text-anchor="end">${chart.format(tick)}</text>`,
  )}${chart.labels.map((label, i) =>
    i % every === 0 ? svg`<text class="tick" x=${x(i)} y=${HEIGHT - 8} text-anchor="middle">${label}</text>` : nothing,
  )}`;
  return { width, band, x, y, grid };
}

function frameSvg(chart: AxisChart, width: number, content: unknown) {
  return html`<svg class="chart" part="chart" viewBox="0 0 ${width} ${HEIGHT}" role="img" aria-label=${chart.summary}>${content}</svg>`;
}

/** Bars per point, one segment per series stacked in legend order (the first at the bottom). */
export function stackedBars(chart: AxisChart) {
  const totals = chart.labels.map((_, i) => chart.series.reduce((sum, s) => sum + (s.values[i] ?? 0), 0));
  const { width, band, x, y, grid } = frame(chart, Math.max(0, ...totals));
  const barWidth = Math.max(2, Math.min(44, band * 0.68));
  const bars = chart.labels.map((_, i) => {
    let below = 0;
    return chart.series.map((series, k) => {
      const value = series.values[i] ?? 0;
      if (!value) return nothing;
      const [top, bottom] = [y(below + value), y(below)];
      below += value;
      const box = { x: x(i) - barWidth / 2, y: top, width: barWidth, height: bottom - top };
      return svg`<g><title>${labelled(chart.titles[i]!, `${series.label}, ${chart.format(value)}`, chart.locale)}</title>
        <rect class="mark c${k + 1}" x=${box.x} y=${box.y} width=${box.width} height=${box.height}></rect>
        ${k ? svg`<rect class="texture" fill="url(#texture-${k})" x=${box.x} y=${box.y} width=${box.width} height=${box.height}></rect>` : nothing}</g>`;
    });
  });
  return frameSvg(chart, width, svg`${grid}${bars}`);
}

/** Up to this many points a line marks each of them; past it the marks would hide the line. */
const MARKED_POINTS = 16;

/** A line per series over the points, each point marked while there are few (each still has its value as a tooltip). */
export function lines(chart: AxisChart) {
  const { width, x, y, grid } = frame(chart, Math.max(0, ...chart.series.flatMap((s) => s.values)));
  const marked = chart.labels.length <= MARKED_POINTS;
  const drawn = chart.series.map(
    (series, k) => svg`<polyline class="line s${k + 1}" stroke-dasharray=${DASHES[k] || nothing} points=${series.values.map((v, i) => `${x(i)},${y(v)}`).join(' ')}></polyline>
      ${series.values.map(
        (value, i) => svg`<circle class="dot c${k + 1} ${marked ? '' : 'unmarked'}" cx=${x(i)} cy=${y(value)} r=${marked ? 3.5 : 6}><title>${labelled(chart.titles[i]!, `${series.label}, ${chart.format(value)}`, chart.locale)}</title></circle>`,
      )}`,
  );
  return frameSvg(chart, width, svg`${grid}${drawn}`);
}

/** One entry of a chart's key: its colour (`c1`…`c5`, `success`, `danger`) with the texture (bars) or dash (lines) it is drawn with. */
export interface Key {
  label: string;
  tone: string;
  texture?: number | undefined;
  /** A line's dash (1 to 5); absent for a bar. */
  line?: number | undefined;
}

/** The key of a chart: each series' swatch, as its marks are drawn, and its name. */
export function legend(keys: Key[]) {
  return html`<ul class="legend" part="legend">
    ${keys.map(({ label, tone, texture, line }) => {
      const swatch = line
        ? svg`<line class="line s${line}" x1="1" x2="23" y1="6" y2="6" stroke-dasharray=${DASHES[line - 1] || nothing}></line>`
        : svg`<rect class=${tone} width="14" height="12"></rect>${texture ? svg`<rect fill="url(#texture-${texture})" width="14" height="12"></rect>` : nothing}`;
      return html`<li><svg class="swatch" viewBox="0 0 ${line ? 24 : 14} 12" aria-hidden="true">${swatch}</svg>${label}</li>`;
    })}
  </ul>`;
}

/** The keys of the series of an axis chart, drawn as bars (textured after the first) or as lines. */
export function seriesKeys(labels: string[], kind: 'bars' | 'lines'): Key[] {
  return labels.map((label, k) => ({ label, tone: `c${k + 1}`, ...(kind === 'lines' ? { line: k + 1 } : { texture: k }) }));
}

/**
 * The textures the bars after the first carry over their colour (`url(#texture-1)`…), defined
 * once per element: diagonal lines, dots, crossing lines, horizontal lines.
 */
export const textures = html`<svg class="defs" aria-hidden="true" focusable="false">
  <defs>
    <pattern id="texture-1" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="2" height="6"></rect></pattern>
    <pattern id="texture-2" width="5" height="5" patternUnits="userSpaceOnUse"><circle cx="2.5" cy="2.5" r="1.1"></circle></pattern>
    <pattern id="texture-3" width="6" height="6" patternUnits="userSpaceOnUse"><path d="M0 0L6 6M6 0L0 6"></path></pattern>
    <pattern id="texture-4" width="5" height="5" patternUnits="userSpaceOnUse"><rect width="5" height="1.4"></rect></pattern>
  </defs>
</svg>`;

/** One bar of a row of horizontal bars, as a share (0 to 1) of the row's width. */
export interface Bar {
  share: number;
  /** Its colour: `c1`…`c5`, `success` or `danger`. */
  tone: string;
  /** Which texture it carries over its colour; 0 or absent, none. */
  texture?: number | undefined;
}

/**
 * A horizontal bar, or several one under the other (`stack: false`) or end to end (`stack: true`),
 * drawn to stretch with its row; what they stand for is written beside them, so the SVG is decoration.
 */
export function hbar(bars: Bar[], stack = false) {
  const height = stack ? 10 : bars.length * 8 - 2;
  let start = 0;
  return html`<svg class="hbar" viewBox="0 0 100 ${height}" preserveAspectRatio="none" aria-hidden="true">
    ${bars.map((bar, i) => {
      const box = { x: stack ? start : 0, y: stack ? 0 : i * 8, width: Math.max(0, Math.min(1, bar.share)) * 100, height: stack ? 10 : 6 };
      start += box.width;
      return svg`<rect class=${bar.tone} x=${box.x} y=${box.y} width=${box.width} height=${box.height}></rect>${
        bar.texture ? svg`<rect fill="url(#texture-${bar.texture})" x=${box.x} y=${box.y} width=${box.width} height=${box.height}></rect>` : nothing
      }`;
    })}
  </svg>`;
}

/**
 * The measured width of each plot (`data-plot` in the host's shadow root), so an axis chart is
 * drawn at its size in pixels: its text and marks keep their proportions at any width. Until
 * measured, a plot is drawn at a default width and scaled.
 */
export class PlotWidths implements ReactiveController {
  readonly #host: ReactiveControllerHost & { renderRoot: ParentNode };
  readonly #widths = new Map<string, number>();
  readonly #observer = new ResizeObserver((entries) => {
    let changed = false;
    for (const entry of entries) {
      const id = (entry.target as HTMLElement).dataset['plot']!;
      const width = Math.round(entry.contentRect.width);
      if (width && width !== this.#widths.get(id)) {
        this.#widths.set(id, width);
        changed = true;
      }
    }
    if (changed) this.#host.requestUpdate();
  });

  constructor(host: ReactiveControllerHost & { renderRoot: ParentNode }) {
    this.#host = host;
    host.addController(this);
  }

  width(id: string): number {
    return this.#widths.get(id) ?? 560;
  }

  hostUpdated(): void {
    // Observing a plot already observed changes nothing; one drawn anew is measured from now.
    for (const plot of this.#host.renderRoot.querySelectorAll<HTMLElement>('[data-plot]')) this.#observer.observe(plot);
  }

  hostDisconnected(): void {
    this.#observer.disconnect();
  }
}
