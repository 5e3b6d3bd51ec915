import fc from 'fast-check';
import { API_KEY, JWT_SECRET, USERS } from '../../api/testing/harness.ts';
import { nowSeconds, signJwt } from './jwt.ts';
import type { RawRequest } from './raw-http.ts';

// Requests for any operation of an OpenAPI 3.1 document, as fast-check arbitraries: bodies that
// follow the operation's schema and then get broken (wrong types, huge and tiny numbers, long
// strings, NUL, lone surrogates, emoji, missing and extra fields, arrays for objects, invalid
// JSON, the wrong Content-Type), parameters full of bad encodings, and every kind of credential.
// Nothing here knows Claimdesk's routes: it reads them from the document.

/* ------------------------------------------------------------------------------------------ */
/* The document                                                                                */

export type JsonSchema = { [key: string]: any } | boolean;

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: JsonSchema;
}

export interface Operation {
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content: Record<string, { schema?: JsonSchema; encoding?: Record<string, { contentType?: string }> }> };
  responses?: Record<string, { content?: Record<string, unknown> }>;
  security?: Array<Record<string, string[]>>;
}

export interface OpenApiDocument {
  servers?: Array<{ url: string }>;
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

export interface Route {
  method: string;
  /** The document's template, e.g. `/claims/{id}/accept`. */
  path: string;
  operation: Operation;
  /** Answers with an event stream: read the status and headers only. */
  streams: boolean;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

export function routesOf(doc: OpenApiDocument): Route[] {
  const routes: Route[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const streams = Object.values(operation.responses ?? {}).some((r) => Object.keys(r.content ?? {}).some((type) => type.startsWith('text/event-stream')));
      routes.push({ method: method.toUpperCase(), path, operation, streams });
    }
  }
  return routes;
}

function resolve(schema: JsonSchema | undefined, doc: OpenApiDocument, seen = 0): JsonSchema {
  if (schema === undefined) return {};
  if (typeof schema === 'object' && typeof schema.$ref === 'string' && seen < 20) {
    const name = schema.$ref.replace(/^#\/components\/schemas\//, '');
    const target = doc.components?.schemas?.[name];
    if (target === undefined) throw new Error(`the document has no schema for ${schema.$ref}`);
    const { $ref: _ref, ...rest } = schema;
    const resolved = resolve(target, doc, seen + 1);
    return typeof resolved === 'object' ? { ...resolved, ...rest } : resolved;
  }
  return schema;
}

/* ------------------------------------------------------------------------------------------ */
/* Ids seen so far, so that generated paths also name things that exist                         */

export class IdPool {
  private readonly pools = new Map<string, string[]>();

  add(key: string, id: unknown): void {
    if (typeof id !== 'string' || id === '') return;
    const pool = this.pools.get(key) ?? [];
    if (pool.includes(id)) return;
    if (pool.length >= 300) pool.splice(Math.floor(pool.length / 2), 1);
    pool.push(id);
    this.pools.set(key, pool);
  }

  pick(key: string, n: number): string | undefined {
    const pool = this.pools.get(key);
    return pool?.length ? pool[n % pool.length] : undefined;
  }

  size(key: string): number {
    return this.pools.get(key)?.length ?? 0;
  }

  /** The pool a path parameter draws from: the literal segment before it (`claims` for `/claims/{id}/…`). */
  static keyOf(template: string, param: string): string {
    const segments = template.split('/');
    const at = segments.indexOf(`{${param}}`);
    return (at > 0 && segments[at - 1]) || param;
  }

  /** Keeps the ids a 2xx JSON answer names: its own `id`, and those of its `items`. */
  harvest(template: string, body: unknown): void {
    const key = template.split('/').filter(Boolean)[0] ?? '';
    if (template.split('/').filter(Boolean).length > 2 || !body || typeof body !== 'object') return;
    const record = body as { id?: unknown; items?: unknown };
    this.add(key, record.id);
    if (Array.isArray(record.items)) for (const item of record.items) this.add(key, (item as { id?: unknown } | null)?.id);
  }
}

/* ------------------------------------------------------------------------------------------ */
/* Values                                                                                      */

/** A number or token written into the JSON text as is (`1e400`, `-0`, a 30-digit integer). */
const RAW_MARK = '\u0001raw:';
const raw = (text: string) => `${RAW_MARK}${text}\u0001`;
function stringifyWithRaw(value: unknown): string {
  // JSON.stringify escapes U+0001 as the six characters \u0001.
  return JSON.stringify(value).replace(/"\\u0001raw:([^"\\]*)\\u0001"/g, '$1');
}

const NASTY_STRINGS = [
  '', ' ', '   ', '\u0000', 'a\u0000b', '\ud800', 'a\udfffb', '\udc00\ud800', '\ud83d', '😀', '🚚📦💥', '👨‍👩‍👧‍👦', '\u202eevil', '\ufeffbom',
  'e\u0301', '\r\n', '\t', '\u2028', 'null', 'true', '0', '-1', 'NaN', 'Infinity', '1e309', "' OR '1'='1", '"; DROP TABLE claims; --',
  '<script>alert(1)</script>', '${7*7}', '../../etc/passwd', '%00', '%E0%A4%A', '\\', '"', '__proto__', 'constructor', 'EUR', 'XYZ',
  'eur', 'ES', 'ZZ', 'es', '2026-02-30T00:00:00Z', '1999-12-31T23:59:59Z', '9999-12-31T23:59:59Z', '2026-11-20T09:30:00',
  '2026-11-20T09:30:00+14:00', '+275760-09-13T00:00:00Z', 'ana@ferreteria.test', 'not-an-email', 'a@b', 'breakage', 'notified',
  'declined', 'closed', 'handler', 'admin', 'paid', 'in_app',
];

const NASTY_NUMBERS = [
  0, -0, -1, 1, 0.5, -0.5, 2147483647, 2147483648, -2147483649, 4294967296, 2 ** 53 - 1, 2 ** 53 + 2, -(2 ** 53) - 2, 1e21, 1e300,
  Number.MAX_VALUE, -Number.MAX_VALUE, Number.MIN_VALUE, 1e-7, 100000, 100001,
];
const RAW_NUMBERS = ['1e400', '-1e400', '123456789012345678901234567890', '1.0', '-0', '0e0', '1E2', '0.0000000000000000000000001', '1e-400'];

/** Any UTF-16 code unit, lone surrogates included. */
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));

