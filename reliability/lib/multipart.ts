import type { IncomingHttpHeaders } from 'node:http';
import net from 'node:net';
import fc from 'fast-check';
import type { RawResponse } from './raw-http.ts';

// multipart/form-data uploads as a fuzzer wants them: a generated case says which parts go in
// (files and text fields, their field names, file names, sizes and first bytes), how the body is
// framed (boundaries duplicated, missing or cut) and how it is delivered (Content-Length,
// chunked, or a body that never arrives whole). Cases are plain data, so fast-check shrinks
// them and a failure prints as a sentence; `toWire` turns one into the exact bytes to send.

/** What a file's first bytes say it is. */
export type Magic = 'pdf' | 'png' | 'junk' | 'exe' | 'elf';

const MAGIC: Record<Magic, Buffer> = {
  pdf: Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1'),
  // The signature and a whole IHDR chunk: a 16×16 RGBA image, as far as its header goes.
  png: Buffer.from('89504e470d0a1a0a0000000d49484452000000100000001008060000001ff3ff61', 'hex'),
  // Text no file type starts with.
  junk: Buffer.from('Not a document: '),
  exe: Buffer.from('4d5a90000300000004000000ffff0000b800000000000000400000000000000000', 'hex'),
  elf: Buffer.from('7f454c4602010100000000000000000002003e00', 'hex'),
};

/** Types an upload may be: the others are refused from their first bytes. */
const ALLOWED_MAGIC: ReadonlySet<Magic> = new Set(['pdf', 'png']);

const LONG_NAME = 'f'.repeat(300);
const UNICODE_NAME = 'fichero📎ñ';

export type FileNameStyle = 'plain' | 'unicode' | 'long' | 'path' | 'star' | 'missing' | 'empty';

export interface FilePart {
  kind: 'file';
  /** The form field (`name=`); the API takes files in `file` parts only. */
  field: string;
  fileName: FileNameStyle;
  /** The part's own Content-Type header; null sends none. */
  contentType: string | null;
  magic: Magic;
  size: number;
}

export interface TextPart {
  kind: 'text';
  field: string;
  value: string;
  /** Where it goes among the files: 0 before the first, the number of files after the last. */
  at: number;
}

/** The request's Content-Type header. */
export type ContentTypeStyle =
  | 'plain'
  | 'quoted'
  | 'charset-first'
  | 'upper-case'
  | 'two-boundaries'
  | 'junk-parameters'
  | 'long-boundary'
  | 'no-boundary'
  | 'empty-boundary'
  | 'other-boundary'
  | 'multipart-mixed'
  | 'absent';

/** How the parts are framed in the body. */
export type Framing = 'ok' | 'preamble-and-epilogue' | 'duplicated-boundary' | 'missing-final-boundary' | 'cut-mid-body' | 'lf-only';

/**
 * How the body reaches the server: whole (with Content-Length, or chunked), or not: a
 * Content-Length larger than what is sent, or a chunked body without its last chunk, after which
 * the client half-closes the connection (sends FIN, still reading) or drops it.
 */
export type Delivery = 'content-length' | 'chunked' | 'short-then-half-close' | 'short-then-drop' | 'chunked-unfinished-then-half-close' | 'chunked-unfinished-then-drop';

export interface MultipartCase {
  files: FilePart[];
  texts: TextPart[];
  contentType: ContentTypeStyle;
  framing: Framing;
  delivery: Delivery;
  /** Where a cut body (or a short delivery) stops, in thousandths of the whole. */
  cutAt: number;
  /** How many bytes more than the whole body a short delivery declares in Content-Length. */
  missingBytes: number;
  /** Body bytes per chunk of a chunked delivery. */
  chunkBytes: number;
}

export const isComplete = (c: MultipartCase) => c.delivery === 'content-length' || c.delivery === 'chunked';

/** Lets a choice shrink to the first (most ordinary) of its alternatives, not only within the one it made. */
const SIMPLEST_FIRST = { withCrossShrink: true } as const;

