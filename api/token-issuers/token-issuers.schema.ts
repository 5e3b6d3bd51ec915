import { z } from 'zod';
import { text } from '../http/text.ts';

const ScopeSchema = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('operator') }).strict(),
    z.object({ kind: z.literal('company'), companyId: text({ max: 200 }) }).strict(),
  ])
  .describe(
    'Whose users it signs for. `operator`: claims handlers and any company’s users, as CLAIMS_JWT_SECRET does. `company` (with `companyId`): that company’s admins and members only — its tokens for a claims handler or for another company’s user are refused (401).',
  )
  .meta({ id: 'TokenIssuerScope' });

/** One public key of a JWKS: never a private or secret one. */
const PublicJwkSchema = z
  .looseObject({ kty: z.string(), kid: z.string().optional() })
  .refine((key) => !('d' in key) && !('k' in key), 'must be a public key: it holds a private or secret part ("d" or "k")');

const JwksSchema = z.object({ keys: z.array(PublicJwkSchema).min(1, 'must list at least one public key') }).describe('A JSON Web Key Set (RFC 7517) of public keys.');

const JwksUrlSchema = z
  .url({ error: 'must be the URL of a JSON Web Key Set, such as https://sso.example.com/.well-known/jwks.json' })
  .max(2000)
  // Whoever can change the set in transit can sign any token: plain http only on this machine, as CLAIMS_JWKS_URL.
  .refine((value) => /^https:\/\/|^http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?(\/|$)/.test(value), 'must be an https:// URL (http:// only for localhost)')
  .describe('Where the issuer publishes its JWKS: https:// (http:// only for localhost). Fetched on first use, kept 10 minutes, fetched again for an unknown kid at most every 30 s.');

const CreateKeysSchema = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('jwks_url'), url: JwksUrlSchema }).strict(),
    z.object({ kind: z.literal('jwks'), jwks: JwksSchema }).strict(),
    z.object({ kind: z.literal('secret') }).strict(),
  ])
  .describe('Where its keys are: a JWKS at a URL (ES256, EdDSA or RS256 tokens), a JWKS given here, or an HS256 secret the API generates and answers once.')
  .meta({ id: 'CreateTokenIssuerKeys' });

export const CreateTokenIssuerSchema = z
  .object({
    iss: text({ max: 200 }).describe('The `iss` its tokens carry, which picks it: unique among the trusted issuers.'),
    scope: ScopeSchema,
    keys: CreateKeysSchema,
  })
  .strict()
  .meta({ id: 'CreateTokenIssuer' });

export const TokenIssuerSchema = z
  .object({
    id: z.string(),
    iss: z.string(),
    scope: ScopeSchema,
    keys: z
      .discriminatedUnion('kind', [
        z.object({ kind: z.literal('jwks_url'), url: z.string() }),
        z.object({ kind: z.literal('jwks'), kids: z.array(z.string().nullable()).describe('The kid of each key of the set (null: a key without one).') }),
        z.object({ kind: z.literal('secret') }).describe('An HS256 secret: shown once, when the issuer was added; never again.'),
      ])
      .meta({ id: 'TokenIssuerKeys' }),
    createdAt: z.string(),
    createdBy: z.string().describe('Who added it.'),
  })
  .meta({ id: 'TokenIssuer' });

export const CreatedTokenIssuerSchema = TokenIssuerSchema.extend({
  secret: z
    .string()
    .optional()
    .describe('For a `secret` issuer only, this once: the HS256 secret its tokens are signed with. Only a sealed copy is kept; a lost secret means removing the issuer and adding another.'),
}).meta({ id: 'CreatedTokenIssuer' });

export const TokenIssuerListSchema = z.object({ items: z.array(TokenIssuerSchema) }).meta({ id: 'TokenIssuerList' });

export type CreateTokenIssuer = z.infer<typeof CreateTokenIssuerSchema>;
export type TokenIssuer = z.infer<typeof TokenIssuerSchema>;
