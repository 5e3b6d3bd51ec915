import type { ConsoleViewsTranslation } from './translation.ts';

// The words of the console's views, in Spanish: loaded with the console, not at start.

export const consoleViewsEs: ConsoleViewsTranslation = {
  views: 'Vistas de la consola',
  queue: 'Cola',
  analytics: 'Analítica',
  atRiskOnly: 'Solo los siniestros a punto de vencer su plazo de presentación.',
  showAll: 'Ver todos',
};
