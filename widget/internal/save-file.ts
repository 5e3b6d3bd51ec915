// Files the widget hands to the person: fetched with the bearer token (never a URL that carries
// a credential), then saved from an object URL through a download link.

/** Saves `blob` as `name` through the browser's downloads. */
export function saveFile(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  Object.assign(document.createElement('a'), { href: url, download: name }).click();
  // Long enough for the browser to have started writing it, however large.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** The name a Content-Disposition gives: its UTF-8 `filename*`, else its `filename`, else `fallback`. */
export function fileNameOf(disposition: string | null, fallback: string): string {
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition ?? '')?.[1];
  if (encoded) {
    try {
      return decodeURIComponent(encoded);
    } catch {
      // Not percent-encoding after all: the plain name, if any.
    }
  }
  return /filename="([^"]*)"/i.exec(disposition ?? '')?.[1] || fallback;
}

/**
 * The body of `res` as a Blob, read as it arrives: `onProgress` hears the share received (0 to 1),
 * or null while the answer does not say its length.
 */
export async function readWithProgress(res: Response, onProgress: (share: number | null) => void): Promise<Blob> {
  const total = Number(res.headers.get('content-length')) || 0;
  const reader = res.body!.getReader();
  const parts: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
    received += value.byteLength;
    onProgress(total ? Math.min(1, received / total) : null);
  }
  return new Blob(parts as BlobPart[], { type: res.headers.get('content-type') ?? '' });
}