const longString = fc
  .tuple(fc.constantFrom('a', 'é', '😀', '\u0000', ' ', '\ud800', 'x\u0301'), fc.integer({ min: 150, max: 12_000 }))
  .map(([unit, n]) => unit.repeat(n));

export const nastyString: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  { weight: 2, arbitrary: fc.string({ unit: codeUnit, maxLength: 30 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }) },
  { weight: 1, arbitrary: longString },
);

const nastyNumber: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...NASTY_NUMBERS),
  fc.constantFrom(...RAW_NUMBERS).map(raw),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
  fc.bigInt({ min: -(2n ** 80n), max: 2n ** 80n }).map((n) => raw(n.toString())),
);

export const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: nastyString },
  { weight: 3, arbitrary: nastyNumber },
  { weight: 1, arbitrary: fc.constantFrom(true, false, null, [], {}, [1, 2], { a: 1 }, [null], [[]]) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
);

/** Values that follow `schema` (as far as a JSON Schema says); `depth` bounds recursion. */
export function valueOf(schema: JsonSchema | undefined, doc: OpenApiDocument, depth = 0): fc.Arbitrary<unknown> {
  const s = resolve(schema, doc);
  if (s === true || (typeof s === 'object' && Object.keys(s).length === 0)) return fc.jsonValue({ maxDepth: 2 });
  if (s === false) return fc.constant(null);
  if (Array.isArray(s.enum) && s.enum.length) return fc.constantFrom(...s.enum);
  if ('const' in s) return fc.constant(s.const);
  for (const key of ['anyOf', 'oneOf'] as const) {
    if (Array.isArray(s[key]) && s[key].length) return fc.oneof(...s[key].map((option: JsonSchema) => valueOf(option, doc, depth + 1)));
  }
  if (Array.isArray(s.allOf) && s.allOf.length) {
    const merged = s.allOf.map((part: JsonSchema) => resolve(part, doc)).reduce((a: any, b: any) => ({ ...a, ...b, properties: { ...a.properties, ...b.properties }, required: [...(a.required ?? []), ...(b.required ?? [])] }), {});
    return valueOf(merged, doc, depth + 1);
  }
  const types: string[] = Array.isArray(s.type) ? s.type : s.type ? [s.type] : s.properties ? ['object'] : ['string'];
  return fc.oneof(...types.map((type) => valueOfType(type, s as Record<string, any>, doc, depth)));
}

function valueOfType(type: string, s: Record<string, any>, doc: OpenApiDocument, depth: number): fc.Arbitrary<unknown> {
  switch (type) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'integer': {
      const min = Math.max(s.minimum ?? -1_000_000, s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : -Infinity, Number.MIN_SAFE_INTEGER);
      const max = Math.min(s.maximum ?? 1_000_000, s.exclusiveMaximum !== undefined ? s.exclusiveMaximum - 1 : Infinity, Number.MAX_SAFE_INTEGER);
      // Mostly small values inside the range, its edges now and then.
      return fc.oneof({ weight: 4, arbitrary: fc.integer({ min, max: Math.min(max, Math.max(min, 0) + 10_000) }) }, { weight: 1, arbitrary: fc.constantFrom(min, max) });
    }
    case 'number':
      return fc.double({ min: s.minimum ?? -1e6, max: s.maximum ?? 1e6, noNaN: true, noDefaultInfinity: true });
    case 'array':
      return depth > 4 ? fc.constant([]) : fc.array(valueOf(s.items, doc, depth + 1), { minLength: s.minItems ?? 0, maxLength: Math.min(s.maxItems ?? 4, 4) });
    case 'object': {
      if (depth > 4) return fc.constant({});
      const properties: Record<string, JsonSchema> = s.properties ?? {};
      const model: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [name, property] of Object.entries(properties)) model[name] = valueOf(property, doc, depth + 1);
      const required = (s.required ?? []).filter((name: string) => name in model);
      return fc.record(model, { requiredKeys: required, noNullPrototype: true });
    }
    default:
      return stringOf(s);
  }
}

