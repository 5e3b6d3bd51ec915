import { hkdfSync } from 'node:crypto';
import { SignJWT } from 'jose';
import type { CustomerRole, Language } from '../../domain/constants.ts';
import { unauthorized } from '../http/problem.ts';
import { sharedSecretIssuer, type TrustedIssuer } from './issuers.ts';

/**
 * The `iss` of the tokens the API signs itself when a company key is exchanged for a user's token
 * (POST /tokens). No host signs with it: nobody but the API holds its key.
 */
export const EXCHANGE_ISS = 'claimdesk:exchange';

/**
 * The key exchanged tokens are signed with: derived from CLAIMS_JWT_SECRET with HKDF, so that the
 * operator has no second secret to keep, and a token signed with the shared secret itself can
 * never pass for an exchanged one (or the other way round).
 */
function exchangeSecret(jwtSecret: string): string {
  return Buffer.from(hkdfSync('sha256', jwtSecret, 'claimdesk', 'claimdesk token exchange (POST /tokens), HS256', 32)).toString('base64url');
}

/** Who an exchanged token is for: a user of the company whose key (`keyId`) asked for it. */
export interface ExchangedUser {
  keyId: string;
  companyId: string;
  sub: string;
  name: string;
  email: string;
  role: CustomerRole;
  lang?: Language | undefined;
}

/**
 * Signs the token POST /tokens answers. It carries the company key it was exchanged for in `cdk`:
 * revoking the key refuses the token and ends the streams it opened.
 */
export function signExchangedToken(jwtSecret: string, { keyId, companyId, ...user }: ExchangedUser, expiresAt: number): Promise<string> {
  const { lang, ...required } = user;
  return new SignJWT({ ...required, ...(lang ? { lang } : {}), company: companyId, cdk: keyId })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(EXCHANGE_ISS)
    .setIssuedAt()
    .setExpirationTime(expiresAt)
    .sign(new TextEncoder().encode(exchangeSecret(jwtSecret)));
}

/**
 * The issuer of exchanged tokens. What keeps each token to its company is that only POST /tokens
 * signs with this key, for the company of the key that asked and never for a handler; and that
 * each token names that key, which authentication checks is not revoked (principal.ts).
 */
export function exchangeIssuer(jwtSecret: string): TrustedIssuer {
  const issuer = sharedSecretIssuer(exchangeSecret(jwtSecret), {
    iss: EXCHANGE_ISS,
    scope: { kind: 'operator' },
    keys: 'the API’s own key (tokens exchanged at POST /tokens)',
  });
  return {
    ...issuer,
    async verify(token, options) {
      const payload = await issuer.verify(token, options);
      // Never signed so: a token without the key it came from, or for a handler, is not one of ours.
      if (typeof payload.cdk !== 'string' || payload.role === 'handler') {
        throw unauthorized('The token claims to be exchanged at POST /tokens, but it names no API key or is for a claims handler: exchange a fresh one.');
      }
      return payload;
    },
  };
}
