import type { WidgetLanguage as Language } from '../translations/languages.ts';

/**
 * How to fetch one area's words in each language: one `import()` per language, so that each is a
 * chunk of its own. Keyed by every language of translations/languages.ts: a table without one
 * does not compile, and the file it imports is typed by the area's interface, so a string missing
 * in any language does not compile either.
 */
export type Loaders<T> = { readonly [L in Language]: () => Promise<T> };

/**
 * One area's words — the main strings (translations/languages.ts) or those of an element loaded on
 * first use (translations/documents.ts, …) — in every language, each fetched the first time an
 * element speaks it and kept for the page's life. An element lists the catalogues it reads in its
 * static `catalogues` and draws only once those of its language are in (ClaimsElement).
 */
export class Catalogue<T> {
  readonly #loaders: Loaders<T>;
  readonly #loaded = new Map<Language, T>();
  readonly #loading = new Map<Language, Promise<T>>();

  constructor(loaders: Loaders<T>) {
    this.#loaders = loaders;
  }

  /** The words in `language`, once loaded. */
  get(language: Language): T | undefined {
    return this.#loaded.get(language);
  }

  /**
   * Fetches the words in `language`, once; a failed fetch is tried again at the next call. The
   * import() goes in a task of its own: each costs a few milliseconds of a slow phone's main
   * thread, and an element that loads several (the detail's five) would spend them in one.
   */
  load(language: Language): Promise<T> {
    const loaded = this.#loaded.get(language);
    if (loaded) return Promise.resolve(loaded);
    let loading = this.#loading.get(language);
    if (!loading) {
      loading = new Promise((resolve) => setTimeout(resolve)).then(this.#loaders[language]).then(
        (words) => {
          this.#loaded.set(language, words);
          this.#loading.delete(language);
          return words;
        },
        (error: unknown) => {
          this.#loading.delete(language);
          throw error;
        },
      );
      this.#loading.set(language, loading);
    }
    return loading;
  }
}
