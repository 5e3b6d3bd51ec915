import type { ClaimStatus } from '../domain/constants.ts';

// What the domain refuses, as types of its own. Domain modules throw these and know nothing
// of HTTP; the app's error handler maps each to a problem+json answer in one place
// (api/http/problem.ts, `problemOf`).

export abstract class DomainError extends Error {}

/** A thing that does not exist, or that the caller may not know exists. */
export class NotFoundError extends DomainError {
  constructor(readonly what: string) {
    super(`${what} does not exist or is not visible to you.`);
  }
}

/** A lifecycle move that does not exist from the claim's current status. */
export class TransitionNotAllowedError extends DomainError {
  constructor(
    readonly from: ClaimStatus,
    readonly to: ClaimStatus,
    readonly possible: readonly ClaimStatus[],
  ) {
    super(
      possible.length === 0
        ? `The claim is ${from}, a final status: it cannot move to ${to}.`
        : `A claim in status ${from} cannot move to ${to}; from ${from} it can only move to ${possible.join(' or ')}.`,
    );
  }
}

/** A lifecycle move that exists but belongs to someone else (the customer, the handler). */
export class MoveNotYoursError extends DomainError {
  constructor(from: ClaimStatus, to: ClaimStatus, movers: readonly string[], mover: string) {
    super(`Moving a claim from ${from} to ${to} is done by the ${movers.join(' or ')}, not by the ${mover}.`);
  }
}

/** A value that is well-formed but does not fit the thing it is applied to. */
export class InvalidValueError extends DomainError {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** A pagination cursor this API did not hand out. */
export class InvalidCursorError extends DomainError {
  constructor() {
    super('The cursor is not valid. Pass the nextCursor of a previous page unchanged, or omit it to start over.');
  }
}

/** A cursor handed out for one sort order, sent back with another. */
export class CursorSortMismatchError extends InvalidCursorError {
  constructor(
    readonly cursorSort: string,
    readonly requestedSort: string,
  ) {
    super();
    this.message =
      `The cursor continues a list sorted by ${cursorSort}, but this request asks for sort=${requestedSort}. ` +
      `Send sort=${cursorSort} with it, or omit the cursor to start the list sorted by ${requestedSort} from the top.`;
  }
}

/** A change a claim no longer takes because it reached a final status (declined, closed). */
export class ClaimFinalError extends DomainError {
  constructor(
    readonly status: ClaimStatus,
    what: string,
  ) {
    super(`The claim is ${status}, a final status: ${what}.`);
  }
}

/** A correction of a claim once it was filed, declined or closed: it stays as it was then. */
export class ClaimNotAmendableError extends DomainError {
  constructor(readonly status: ClaimStatus) {
    super(
      status === 'declined' || status === 'closed'
        ? `The claim is ${status}, a final status: it can no longer be amended.`
        : `The claim is ${status}: it was filed with the carrier or insurer as it stood, and can no longer be amended. Tell the claims handler in its conversation what changed.`,
    );
  }
}

/** Values that are each well-formed but together do not make a claim (a correction merged with what the claim holds). */
export class InvalidClaimError extends DomainError {
  constructor(readonly errors: ReadonlyArray<{ field: string; message: string }>) {
    super(`The claim, so amended, would not be valid — ${errors.map((e) => `${e.field}: ${e.message}`).join('; ')}.`);
  }
}

/**
 * An intake whose externalRef names a claim already opened with other values: a retry must
 * repeat the request, and another incident needs an externalRef of its own.
 */
export class ExternalRefConflictError extends DomainError {
  constructor(
    readonly claimId: string,
    reference: string,
    externalRef: string,
    readonly differingFields: readonly string[],
  ) {
    super(
      `Claim ${reference} was already opened for externalRef ${externalRef} with different values for ${differingFields.join(', ')}. ` +
        'Repeat the same request to get that claim back, or give another incident an externalRef of its own.',
    );
  }
}

/** A message whose clientId the sender already used for another text: a retry must repeat the message. */
export class ClientIdReusedError extends DomainError {
  constructor(
    readonly messageId: string,
    detail = 'This clientId was already used for a message with another text. Retry with the same body to get that message back, or give a new message a clientId of its own.',
  ) {
    super(detail);
  }
}

/**
 * A document change the requirement or its claim is not in a state to take (an upload to an
 * accepted document, a review of one with nothing uploaded, a change once the claim was filed).
 */
export class DocumentConflictError extends DomainError {
  constructor(
    message: string,
    readonly documentStatus: string | null,
    readonly claimStatus: ClaimStatus,
  ) {
    super(message);
  }
}

/** A change to something the caller may see but is not theirs to change (someone else's file). */
export class NotYoursError extends DomainError {}
