// How a claim search matches, written once for the API's queries and the widget's live list:
// a fragment anywhere in the claim's searched fields, lower case and without accents on both
// sides ("alvaro" finds "Álvaro", "nandu" finds "Ñandú"); a search shorter than a trigram
// matches the start of a reference or tracking number. Imports nothing, like constants.ts.

/** Lower case without accents, as a Spanish speaker searches: "Ñandú" and "ÑANDÚ" are "nandu". */
export function normaliseForSearch(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Trigrams need three characters: a shorter search looks for references and tracking numbers that start with it. */
export const MIN_FRAGMENT_LENGTH = 3;

/** The fields of a claim a search looks in. */
export interface SearchedClaim {
  reference: string;
  trackingNumber: string;
  carrier: string;
  description: string;
  externalRef: string;
}

/** Whether `claim` matches the search `q` as GET /claims?q= matches it; a blank `q` matches everything. */
export function claimMatchesSearch(claim: SearchedClaim, q: string): boolean {
  const fragment = normaliseForSearch(q.trim());
  if (!fragment) return true;
  if ([...fragment].length < MIN_FRAGMENT_LENGTH) {
    return [claim.reference, claim.trackingNumber].some((field) => field.toLowerCase().startsWith(fragment));
  }
  return [claim.reference, claim.trackingNumber, claim.carrier, claim.description, claim.externalRef].some((field) =>
    normaliseForSearch(field).includes(fragment),
  );
}
