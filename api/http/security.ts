import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';

type ContentSecurityPolicyOptions = NonNullable<NonNullable<Parameters<typeof secureHeaders>[0]>['contentSecurityPolicy']>;

export interface SecurityOptions {
  /**
   * Who may show the HTML pages (the demo, the API reference) in a frame: CSP `frame-ancestors`
   * sources such as `'self'` or `https://erp.example.com` (FRAME_ANCESTORS).
   */
  frameAncestors: string[];
}

// JSON, problems and the widget's files are not documents: loaded as one, they may fetch nothing
// and be framed by no one.
const RESOURCE_POLICY: ContentSecurityPolicyOptions = { defaultSrc: ["'none'"], frameAncestors: ["'none'"] };

const STREAM_HEADERS: ReadonlyArray<[string, string]> = [
  ['X-Content-Type-Options', 'nosniff'],
  ['Referrer-Policy', 'no-referrer'],
];

/**
 * The pages load only their own scripts, styles and fonts, call only their own origin, and run
 * nothing inline (the reference's init script is a file of its own). Images may be `data:`:
 * Swagger UI draws its icons that way, and the demo's favicon is one. `blob:` images, frames and
 * objects are the widget's document thumbnails and previews, fetched with the user's token;
 * same-origin frames, the demo mailbox's emails (each served sandboxed, with a policy of its own).
 */
function documentPolicy(frameAncestors: string[]): ContentSecurityPolicyOptions {
  return {
    defaultSrc: ["'none'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", 'data:', 'blob:'],
    frameSrc: ["'self'", 'blob:'],
    objectSrc: ['blob:'],
    fontSrc: ["'self'"],
    connectSrc: ["'self'"],
    baseUri: ["'none'"],
    formAction: ["'none'"],
    frameAncestors,
  };
}

/**
 * hono's secure headers on every response (nosniff, Referrer-Policy, HSTS, COOP, CORP, …), with
 * the Content-Security-Policy that fits what the response is: HTML pages get the document
 * policy, everything else the resource policy. A header a handler set itself is kept (the
 * widget's files say `Cross-Origin-Resource-Policy: cross-origin`, since host pages load them).
 */
export function securityHeaders({ frameAncestors }: SecurityOptions): MiddlewareHandler {
  const forDocuments = secureHeaders({
    contentSecurityPolicy: documentPolicy(frameAncestors),
    // X-Frame-Options can only say SAMEORIGIN; when other hosts may frame the pages it would
    // contradict frame-ancestors (which browsers that know both obey), so it is left out.
    xFrameOptions: frameAncestors.length === 1 && frameAncestors[0] === "'self'",
    overwrite: false,
  });
  const forResources = secureHeaders({ contentSecurityPolicy: RESOURCE_POLICY, xFrameOptions: 'DENY', overwrite: false });
  const answered = async () => {};
  return async function securityHeaders(c, next) {
    await next();
    if (c.res.headers.get('content-type')?.startsWith('text/event-stream')) {
      // A live stream is read by fetch, never rendered or framed: the document headers would do
      // nothing for it, yet each open stream would hold them (and Node its serialised head) for
      // hours — about 3.6 KB a stream. It keeps the two that apply to any response.
      for (const [name, value] of STREAM_HEADERS) if (!c.res.headers.has(name)) c.res.headers.set(name, value);
      return;
    }
    // A 304 has no type to tell a page from a resource, and browsers update the stored response
    // with the headers a 304 carries: a resource policy would then block every script of a page
    // shown from the cache. Sending none keeps the stored response's own.
    if (c.res.status === 304) return;
    // What the response is is known only now; secureHeaders sets its headers after `next`, so it
    // runs here on the finished response.
    const isDocument = c.res.headers.get('content-type')?.startsWith('text/html') ?? false;
    await (isDocument ? forDocuments : forResources)(c, answered);
  };
}
