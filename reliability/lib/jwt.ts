import { createHmac } from 'node:crypto';

const b64url = (data: string | Buffer) => Buffer.from(data).toString('base64url');

/**
 * Signs a JWT synchronously (fast-check arbitraries cannot await), with any header and any
 * payload — including ones api/auth/tokens.ts would never sign. `alg: none` gets no signature.
 */
export function signJwt(payload: unknown, secret: string, header: Record<string, unknown> = { alg: 'HS256', typ: 'JWT' }): string {
  const head = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(payload))}`;
  const hash = header.alg === 'HS512' ? 'sha512' : header.alg === 'HS384' ? 'sha384' : header.alg === 'none' ? null : 'sha256';
  return hash ? `${head}.${createHmac(hash, secret).update(head).digest('base64url')}` : `${head}.`;
}

export const nowSeconds = () => Math.floor(Date.now() / 1000);
