// How long one claim's checklist may grow. The rules give a claim at most seven documents; the
// rest are the handler's own requests, one each. Forty leaves room for every real case and stops
// a handler's runaway script (or a stuck button) from burying the customer's checklist.

/** The most documents one claim asks for: its rules' and the handler's requests, waived ones included. */
export const MAX_CHECKLIST_DOCUMENTS = 40;
