import type { ConsoleViewsTranslation } from './translation.ts';

// The words of the console's views, in European Portuguese: loaded with the console, not at start.

export const consoleViewsPt: ConsoleViewsTranslation = {
  views: 'Vistas da consola',
  queue: 'Fila',
  analytics: 'Análise',
  atRiskOnly: 'Só os sinistros cujo prazo de apresentação está prestes a terminar.',
  showAll: 'Ver todos',
};
