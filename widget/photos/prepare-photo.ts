// Photos made small and private in the browser before they are uploaded. Loaded with import()
// by the uploads controller the first time a person chooses an image, never at start.
//
// A phone photo is 3–8 MB at 12 MP and says where it was taken (GPS) and on which device. Here it
// is scaled to fit a long edge (2560 px by default, the host's `photo-max-edge`) and re-encoded as
// JPEG at quality 0.85, upright (EXIF orientation applied to the pixels), which drops every piece
// of metadata; then a minimal EXIF is written back with the capture time alone, which the claim
// needs as evidence. The decoding and encoding run in a worker where the browser has
// OffscreenCanvas, else on the page (createImageBitmap and canvas.toBlob do their heavy part off
// the main thread there too).
//
// What is sent as it was chosen: a photo already within the edge that says nothing of where it
// was taken, a PNG screenshot within the edge, anything the browser cannot decode (a HEIC where
// the browser has no HEVC decoder: the server keeps it), and a copy that would not be smaller —
// unless the original is a JPEG that may carry a location, which is never sent.

import { captureTimeSegment, readHeifExif, readJpeg, readWebp, withSegment, type CaptureTime } from './exif.ts';

/** JPEG quality of a prepared photo: no visible loss at phone-screen and print-preview sizes. */
const QUALITY = 0.85;
/** How much of a JPEG or HEIF is read for its metadata: EXIF and XMP precede the image data, within 64 KB each. */
const HEAD_BYTES = 512 * 1024;

type Format = 'jpeg' | 'png' | 'webp' | 'heif';

/** What a file is, from its first bytes (not its name or the type the browser guessed). */
function formatOf(head: Uint8Array): Format | null {
  const text = (at: number, length: number) => String.fromCharCode(...head.subarray(at, at + length));
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'jpeg';
  if (text(0, 8) === '\x89PNG\r\n\x1a\n') return 'png';
  if (text(0, 4) === 'RIFF' && text(8, 4) === 'WEBP') return 'webp';
  // ISO BMFF: a `ftyp` box whose major brand is one of HEIF's.
  if (text(4, 4) === 'ftyp' && /^(heic|heix|hevc|hevx|heim|heis|hevm|hevs|mif1|msf1|avif)$/.test(text(8, 4))) return 'heif';
  return null;
}

/** What to make of one image; `onlyIfOver`: nothing when it already fits (then only its size comes back). */
interface RenderJob {
  source: Blob;
  maxEdge: number;
  type: 'image/jpeg' | 'image/png';
  quality: number;
  onlyIfOver: boolean;
}

interface Rendered {
  /** The encoded image; null when `onlyIfOver` and it fits. */
  blob: Blob | null;
  width: number;
  height: number;
}

/**
 * Decodes an image upright (EXIF orientation applied), scales it to fit `maxEdge` and encodes it.
 * Self-contained, as the worker runs its source text: it reads nothing from this module.
 */