function stringOf(s: Record<string, any>): fc.Arbitrary<string> {
  if (s.format === 'date-time') {
    // A past moment after 2000: what "when did it happen" fields accept.
    return fc.date({ min: new Date('2000-01-02T00:00:00Z'), max: new Date(Date.now() - 86_400_000), noInvalidDate: true }).map((d) => d.toISOString());
  }
  if (s.format === 'date') return fc.date({ min: new Date('2000-01-02T00:00:00Z'), max: new Date(), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
  if (s.format === 'email') return fc.tuple(fc.stringMatching(/^[a-z][a-z0-9.]{0,12}$/), fc.stringMatching(/^[a-z]{2,10}\.(test|com|es)$/)).map(([a, b]) => `${a}@${b}`);
  if (s.format === 'binary' || s.format === 'byte') return fc.string({ unit: 'binary-ascii', maxLength: 64 });
  if (typeof s.pattern === 'string') {
    try {
      return fc.stringMatching(new RegExp(s.pattern)).filter((text) => text.length <= (s.maxLength ?? Infinity));
    } catch {
      // A pattern JavaScript cannot read: fall through to plain text.
    }
  }
  const min = Math.max(s.minLength ?? 1, 1);
  const max = Math.max(min, Math.min(s.maxLength ?? 40, 40));
  return fc.oneof(
    { weight: 3, arbitrary: fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9 ._-]*$/).filter((t) => t.length >= min && t.length <= max) },
    { weight: 1, arbitrary: fc.string({ minLength: min, maxLength: max }) },
  );
}

/* ------------------------------------------------------------------------------------------ */
/* Breaking a valid value                                                                      */

export type Mutation =
  | { kind: 'set'; at: number; value: unknown }
  | { kind: 'delete'; at: number }
  | { kind: 'add'; at: number; key: string; value: unknown }
  | { kind: 'wrap'; at: number };

const extraKey = fc.oneof(fc.constantFrom('__proto__', 'constructor', 'prototype', 'id', 'status', 'companyId', 'extra', '', ' ', '\u0000', '\ud800', '😀'), fc.string({ maxLength: 12 }));

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('set' as const), at: fc.nat(), value: nastyValue }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('add' as const), at: fc.nat(), key: extraKey, value: nastyValue }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('wrap' as const), at: fc.nat() }) },
);

type Slot = { parent: Record<string, unknown> | unknown[]; key: string | number };

function slotsOf(value: unknown, slots: Slot[] = []): Slot[] {
  if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      slots.push({ parent: value as Record<string, unknown>, key: Array.isArray(value) ? Number(key) : key });
      slotsOf(child, slots);
    }
  }
  return slots;
}

/** Applies the mutations to a copy of `value`; each picks its place by `at` modulo the places there are. */
export function mutate(value: unknown, mutations: Mutation[]): unknown {
  const root = { value: structuredClone(value) as unknown };
  for (const m of mutations) {
    const slots: Slot[] = [{ parent: root as Record<string, unknown>, key: 'value' }, ...slotsOf(root.value)];
    const slot = slots[m.at % slots.length]!;
    const target = slot.parent as Record<string | number, unknown>;
    switch (m.kind) {
      case 'set':
        // A copy: values such as `{}` come from constantFrom and are shared by every case.
        target[slot.key] = structuredClone(m.value);
        break;
      case 'delete':
        if (slot.parent === root) root.value = undefined;
        else if (Array.isArray(slot.parent)) slot.parent.splice(slot.key as number, 1);
        else delete target[slot.key];
        break;
      case 'wrap':
        target[slot.key] = [target[slot.key]];
        break;
      case 'add': {
        const objects = [root.value, ...slotsOf(root.value).map((s) => (s.parent as Record<string | number, unknown>)[s.key])].filter(
          (v): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v),
        );
        const object = objects[m.at % Math.max(objects.length, 1)];
        // defineProperty, so `__proto__` becomes an own key that JSON.stringify writes out.
        if (object) Object.defineProperty(object, m.key, { value: structuredClone(m.value), enumerable: true, writable: true, configurable: true });
        break;
      }
    }
  }
  return root.value;
}

/* ------------------------------------------------------------------------------------------ */
/* Bodies                                                                                      */

export interface Body {
  contentType: string | undefined;
  bytes: Uint8Array;
  /** What was done to it, for the report. */
  note: string;
}

const utf8 = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));

