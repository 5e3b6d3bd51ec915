import type { ValidationTargets } from 'hono';
import { uniqueSymbol, validator } from 'hono-openapi';
import { z, type ZodType } from 'zod';
import { inputSchema } from './describe.ts';
import { badRequest, Problem } from './problem.ts';
import { markQueryParameters } from './query-parameters.ts';
import './zod-messages.ts';

// application/json, or any +json type (RFC 6839): the media types hono's validator parses.
const JSON_MEDIA_TYPE = /^application\/([\w.-]+\+)?json$/i;

/**
 * hono-openapi's validator (which also records the schema for the OpenAPI document, in zod's
 * input form) with one failure shape: a 400 problem whose detail names each bad field, and an
 * `errors` list a form can map back onto its inputs.
 *
 * A JSON body must come as JSON: any other Content-Type is a 415 (hono's validator would read
 * it as `{}` and blame the missing fields). The body is read here, before the validator parses
 * it, so that a body over the size limit fails as the 413 it is rather than as "malformed JSON".
 * The document gives every operation with a body its 400, 413 and 415 (api/openapi.ts).
 */
export function validate<Target extends keyof ValidationTargets, Schema extends ZodType>(target: Target, schema: Schema, documented: ZodType = schema) {
  const validation = validator(target, schema, (result, c) => {
    if (result.success) return;
    const issues = target === 'query' ? givenOnce(result.error, c.req.queries()) : result.error;
    throw invalidInput(issues, target === 'json' ? 'request body' : target === 'query' ? 'query string' : target, target);
  });
  // The document shows the schema as a client sends it, its components named …Input: `documented`,
  // where the route takes more than a valid request (a batch judges each item on its own).
  Object.assign((validation as unknown as Record<symbol, object>)[uniqueSymbol]!, { toOpenAPISchema: inputSchema(documented).toOpenAPISchema });
  if (target === 'query') return markQueryParameters(validation, queryParameters(schema));
  if (target !== 'json') return validation;

  const validateJson = async function validateJson(c, next) {
    const contentType = c.req.header('content-type');
    const mediaType = contentType?.split(';')[0]?.trim() ?? '';
    if (!JSON_MEDIA_TYPE.test(mediaType)) {
      throw new Problem(
        'unsupported-media-type',
        `${c.req.method} ${c.req.path} takes a JSON body: send it with Content-Type: application/json${contentType ? ` (not ${contentType})` : ''}.`,
      );
    }
    await c.req.text();
    return validation(c, next);
  } as typeof validation;
  return Object.assign(validateJson, { [uniqueSymbol]: (validation as unknown as Record<symbol, object>)[uniqueSymbol] });
}

type Issue = { message: string; path?: ReadonlyArray<PropertyKey | { key: PropertyKey }> | undefined; code?: string; errors?: Issue[][] };

/**
 * The 400 for input that breaks its schema: `detail` names each bad field of `what` (the request
 * body, one claim of a batch…), and `errors` lists them for a form to show beside its inputs;
 * an issue with the input as a whole is `whole`'s.
 */
export function invalidInput(issues: readonly Issue[], what: string, whole: string): Problem {
  const errors = issues.flatMap(meantIssues).map((issue) => ({
    field: (issue.path ?? []).map((key) => String(typeof key === 'object' ? key.key : key)).join('.') || whole,
    message: issue.message,
  }));
  const list = errors.map((e) => `${e.field}: ${e.message}`).join('; ');
  return badRequest(`The ${what} is not valid — ${list}.`, { errors });
}

/**
 * A query parameter that takes one value, given several times (`?view=summary&view=full`), is
 * said to be so, rather than blamed for the type the list of its values breaks.
 */
function givenOnce(issues: readonly Issue[], given: Record<string, string[]>): Issue[] {
  return issues.map((issue) => {
    const name = issue.path?.length === 1 ? issue.path[0] : undefined;
    const count = typeof name === 'string' ? (given[name]?.length ?? 0) : 0;
    return count > 1 ? { ...issue, message: `is given ${count} times; give it once` } : issue;
  });
}

/**
 * A body that matches none of a union's shapes is reported against the one shape whose fields it
 * has (201 `ids` break the `ids` shape's limit, not the whole union): the one shape, if only one,
 * that knows every field the body has. Otherwise the union's own message says which shapes there are.
 */
function meantIssues(issue: Issue): Issue[] {
  if (issue.code !== 'invalid_union' || !issue.errors) return [issue];
  const meant = issue.errors.filter((branch) => !branch.some((inner) => inner.code === 'unrecognized_keys'));
  if (meant.length !== 1) return [issue];
  return meant[0]!.flatMap(meantIssues).map((inner) => ({ ...inner, path: [...(issue.path ?? []), ...(inner.path ?? [])] }));
}

/** The names a query schema takes, as a client sends them. */
function queryParameters(schema: ZodType): string[] {
  return Object.keys(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }).properties ?? {});
}
