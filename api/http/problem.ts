import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import {
  ClaimFinalError,
  ClientIdReusedError,
  DocumentConflictError,
  DomainError,
  ExternalRefConflictError,
  InvalidCursorError,
  InvalidValueError,
  MoveNotYoursError,
  NotFoundError,
  NotYoursError,
  TransitionNotAllowedError,
} from '../errors.ts';

/**
 * An RFC 9457 problem. Throw it from anywhere in a request; the app's error handler turns it
 * into an application/problem+json response. `detail` is written for the person who will read
 * it: what went wrong and what to do about it. `headers` are those the status calls for
 * (`WWW-Authenticate` on a 401, `Allow` on a 405, `Retry-After` on a 429).
 */
export class Problem extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly title: string,
    readonly detail: string,
    readonly extensions: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
  }
}

const TYPE_BASE = 'https://claimdesk.dev/problems/';

/** The RFC 9457 body of a problem; `instance` is the path it answers, when known. */
export function problemBody(problem: Problem, instance?: string): string {
  return JSON.stringify({
    type: `${TYPE_BASE}${slug(problem.title)}`,
    title: problem.title,
    status: problem.status,
    detail: problem.detail,
    ...(instance !== undefined ? { instance } : {}),
    ...problem.extensions,
  });
}

export function problemJson(c: Context, problem: Problem): Response {
  return c.body(problemBody(problem, c.req.path), problem.status, { ...problem.headers, 'Content-Type': 'application/problem+json' });
}

function slug(title: string): string {
  return title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

export const forbidden = (detail: string) => new Problem(403, 'Forbidden', detail);
export const conflict = (detail: string, extensions?: Record<string, unknown>) =>
  new Problem(409, 'Conflict', detail, extensions);
export const badRequest = (detail: string, extensions?: Record<string, unknown>) =>
  new Problem(400, 'Bad request', detail, extensions);
export const notFound = (detail: string) => new Problem(404, 'Not found', detail);
/** A 401 says how to authenticate (RFC 9110 §11.6.1): `challenge` is its WWW-Authenticate. */
export const unauthorized = (detail: string, challenge = 'Bearer') =>
  new Problem(401, 'Unauthorized', detail, {}, { 'WWW-Authenticate': challenge });
export const tooManyRequests = (detail: string, retryAfterSeconds: number) =>
  new Problem(429, 'Too many requests', detail, { retryAfter: retryAfterSeconds }, { 'Retry-After': String(retryAfterSeconds) });

/** The HTTP answer to a domain error: the one place where domain refusals become statuses. */
export function problemOf(error: DomainError): Problem {
  if (error instanceof NotFoundError) return notFound(error.message);
  if (error instanceof TransitionNotAllowedError) {
    return conflict(error.message, { currentStatus: error.from, requestedStatus: error.to });
  }
  if (error instanceof MoveNotYoursError) return forbidden(error.message);
  if (error instanceof ExternalRefConflictError) {
    return conflict(error.message, { claimId: error.claimId, differingFields: error.differingFields });
  }
  if (error instanceof ClaimFinalError) return conflict(error.message, { currentStatus: error.status });
  if (error instanceof ClientIdReusedError) return conflict(error.message, { messageId: error.messageId });
  if (error instanceof DocumentConflictError) {
    return conflict(error.message, { documentStatus: error.documentStatus, claimStatus: error.claimStatus });
  }
  if (error instanceof NotYoursError) return forbidden(error.message);
  if (error instanceof InvalidValueError) {
    return badRequest(error.message, { errors: [{ field: error.field, message: error.message }] });
  }
  if (error instanceof InvalidCursorError) return badRequest(error.message, { errors: [{ field: 'cursor', message: error.message }] });
  return badRequest(error.message);
}