const INVALID_JSON_TEXTS = [
  '', ' ', '{', '}', '[', '{"a":}', '{"a":1,}', "{'a':1}", 'nul', 'undefined', '\ufeff{}', '{"a":1}{"b":2}', '{"a":1} x', '"unterminated',
  '\u0000', '{"a":"\u0000"}', '{"a":"\\u0000"}', '{"a":"\\ud800"}', '{"a":"\\uZZZZ"}', '{"a":1e400}', 'NaN', '-', '01', '{"a" 1}', '/* */{}',
  '{"__proto__":{"polluted":true}}', '{"constructor":{"prototype":{"polluted":true}}}', 'true', 'null', '0', '"text"', '[]', '[{}]',
];

const invalidJsonBytes: fc.Arbitrary<{ bytes: Uint8Array; note: string }> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...INVALID_JSON_TEXTS).map((text) => ({ bytes: utf8(text), note: 'invalid or odd JSON text' })) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 64 }).map((bytes) => ({ bytes, note: 'random bytes' })) },
  { weight: 1, arbitrary: fc.constantFrom(new Uint8Array([0xff, 0xfe, 0x7b, 0x00, 0x7d, 0x00]), new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d]), new Uint8Array([0xed, 0xa0, 0x80])).map((bytes) => ({ bytes, note: 'invalid UTF-8 / UTF-16 bytes' })) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom('[', '{"a":'), fc.integer({ min: 1000, max: 60_000 }))
      .map(([open, depth]) => ({ bytes: utf8(open.repeat(depth) + '1' + (open === '[' ? ']' : '}').repeat(depth)), note: `nested ${depth} deep` })),
  },
);

/** JSON bodies for a schema: mostly valid-shaped, often broken, sometimes not JSON at all. */
export function jsonBody(schema: JsonSchema | undefined, doc: OpenApiDocument, declaredType = 'application/json', examples: unknown[] = []): fc.Arbitrary<Body> {
  // Bodies the API took (a seed corpus) alongside the schema's: mutations near a valid body reach deeper.
  const valid = examples.length ? fc.oneof(valueOf(schema, doc), fc.constantFrom(...examples)) : valueOf(schema, doc);
  const text: fc.Arbitrary<{ bytes: Uint8Array; note: string }> = fc.oneof(
    { weight: 15, arbitrary: valid.map((v) => ({ bytes: utf8(stringifyWithRaw(v)), note: 'valid-shaped' })) },
    {
      weight: 30,
      arbitrary: fc.tuple(valid, fc.array(mutation, { minLength: 1, maxLength: 3 })).map(([v, ms]) => {
        const broken = mutate(v, ms);
        return { bytes: utf8(broken === undefined ? '' : stringifyWithRaw(broken)), note: `mutated (${ms.map((m) => m.kind).join(', ')})` };
      }),
    },
    { weight: 5, arbitrary: fc.array(valid, { maxLength: 3 }).map((items) => ({ bytes: utf8(stringifyWithRaw(items)), note: 'an array instead of an object' })) },
    { weight: 5, arbitrary: nastyValue.map((v) => ({ bytes: utf8(stringifyWithRaw(v)), note: 'another JSON value instead of the body' })) },
    { weight: 10, arbitrary: invalidJsonBytes },
    {
      weight: 1,
      arbitrary: fc.constantFrom(1_100_000, 2_000_000).map((n) => ({ bytes: utf8(`{"description":"${'a'.repeat(n)}"}`), note: `${n} bytes` })),
    },
  );
  return fc.tuple(text, contentType(declaredType)).map(([t, type]) => ({ contentType: type, bytes: t.bytes, note: t.note }));
}

/** The declared Content-Type most of the time; otherwise a wrong, odd or missing one. */
function contentType(declared: string): fc.Arbitrary<string | undefined> {
  return fc.oneof(
    { weight: 8, arbitrary: fc.constant(declared) },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        undefined, '', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data', 'multipart/form-data; boundary=x',
        'application/json; charset=utf-8', 'application/json; charset=latin1', 'APPLICATION/JSON', 'application/problem+json',
        'application/vnd.api+json', 'application/json;', ';', 'application/jsonx', '*/*', 'text/json', 'application/json, text/plain',
        'application/json; charset="utf-16"', 'application/octet-stream', 'text/event-stream',
      ),
    },
  );
}

/* ---- multipart/form-data ---- */

export interface Part {
  name: string;
  filename?: string;
  contentType?: string;
  data: Uint8Array;
}

function isFileSchema(s: JsonSchema): boolean {
  if (typeof s !== 'object') return false;
  if (s.type === 'array') return isFileSchema(s.items ?? {});
  return s.format === 'binary' || s.format === 'byte' || typeof s.contentMediaType === 'string' || typeof s.contentEncoding === 'string';
}

