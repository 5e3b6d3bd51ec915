/**
 * Counts the requests the page sends with `method` to a URL ending in `suffix`, as they leave:
 * by `window.fetch` (the API client and the stream look it up at each request) and by
 * XMLHttpRequest (uploads, for their progress). `restore()` puts both back.
 */
export function countRequests(method: string, suffix: string): { readonly count: number; restore(): void } {
  let count = 0;
  const seen = (verb: string, url: string) => verb.toUpperCase() === method && url.endsWith(suffix) && count++;
  const realFetch = window.fetch;
  window.fetch = (input, init) => {
    const request = input instanceof Request ? input : null;
    seen(init?.method ?? request?.method ?? 'GET', request ? request.url : String(input));
    return realFetch(input, init);
  };
  const realOpen = XMLHttpRequest.prototype.open;
  XMLHttpRequest.prototype.open = function (this: XMLHttpRequest, verb: string, url: string | URL, ...rest: unknown[]) {
    seen(verb, String(url));
    return (realOpen as (...args: unknown[]) => void).call(this, verb, url, ...rest);
  };
  return {
    get count() {
      return count;
    },
    restore() {
      window.fetch = realFetch;
      XMLHttpRequest.prototype.open = realOpen;
    },
  };
}

/**
 * The XMLHttpRequests the page sends to URLs containing `part`, as they leave — tus-js-client
 * sends the resumable uploads' with it: the method, and for a PATCH its Upload-Offset ("PATCH
 * 4194304"). `restore()` puts XMLHttpRequest back.
 */
export function watchXhr(part: string): { readonly sent: readonly string[]; restore(): void } {
  const sent: string[] = [];
  const opened = new WeakMap<XMLHttpRequest, { method: string; offset: string }>();
  const { open, setRequestHeader, send } = XMLHttpRequest.prototype;
  XMLHttpRequest.prototype.open = function (this: XMLHttpRequest, method: string, url: string | URL, ...rest: unknown[]) {
    if (String(url).includes(part)) opened.set(this, { method: method.toUpperCase(), offset: '' });
    return (open as (...args: unknown[]) => void).call(this, method, url, ...rest);
  };
  XMLHttpRequest.prototype.setRequestHeader = function (this: XMLHttpRequest, name: string, value: string) {
    const request = opened.get(this);
    if (request && name.toLowerCase() === 'upload-offset') request.offset = value;
    return setRequestHeader.call(this, name, value);
  };
  XMLHttpRequest.prototype.send = function (this: XMLHttpRequest, body?: Document | XMLHttpRequestBodyInit | null) {
    const request = opened.get(this);
    if (request) sent.push(request.offset ? `${request.method} ${request.offset}` : request.method);
    return send.call(this, body);
  };
  return {
    sent,
    restore() {
      Object.assign(XMLHttpRequest.prototype, { open, setRequestHeader, send });
    },
  };
}
