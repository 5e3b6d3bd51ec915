import { isIP } from 'node:net';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';

/**
 * Where a request comes from, as the rate limits count it. With `trustedProxies` = 0 that is
 * the socket's peer; behind N reverse proxies it is the address the outermost of them saw, the
 * Nth entry of X-Forwarded-For counted from the right (entries further left are whatever the
 * client chose to send). Requests without a socket — in-process `app.request()` calls, as the
 * tests make — all count as one client, "unknown", so the limits still hold for them.
 */
export function clientAddress(trustedProxies: number): (c: Context) => string {
  return function clientAddress(c) {
    const address = (trustedProxies > 0 ? forwardedFor(c, trustedProxies) : undefined) ?? socketAddress(c);
    return address ? networkOf(address) : 'unknown';
  };
}

function forwardedFor(c: Context, trustedProxies: number): string | undefined {
  const hops = (c.req.header('x-forwarded-for') ?? '')
    .split(',')
    .map((hop) => hop.trim())
    .filter(Boolean);
  const address = hops[Math.max(0, hops.length - trustedProxies)];
  return address && isIP(address) ? address : undefined;
}

function socketAddress(c: Context): string | undefined {
  if (!(c.env as { incoming?: unknown } | undefined)?.incoming) return undefined;
  return getConnInfo(c).remote.address;
}

/**
 * The unit a limit counts: an IPv4 address, or an IPv6 /64 — one host is usually handed a whole
 * /64, so counting single IPv6 addresses would give it billions of fresh budgets.
 */
export function networkOf(address: string): string {
  const mapped = address.match(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i);
  if (mapped?.[1]) return mapped[1];
  if (isIP(address) !== 6) return address;
  const [head = '', tail] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = tail === undefined ? left : [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((group) => parseInt(group, 16).toString(16))
    .join(':')}::/64`;
}