const FILE_NAMES = ['invoice.pdf', 'foto daños.jpg', '../../etc/passwd', '..\\..\\boot.ini', 'a\u0000.pdf', '😀.png', '', '.', '.htaccess', 'x'.repeat(300), 'inv"oice.pdf', 'CON', 'factura.PDF.exe'];
const FILE_TYPES = ['application/pdf', 'image/jpeg', 'image/png', 'text/plain', 'application/octet-stream', 'text/html', 'image/svg+xml', '', 'application/pdf; charset=utf-8'];
const MAGIC = [[], [0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x34, 0x0a], [0xff, 0xd8, 0xff, 0xe0], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], [0x3c, 0x73, 0x76, 0x67, 0x3e]];

const fileData = fc.tuple(fc.constantFrom(...MAGIC), fc.uint8Array({ maxLength: 2048 })).map(([magic, rest]) => new Uint8Array([...magic, ...rest]));

function partsOf(schema: JsonSchema | undefined, doc: OpenApiDocument, encoding: Record<string, { contentType?: string }> = {}): fc.Arbitrary<Part[]> {
  const s = resolve(schema, doc);
  const properties: Record<string, JsonSchema> = typeof s === 'object' ? (s.properties ?? {}) : {};
  const required: string[] = typeof s === 'object' ? (s.required ?? []) : [];
  const names = Object.keys(properties);
  const fields = names.map((name) => {
    const property = resolve(properties[name], doc);
    const declaredType = encoding[name]?.contentType?.split(',')[0]?.trim();
    const one: fc.Arbitrary<Part> = isFileSchema(property)
      ? fc.record({
          name: fc.constant(name),
          filename: fc.oneof({ weight: 3, arbitrary: fc.constant('document.pdf') }, { weight: 2, arbitrary: fc.constantFrom(...FILE_NAMES) }, { weight: 1, arbitrary: fc.string({ unit: codeUnit, maxLength: 20 }) }),
          contentType: fc.oneof({ weight: 3, arbitrary: fc.constant(declaredType ?? 'application/pdf') }, { weight: 1, arbitrary: fc.constantFrom(...FILE_TYPES) }),
          data: fileData,
        })
      : fc.oneof({ weight: 3, arbitrary: valueOf(property, doc) }, { weight: 1, arbitrary: nastyValue }).map((v) => ({ name, data: utf8(typeof v === 'string' ? v : stringifyWithRaw(v)) }));
    const isArray = typeof property === 'object' && property.type === 'array';
    return isArray ? fc.array(one, { minLength: 0, maxLength: 3 }) : one.map((p) => [p]);
  });
  const present = fc.tuple(...fields.map((field, i) => (required.includes(names[i]!) ? field : fc.option(field, { nil: [] as Part[], freq: 3 }))));
  return present.map((lists) => lists.flat());
}

