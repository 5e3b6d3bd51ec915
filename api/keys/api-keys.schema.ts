import { z } from 'zod';
import { API_KEY_SCOPES } from '../../domain/constants.ts';
import { text } from '../http/text.ts';

export const ApiKeyScopeSchema = z
  .enum(API_KEY_SCOPES)
  .describe('claims:read — the company’s claims with their documents, messages and events; claims:write — upload documents and post messages on them; webhooks:manage — the company’s webhooks; tokens:issue — exchange the key for a short-lived token of any of the company’s admins or members (POST /tokens), for the widget the company embeds: such a key acts as any of them, administrators included, so only the system that signs the company’s users in should hold it.')
  .meta({ id: 'ApiKeyScope' });

export const ApiKeySchema = z
  .object({
    id: z.string(),
    name: z.string().describe('What the administrators called it, e.g. "ERP SAP". The history names the key’s changes by it.'),
    prefix: z.string().describe('The key’s first characters, to tell keys apart; the rest is never shown again.'),
    scopes: z.array(ApiKeyScopeSchema),
    createdAt: z.string(),
    createdBy: z.object({ id: z.string().nullable(), name: z.string() }).nullable().describe('Who created it; null when the operator did, with CLAIMS_API_KEY.'),
    lastUsedAt: z.string().nullable().describe('The last request it authenticated, to the minute; null: never used.'),
    revokedAt: z.string().nullable().describe('When it was revoked; from then on it is refused (401).'),
    revokedBy: z.string().nullable().describe('The name of who revoked it.'),
  })
  .meta({ id: 'ApiKey' });

export const CreatedApiKeySchema = ApiKeySchema.extend({
  secret: z.string().describe('The whole key, shown this once: send it as X-Api-Key. Only its hash is kept.'),
}).meta({ id: 'CreatedApiKey' });

export const ApiKeyListSchema = z.object({ items: z.array(ApiKeySchema) }).meta({ id: 'ApiKeyList' });

export const CreateApiKeySchema = z
  .object({
    name: text({ max: 80 }),
    scopes: z
      .array(ApiKeyScopeSchema)
      .min(1, 'must name at least one scope')
      .refine((scopes) => new Set(scopes).size === scopes.length, 'must not repeat a scope'),
  })
  .strict()
  .meta({ id: 'CreateApiKey' });

export type ApiKey = z.infer<typeof ApiKeySchema>;
export type CreateApiKey = z.infer<typeof CreateApiKeySchema>;
