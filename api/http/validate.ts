import { zValidator } from '@hono/zod-validator';
import type { ValidationTargets } from 'hono';
import { z, type ZodType } from 'zod';
import { badRequest } from './problem.ts';

// Plainer words than zod's defaults for the two mistakes people make most.
z.config({
  customError: (issue) => {
    if (issue.code !== 'invalid_type') return undefined;
    if (issue.input === undefined) return 'is required';
    if (typeof issue.input === 'number' && Number.isNaN(issue.input)) return `must be a ${issue.expected}`;
    return `must be a ${issue.expected}, not ${issue.input === null ? 'null' : typeof issue.input}`;
  },
});

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
