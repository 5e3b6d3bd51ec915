import type { ValidationTargets } from 'hono';
import { uniqueSymbol, validator } from 'hono-openapi';
import type { ZodType } from 'zod';
import { inputSchema } from './describe.ts';
import { badRequest, Problem } from './problem.ts';
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
export function validate<Target extends keyof ValidationTargets, Schema extends ZodType>(target: Target, schema: Schema) {
  const validation = validator(target, schema, (result) => {
    if (result.success) return;
    const errors = result.error.map((issue) => ({
      field: (issue.path ?? []).map((key) => String(typeof key === 'object' ? key.key : key)).join('.') || target,
      message: issue.message,
    }));
    const where = target === 'json' ? 'request body' : target === 'query' ? 'query string' : target;
    const list = errors.map((e) => `${e.field}: ${e.message}`).join('; ');
    throw badRequest(`The ${where} is not valid — ${list}.`, { errors });
  });
  // The document shows the schema as a client sends it, its components named …Input.
  Object.assign((validation as unknown as Record<symbol, object>)[uniqueSymbol]!, { toOpenAPISchema: inputSchema(schema).toOpenAPISchema });
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