/** Writes parts as RFC 7578 multipart/form-data; quotes and line breaks in names are %-encoded as browsers do. */
export function encodeMultipart(parts: Part[], boundary: string): Uint8Array {
  const escape = (text: string) => text.replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  const chunks: Buffer[] = [];
  for (const part of parts) {
    let head = `--${boundary}\r\nContent-Disposition: form-data; name="${escape(part.name)}"`;
    if (part.filename !== undefined) head += `; filename="${escape(part.filename)}"`;
    head += '\r\n';
    if (part.contentType) head += `Content-Type: ${part.contentType}\r\n`;
    chunks.push(Buffer.from(`${head}\r\n`, 'utf8'), Buffer.from(part.data), Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return new Uint8Array(Buffer.concat(chunks));
}

type MultipartBreak = 'none' | 'no-boundary-param' | 'wrong-boundary' | 'truncated' | 'no-closing' | 'lf-only' | 'extra-part' | 'duplicate-part' | 'empty-body';

/** multipart/form-data bodies for an operation that declares one: well-formed, then broken in the ways clients and attackers break them. */
export function multipartBody(schema: JsonSchema | undefined, doc: OpenApiDocument, encoding?: Record<string, { contentType?: string }>): fc.Arbitrary<Body> {
  const breaks: fc.Arbitrary<MultipartBreak> = fc.oneof(
    { weight: 5, arbitrary: fc.constant('none' as const) },
    { weight: 3, arbitrary: fc.constantFrom<MultipartBreak>('no-boundary-param', 'wrong-boundary', 'truncated', 'no-closing', 'lf-only', 'extra-part', 'duplicate-part', 'empty-body') },
  );
  return fc
    .tuple(partsOf(schema, doc, encoding), breaks, fc.stringMatching(/^[A-Za-z0-9-]{1,30}$/).map((b) => `----fuzz${b}`), fc.nat(), fc.record({ name: fc.oneof(fc.string({ maxLength: 10 }), fc.constantFrom('file', '', '__proto__')), data: fileData }))
    .map(([parts, broken, boundary, cut, extra]) => {
      let list = parts;
      if (broken === 'extra-part') list = [...parts, { name: extra.name, filename: 'extra.bin', contentType: 'application/octet-stream', data: extra.data }];
      if (broken === 'duplicate-part' && parts[0]) list = [...parts, parts[0]];
      let bytes = encodeMultipart(list, boundary);
      if (broken === 'truncated') bytes = bytes.slice(0, cut % Math.max(bytes.length, 1));
      if (broken === 'no-closing') bytes = bytes.slice(0, Math.max(bytes.length - `--${boundary}--\r\n`.length, 0));
      if (broken === 'lf-only') bytes = new Uint8Array(Buffer.from(Buffer.from(bytes).toString('latin1').replace(/\r\n/g, '\n'), 'latin1'));
      if (broken === 'empty-body') bytes = new Uint8Array();
      const contentType =
        broken === 'no-boundary-param' ? 'multipart/form-data' : broken === 'wrong-boundary' ? `multipart/form-data; boundary=${boundary}x` : `multipart/form-data; boundary=${boundary}`;
      return { contentType, bytes, note: `multipart (${broken}, ${list.length} parts)` };
    });
}

/** A body for a route that declares none: usually nothing, sometimes something anyway. */
const strayBody: fc.Arbitrary<Body | undefined> = fc.oneof(
  { weight: 8, arbitrary: fc.constant(undefined) },
  { weight: 1, arbitrary: fc.tuple(nastyValue, contentType('application/json')).map(([v, type]) => ({ contentType: type, bytes: utf8(stringifyWithRaw(v)), note: 'a body the route does not take' })) },
  { weight: 1, arbitrary: fc.tuple(invalidJsonBytes, contentType('application/json')).map(([b, type]) => ({ contentType: type, bytes: b.bytes, note: `a body the route does not take: ${b.note}` })) },
);

export function bodyFor(route: Route, doc: OpenApiDocument, examples: unknown[] = []): fc.Arbitrary<Body | undefined> {
  const content = route.operation.requestBody?.content;
  if (!content || Object.keys(content).length === 0) return strayBody;
  const options = Object.entries(content).map(([type, media]) => {
    const base = type.split(';')[0]!.trim().toLowerCase();
    if (base === 'multipart/form-data') return multipartBody(media.schema, doc, media.encoding);
    if (base === 'application/json' || base.endsWith('+json')) return jsonBody(media.schema, doc, type, examples);
    // Anything else: some text in the declared type, or JSON pretending to be it.
    return fc.oneof(nastyString.map((text) => ({ contentType: type as string | undefined, bytes: utf8(text), note: `${type} text` })), jsonBody(media.schema, doc, type));
  });
  const body = fc.oneof(...options);
  return route.operation.requestBody?.required ? body : fc.option(body, { nil: undefined, freq: 5 });
}

/* ------------------------------------------------------------------------------------------ */
/* Parameters                                                                                  */

/** Percent-encodes like encodeURIComponent, and writes a lone surrogate as its (invalid) WTF-8 bytes instead of throwing. */
export function encodeComponent(text: string): string {
  let out = '';
  for (const ch of text) {
    try {
      out += encodeURIComponent(ch);
    } catch {
      const c = ch.charCodeAt(0);
      out += [0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join('');
    }
  }
  return out;
}

const RAW_SEGMENTS = [
  '%00', '%E0%A4%A', '..%2F', '..%2F..%2Fhealth', '..', '.', '%2e%2e', '%2E%2E%2F', '%', '%ZZ', '%C0%AE', '%FF', '%ED%A0%80', '%F0%9F%93%A6', '%20',
  '+', 'null', 'undefined', '0', '-1', '1e10', '%27%20OR%20%271%27%3D%271', ';', ',', '*', '~', '%0A', '%0D%0A', 'ferreteria', 'ana', '%2F', '%5C', '',
];

/** Latin-1 bytes sent raw in a path (Node passes 0x21–0xFF through); no `/`, `?`, `#` or `%`. */
const rawLatin1 = fc.string({
  unit: fc.integer({ min: 0x21, max: 0xff }).filter((c) => c !== 0x7f && c !== 0x2f && c !== 0x3f && c !== 0x23 && c !== 0x25).map((c) => String.fromCharCode(c)),
  minLength: 1,
  maxLength: 20,
});

function pathParam(pool: IdPool, key: string): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 6, arbitrary: fc.nat().map((n) => encodeComponent(pool.pick(key, n) ?? 'no-such-id')) },
    { weight: 2, arbitrary: fc.constantFrom(...RAW_SEGMENTS) },
    { weight: 1, arbitrary: fc.integer({ min: 200, max: 8_000 }).map((n) => 'x'.repeat(n)) },
    { weight: 2, arbitrary: fc.oneof(nastyString, fc.string({ unit: codeUnit, minLength: 1, maxLength: 30 })).map(encodeComponent) },
    { weight: 1, arbitrary: rawLatin1 },
  );
}

const RAW_QUERY_VALUES = ['%E0%A4%A', '%00', '%', '%ZZ', '+', '&', '=', '%ED%A0%80', '%FF', '1e400', '-1', '0', '101', '1.5', '9007199254740993', '', '%20', 'a%26b%3Dc'];

