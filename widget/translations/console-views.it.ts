import type { ConsoleViewsTranslation } from './translation.ts';

// The words of the console's views, in Italian: loaded with the console, not at start.

export const consoleViewsIt: ConsoleViewsTranslation = {
  views: 'Viste della console',
  queue: 'Coda',
  analytics: 'Analisi',
  atRiskOnly: 'Solo i sinistri il cui termine di presentazione sta per scadere.',
  showAll: 'Mostra tutti',
};
