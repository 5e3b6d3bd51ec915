import { Hono } from 'hono';
import { importJWK, type JWK } from 'jose';
import { allow, CALLERS } from '../auth/principal.ts';
import type { DB } from '../db/connect.ts';
import { NotFoundError } from '../errors.ts';
import { describeRoute, json, problem } from '../http/describe.ts';
import { badRequest, Problem } from '../http/problem.ts';
import { validate } from '../http/validate.ts';
import type { WebhookSecretKey } from '../webhooks/secrets.ts';
import type { StoredIssuers } from './registry.ts';
import { deleteTokenIssuer, findTokenIssuerByIss, findTokenIssuerRow, insertTokenIssuer, listTokenIssuerRows, rotateTokenIssuerSecret, toTokenIssuer } from './token-issuers.repository.ts';
import { CreatedTokenIssuerSchema, CreateTokenIssuerSchema, TokenIssuerListSchema } from './token-issuers.schema.ts';

export interface TokenIssuersDeps {
  db: DB;
  /** This process's trusted stored issuers, told of each change made here. */
  registry: StoredIssuers;
  /** What a `secret` issuer's secret is sealed with (WEBHOOK_SECRET_KEY). */
  sealingKey: WebhookSecretKey;
  /** The `iss` of the issuers the settings and the API itself trust (CLAIMS_TOKEN_ISSUER, claimdesk:exchange): taken. */
  reservedIss: ReadonlySet<string>;
}

const BY = 'Operator (API key)';

/** The algorithm each kind of public key verifies with: those a key set's tokens may use (api/auth/issuers.ts). */
function algorithmOf(key: JWK): string | undefined {
  if (key.kty === 'EC' && key.crv === 'P-256') return 'ES256';
  if (key.kty === 'OKP' && key.crv === 'Ed25519') return 'EdDSA';
  if (key.kty === 'RSA') return 'RS256';
  return undefined;
}

/** Refuses an inline set with a key no token could be verified with, naming it: better now than a 401 for every token later. */
async function checkPublicKeys(keys: readonly JWK[]): Promise<void> {
  const errors: Array<{ field: string; message: string }> = [];
  for (const [n, key] of keys.entries()) {
    const alg = algorithmOf(key);
    const message = alg === undefined ? 'must be an EC P-256 (ES256), OKP Ed25519 (EdDSA) or RSA (RS256) public key' : await importJWK(key, alg).then(() => undefined, (error: Error) => `is not a usable ${alg} public key: ${error.message}`);
    if (message) errors.push({ field: `keys.jwks.keys.${n}`, message });
  }
  if (errors.length > 0) throw badRequest(`The key set cannot verify tokens: ${errors.map((e) => `${e.field} ${e.message}`).join('; ')}.`, { errors });
}

const ABOUT = `Besides the operator’s own keys (CLAIMS_JWT_SECRET, CLAIMS_JWKS_URL or CLAIMS_JWKS_FILE), the API trusts the user tokens of the issuers the operator adds here, without a restart: each names itself in \`iss\`, and signs for the operator’s users or for one company’s admins and members only. Every API process reads them again at least every 30 s, and at once for a token whose \`iss\` it does not know (at most every 30 s).`;

