import type { ConsoleViewsTranslation } from './translation.ts';

// The words of the console's views, in French: loaded with the console, not at start.

export const consoleViewsFr: ConsoleViewsTranslation = {
  views: 'Vues de la console',
  queue: 'File',
  analytics: 'Statistiques',
  atRiskOnly: 'Uniquement les sinistres dont le délai de réclamation est sur le point d’expirer.',
  showAll: 'Tout afficher',
};