/** File sizes around `maxBytes` (MAX_UPLOAD_BYTES): at most one file per case is that large, so a body stays under the API's body limit. */
export function multipartCase(maxBytes: number): fc.Arbitrary<MultipartCase> {
  // The first value three times in four: most of a case is what a browser sends, so the odd part of it stands out.
  const weighted = <T>(common: T, ...others: T[]) =>
    fc.oneof(SIMPLEST_FIRST, { weight: 3 * others.length, arbitrary: fc.constant(common) }, { weight: others.length, arbitrary: fc.constantFrom(...others) });
  const file = fc.record({
    kind: fc.constant('file' as const),
    field: weighted('file', 'doc', '', LONG_NAME, UNICODE_NAME, 'File', 'file[]'),
    fileName: weighted<FileNameStyle>('plain', 'unicode', 'long', 'path', 'star', 'missing', 'empty'),
    contentType: weighted<string | null>('application/pdf', 'image/png', 'application/octet-stream', null, 'text/plain', 'application/x-msdownload'),
    magic: fc.oneof(SIMPLEST_FIRST, { weight: 4, arbitrary: fc.constant<Magic>('pdf') }, { weight: 3, arbitrary: fc.constantFrom<Magic>('png', 'junk', 'exe', 'elf') }),
    size: fc.oneof(SIMPLEST_FIRST, { weight: 6, arbitrary: fc.integer({ min: 64, max: 2048 }) }, { weight: 1, arbitrary: fc.constantFrom(0, 1) }),
  });
  const text = fc.record({
    kind: fc.constant('text' as const),
    field: fc.constantFrom('note', 'file', '', LONG_NAME, UNICODE_NAME),
    value: fc.constantFrom('hello', '', 'ñ'.repeat(100)),
    at: fc.nat({ max: 11 }),
  });
  // Two cases in three carry one file around the limit, where a refusal comes while the file still streams in.
  const large = fc.option(fc.record({ slot: fc.nat({ max: 10 }), size: fc.constantFrom(maxBytes, maxBytes - 1, maxBytes + 1, maxBytes - 4096, maxBytes + 4096) }), { freq: 3 });
  return fc
    .record({
      // Eleven files, of which the first `count` are sent: each shrinks on its own, and the count toward one.
      count: fc.oneof(SIMPLEST_FIRST, { weight: 4, arbitrary: fc.constant(1) }, { weight: 4, arbitrary: fc.constantFrom(2, 0, 10, 11) }),
      files: fc.array(file, { minLength: 11, maxLength: 11 }),
      large,
      texts: fc.oneof(SIMPLEST_FIRST, { weight: 3, arbitrary: fc.constant<TextPart[]>([]) }, { weight: 1, arbitrary: fc.array(text, { minLength: 1, maxLength: 3 }) }),
      contentType: weighted<ContentTypeStyle>(
        'plain',
        'quoted',
        'charset-first',
        'upper-case',
        'two-boundaries',
        'junk-parameters',
        'long-boundary',
        'no-boundary',
        'empty-boundary',
        'other-boundary',
        'multipart-mixed',
        'absent',
      ),
      framing: weighted<Framing>('ok', 'preamble-and-epilogue', 'duplicated-boundary', 'missing-final-boundary', 'cut-mid-body', 'lf-only'),
      delivery: fc.oneof(SIMPLEST_FIRST, 
        { weight: 6, arbitrary: fc.constant<Delivery>('content-length') },
        { weight: 6, arbitrary: fc.constantFrom<Delivery>('chunked', 'short-then-half-close', 'short-then-drop', 'chunked-unfinished-then-half-close', 'chunked-unfinished-then-drop') },
      ),
      cutAt: fc.integer({ min: 0, max: 999 }),
      missingBytes: fc.integer({ min: 1, max: 4096 }),
      chunkBytes: fc.constantFrom(16 * 1024, 1, 7, 1000, 64 * 1024),
    })
    .map(({ count, files, large, ...rest }) => {
      const chosen = files.slice(0, count);
      if (large && chosen.length > 0) {
        const slot = large.slot % chosen.length;
        chosen[slot] = { ...chosen[slot]!, size: large.size };
      }
      return { files: chosen, ...rest };
    });
}

/**
 * What the API must answer a case sent whole: `accept` (201) an upload any browser could send
 * of allowed files; `refuse` (a 4xx) one that breaks a rule whatever else is wrong with it (a
 * part not named `file`, a text field, no file or too many, a file empty, over the limit or of
 * a refused type, a Content-Type that is no multipart/form-data with a usable boundary). The
 * rest (odd framing, file names missing) may go either way: only a 2xx or a problem is required.
 */