/** The operator's trusted token issuers kept as data (GET/POST /token-issuers, DELETE /token-issuers/{id}). */
export function tokenIssuersRoutes({ db, registry, sealingKey, reservedIss }: TokenIssuersDeps) {
  return new Hono()
    .get(
      '/',
      describeRoute({
        operationId: 'listTokenIssuers',
        tags: ['Integration'],
        summary: 'The trusted token issuers (operator’s API key)',
        description: `${ABOUT} Listed oldest first; never a secret.`,
        responses: { 200: json('The issuers.', TokenIssuerListSchema) },
      }),
      allow(CALLERS.operatorBackend),
      async (c) => c.json({ items: (await listTokenIssuerRows(db)).map(toTokenIssuer) }),
    )
    .post(
      '/',
      describeRoute({
        operationId: 'addTokenIssuer',
        tags: ['Integration'],
        summary: 'Trust a token issuer (operator’s API key)',
        description: `${ABOUT} A \`company\` issuer is how a company signs its own users in with its own keys: its tokens for a claims handler, or for another company’s user, are refused (401). A \`secret\` issuer’s HS256 secret is generated here and answered this once, only a sealed copy kept (WEBHOOK_SECRET_KEY).`,
        responses: {
          201: {
            ...json('Trusted from now on, in this process; within 30 s in every other.', CreatedTokenIssuerSchema),
            headers: { 'Cache-Control': { description: '`no-store`: the answer may hold a secret.', required: true, schema: { type: 'string' as const } } },
          },
          409: problem('Another issuer already has this iss (one added here, or one of the settings).'),
        },
      }),
      allow(CALLERS.operatorBackend),
      validate('json', CreateTokenIssuerSchema),
      async (c) => {
        const input = c.req.valid('json');
        if (input.keys.kind === 'jwks') await checkPublicKeys(input.keys.jwks.keys as JWK[]);
        if (reservedIss.has(input.iss) || (await findTokenIssuerByIss(db, input.iss))) {
          throw new Problem(
            'token-issuer-conflict',
            reservedIss.has(input.iss)
              ? `The iss "${input.iss}" is taken by an issuer of the settings (CLAIMS_TOKEN_ISSUER) or by the API itself: give this issuer an iss of its own.`
              : `Another trusted issuer already has the iss "${input.iss}". Remove it first (DELETE /token-issuers/{id}), or give this one an iss of its own.`,
          );
        }
        const { secret, ...row } = await insertTokenIssuer(db, input, sealingKey, BY);
        await registry.changed();
        return c.json({ ...toTokenIssuer(row), ...(secret === undefined ? {} : { secret }) }, 201, { 'Cache-Control': 'no-store' });
      },
    )
    .delete(
      '/:id',
      describeRoute({
        operationId: 'removeTokenIssuer',
        tags: ['Integration'],
        summary: 'Stop trusting a token issuer (operator’s API key)',
        description:
          'From this moment its tokens are refused (401) by this process, and within 30 s by every other; the live streams its tokens opened end within 45 s.',
        responses: { 204: { description: 'Removed.' }, 404: problem('No such issuer.') },
      }),
      allow(CALLERS.operatorBackend),
      async (c) => {
        const id = c.req.param('id');
        if (!(await deleteTokenIssuer(db, id))) throw new NotFoundError(`Token issuer ${id}`);
        await registry.changed();
        return c.body(null, 204);
      },
    )
    .post(
      '/:id/rotate-secret',
      describeRoute({
        operationId: 'rotateTokenIssuerSecret',
        tags: ['Integration'],
        summary: 'Give a secret issuer a new secret (operator’s API key)',
        description:
          'For a `secret` issuer whose secret leaked: a new HS256 secret, answered this once. The old one verifies nothing from this moment in this process, and within 30 s in every other; the live streams its tokens opened end within 45 s. For a switch without refused tokens, add a second issuer with an iss of its own, move the signer over, then remove the first. A key set’s issuer rotates by publishing its keys.',
        responses: {
          200: {
            ...json('The issuer, with its new secret this once.', CreatedTokenIssuerSchema),
            headers: { 'Cache-Control': { description: '`no-store`: the answer holds a secret.', required: true, schema: { type: 'string' as const } } },
          },
          400: problem('The issuer is a key set’s, which has no secret: its keys rotate where they are published.'),
          404: problem('No such issuer.'),
        },
      }),
      allow(CALLERS.operatorBackend),
      async (c) => {
        const id = c.req.param('id');
        const row = await findTokenIssuerRow(db, id);
        if (!row) throw new NotFoundError(`Token issuer ${id}`);
        if (row.kind !== 'secret') {
          throw badRequest(`Trusted issuer ${row.iss} verifies with a key set (${row.kind}), not a secret: publish its new key beside the old one, then drop the old one.`);
        }
        const { secret, ...rotated } = await rotateTokenIssuerSecret(db, row, sealingKey);
        await registry.changed();
        return c.json({ ...toTokenIssuer(rotated), secret }, 200, { 'Cache-Control': 'no-store' });
      },
    );
}