async function render(job: RenderJob): Promise<Rendered> {
  let image: ImageBitmap | HTMLImageElement;
  let release: () => void;
  if (typeof createImageBitmap === 'function') {
    const bitmap = await createImageBitmap(job.source, { imageOrientation: 'from-image' });
    image = bitmap;
    release = () => bitmap.close();
  } else {
    // Browsers without createImageBitmap (on the page only): an <img> applies EXIF orientation too.
    const url = URL.createObjectURL(job.source);
    const img = new Image();
    img.src = url;
    try {
      await img.decode();
    } finally {
      URL.revokeObjectURL(url);
    }
    image = img;
    release = () => undefined;
  }
  try {
    const width = 'naturalWidth' in image ? image.naturalWidth : image.width;
    const height = 'naturalHeight' in image ? image.naturalHeight : image.height;
    const long = Math.max(width, height);
    if (job.onlyIfOver && long <= job.maxEdge) return { blob: null, width, height };
    const scale = Math.min(1, job.maxEdge / long);
    const w = Math.max(1, Math.round(width * scale));
    const h = Math.max(1, Math.round(height * scale));
    const offscreen = typeof OffscreenCanvas === 'function';
    const canvas = offscreen ? new OffscreenCanvas(w, h) : Object.assign(document.createElement('canvas'), { width: w, height: h });
    const context = canvas.getContext('2d') as OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D | null;
    if (!context) throw new Error('no 2D canvas');
    // JPEG has no transparency: what was transparent (a WebP's, a HEIF's) becomes white, not black.
    if (job.type === 'image/jpeg') {
      context.fillStyle = '#fff';
      context.fillRect(0, 0, w, h);
    }
    context.imageSmoothingEnabled = true;
    context.imageSmoothingQuality = 'high';
    context.drawImage(image, 0, 0, w, h);
    // Asked of the canvas, not `instanceof HTMLCanvasElement`: a worker has no such name.
    const blob =
      'convertToBlob' in canvas
        ? await canvas.convertToBlob({ type: job.type, quality: job.quality })
        : await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, job.type, job.quality));
    // A browser that cannot encode the type writes a PNG instead: that is no preparation.
    if (!blob || blob.type !== job.type) throw new Error(`cannot encode ${job.type}`);
    return { blob, width: w, height: h };
  } finally {
    release();
  }
}

// ---- the worker

/**
 * The worker's source: `render` and a message handler. A blob: URL rather than a file beside the
 * bundle, because a page may only start workers from its own origin, and the widget's chunks
 * are usually served from the API's. A page whose Content-Security-Policy refuses blob: workers
 * gets the page's own rendering instead.
 */
const WORKER_SOURCE = `const render = ${render.toString()};
self.onmessage = async ({ data }) => {
  if (typeof OffscreenCanvas !== 'function' || typeof createImageBitmap !== 'function') return self.postMessage({ id: data.id, unsupported: true });
  try {
    self.postMessage({ id: data.id, rendered: await render(data.job) });
  } catch (error) {
    self.postMessage({ id: data.id, error: String(error) });
  }
};`;

type Reply = { id: number; rendered?: Rendered; unsupported?: true; error?: string };

let workerUrl: string | undefined;
/** Whether workers are out for this page: none, no OffscreenCanvas, or refused (CSP). */
let workerless = typeof Worker !== 'function' || typeof OffscreenCanvas !== 'function';
let worker: Worker | undefined;
let jobs = 0;

/** Renders in the worker; undefined when the worker cannot (then the page renders). */
function inWorker(job: RenderJob): Promise<Rendered | undefined> {
  if (workerless) return Promise.resolve(undefined);
  return new Promise((resolve, reject) => {
    try {
      workerUrl ??= URL.createObjectURL(new Blob([WORKER_SOURCE], { type: 'text/javascript' }));
      worker ??= new Worker(workerUrl);
    } catch {
      workerless = true;
      return resolve(undefined);
    }
    const id = ++jobs;
    const current = worker;
    const done = () => {
      current.removeEventListener('message', onMessage);
      current.removeEventListener('error', onError);
    };
    const onMessage = ({ data }: MessageEvent<Reply>) => {
      if (data.id !== id) return;
      done();
      if (data.rendered) resolve(data.rendered);
      else if (data.unsupported) {
        workerless = true;
        resolve(undefined);
      } else reject(new Error(data.error));
    };
    // The worker could not start (its script refused) or died: the page renders from now on.
    const onError = (event: Event) => {
      event.preventDefault();
      done();
      workerless = true;
      stopWorker();
      resolve(undefined);
    };
    current.addEventListener('message', onMessage);
    current.addEventListener('error', onError);
    current.postMessage({ id, job });
  });
}

function stopWorker(): void {
  worker?.terminate();
  worker = undefined;
}

// One photo at a time: ten chosen at once would otherwise decode ten 48 MB bitmaps together.
let queue: Promise<unknown> = Promise.resolve();
let queued = 0;