export function verdict(c: MultipartCase, maxBytes: number): { must: 'accept' } | { must: 'refuse'; because: string } | { must: 'answer' } {
  const refusedTypes: ContentTypeStyle[] = ['no-boundary', 'empty-boundary', 'other-boundary', 'multipart-mixed', 'absent'];
  const because = [
    refusedTypes.includes(c.contentType) ? `a Content-Type ${c.contentType}` : '',
    c.files.some((f) => f.field !== 'file') ? 'a file part not named "file"' : '',
    c.texts.length > 0 ? 'a text field' : '',
    c.files.length === 0 ? 'no file' : '',
    c.files.length > 10 ? `${c.files.length} files` : '',
    c.files.some((f) => f.size === 0) ? 'an empty file' : '',
    c.files.some((f) => f.size > maxBytes) ? 'a file over MAX_UPLOAD_BYTES' : '',
    c.files.some((f) => !ALLOWED_MAGIC.has(f.magic) || (f.size > 0 && f.size < MAGIC[f.magic].byteLength)) ? 'a file of a refused type' : '',
  ].filter(Boolean);
  if (because.length > 0) return { must: 'refuse', because: because.join(', ') };
  const wellFormed = ['plain', 'quoted', 'charset-first'].includes(c.contentType) && ['ok', 'preamble-and-epilogue'].includes(c.framing);
  const named = c.files.every((f) => f.fileName !== 'missing' && f.fileName !== 'empty');
  return wellFormed && named ? { must: 'accept' } : { must: 'answer' };
}

const BOUNDARY = '----claimdesk-fuzz-7MA4YWxkTrZu0gW';
const LONG_BOUNDARY = `----${'b'.repeat(196)}`;

function contentTypeHeader(style: ContentTypeStyle): { header: string | null; boundary: string } {
  const b = BOUNDARY;
  switch (style) {
    case 'plain':
      return { header: `multipart/form-data; boundary=${b}`, boundary: b };
    case 'quoted':
      return { header: `multipart/form-data; boundary="${b}"`, boundary: b };
    case 'charset-first':
      return { header: `multipart/form-data; charset=utf-8; boundary=${b}`, boundary: b };
    case 'upper-case':
      return { header: `Multipart/Form-Data; BOUNDARY=${b}`, boundary: b };
    case 'two-boundaries':
      return { header: `multipart/form-data; boundary=${b}; boundary=${b}-other`, boundary: b };
    case 'junk-parameters':
      return { header: `multipart/form-data;; =x; boundary=${b}; charset`, boundary: b };
    case 'long-boundary':
      return { header: `multipart/form-data; boundary=${LONG_BOUNDARY}`, boundary: LONG_BOUNDARY };
    case 'no-boundary':
      return { header: 'multipart/form-data', boundary: b };
    case 'empty-boundary':
      return { header: 'multipart/form-data; boundary=', boundary: b };
    case 'other-boundary':
      return { header: `multipart/form-data; boundary=${b}-other`, boundary: b };
    case 'multipart-mixed':
      return { header: `multipart/mixed; boundary=${b}`, boundary: b };
    case 'absent':
      return { header: null, boundary: b };
  }
}

function disposition(field: string, style: FileNameStyle | 'text', index: number): string {
  const name = `form-data; name="${field}"`;
  switch (style) {
    case 'text':
    case 'missing':
      return name;
    case 'plain':
      return `${name}; filename="scan-${index}.pdf"`;
    case 'unicode':
      return `${name}; filename="factura ñ 📎 ${index}.pdf"`;
    case 'long':
      return `${name}; filename="${'a'.repeat(300)}.pdf"`;
    case 'path':
      return `${name}; filename="../../etc/passwd"`;
    case 'star':
      return `${name}; filename*=UTF-8''factura%20%C3%B1%20${index}.pdf`;
    case 'empty':
      return `${name}; filename=""`;
  }
}

/** `size` bytes that start as `magic` says (cut short when the file is smaller than its signature). */
function fileBytes(magic: Magic, size: number): Buffer {
  const bytes = Buffer.alloc(size);
  MAGIC[magic].copy(bytes, 0, 0, Math.min(size, MAGIC[magic].byteLength));
  // Varied filler (never CR or LF, so no boundary can appear in it) after the signature.
  for (let i = MAGIC[magic].byteLength; i < size; i++) bytes[i] = 0x20 + ((i * 31) % 90);
  return bytes;
}

