import { zValidator } from '@hono/zod-validator';
import type { ValidationTargets } from 'hono';
import type { ZodType } from 'zod';
import { badRequest } from './problem.ts';
import './zod-messages.ts';

/**
 * zValidator with one failure shape: a 400 problem whose detail names each bad field, and an
 * `errors` list a form can map back onto its inputs.
 */
export function validate<Target extends keyof ValidationTargets, Schema extends ZodType>(
  target: Target,
  schema: Schema,
) {
  return zValidator(target, schema, (result) => {
    if (result.success) return;
    const errors = result.error.issues.map((issue) => ({
      field: issue.path.join('.') || target,
      message: issue.message,
    }));
    const where = target === 'json' ? 'request body' : target === 'query' ? 'query string' : target;
    const list = errors.map((e) => `${e.field}: ${e.message}`).join('; ');
    throw badRequest(`The ${where} is not valid — ${list}.`, { errors });
  });
}
