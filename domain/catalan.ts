// Catalan's elisions, which a sentence with a name, a quoted word, a number or a date in it must
// make as it is written: the widget's Catalan catalogues (widget/translations/ca.ts re-exports
// these) and the API's Catalan emails read them from here. Imports nothing, like constants.ts.

const SEPARATOR = /[.\u00a0\u202f]/gu;

/**
 * Whether `text` begins with a vowel sound, so that the preposition "de" and the article "el"
 * elide before it: d’Anna, d’«Albarà», d’IPREM, l’1 de març, d’11 hores. Looks past an opening
 * quote. Not before i or u followed by a vowel, which sound as consonants (de iogurt, de Huelva).
 * A number elides as it is read: 1 ("u"), 11 ("onze"), 11.000 ("onze mil"), 1.000.000 ("un
 * milió"), but not 1.000 ("mil"), 100 ("cent") or 8 ("vuit").
 */
export function elides(text: string): boolean {
  const word = text.replace(/^[«“‘"'(¿¡\s]+/u, '');
  const number = /^\d+(?:[.\u00a0\u202f]\d{3})*/u.exec(word);
  if (number) {
    const digits = number[0].replace(SEPARATOR, '').replace(/^0+(?=\d)/u, '');
    const lead = digits.slice(0, digits.length % 3 || 3);
    const thousands = Math.floor((digits.length - 1) / 3);
    return lead === '11' || (lead === '1' && thousands % 2 === 0);
  }
  const start = /^h?([aeiouàèéíïòóúü])([aeoàèéòó])?/iu.exec(word);
  if (!start) return false;
  return !(/^[iu]$/iu.test(start[1] ?? '') && start[2] !== undefined);
}

/** "de" before `text`, elided when it must be: "de Marta", "d’Anna", "d’«Albarà»", "d’11". */
export const de = (text: string) => (elides(text) ? `d’${text}` : `de ${text}`);
/** The article before a date as Intl writes it: "el 5 de març", "l’1 de març", "l’11/04/2026". */
export const el = (date: string) => (elides(date) ? `l’${date}` : `el ${date}`);
/** "de" and the article before a date: "del 5 de març", "de l’1 de març". */
export const del = (date: string) => (elides(date) ? `de l’${date}` : `del ${date}`);
/** "a" and the article before a date: "al 5 de març", "a l’1 de març". */
export const al = (date: string) => (elides(date) ? `a l’${date}` : `al ${date}`);
