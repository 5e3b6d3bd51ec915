import type { ConsoleViewsTranslation } from './translation.ts';

// The words of the console's views, in English: loaded with the console, not at start.

export const consoleViewsEn: ConsoleViewsTranslation = {
  views: 'Back office views',
  queue: 'Queue',
  analytics: 'Analytics',
  atRiskOnly: 'Only the claims about to miss their filing deadline.',
  showAll: 'Show all',
};