const queryValue = (schema: JsonSchema | undefined, doc: OpenApiDocument): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 4, arbitrary: valueOf(schema, doc).map((v) => encodeComponent(typeof v === 'string' ? v : JSON.stringify(v) ?? '')) },
    { weight: 2, arbitrary: nastyString.map(encodeComponent) },
    { weight: 2, arbitrary: fc.constantFrom(...RAW_QUERY_VALUES) },
    { weight: 1, arbitrary: fc.integer({ min: 200, max: 4000 }).map((n) => 'q'.repeat(n)) },
  );

function queryOf(params: Parameter[], doc: OpenApiDocument): fc.Arbitrary<string> {
  const each = params.map((param) =>
    fc.oneof(
      { weight: 3, arbitrary: fc.constant([] as string[]) },
      { weight: 5, arbitrary: queryValue(param.schema, doc).map((v) => [`${encodeComponent(param.name)}=${v}`]) },
      { weight: 1, arbitrary: fc.array(queryValue(param.schema, doc), { minLength: 2, maxLength: 3 }).map((vs) => vs.map((v) => `${encodeComponent(param.name)}=${v}`)) },
      { weight: 1, arbitrary: fc.constant([encodeComponent(param.name)]) },
    ),
  );
  const extra = fc.oneof(
    { weight: 6, arbitrary: fc.constant([] as string[]) },
    { weight: 1, arbitrary: fc.array(fc.tuple(fc.oneof(fc.constantFrom('x', '__proto__', '%00', '%E0%A4%A', 'limit[]', 'a[b]', ''), fc.string({ maxLength: 8 }).map(encodeComponent)), queryValue(undefined, doc)).map(([k, v]) => `${k}=${v}`), { minLength: 1, maxLength: 3 }) },
  );
  return fc.tuple(fc.tuple(...each), extra).map(([lists, more]) => {
    const pairs = [...lists.flat(), ...more];
    return pairs.length ? `?${pairs.join('&')}` : '';
  });
}

/* ------------------------------------------------------------------------------------------ */
/* Headers                                                                                     */

/** Text that can travel in a header value: tab and 0x20–0xFF but DEL. */
const headerText = fc.string({
  unit: fc.oneof(fc.integer({ min: 0x20, max: 0x7e }), fc.integer({ min: 0x80, max: 0xff })).map((c) => String.fromCharCode(c)),
  maxLength: 60,
});

type Role = keyof typeof USERS;
const ROLES = Object.keys(USERS) as Role[];

export function tokenFor(role: Role, ttlSeconds = 3600, secret = JWT_SECRET): string {
  return signJwt({ ...USERS[role], exp: nowSeconds() + ttlSeconds }, secret);
}

const credentials: fc.Arbitrary<{ headers: Record<string, string>; note: string }> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...ROLES).map((role) => ({ headers: { Authorization: `Bearer ${tokenFor(role)}` }, note: `valid ${role} token` })) },
  { weight: 3, arbitrary: fc.constant({ headers: { 'X-Api-Key': API_KEY }, note: 'the API key' }) },
  { weight: 1, arbitrary: fc.constant({ headers: {}, note: 'no credentials' }) },
  { weight: 1, arbitrary: fc.constantFrom(...ROLES).map((role) => ({ headers: { Authorization: `Bearer ${tokenFor(role, -120)}` }, note: `expired ${role} token` })) },
  { weight: 1, arbitrary: fc.constantFrom(...ROLES).map((role) => ({ headers: { Authorization: `Bearer ${tokenFor(role, 3600, 'not-the-secret-0123456789abcdefghijkl')}` }, note: `${role} token signed with the wrong secret` })) },
  {
    weight: 1,
    arbitrary: fc
      .oneof(
        fc.constantFrom('Bearer', 'Bearer ', 'bearer x', 'Basic YWxhZGRpbjpvcGVuc2VzYW1l', 'Bearer a.b.c', 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.', 'Token abc', 'Bearer  x  y', 'Bearer ' + 'A'.repeat(10_000), 'Bearer ....', 'Bearer \u00ff\u00fe'),
        headerText,
      )
      .map((value) => ({ headers: { Authorization: value }, note: 'a garbage Authorization header' })),
  },
  {
    weight: 3,
    arbitrary: fc.tuple(fc.constantFrom(...ROLES), fc.array(mutation, { minLength: 1, maxLength: 3 })).map(([role, ms]) => {
      const payload = mutate({ ...USERS[role], exp: nowSeconds() + 3600 }, ms);
      return { headers: { Authorization: `Bearer ${signJwt(payload === undefined ? null : payload, JWT_SECRET)}` }, note: `correctly signed token with broken claims (${ms.map((m) => m.kind).join(', ')})` };
    }),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom(...ROLES), fc.constantFrom<Record<string, unknown>>({ alg: 'none', typ: 'JWT' }, { alg: 'HS512', typ: 'JWT' }, { alg: 'RS256', typ: 'JWT' }, { typ: 'JWT' }, { alg: 'HS256', crit: ['x'] }, { alg: 'HS256', kid: '../../dev/null' }))
      .map(([role, header]) => ({ headers: { Authorization: `Bearer ${signJwt({ ...USERS[role], exp: nowSeconds() + 3600 }, JWT_SECRET, header)}` }, note: `token with header ${JSON.stringify(header)}` })),
  },
  {
    weight: 1,
    arbitrary: fc.oneof(fc.constantFrom('', 'wrong', `${API_KEY}x`, API_KEY.toUpperCase(), ` ${API_KEY}`, API_KEY.slice(1)), headerText).map((key) => ({ headers: { 'X-Api-Key': key }, note: 'a wrong API key' })),
  },
  { weight: 1, arbitrary: fc.constantFrom(...ROLES).map((role) => ({ headers: { 'X-Api-Key': API_KEY, Authorization: `Bearer ${tokenFor(role)}` }, note: `API key and a ${role} token` })) },
);

