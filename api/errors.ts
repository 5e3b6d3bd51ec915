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
