import { z } from 'zod';
import { CUSTOMER_ROLES } from '../../domain/constants.ts';
import { EmailSchema, LanguageSchema } from '../domain.schema.ts';
import { text } from '../http/text.ts';

/** How long an exchanged token lives when the request does not say: long enough for a page, short enough to lose. */
export const DEFAULT_EXCHANGED_TOKEN_TTL_SECONDS = 600;
/** The shortest life a token may be asked for: less would expire before the widget's first requests. */
export const MIN_EXCHANGED_TOKEN_TTL_SECONDS = 30;

export const IssueTokenSchema = z
  .object({
    companyId: text({ max: 200 })
      .optional()
      .describe('The company the user belongs to: the key’s own, which is also what leaving it out means. Any other company is refused (403).'),
    user: z
      .object({
        id: text({ max: 200 }).describe('The user’s id in your system (the token’s `sub`): the same person always has the same id.'),
        name: text({ max: 200 }),
        email: EmailSchema,
        role: z
          .enum(CUSTOMER_ROLES, { error: 'must be admin or member: a company key signs in its company’s users, never a claims handler (handlers are the operator’s)' })
          .describe('admin or member. Never handler: claims handlers are the operator’s staff.'),
        lang: LanguageSchema.optional(),
      })
      .strict(),
    ttlSeconds: z
      .number()
      .int()
      .min(MIN_EXCHANGED_TOKEN_TTL_SECONDS)
      .optional()
      .describe(`How long the token lives, in seconds: default ${DEFAULT_EXCHANGED_TOKEN_TTL_SECONDS} (or CLAIMS_TOKEN_MAX_LIFETIME if that is shorter), at most CLAIMS_TOKEN_MAX_LIFETIME.`),
  })
  .strict()
  .meta({ id: 'IssueToken' });

export const IssuedTokenSchema = z
  .object({
    token: z.string().describe('The user’s token: give it to the widget (`token` attribute or `tokenProvider`), which sends it as Authorization: Bearer. Never put it in a URL.'),
    expiresAt: z.string().describe('When it expires (ISO 8601 UTC): exchange a new one before then; the live stream ends at that moment and the widget reconnects with a fresh token.'),
  })
  .meta({ id: 'IssuedToken' });

export type IssueToken = z.infer<typeof IssueTokenSchema>;
