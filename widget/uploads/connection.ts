// Whether the browser has a network, as it says through `navigator.onLine` and the `online` and
// `offline` events. Offline is certain (no network at all: a phone in a dead spot, airplane mode);
// online only means some network is up, so a request that fails while online is a failure to
// retry, whereas one that fails offline waits for the connection to come back.

/** Whether the browser says it has a network. */
export const isOnline = (): boolean => navigator.onLine !== false;

/** Resolves once the browser is online, at once when it is; rejects with an AbortError if `signal` aborts first. */
export function whenOnline(signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(new DOMException('Upload cancelled', 'AbortError'));
  if (isOnline()) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const stop = () => {
      window.removeEventListener('online', back);
      signal?.removeEventListener('abort', cancel);
    };
    const back = () => (stop(), resolve());
    const cancel = () => (stop(), reject(new DOMException('Upload cancelled', 'AbortError')));
    window.addEventListener('online', back);
    signal?.addEventListener('abort', cancel);
  });
}