/** The multipart body of a case, framed as it says, before any cut. */
function bodyOf(c: MultipartCase, boundary: string): Buffer {
  const eol = c.framing === 'lf-only' ? '\n' : '\r\n';
  const parts: Array<{ headers: string[]; content: Buffer }> = c.files.map((f, index) => ({
    headers: [`Content-Disposition: ${disposition(f.field, f.fileName, index)}`, ...(f.contentType ? [`Content-Type: ${f.contentType}`] : [])],
    content: fileBytes(f.magic, f.size),
  }));
  // Later insertions first, so each text field lands where its `at` says among the files.
  for (const t of [...c.texts].sort((a, b) => b.at - a.at)) {
    parts.splice(Math.min(t.at, c.files.length), 0, { headers: [`Content-Disposition: ${disposition(t.field, 'text', 0)}`], content: Buffer.from(t.value) });
  }
  const out: Buffer[] = [];
  if (c.framing === 'preamble-and-epilogue') out.push(Buffer.from(`This preamble is ignored by every reader.${eol}`));
  for (const [index, part] of parts.entries()) {
    if (c.framing === 'duplicated-boundary' && index === 0) out.push(Buffer.from(`--${boundary}${eol}`));
    out.push(Buffer.from(`--${boundary}${eol}${part.headers.join(eol)}${eol}${eol}`), part.content, Buffer.from(eol));
  }
  if (c.framing !== 'missing-final-boundary') out.push(Buffer.from(`--${boundary}--${eol}`));
  if (c.framing === 'preamble-and-epilogue') out.push(Buffer.from(`And so is this epilogue.${eol}`));
  const body = Buffer.concat(out);
  return c.framing === 'cut-mid-body' ? body.subarray(0, cutLength(body.byteLength, c.cutAt)) : body;
}

/** Where a cut stops: somewhere before the end, so that at least the final boundary's last bytes are gone. */
const cutLength = (length: number, cutAt: number) => Math.min(Math.floor((length * cutAt) / 1000), Math.max(0, length - 3));

/** A request as it goes on the wire, and what the client does once it has written it. */
export interface Wire {
  /** Request line and headers, up to and including the empty line. */
  head: string;
  /** What follows the head, framing of a chunked body included. */
  body: Buffer;
  /** Wait for the answer; or send FIN (half-close) and see; or drop the connection. */
  then: 'wait' | 'half-close' | 'drop';
}

/** Bytes per chunk: `chunkBytes`, but at most 4096 chunks (one-byte chunks of a 256 KiB file would only measure the client). */
const chunkSize = (bodyBytes: number, chunkBytes: number) => Math.max(chunkBytes, Math.ceil(bodyBytes / 4096));

function chunked(body: Buffer, chunkBytes: number, finished: boolean): Buffer {
  const size = chunkSize(body.byteLength, chunkBytes);
  const out: Buffer[] = [];
  for (let offset = 0; offset < body.byteLength; offset += size) {
    const piece = body.subarray(offset, offset + size);
    out.push(Buffer.from(`${piece.byteLength.toString(16)}\r\n`), piece, Buffer.from('\r\n'));
  }
  if (finished) out.push(Buffer.from('0\r\n\r\n'));
  return Buffer.concat(out);
}

/** The bytes to send for `c` as a POST to `path`, with `headers` (credentials) added. */
export function toWire(c: MultipartCase, path: string, headers: Record<string, string>): Wire {
  const { header, boundary } = contentTypeHeader(c.contentType);
  const body = bodyOf(c, boundary);
  const lines = [`POST ${path} HTTP/1.1`, 'Host: 127.0.0.1', 'Connection: close', ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)];
  if (header !== null) lines.push(`Content-Type: ${header}`);
  const head = (extra: string[]) => `${[...lines, ...extra].join('\r\n')}\r\n\r\n`;
  const sent = body.subarray(0, cutLength(body.byteLength, c.cutAt));
  switch (c.delivery) {
    case 'content-length':
      return { head: head([`Content-Length: ${body.byteLength}`]), body, then: 'wait' };
    case 'chunked':
      return { head: head(['Transfer-Encoding: chunked']), body: chunked(body, c.chunkBytes, true), then: 'wait' };
    case 'short-then-half-close':
    case 'short-then-drop':
      return { head: head([`Content-Length: ${body.byteLength + c.missingBytes}`]), body: sent, then: c.delivery === 'short-then-drop' ? 'drop' : 'half-close' };
    case 'chunked-unfinished-then-half-close':
    case 'chunked-unfinished-then-drop':
      return { head: head(['Transfer-Encoding: chunked']), body: chunked(sent, c.chunkBytes, false), then: c.delivery.endsWith('drop') ? 'drop' : 'half-close' };
  }
}