const otherHeaders: fc.Arbitrary<Record<string, string>> = fc.record(
  {
    'Last-Event-ID': fc.oneof(fc.constantFrom('0', '1', '-1', '1e3', '999999999999999999999', '9007199254740991', '9007199254740992', ' 5 ', 'abc', '', '\u00ff'), fc.nat().map(String), headerText),
    'X-Forwarded-For': fc.oneof(fc.constantFrom('1.2.3.4', '::1', 'garbage', '1.2.3.4, 5.6.7.8', ''), headerText),
    Origin: fc.constantFrom('https://host.test', 'https://evil.test', 'null', ''),
    Accept: fc.constantFrom('*/*', 'application/json', 'text/event-stream', 'text/html', ''),
    'Accept-Encoding': fc.constantFrom('gzip', 'br', 'identity', '*', 'gzip;q=0, identity;q=0'),
  },
  { requiredKeys: [] },
);

/* ------------------------------------------------------------------------------------------ */
/* Whole requests                                                                              */

export interface FuzzCase {
  route: string;
  request: RawRequest;
  /** What the case is made of, in words: "valid admin token; mutated (set, add); path id=%00". */
  note: string;
}

export interface RequestContext {
  doc: OpenApiDocument;
  pool: IdPool;
  /** Prefix of every path, from the document's servers (`/api/v1`). */
  prefix: string;
  /** How a case prints (fast-check's counterexample): a curl line against this base. */
  describe: (fuzzCase: FuzzCase) => string;
  /** JSON bodies the API accepted, by `METHOD /template`: mutated like the schema's own. */
  examples?: Map<string, unknown[]>;
}

export function requestArbitrary(route: Route, ctx: RequestContext): fc.Arbitrary<FuzzCase> {
  const params = route.operation.parameters ?? [];
  const pathParams = params.filter((p) => p.in === 'path');
  const queryParams = params.filter((p) => p.in === 'query');
  const pathArb = fc.tuple(...pathParams.map((p) => pathParam(ctx.pool, IdPool.keyOf(route.path, p.name)).map((v) => [p.name, v] as const))).map((pairs) => {
    let path = route.path;
    for (const [name, value] of pairs) path = path.replace(`{${name}}`, () => value);
    return path;
  });
  const method = fc.oneof({ weight: 19, arbitrary: fc.constant(route.method) }, { weight: 1, arbitrary: fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE') });
  const pathShape = fc.oneof(
    { weight: 30, arbitrary: fc.constant((p: string) => p) },
    { weight: 1, arbitrary: fc.constantFrom((p: string) => `${p}/`, (p: string) => p.replace('/', '//'), // ASCII only: uppercasing µ gives Μ, which no client can put in a path.
      (p: string) => p.replace(/[a-z]+/g, (ascii) => ascii.toUpperCase()), (p: string) => `${p}/%2e%2e`) },
  );
  return fc
    .tuple(method, pathArb, pathShape, queryOf(queryParams, ctx.doc), bodyFor(route, ctx.doc, ctx.examples?.get(`${route.method} ${route.path}`)), credentials, otherHeaders)
    .map(([m, path, shape, query, body, creds, extra]) => {
      const headers: Record<string, string> = { ...creds.headers, ...extra };
      if (body?.contentType !== undefined) headers['Content-Type'] = body.contentType;
      const fuzzCase: FuzzCase = {
        route: `${route.method} ${route.path}`,
        request: { method: m, path: `${ctx.prefix}${shape(path)}${query}`, headers, ...(body ? { body: body.bytes } : {}) },
        note: [creds.note, body ? `${body.note} body` : 'no body', m !== route.method ? `method ${m}` : ''].filter(Boolean).join('; '),
      };
      Object.defineProperty(fuzzCase, fc.toStringMethod, { value: () => ctx.describe(fuzzCase), enumerable: false });
      return fuzzCase;
    });
}
