import { expect } from '@open-wc/testing';
import { render } from 'lit';
import { lines, stackedBars, type AxisChart } from './claims-analytics.charts.ts';

/** The tooltips of a chart's marks, as rendered. */
function tooltips(draw: (chart: AxisChart) => unknown, locale: string): string[] {
  const host = document.createElement('div');
  render(
    draw({
      width: 400,
      labels: ['S1', 'S2'],
      titles: ['Semaine du 2 nov.', 'Semaine du 9 nov.'],
      series: [{ label: 'Casse', values: [3, 1] }],
      summary: 'Sinistres ouverts',
      format: (value) => String(value),
      locale,
    }),
    host,
  );
  return [...host.querySelectorAll('title')].map((title) => title.textContent!);
}

describe('analytics charts', () => {
  it('punctuate each mark’s tooltip as the reader’s language does', () => {
    for (const draw of [stackedBars, lines]) {
      expect(tooltips(draw, 'fr-FR')).to.include('Semaine du 2 nov.\u00a0: Casse, 3');
      expect(tooltips(draw, 'es-ES')).to.include('Semaine du 2 nov.: Casse, 3');
    }
  });
});
