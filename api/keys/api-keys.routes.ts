import { Hono } from 'hono';
import { allow, CALLERS } from '../auth/principal.ts';
import type { DB } from '../db/connect.ts';
import { NotFoundError } from '../errors.ts';
import { describeRoute, json, problem } from '../http/describe.ts';
import { Problem } from '../http/problem.ts';
import { validate } from '../http/validate.ts';
import { countActiveApiKeys, insertApiKey, listApiKeys, revokeApiKey } from './api-keys.repository.ts';
import type { ApiKeyRevocations } from './revocations.ts';
import { ApiKeyListSchema, CreateApiKeySchema, CreatedApiKeySchema, type CreateApiKey } from './api-keys.schema.ts';

/** Active keys a company may hold at once: enough for every system it runs, few enough to review. */
export const MAX_ACTIVE_API_KEYS = 20;

const SHOWN_ONCE =
  'The answer holds the whole key (`secret`) this once: only a hash is kept, so a lost key cannot be shown again — revoke it and create another.';

async function createKey(db: DB, companyId: string, input: CreateApiKey, createdBy: { id: string; name: string } | null) {
  if ((await countActiveApiKeys(db, companyId)) >= MAX_ACTIVE_API_KEYS) {
    throw new Problem('api-key-limit', `The company already has ${MAX_ACTIVE_API_KEYS} active API keys, the most it may hold. Revoke one it no longer uses (DELETE …/api-keys/{id}) and try again.`);
  }
  return insertApiKey(db, { companyId, name: input.name, scopes: input.scopes, createdBy });
}

/** What the key routes run on: the database, and the memory of revoked keys the tokens exchanged for them are checked against. */
interface ApiKeysDeps {
  db: DB;
  revocations: ApiKeyRevocations;
}

async function revokeKey({ db, revocations }: ApiKeysDeps, companyId: string, keyId: string, revokedBy: string) {
  if (!(await revokeApiKey(db, companyId, keyId, revokedBy))) throw new NotFoundError(`API key ${keyId}`);
  revocations.noteRevoked(keyId);
}

/** The caller's company's keys, managed by its administrators (GET/POST /company/api-keys, DELETE /company/api-keys/{id}). */
export function companyApiKeysRoutes(deps: ApiKeysDeps) {
  const { db } = deps;
  return new Hono()
    .get(
      '/',
      describeRoute({
        operationId: 'listCompanyApiKeys',
        tags: ['Integration'],
        summary: 'The company’s API keys (admin)',
        description: 'Every key the company has had, newest first, revoked ones included; never the keys themselves.',
        responses: { 200: json('The keys.', ApiKeyListSchema) },
      }),
      allow(CALLERS.keyManager),
      async (c) => c.json({ items: await listApiKeys(db, c.var.caller.companyId) }),
    )
    .post(
      '/',
      describeRoute({
        operationId: 'createCompanyApiKey',
        tags: ['Integration'],
        summary: 'Create an API key for the company’s ERP (admin)',
        description: `A key that acts for this company only, within its scopes, sent as X-Api-Key. ${SHOWN_ONCE}`,
        responses: {
          201: json('Created.', CreatedApiKeySchema),
          409: problem(`The company already holds ${MAX_ACTIVE_API_KEYS} active keys.`),
        },
      }),
      allow(CALLERS.keyManager),
      validate('json', CreateApiKeySchema),
      async (c) => {
        const admin = c.var.caller;
        const key = await createKey(db, admin.companyId, c.req.valid('json'), { id: admin.user.id, name: admin.user.name });
        // Keys have no page of their own: the list is where the new one shows.
        c.header('Location', '/api/v1/company/api-keys');
        return c.json(key, 201);
      },
    )
    .delete(
      '/:id',
      describeRoute({
        operationId: 'revokeCompanyApiKey',
        tags: ['Integration'],
        summary: 'Revoke one of the company’s API keys (admin)',
        description: 'From this moment every request with the key is refused (401), and so are the user tokens it was exchanged for (POST /tokens; within 15 s on another API process); the live streams either opened end within 15 s. It stays listed, with when and by whom it was revoked. Revoking it again changes nothing.',
        responses: { 204: { description: 'Revoked.' }, 404: problem('The company has no such key.') },
      }),
      allow(CALLERS.keyManager),
      async (c) => {
        const admin = c.var.caller;
        await revokeKey(deps, admin.companyId, c.req.param('id'), admin.user.name);
        return c.body(null, 204);
      },
    );
}

/** Any company's keys, managed by the operator's backend (…/companies/{companyId}/api-keys). */
export function operatorApiKeysRoutes(deps: ApiKeysDeps) {
  const { db } = deps;
  const companyMustExist = async (companyId: string) => {
    const company = await db.selectFrom('companies').select('id').where('id', '=', companyId).executeTakeFirst();
    if (!company) throw new NotFoundError(`Company ${companyId}`);
  };
  return new Hono()
    .get(
      '/:companyId/api-keys',
      describeRoute({
        operationId: 'listApiKeysOfCompany',
        tags: ['Integration'],
        summary: 'A company’s API keys (operator’s API key)',
        description: 'As GET /company/api-keys, for any company.',
        responses: { 200: json('The keys.', ApiKeyListSchema), 404: problem('No such company.') },
      }),
      allow(CALLERS.operatorBackend),
      async (c) => {
        const { companyId } = c.req.param();
        await companyMustExist(companyId);
        return c.json({ items: await listApiKeys(db, companyId) });
      },
    )
    .post(
      '/:companyId/api-keys',
      describeRoute({
        operationId: 'createApiKeyForCompany',
        tags: ['Integration'],
        summary: 'Create an API key for a company (operator’s API key)',
        description: `As POST /company/api-keys, for any company Claimdesk knows (one with a user or a claim). ${SHOWN_ONCE}`,
        responses: {
          201: json('Created.', CreatedApiKeySchema),
          404: problem('No such company.'),
          409: problem(`The company already holds ${MAX_ACTIVE_API_KEYS} active keys.`),
        },
      }),
      allow(CALLERS.operatorBackend),
      validate('json', CreateApiKeySchema),
      async (c) => {
        const { companyId } = c.req.param();
        await companyMustExist(companyId);
        const key = await createKey(db, companyId, c.req.valid('json'), null);
        c.header('Location', `/api/v1/companies/${encodeURIComponent(companyId)}/api-keys`);
        return c.json(key, 201);
      },
    )
    .delete(
      '/:companyId/api-keys/:id',
      describeRoute({
        operationId: 'revokeApiKeyOfCompany',
        tags: ['Integration'],
        summary: 'Revoke a company’s API key (operator’s API key)',
        description: 'As DELETE /company/api-keys/{id}, for any company.',
        responses: { 204: { description: 'Revoked.' }, 404: problem('No such company, or it has no such key.') },
      }),
      allow(CALLERS.operatorBackend),
      async (c) => {
        const { companyId, id } = c.req.param();
        await revokeKey(deps, companyId, id, 'Operator (API key)');
        return c.body(null, 204);
      },
    );
}
