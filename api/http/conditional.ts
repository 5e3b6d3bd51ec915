import type { ByteRange } from '../storage/storage.ts';

// Conditional and partial GETs (RFC 9110 §13, §14) for downloads whose ETag is the bytes' hash:
// a client that holds the file asks If-None-Match and gets a bodiless 304; a client whose
// download broke off asks the rest with Range (and If-Range, so that it never stitches two
// different files together) and gets a 206 of that part.

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
