/**
 * The singular or the plural of a word for `n`, by `locale`'s plural rules (Intl): French takes
 * the singular for 0 too, Portuguese (pt-PT) and the others for 1 only; what Intl calls 'many'
 * (Italian and Catalan millions) takes the plural.
 */
export function pluralIn(locale: string): (n: number, one: string, other: string) => string {
  const rules = new Intl.PluralRules(locale);
  return (n, one, other) => (rules.select(n) === 'one' ? one : other);
}
