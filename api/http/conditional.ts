import { createHash } from 'node:crypto';
import type { ByteRange } from '../storage/storage.ts';
import { problem } from './describe.ts';
import { Problem } from './problem.ts';

// Conditional requests (RFC 9110 §13) and partial GETs (§14).
//
// Downloads, whose ETag is the bytes' hash: a client that holds the file asks If-None-Match and
// gets a bodiless 304; a client whose download broke off asks the rest with Range (and If-Range,
// so that it never stitches two different files together) and gets a 206 of that part.
//
// Resources that can be edited (the company's settings, a user, …): each answer carries the
// representation's ETag, and a change sent with If-Match goes ahead only while the resource is
// still what the client read — otherwise 412, never a silent overwrite of someone else's change.
// A route answers with `etagOf(body)` as its ETag; its command, inside the change's transaction
// and with the row locked, calls `assertIfMatch(ifMatch, etagOf(representation before))`.
//
// Claims and pages of claims, which differ by reader and by the hour (unread messages, the moves
// open to each reader, a deadline passing) and cost more to draw than anything else read: their
// ETag (`viewEtag`) is not a hash of their JSON but of what they are drawn from — who reads, what
// was asked, the versions of the rows behind them —, so a revalidation reads those versions (one
// small query) and answers 304 without drawing anything. The tag starts with the version of the
// resource itself, which is what If-Match holds a change to: `"<version>.<view>"`, and ends with
// the instant the view changes by the clock alone (`.<until>`), past which it matches nothing.

/** The entity-tags of an If-None-Match value, weak ones without their `W/`; `*` as itself. */
function entityTags(value: string): string[] {
  // Split rather than matched with a pattern: linear however the header is made. A tag with a
  // comma inside comes out in pieces, none of which is one of ours (hex in quotes).
  return value.split(',').map((tag) => tag.trim().replace(/^W\//, ''));
}

/**
 * Whether If-None-Match names the representation the client would get, by weak comparison
 * (RFC 9110 §13.1.2): a match on GET or HEAD is answered 304 Not Modified.
 */
export function noneMatchHits(ifNoneMatch: string | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined) return false;
  const tags = entityTags(ifNoneMatch);
  return tags.includes('*') || tags.includes(etag);
}

/** A reader's view of a resource, hashed: what `viewEtag` writes after the version. */
function viewHash(view: unknown, until: number | null): string {
  return createHash('sha256').update(JSON.stringify([view, until])).digest('base64url').slice(0, 22);
}

/**
 * The ETag of a reader's view of a resource (see the top of this file): `version`, the resource's
 * own (an etagOf without its quotes, or a number: no dot in it), then what the view is drawn from,
 * and `until` (epoch ms), when it changes with the clock then.
 */
export function viewEtag(version: string, view: unknown, until: number | null): string {
  return `"${version}.${viewHash(view, until)}${until === null ? '' : `.${until.toString(36)}`}"`;
}

/**
 * The tag of If-None-Match that names the view the client would get now, which a GET answers
 * with 304; null when none does (a tag of another reader, of an older version, of another
 * request, or past its `until`). `*` is not taken for a view: a client revalidates what it holds.
 */
export function viewNotModified(ifNoneMatch: string | undefined, version: string, view: unknown, now = Date.now()): string | null {
  if (ifNoneMatch === undefined) return null;
  for (const tag of entityTags(ifNoneMatch)) {
    const parts = /^"([^".]+)\.[\w-]+(?:\.([0-9a-z]+))?"$/.exec(tag);
    if (!parts || parts[1] !== version) continue;
    const until = parts[2] === undefined ? null : parseInt(parts[2], 36);
    if (until !== null && now >= until) continue;
    const current = viewEtag(version, view, until);
    if (tag === current) return current;
  }
  return null;
}

/**
 * The part of a `size`-byte representation a GET's Range asks for (RFC 9110 §14.1.2): a range
 * resolved within the representation; 'unsatisfiable' when it starts past the end (a 416); null
 * when the whole representation is to be sent — no Range, another unit, a value that does not
 * parse, several ranges (answered whole rather than as multipart/byteranges: a resuming client
 * asks for one), or an If-Range that names another version of it (§13.1.5, strong comparison;
 * a date never matches, since downloads carry no Last-Modified).
 */
export function requestedRange(range: string | undefined, ifRange: string | undefined, etag: string, size: number): ByteRange | 'unsatisfiable' | null {
  if (range === undefined) return null;
  if (ifRange !== undefined && ifRange.trim() !== etag) return null;
  const spec = /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(range);
  if (!spec) return null;
  const [, first = '', last = ''] = spec;
  if (first === '' && last === '') return null;
  if (first === '') {
    // A suffix: the last N bytes.
    const length = Number(last);
    if (length === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - length), end: size - 1 };
  }
  const start = Number(first);
  // first-last with last before first is not a range at all.
  if (last !== '' && Number(last) < start) return null;
  if (start >= size) return 'unsatisfiable';
  return { start, end: last === '' ? size - 1 : Math.min(Number(last), size - 1) };
}

/**
 * The strong ETag of a JSON representation: a hash of the JSON exactly as the API answers it, so
 * the GET, the PATCH's answer and the check a later PATCH makes all agree.
 */
export function etagOf(representation: unknown): string {
  return `"${createHash('sha256').update(JSON.stringify(representation)).digest('base64url').slice(0, 27)}"`;
}

/**
 * Whether If-Match lets a change go ahead (RFC 9110 §13.1.1): absent, or `*`, or naming `etag`
 * by strong comparison (a weak tag never matches). A view's tag names the version it starts with.
 */
export function ifMatchHolds(ifMatch: string | undefined, etag: string): boolean {
  if (ifMatch === undefined) return true;
  const tags = ifMatch.split(',').map((tag) => tag.trim().replace(/^"([^".]+)\.[^"]*"$/, '"$1"'));
  return tags.includes('*') || tags.includes(etag);
}

/** Refuses (412) a change whose If-Match names another version of `what` than the current one (`etag`). */
export function assertIfMatch(ifMatch: string | undefined, etag: string, what: string): void {
  if (ifMatchHolds(ifMatch, etag)) return;
  throw new Problem(
    'precondition-failed',
    `${what} changed since you read it: If-Match names another version than the current one (ETag ${etag}). GET it again, make your change to what it is now, and send that ETag.`,
  );
}

/** The document's If-Match request header, for operations that change an editable resource. */
export const ifMatchParameter = {
  name: 'If-Match',
  in: 'header' as const,
  required: false,
  description: 'The ETag of the resource as the client last read it: the change is made only while it is still so (412 otherwise). Leave it out to change it whatever it is now.',
  schema: { type: 'string' as const },
};

/** The document's ETag response header, on answers that are an editable resource. */
export const etagHeader = {
  description: 'The version of this representation, to send as If-Match with a change to it.',
  required: true,
  schema: { type: 'string' as const },
};

/** The document's 412, for operations that take If-Match. */
export const preconditionFailed = problem('If-Match names another version than the current one: someone changed the resource since the client read it. GET it again and retry with its new ETag.');
