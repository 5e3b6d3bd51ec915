import { lookup, type LookupAddress, type LookupOptions } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { BlockList, isIP } from 'node:net';

// Where a webhook may be sent, and the one way it is sent. A webhook's URL is chosen by a
// company's admin, so every delivery is a request the server makes on someone else's behalf
// (SSRF): it must not reach the operator's own network, its loopback or the cloud's metadata
// service. The name is resolved at each delivery, every address it has is checked, and the
// connection goes to the address that was checked, so a name that resolves elsewhere a moment
// later (DNS rebinding) changes nothing. Redirects are never followed (one could point anywhere),
// an answer is read up to a cap, and the whole exchange has a deadline.

export interface DestinationPolicy {
  /** WEBHOOK_ALLOW_HTTP: plain http:// URLs are allowed too (tests, the demo). */
  allowHttp: boolean;
  /** WEBHOOK_ALLOW_PRIVATE: private, loopback and link-local addresses are allowed (tests, the demo). */
  allowPrivate: boolean;
}

/** The policy the settings say (WEBHOOK_ALLOW_HTTP, WEBHOOK_ALLOW_PRIVATE): unset, https to public addresses only. */
export function destinationPolicyOf(settings: { webhookAllowHttp?: boolean | undefined; webhookAllowPrivate?: boolean | undefined }): DestinationPolicy {
  return { allowHttp: settings.webhookAllowHttp ?? false, allowPrivate: settings.webhookAllowPrivate ?? false };
}

/** Addresses no webhook is sent to unless private ones are allowed: not on the public internet. */
const NOT_PUBLIC = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], // "this" network
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local, the cloud metadata service (169.254.169.254) among them
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, and the broadcast address
] as const) {
  NOT_PUBLIC.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128], // unspecified
  ['::1', 128], // loopback
  ['100::', 64], // discard
  ['2001:db8::', 32], // documentation
  ['fc00::', 7], // unique-local (AWS's metadata service, fd00:ec2::254, among them)
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
] as const) {
  NOT_PUBLIC.addSubnet(network, prefix, 'ipv6');
}

/** The IPv4 address an IPv6 address carries (IPv4-mapped ::ffff:a.b.c.d, NAT64 64:ff9b::a.b.c.d), or null. */
function embeddedIpv4(address: string): string | null {
  const match = /^(?:::ffff:|64:ff9b::)(?:0:)?(.+)$/i.exec(address);
  if (!match) return null;
  const rest = match[1]!;
  if (isIP(rest) === 4) return rest;
  const hex = /^([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(rest);
  if (!hex) return null;
  const high = parseInt(hex[1]!, 16);
  const low = parseInt(hex[2]!, 16);
  return [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');
}

/** Whether an IP address is on the public internet: not private, loopback, link-local, unique-local, multicast or reserved. */
export function isPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  if (family === 4) return !NOT_PUBLIC.check(address, 'ipv4');
  const ipv4 = embeddedIpv4(address);
  if (ipv4 !== null) return isPublicAddress(ipv4);
  return !NOT_PUBLIC.check(address, 'ipv6');
}

/** The host of a URL as an address when it is one (IPv6 without its brackets), or null for a name. */
function literalAddress(hostname: string): string | null {
  const bare = hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
  return isIP(bare) ? bare : null;
}

/**
 * Why `url` cannot be a webhook's destination, in words an admin can act on; null when it may
 * be. It looks at the URL alone: the addresses a name resolves to are checked at each delivery.
 */
export function destinationProblem(url: string, policy: DestinationPolicy): string | null {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return 'The URL is not valid: give an absolute URL such as https://erp.example.com/claimdesk/webhooks.';
  }
  if (target.protocol !== 'https:' && !(target.protocol === 'http:' && policy.allowHttp)) {
    return policy.allowHttp ? 'The URL must start with https:// or http://.' : 'The URL must start with https://: webhooks are only sent over TLS.';
  }
  if (target.username || target.password) {
    return 'Put no user name or password in the URL: the receiver tells Claimdesk’s deliveries apart by their signature (webhook-signature).';
  }
  if (policy.allowPrivate) return null;
  const address = literalAddress(target.hostname);
  if (address !== null && !isPublicAddress(address)) {
    return `${address} is not a public internet address: webhooks are only sent to public addresses.`;
  }
  if (target.hostname === 'localhost' || target.hostname.endsWith('.localhost')) {
    return `${target.hostname} names this machine: webhooks are only sent to public addresses.`;
  }
  return null;
}

/** A delivery that could not be made for a reason of the destination's own: its URL or the addresses its name has. */
export class UnsafeDestinationError extends Error {}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * The DNS lookup the sockets use: every address the name has must be public (unless private
 * ones are allowed), and the socket connects to one of those very addresses.
 */
function guardedLookup(policy: DestinationPolicy) {
  return (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '');
      const refused = policy.allowPrivate ? undefined : addresses.find((entry) => !isPublicAddress(entry.address));
      if (refused) {
        return callback(new UnsafeDestinationError(`${hostname} resolves to ${refused.address}, which is not a public internet address`), '');
      }
      if (addresses.length === 0) return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), '');
      if (options.all) return callback(null, addresses);
      callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
}

