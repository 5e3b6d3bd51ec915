import type { ConsoleViewsTranslation } from './translation.ts';

// The words of the console's views, in German: loaded with the console, not at start.

export const consoleViewsDe: ConsoleViewsTranslation = {
  views: 'Ansichten der Konsole',
  queue: 'Warteschlange',
  analytics: 'Analyse',
  atRiskOnly: 'Nur die Schadensfälle, deren Einreichungsfrist in Kürze abläuft.',
  showAll: 'Alle anzeigen',
};
