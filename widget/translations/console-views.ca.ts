import type { ConsoleViewsTranslation } from './translation.ts';

// The words of the console's views, in Catalan: loaded with the console, not at start.

export const consoleViewsCa: ConsoleViewsTranslation = {
  views: 'Vistes de la consola',
  queue: 'Cua',
  analytics: 'Analítica',
  atRiskOnly: 'Només els sinistres amb el termini de presentació a punt de vèncer.',
  showAll: 'Veure’ls tots',
};