/** Renders one image, after those before it, in the worker (unless `worker` is false) or else on the page; null when it cannot be decoded. */
function renderQueued(job: RenderJob, worker: boolean): Promise<Rendered | null> {
  queued++;
  const result = queue.then(async () => {
    try {
      return (worker ? await inWorker(job) : undefined) ?? (await render(job));
    } catch {
      return null;
    } finally {
      // The worker holds its memory while it lives: it goes once nothing waits for it.
      if (--queued === 0) stopWorker();
    }
  });
  queue = result;
  return result;
}

// ---- the decision

/** Where a photo's EXIF says it was taken and when; from the bytes read. */
interface Facts {
  captureTime: CaptureTime | null;
  /** Whether the original may say where it was taken: then it is never sent. */
  location: boolean;
  /** Its long edge when its header says (JPEG, PNG), else 0: the decoder will tell. */
  longEdge: number;
}

async function factsOf(file: File, format: Format, head: Uint8Array): Promise<Facts> {
  switch (format) {
    case 'jpeg': {
      const jpeg = readJpeg(head);
      return { captureTime: jpeg?.captureTime ?? null, location: jpeg?.location ?? true, longEdge: Math.max(jpeg?.width ?? 0, jpeg?.height ?? 0) };
    }
    case 'png': {
      // IHDR comes first: width and height, big-endian, at 16 and 20.
      const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
      return { captureTime: null, location: false, longEdge: head.length >= 24 ? Math.max(view.getUint32(16), view.getUint32(20)) : 0 };
    }
    case 'webp': {
      // A WebP keeps its EXIF and XMP after the image data: the whole file is read.
      const webp = readWebp(new Uint8Array(await file.arrayBuffer()));
      return { captureTime: webp?.captureTime ?? null, location: webp?.location ?? true, longEdge: 0 };
    }
    case 'heif':
      return { captureTime: readHeifExif(head).captureTime, location: true, longEdge: 0 };
  }
}

/** The file's name with another extension: a HEIC made JPEG is no longer "IMG_0001.HEIC". */
const renamed = (name: string, extension: string) => `${name.replace(/\.[^./\\]*$/, '') || name}.${extension}`;

/**
 * The file to upload for an image a person chose: a copy made small and without location or
 * device metadata (the capture time kept), or the original where that is as good (see the top of
 * this module). Never throws: what cannot be prepared goes as it was chosen. `worker: false`
 * renders on the page, as where workers are refused (the bench measures both).
 */
export async function preparePhoto(file: File, maxEdge: number, { worker = true } = {}): Promise<File> {
  try {
    const head = new Uint8Array(await file.slice(0, HEAD_BYTES).arrayBuffer());
    const format = formatOf(head);
    if (!format) return file;
    const facts = await factsOf(file, format, head);
    const over = facts.longEdge === 0 || facts.longEdge > maxEdge;
    // A HEIF is converted whenever the browser decodes it: few browsers show one, and the server makes only a thumbnail of it.
    if (format !== 'heif' && !over && !facts.location) return file;
    if (format === 'png' && !over) return file;
    const type = format === 'png' ? 'image/png' : 'image/jpeg';
    // With no location to drop, a photo is re-encoded only to be scaled: where its header did not say its size (a WebP), the decoder tells whether it fits.
    const onlyIfOver = format !== 'heif' && !facts.location;
    const rendered = await renderQueued({ source: file, maxEdge, type, quality: QUALITY, onlyIfOver }, worker);
    if (!rendered?.blob) return file;
    let bytes: Blob | Uint8Array = rendered.blob;
    if (type === 'image/jpeg' && facts.captureTime) {
      bytes = withSegment(new Uint8Array(await rendered.blob.arrayBuffer()), captureTimeSegment(facts.captureTime));
    }
    const size = bytes instanceof Blob ? bytes.size : bytes.byteLength;
    // Never larger than what was chosen — unless what was chosen may say where it was taken.
    if (size >= file.size && !facts.location) return file;
    const name = format === 'heif' || format === 'webp' ? renamed(file.name, 'jpg') : file.name;
    return new File([bytes as BlobPart], name, { type, lastModified: file.lastModified });
  } catch {
    return file;
  }
}