export interface WebhookRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
  policy: DestinationPolicy;
  /** The deadline for the whole exchange: connecting, sending, and the answer (WEBHOOK_TIMEOUT_MS). */
  timeoutMs: number;
  /** How much of the answer is read before the connection is dropped. */
  maxResponseBytes: number;
  /** How much of the answer is kept, for the delivery log. */
  excerptBytes: number;
}

export interface WebhookAnswer {
  /** Whether the receiver took it: a 2xx answer, nothing else. */
  ok: boolean;
  /** null when no answer came. */
  statusCode: number | null;
  latencyMs: number;
  /** The start of the answer's body, as text. */
  excerpt: string | null;
  /** Why it failed, in words; null when it was taken. */
  error: string | null;
}

/**
 * POSTs a webhook once: no redirect followed, no address that is not public (unless allowed),
 * at most `timeoutMs` in all, at most `maxResponseBytes` of the answer read. Never throws: what
 * went wrong is in the answer.
 */
export function sendWebhook(request: WebhookRequest): Promise<WebhookAnswer> {
  const started = performance.now();
  return new Promise((resolve) => {
    let outgoing: http.ClientRequest | undefined;
    /** Set once the status line came: from then on the answer is what counts, whatever happens to the rest of its body. */
    let answered: (() => void) | undefined;
    let settled = false;
    const finish = (answer: Omit<WebhookAnswer, 'latencyMs'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      resolve({ ...answer, latencyMs: Math.round(performance.now() - started) });
      outgoing?.destroy();
    };
    const fail = (error: string, statusCode: number | null = null, excerpt: string | null = null) => finish({ ok: false, statusCode, excerpt, error });
    const deadline = setTimeout(() => (answered ? answered() : fail(`no answer within ${request.timeoutMs} ms`)), request.timeoutMs);

    const problem = destinationProblem(request.url, request.policy);
    if (problem !== null) return fail(problem);
    const target = new URL(request.url);
    const body = Buffer.from(request.body);
    outgoing = (target.protocol === 'https:' ? https : http).request(target, {
      method: 'POST',
      headers: { ...request.headers, 'Content-Length': String(body.byteLength) },
      lookup: guardedLookup(request.policy),
      // A connection of its own per delivery, closed after it: none is handed from one destination to another.
      agent: false,
    });
    outgoing.on('error', (error) => fail(error instanceof UnsafeDestinationError ? error.message : `could not reach ${target.host}: ${error.message}`));
    outgoing.on('response', (response) => {
      const statusCode = response.statusCode ?? 0;
      const chunks: Buffer[] = [];
      let read = 0;
      answered = () => {
        const excerpt = Buffer.concat(chunks).subarray(0, request.excerptBytes).toString('utf8');
        if (statusCode >= 200 && statusCode < 300) return finish({ ok: true, statusCode, excerpt, error: null });
        if (statusCode >= 300 && statusCode < 400) {
          const location = response.headers.location ? ` to ${response.headers.location}` : '';
          return fail(`answered ${statusCode}, a redirect${location}; redirects are not followed: give the final URL`, statusCode, excerpt);
        }
        fail(`answered ${statusCode}`, statusCode, excerpt);
      };
      response.on('data', (chunk: Buffer) => {
        if (read < request.excerptBytes) chunks.push(chunk);
        read += chunk.byteLength;
        // Past the cap the rest of the answer is not read: finish() drops the connection.
        if (read >= request.maxResponseBytes) answered!();
      });
      response.on('end', () => answered!());
      response.on('error', () => answered!());
      response.on('close', () => answered!());
    });
    outgoing.end(body);
  });
}
