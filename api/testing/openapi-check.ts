import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { Hono } from 'hono';

// Every answer the API tests receive is checked against the OpenAPI document the API serves: a
// status the operation does not declare, a required header missing, a Content-Type or a JSON
// body the document does not describe throws, so an undocumented answer fails the test that got
// it. `checkResponses(app)` hooks an in-process app (the harness does it for createTestApi);
// `checkedFetch` is `fetch` for tests that talk to a server over a socket.

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => void;

type Json = Record<string, any>;

interface Operation {
  id: string;
  template: string;
  pattern: RegExp;
  literals: number;
  responses: Record<string, Json>;
}

/** Paths under the API's prefix that the document does not describe: the interactive reference's pages. */
const NOT_API = /^\/reference(\/|$)/;
/** Where the components live once the document's `#/components/schemas/…` refs are rewritten. */
const COMPONENTS = 'urn:claimdesk:openapi';

export class ResponseChecker {
  readonly #document: Json;
  readonly #prefix: string;
  readonly #operations = new Map<string, Operation[]>();
  readonly #ajv = new Ajv2020({ allErrors: true, strictTypes: false });
  readonly #validators = new Map<string, ValidateFunction>();

  constructor(document: Json) {
    this.#document = document;
    this.#prefix = (document.servers?.[0]?.url ?? '').replace(/\/$/, '');
    addFormats(this.#ajv);
    this.#ajv.addSchema({ $id: COMPONENTS, $defs: rewriteRefs(document.components?.schemas ?? {}) });
    for (const [template, item] of Object.entries(document.paths as Record<string, Record<string, Json>>)) {
      const segments = template.split('/');
      const pattern = new RegExp(`^${segments.map((s) => (/^\{.+\}$/.test(s) ? '[^/]+' : escapeRegExp(s))).join('/')}$`);
      const literals = segments.filter((s) => !s.startsWith('{')).length;
      for (const [method, operation] of Object.entries(item)) {
        const list = this.#operations.get(method) ?? [];
        list.push({ id: operation.operationId, template, pattern, literals, responses: operation.responses ?? {} });
        this.#operations.set(method, list);
      }
    }
    // Compiled now rather than at first use, so that no test waits for a compilation mid-way
    // (some race a one-second token).
    for (const responses of [...[...this.#operations.values()].flat().map((o) => o.responses), document['x-unmatched-responses'] ?? {}]) {
      for (const response of Object.values(responses as Record<string, Json>)) {
        for (const [type, media] of Object.entries((this.#resolve(response).content ?? {}) as Record<string, Json>)) {
          if (/[/+]json$/.test(type)) this.#validatorFor(media.schema ?? {});
        }
      }
    }
  }

  /**
   * Throws unless the document declares this answer to `method url`. `body` is the response's
   * text, or null when it was not read (an event stream, HEAD).
   */
  check(method: string, url: URL, status: number, headers: Headers, body: string | null): void {
    if (!url.pathname.startsWith(`${this.#prefix}/`)) return; // the widget's files, the demo
    const path = url.pathname.slice(this.#prefix.length);
    // CORS preflights are answered by the CORS middleware, before any route.
    if (NOT_API.test(path) || method === 'OPTIONS') return;
    const asked = `${method} ${url.pathname}${url.search}`;
    // Every GET answers HEAD too; the document describes a HEAD of its own where clients use one.
    const operation = this.#operationOf(method.toLowerCase(), path) ?? (method === 'HEAD' ? this.#operationOf('get', path) : undefined);

    let response: Json | undefined;
    let where: string;
    if (operation) {
      where = `${operation.id} (${method} ${operation.template})`;
      response = operation.responses[String(status)];
      if (!response) {
        throw new Error(
          `${asked} answered ${status}, which ${where} does not declare (it declares ${Object.keys(operation.responses).join(', ')}): ${excerpt(body)}`,
        );
      }
    } else {
      where = 'x-unmatched-responses';
      response = this.#document['x-unmatched-responses']?.[String(status)];
      if (!response) {
        throw new Error(
          `${asked} answered ${status}, but no operation takes ${method} ${path}, and the document's answers to such requests are ${Object.keys(this.#document['x-unmatched-responses'] ?? {}).join(', ')}: ${excerpt(body)}`,
        );
      }
    }
    const pointer = `${where} ${status}`;
    response = this.#resolve(response);

    for (const [name, declared] of Object.entries((response.headers ?? {}) as Record<string, Json>)) {
      if (this.#resolve(declared).required && !headers.has(name)) {
        throw new Error(`${asked} answered ${status} without the ${name} header that ${pointer} requires.`);
      }
    }

    const contentType = headers.get('content-type')?.split(';')[0]?.trim().toLowerCase() ?? '';
    const content = (response.content ?? {}) as Record<string, Json>;
    if (Object.keys(content).length === 0) {
      if (body) throw new Error(`${asked} answered ${status} with a body, but ${pointer} declares none: ${excerpt(body)}`);
      return;
    }
    const media = content[contentType];
    if (!media) {
      throw new Error(`${asked} answered ${status} with Content-Type ${JSON.stringify(contentType)}; ${pointer} declares ${Object.keys(content).join(', ')}.`);
    }
    if (body === null || !/[/+]json$/.test(contentType)) return;

    let value: unknown;
    try {
      value = JSON.parse(body);
    } catch {
      throw new Error(`${asked} answered ${status} with ${contentType} that is not JSON: ${excerpt(body)}`);
    }
    const validate = this.#validatorFor(media.schema ?? {});
    if (!validate(value)) {
      const problems = this.#ajv.errorsText(validate.errors, { dataVar: 'body', separator: '; ' });
      throw new Error(`${asked} answered ${status} with a body that ${pointer} does not describe: ${problems}. Body: ${excerpt(body)}`);
    }
    if (contentType === 'application/problem+json' && (value as { status?: unknown }).status !== status) {
      throw new Error(`${asked} answered ${status} with a problem whose status is ${(value as { status?: unknown }).status}.`);
    }
  }

  #operationOf(method: string, path: string): Operation | undefined {
    const candidates = (this.#operations.get(method) ?? []).filter((operation) => operation.pattern.test(path));
    return candidates.sort((a, b) => b.literals - a.literals)[0];
  }

  /** A `$ref` to components.responses or components.headers, followed. */
  #resolve(value: Json): Json {
    const ref = value.$ref as string | undefined;
    if (!ref) return value;
    const [, section, name] = ref.match(/^#\/components\/(\w+)\/(.+)$/) ?? [];
    const target = section && name ? this.#document.components?.[section]?.[name] : undefined;
    if (!target) throw new Error(`The document refers to ${ref}, which it does not define.`);
    return this.#resolve(target);
  }

  /** One compiled validator per distinct schema (most answers share a few: Problem, Claim…). */
  #validatorFor(schema: Json): ValidateFunction {
    const key = JSON.stringify(schema);
    let validate = this.#validators.get(key);
    if (!validate) {
      validate = this.#ajv.compile(rewriteRefs(schema) as Json);
      this.#validators.set(key, validate);
    }
    return validate;
  }
}

function rewriteRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rewriteRefs);
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, child]) => [
      key,
      key === '$ref' && typeof child === 'string' ? child.replace(/^#\/components\/schemas\//, `${COMPONENTS}#/$defs/`) : rewriteRefs(child),
    ]),
  );
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function excerpt(body: string | null): string {
  if (body === null) return '(body not read)';
  return body.length > 600 ? `${body.slice(0, 600)}…` : body || '(empty body)';
}

// One compiled checker per document text: every app and server of a test run serves the same one.
const checkers = new Map<string, ResponseChecker>();

function checkerOf(documentText: string): ResponseChecker {
  let checker = checkers.get(documentText);
  if (!checker) {
    checker = new ResponseChecker(JSON.parse(documentText) as Json);
    checkers.set(documentText, checker);
  }
  return checker;
}

async function documentFrom(response: Response): Promise<ResponseChecker> {
  if (response.status !== 200) throw new Error(`GET /api/v1/openapi.json answered ${response.status}: ${await response.text()}`);
  return checkerOf(await response.text());
}

async function checkResponse(checker: ResponseChecker, method: string, url: URL, response: Response): Promise<void> {
  const streams = response.headers.get('content-type')?.startsWith('text/event-stream') ?? false;
  const body = method === 'HEAD' || streams || !response.body ? (response.body ? null : '') : await response.clone().text();
  checker.check(method, url, response.status, response.headers, body);
}

/**
 * Checks every answer `app.request` gives against the document the app serves at
 * /api/v1/openapi.json (read through the unchecked `request` once).
 */
export function checkResponses<A extends Pick<Hono, 'request'>>(app: A): A {
  const request = app.request;
  let checker: Promise<ResponseChecker> | undefined;
  app.request = async function checkedRequest(input, init, ...rest) {
    const response = await request(input, init, ...rest);
    checker ??= Promise.resolve(request('/api/v1/openapi.json')).then(documentFrom);
    const url = new URL(input instanceof Request ? input.url : String(input), 'http://localhost');
    const method = (input instanceof Request ? input.method : init?.method ?? 'GET').toUpperCase();
    await checkResponse(await checker, method, url, response);
    return response;
  } as A['request'];
  return app;
}

const servedDocuments = new Map<string, Promise<ResponseChecker>>();

/** The checker for the document the server at `origin` serves, fetched once. */
function servedBy(origin: string): Promise<ResponseChecker> {
  let checker = servedDocuments.get(origin);
  if (!checker) {
    checker = fetch(`${origin}/api/v1/openapi.json`).then(documentFrom);
    servedDocuments.set(origin, checker);
  }
  return checker;
}

/**
 * Reads and compiles the document the server at `origin` serves now, so that the first checked
 * answer from it does not wait for that (tests that race a short-lived token call it first).
 */
export async function loadServedDocument(origin: string): Promise<void> {
  await servedBy(new URL(origin).origin);
}

/** `fetch`, with the answer checked against the document the server at the URL's origin serves. */
export async function checkedFetch(input: string | URL | Request, init?: RequestInit): Promise<Response> {
  const response = await fetch(input, init);
  const url = new URL(input instanceof Request ? input.url : input);
  const method = (input instanceof Request ? input.method : init?.method ?? 'GET').toUpperCase();
  await checkResponse(await servedBy(url.origin), method, url, response);
  return response;
}

/** Checks an answer read some other way (a raw socket) against the document its server serves. */
export async function checkAnswer(url: URL, method: string, status: number, headers: Headers, body: string | null): Promise<void> {
  (await servedBy(url.origin)).check(method, url, status, headers, body);
}
