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
