import http, { type IncomingHttpHeaders } from 'node:http';
import type { Socket } from 'node:net';

/**
 * One request exactly as the fuzzer wants it on the wire: the path is sent byte for byte
 * (`%E0%A4%A`, `..%2F` and raw Latin-1 bytes are not normalised as `fetch` would), headers are
 * sent as given, and the body is bytes.
 */
export interface RawRequest {
  method: string;
  /** Path and query as sent, e.g. `/api/v1/claims/%00?limit=1e400`. Characters 0x21–0xFF only. */
  path: string;
  headers: Record<string, string>;
  body?: Uint8Array;
}

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  /** The body as text; empty for an event stream, which is cancelled once its headers arrive. */
  body: string;
  /** True when the answer was an event stream that we cancelled after the headers. */
  streamed: boolean;
}

/** What went on one keep-alive connection before, so that a reset can be traced to the request that caused it. */
export interface Sent {
  request: RawRequest;
  at: number;
  status: number;
}
const history = new WeakMap<Socket, Sent[]>();

/** A request that got no HTTP answer at all: the connection was reset, refused, or timed out. */
export class NoAnswer extends Error {
  /** Earlier requests on the same keep-alive connection, oldest first, with when they were sent and what they got. */
  earlier: Sent[] = [];
}

export function sendRaw(
  baseUrl: string,
  request: RawRequest,
  { agent, fresh = false, timeoutMs = 15_000 }: { agent?: http.Agent; fresh?: boolean; timeoutMs?: number } = {},
): Promise<RawResponse> {
  const base = new URL(baseUrl);
  return new Promise<RawResponse>((resolve, reject) => {
    const headers: Record<string, string> = { ...request.headers };
    if (request.body !== undefined) headers['Content-Length'] = String(request.body.byteLength);
    let settled = false;
    const fail = (why: string) => {
      if (settled) return;
      settled = true;
      const error = new NoAnswer(why);
      error.earlier = (socket && history.get(socket)?.slice(0, -1)) ?? [];
      reject(error);
    };
    let req: http.ClientRequest;
    try {
      req = http.request({ host: base.hostname, port: base.port, method: request.method, path: request.path, headers, agent: fresh ? false : agent });
    } catch (error) {
      // Node refuses header values or paths it could never send; that is the generator's bug.
      reject(new Error(`the fuzzer built a request Node cannot send (${(error as Error).message}): ${JSON.stringify(request).slice(0, 500)}`));
      return;
    }
    const timer = setTimeout(() => {
      fail(`no answer within ${timeoutMs} ms`);
      req.destroy();
    }, timeoutMs);
    req.on('error', (error) => {
      clearTimeout(timer);
      fail(`${(error as NodeJS.ErrnoException).code ?? ''} ${error.message}`.trim());
    });
    let socket: Socket | undefined;
    req.once('socket', (s) => {
      socket = s;
      // Reused only when the agent keeps connections alive.
      if (!fresh && agent) history.set(s, [...(history.get(s) ?? []).filter((e) => e.at > Date.now() - 2000), { request, at: Date.now(), status: 0 }]);
    });
    req.on('response', (res) => {
      const sent = socket && history.get(socket)?.at(-1);
      if (sent) sent.status = res.statusCode ?? 0;
      const type = String(res.headers['content-type'] ?? '');
      if (type.startsWith('text/event-stream')) {
        clearTimeout(timer);
        settled = true;
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: '', streamed: true });
        res.destroy();
        req.destroy();
        return;
      }
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        clearTimeout(timer);
        if (settled) return;
        settled = true;
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8'), streamed: false });
      });
      res.on('error', (error) => {
        clearTimeout(timer);
        fail(`the answer was cut: ${error.message}`);
      });
    });
    req.end(request.body === undefined ? undefined : Buffer.from(request.body));
  });
}

/** Bash $'…' quoting that reproduces the exact bytes. */
function ansiC(bytes: Uint8Array): string {
  let out = "$'";
  for (const byte of bytes) {
    if (byte === 0x27) out += "\\'";
    else if (byte === 0x5c) out += '\\\\';
    else if (byte >= 0x20 && byte < 0x7f) out += String.fromCharCode(byte);
    else if (byte === 0x0a) out += '\\n';
    else out += `\\x${byte.toString(16).padStart(2, '0')}`;
  }
  return `${out}'`;
}

const shellQuote = (text: string) => (/^[\w@%+=:,./-]*$/.test(text) ? text : ansiC(Buffer.from(text, 'latin1')));

/**
 * A curl command that replays the request byte for byte (`--path-as-is` keeps `..%2F`; header
 * values and the path go as Latin-1 bytes, as Node sent them). A body given a `bodyFile` is read
 * from that file (`--data-binary @file`) instead of being written into the line.
 */
export function toCurl(baseUrl: string, request: RawRequest, bodyFile?: string): string {
  if (request.body === undefined || bodyFile) return `curl -sS -i ${curlArguments(baseUrl, request, bodyFile)}`;
  // Through printf, whose \xHH escapes can say NUL, which no shell word can hold.
  return `printf ${printfFormat(request.body)} | curl -sS -i ${curlArguments(baseUrl, request, '-')}`;
}

/** A printf format (single-quoted) that prints exactly these bytes. */
export function printfFormat(bytes: Uint8Array): string {
  let out = "'";
  for (const byte of bytes) {
    if (byte === 0x27) out += "'\\''";
    else if (byte === 0x5c) out += '\\\\';
    else if (byte === 0x25) out += '%%';
    else if (byte >= 0x20 && byte < 0x7f) out += String.fromCharCode(byte);
    else out += `\\x${byte.toString(16).padStart(2, '0')}`;
  }
  return `${out}'`;
}

/** Two requests on one connection, as curl sends them with --next: the first, then the second. */
export function toCurlPair(baseUrl: string, first: RawRequest, second: RawRequest, bodyFiles: [string | undefined, string | undefined] = [undefined, undefined]): string {
  return `curl -sS -i ${curlArguments(baseUrl, first, bodyFiles[0])} --next -sS -i ${curlArguments(baseUrl, second, bodyFiles[1])}`;
}

function curlArguments(baseUrl: string, request: RawRequest, bodyFile?: string): string {
  const parts = ['--path-as-is', '-X', request.method, shellQuote(`${baseUrl}${request.path}`)];
  // curl drops a header given as `Name:` and sends an empty one given as `Name;`.
  for (const [name, value] of Object.entries(request.headers)) parts.push('-H', shellQuote(value === '' ? `${name};` : `${name}: ${value}`));
  if (request.body !== undefined) {
    // Without this curl would add its own Content-Type to a body sent without one.
    if (!Object.keys(request.headers).some((name) => name.toLowerCase() === 'content-type')) parts.push('-H', shellQuote('Content-Type:'));
    parts.push('--data-binary', bodyFile ? shellQuote(`@${bodyFile}`) : ansiC(request.body));
  }
  return parts.join(' ');
}
