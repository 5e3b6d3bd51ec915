import { Catalogue } from '../internal/catalogue.ts';
import type { ProblemTexts } from './translation.ts';

// What a failed request means, in words that say what to do (ClaimsElement.problemText): one
// chunk per language, not with the list every page starts with. The elements loaded on use list
// it among their catalogues, so it comes with them; the others fetch it at their first failure,
// and show the failure's title alone until it is in.

export const problemsCatalogue = new Catalogue<ProblemTexts>({
  es: () => import('./problems.es.ts').then((m) => m.problemsEs),
  en: () => import('./problems.en.ts').then((m) => m.problemsEn),
  pt: () => import('./problems.pt.ts').then((m) => m.problemsPt),
  fr: () => import('./problems.fr.ts').then((m) => m.problemsFr),
  de: () => import('./problems.de.ts').then((m) => m.problemsDe),
  it: () => import('./problems.it.ts').then((m) => m.problemsIt),
  ca: () => import('./problems.ca.ts').then((m) => m.problemsCa),
});