/** One line that says what a case sends, for failure reports. */
export function describeCase(c: MultipartCase): string {
  const fileText = (f: FilePart) =>
    `${JSON.stringify(f.field.length > 40 ? `${f.field.slice(0, 12)}…(${f.field.length} chars)` : f.field)} ${f.magic} ${f.size} B, file name ${f.fileName}, part type ${f.contentType ?? 'none'}`;
  const texts = c.texts.map((t) => `text field ${JSON.stringify(t.field.length > 40 ? `${t.field.slice(0, 12)}…` : t.field)} at ${Math.min(t.at, c.files.length)}`);
  const delivery = c.delivery === 'content-length' || c.delivery === 'chunked' ? c.delivery : `${c.delivery} after ${c.cutAt / 10}% of the body`;
  return (
    `${c.files.length} file part(s) [${c.files.map(fileText).join('; ')}]${texts.length ? `, ${texts.join(', ')}` : ''}; ` +
    `Content-Type ${c.contentType}; framing ${c.framing}${c.framing === 'cut-mid-body' ? ` at ${c.cutAt / 10}%` : ''}; delivery ${delivery}` +
    (c.delivery.startsWith('chunked') ? ` in ${chunkSize(bodyOf(c, contentTypeHeader(c.contentType).boundary).byteLength, c.chunkBytes)}-byte chunks` : '')
  );
}

/** What came back: an answer (whole), and whatever went wrong on the connection. */
export interface WireOutcome {
  answer?: RawResponse;
  error?: string;
}

/**
 * Sends `wire` on a connection of its own and reads the answer. After a half-close or a drop
 * the client does not wait more than `lingerMs` for one: those requests are not judged.
 */
export function sendWire(port: number, wire: Wire, { timeoutMs = 15_000, lingerMs = 2_000 } = {}): Promise<WireOutcome> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    const received: Buffer[] = [];
    let error: string | undefined;
    const timer = setTimeout(
      () => {
        if (wire.then === 'wait') error ??= `no answer within ${timeoutMs} ms`;
        socket.destroy();
      },
      wire.then === 'wait' ? timeoutMs : lingerMs,
    );
    socket.on('data', (chunk: Buffer) => {
      received.push(chunk);
      // The whole answer is in: no need to wait for the server to close.
      if (parseResponse(Buffer.concat(received), false)) socket.destroy();
    });
    socket.on('error', (e: NodeJS.ErrnoException) => (error ??= `${e.code ?? ''} ${e.message}`.trim()));
    socket.on('close', () => {
      clearTimeout(timer);
      const answer = parseResponse(Buffer.concat(received), true);
      resolve({ ...(answer ? { answer } : {}), ...(error ? { error } : {}) });
    });
    socket.once('connect', () => {
      socket.write(wire.head, 'latin1');
      if (wire.then === 'wait') socket.write(wire.body);
      else if (wire.then === 'half-close') socket.end(wire.body);
      else socket.write(wire.body, () => socket.destroy());
    });
  });
}

/** An HTTP/1.1 answer from raw bytes; null while incomplete (`closed`: the server closed, so a body without length is whole). */
function parseResponse(bytes: Buffer, closed: boolean): RawResponse | null {
  const end = bytes.indexOf('\r\n\r\n');
  if (end < 0) return null;
  const [statusLine, ...lines] = bytes.subarray(0, end).toString('latin1').split('\r\n');
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine ?? '')?.[1]);
  if (!Number.isInteger(status)) return null;
  const headers: IncomingHttpHeaders = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    headers[name] = headers[name] === undefined ? value : `${String(headers[name])}, ${value}`;
  }
  let rest = bytes.subarray(end + 4);
  let body: Buffer;
  if (String(headers['transfer-encoding'] ?? '').toLowerCase().includes('chunked')) {
    const pieces: Buffer[] = [];
    for (;;) {
      const lineEnd = rest.indexOf('\r\n');
      if (lineEnd < 0) return null;
      const size = parseInt(rest.subarray(0, lineEnd).toString('latin1'), 16);
      if (size === 0) break;
      if (rest.byteLength < lineEnd + 2 + size + 2) return null;
      pieces.push(rest.subarray(lineEnd + 2, lineEnd + 2 + size));
      rest = rest.subarray(lineEnd + 2 + size + 2);
    }
    body = Buffer.concat(pieces);
  } else if (headers['content-length'] !== undefined) {
    const length = Number(headers['content-length']);
    if (rest.byteLength < length) return null;
    body = rest.subarray(0, length);
  } else if (closed) body = rest;
  else return null;
  return { status, headers, body: body.toString('utf8'), streamed: false };
}
