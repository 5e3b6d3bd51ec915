import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/**
 * An RFC 9457 problem. Throw it from anywhere in a request; the app's error handler turns it
 * into an application/problem+json response. `detail` is written for the person who will read
 * it: what went wrong and what to do about it.
 */
export class Problem extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly title: string,
    readonly detail: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(detail);
  }
}

const TYPE_BASE = 'https://claimdesk.dev/problems/';

export function problemJson(c: Context, problem: Problem): Response {
  const body = {
    type: `${TYPE_BASE}${slug(problem.title)}`,
    title: problem.title,
    status: problem.status,
    detail: problem.detail,
    instance: c.req.path,
    ...problem.extensions,
  };
  return c.body(JSON.stringify(body), problem.status, { 'Content-Type': 'application/problem+json' });
}

function slug(title: string): string {
  return title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

export const notFound = (what: string) =>
  new Problem(404, 'Not found', `${what} does not exist or is not visible to you.`);
export const forbidden = (detail: string) => new Problem(403, 'Forbidden', detail);
export const conflict = (detail: string, extensions?: Record<string, unknown>) =>
  new Problem(409, 'Conflict', detail, extensions);
export const badRequest = (detail: string, extensions?: Record<string, unknown>) =>
  new Problem(400, 'Bad request', detail, extensions);
export const unauthorized = (detail: string) => new Problem(401, 'Unauthorized', detail);
