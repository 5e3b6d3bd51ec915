import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { PROBLEM_TYPE_BASE, PROBLEMS, type ProblemCode } from '../../domain/problems.ts';
import {
  ClaimFinalError,
  ClaimNotAmendableError,
  ClientIdReusedError,
  DocumentConflictError,
  DomainError,
  ExternalRefConflictError,
  InvalidClaimError,
  InvalidCursorError,
  InvalidValueError,
  MoveNotYoursError,
  NotFoundError,
  NotYoursError,
  TransitionNotAllowedError,
} from '../errors.ts';

/**
 * An RFC 9457 problem. Throw it from anywhere in a request; the app's error handler turns it
 * into an application/problem+json response. `code` names the kind of problem (its `type`, its
 * status and title: domain/problems.ts); `detail` is written for the person who will read it:
 * what went wrong and what to do about it. `headers` are those the status calls for
 * (`WWW-Authenticate` on a 401, `Allow` on a 405, `Retry-After` on a 429 or 503).
 */
export class Problem extends Error {
  readonly status: ContentfulStatusCode;
  readonly title: string;

  constructor(
    readonly code: ProblemCode,
    readonly detail: string,
    readonly extensions: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
    this.status = PROBLEMS[code].status;
    this.title = PROBLEMS[code].title;
  }
}

/** The RFC 9457 members of a problem; `instance` is the path it answers, when known. */
export function problemFields(problem: Problem, instance?: string) {
  return {
    type: `${PROBLEM_TYPE_BASE}${problem.code}`,
    title: problem.title,
    status: problem.status,
    detail: problem.detail,
    ...(instance !== undefined ? { instance } : {}),
    ...problem.extensions,
  };
}

/** The RFC 9457 body of a problem; `instance` is the path it answers, when known. */
export function problemBody(problem: Problem, instance?: string): string {
  return JSON.stringify(problemFields(problem, instance));
}

export function problemJson(c: Context, problem: Problem): Response {
  return c.body(problemBody(problem, c.req.path), problem.status, { ...problem.headers, 'Content-Type': 'application/problem+json' });
}

export const forbidden = (detail: string) => new Problem('forbidden', detail);
export const noClaimsAccess = () =>
  new Problem('no-claims-access', 'You do not have access to claims yet. Ask an administrator of your company to grant it.');
export const badRequest = (detail: string, extensions?: Record<string, unknown>) => new Problem('invalid-request', detail, extensions);
export const malformed = (detail: string) => new Problem('malformed-request', detail);
export const notFound = (detail: string) => new Problem('not-found', detail);
/** A 401 says how to authenticate (RFC 9110 §11.6.1): `challenge` is its WWW-Authenticate. */
export const unauthorized = (detail: string, challenge = 'Bearer') => new Problem('unauthorized', detail, {}, { 'WWW-Authenticate': challenge });
export const tooManyRequests = (detail: string, retryAfterSeconds: number) =>
  new Problem('rate-limited', detail, { retryAfter: retryAfterSeconds }, { 'Retry-After': String(retryAfterSeconds) });
export const unavailable = (detail: string, retryAfterSeconds: number) =>
  new Problem('unavailable', detail, {}, { 'Retry-After': String(retryAfterSeconds) });

/** The HTTP answer to a domain error: the one place where domain refusals become statuses. */
export function problemOf(error: DomainError): Problem {
  if (error instanceof NotFoundError) return notFound(error.message);
  if (error instanceof TransitionNotAllowedError) {
    return new Problem('transition-not-allowed', error.message, { currentStatus: error.from, requestedStatus: error.to });
  }
  if (error instanceof MoveNotYoursError) return new Problem('move-not-yours', error.message);
  if (error instanceof ExternalRefConflictError) {
    return new Problem('external-ref-conflict', error.message, { claimId: error.claimId, differingFields: error.differingFields });
  }
  if (error instanceof ClaimFinalError) return new Problem('claim-final', error.message, { currentStatus: error.status });
  if (error instanceof ClaimNotAmendableError) return new Problem('claim-not-amendable', error.message, { currentStatus: error.status });
  if (error instanceof InvalidClaimError) return badRequest(error.message, { errors: error.errors });
  if (error instanceof ClientIdReusedError) return new Problem('client-id-reused', error.message, { messageId: error.messageId });
  if (error instanceof DocumentConflictError) {
    return new Problem('document-conflict', error.message, { documentStatus: error.documentStatus, claimStatus: error.claimStatus });
  }
  if (error instanceof NotYoursError) return new Problem('not-yours', error.message);
  if (error instanceof InvalidValueError) {
    return badRequest(error.message, { errors: [{ field: error.field, message: error.message }] });
  }
  if (error instanceof InvalidCursorError) {
    return new Problem('invalid-cursor', error.message, { errors: [{ field: 'cursor', message: error.message }] });
  }
  return badRequest(error.message);
}
