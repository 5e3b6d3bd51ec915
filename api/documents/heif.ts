import path from 'node:path';
import { Worker } from 'node:worker_threads';

// HEIC/HEIF photos (iPhones') are HEVC, which sharp's libvips cannot decode, so their thumbnails
// are decoded by libheif compiled to WebAssembly (heic-decode). A WebAssembly memory grows to the
// largest image it decoded and never shrinks, so the decoder never runs in the API's own thread:
// each thumbnail gets a worker thread of its own, which ends once its thumbnail is drawn, and
// with it every byte the decode took.

/** How long one HEIF thumbnail may take, beyond which its worker is ended: a 48 MP photo takes about 4 s of CPU. */
const HEIF_THUMBNAIL_MS = 60_000;

// Run from source (tsx) this module is heif.ts beside heif.worker.ts; compiled (npm run api), both are .js.
const FROM_SOURCE = path.extname(new URL(import.meta.url).pathname) === '.ts';
const WORKER = new URL(`./heif.worker.${FROM_SOURCE ? 'ts' : 'js'}`, import.meta.url);
// Node 20 does not carry a loader given by --import (tsx) into worker threads: from source, the
// worker registers tsx itself before it loads its module.
const WORKER_ENTRY = FROM_SOURCE
  ? `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then(({ register }) => { register(); return import(${JSON.stringify(WORKER.href)}); })`
  : WORKER;

/** What a HEIF thumbnail's worker is given. */
export interface HeifThumbnailJob {
  image: Uint8Array;
  /** The most pixels the image may have, judged before any is decoded. */
  maxPixels: number;
}

/**
 * The WebP thumbnail of a whole HEIC/HEIF file, drawn in a worker thread; null when the file
 * cannot be decoded, when its first image has more than `maxPixels`, or when it takes longer than
 * HEIF_THUMBNAIL_MS. `image` is moved to the worker: it is unusable afterwards.
 */
export function heifThumbnail(image: Buffer, maxPixels: number): Promise<Uint8Array | null> {
  return new Promise((resolve) => {
    // A file's own ArrayBuffer moves to the worker uncopied; a small file's lies in Node's shared pool, and is copied.
    const owned = image.byteOffset === 0 && image.byteLength === image.buffer.byteLength;
    const job: HeifThumbnailJob = { image, maxPixels };
    const worker = new Worker(WORKER_ENTRY, { eval: FROM_SOURCE, workerData: job, transferList: owned ? [image.buffer as ArrayBuffer] : [] });
    let thumbnail: Uint8Array | null = null;
    const deadline = setTimeout(() => void worker.terminate(), HEIF_THUMBNAIL_MS);
    worker.once('message', (drawn: Uint8Array | null) => {
      thumbnail = drawn;
      void worker.terminate();
    });
    // An error (a file libheif refuses, a decoder that aborts) ends the worker, which then exits: no thumbnail.
    worker.on('error', () => {});
    // Answered once the worker is gone, so the next thumbnail's decode never overlaps this one's memory.
    worker.once('exit', () => {
      clearTimeout(deadline);
      resolve(thumbnail);
    });
  });
}

/**
 * The pixels of the largest image a HEIF file declares (its `ispe` properties), read from the
 * file's first bytes without decoding anything; null when they do not hold its whole `meta` box
 * (then the worker judges the image from the whole file, before decoding it).
 */
export function heifPixels(head: Uint8Array): number | null {
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  const meta = find(view, 0, head.byteLength, 'meta');
  // `meta` is a full box: its version and flags come before its children.
  const iprp = meta && find(view, meta.body + 4, meta.end, 'iprp');
  const ipco = iprp && find(view, iprp.body, iprp.end, 'ipco');
  if (!ipco) return null;
  let largest: number | null = null;
  for (const box of boxes(view, ipco.body, ipco.end)) {
    // ispe: version and flags, then width and height, 32 bits each.
    if (box.type !== 'ispe' || box.end - box.body < 12 || box.end > ipco.end) continue;
    largest = Math.max(largest ?? 0, view.getUint32(box.body + 4) * view.getUint32(box.body + 8));
  }
  return largest;
}

interface Box {
  type: string;
  /** Where the box's content starts, after its size and type. */
  body: number;
  /** Where the box ends: past `end` of the list it is in when that holds only its start. */
  end: number;
}

/** The ISO BMFF boxes laid one after the other from `start` until `end`; a box whose header does not fit or makes no sense ends the list. */
function* boxes(view: DataView, start: number, end: number): Generator<Box> {
  let at = start;
  while (at + 8 <= end) {
    const size = view.getUint32(at);
    const type = String.fromCharCode(view.getUint8(at + 4), view.getUint8(at + 5), view.getUint8(at + 6), view.getUint8(at + 7));
    let body = at + 8;
    let boxEnd: number;
    if (size === 1) {
      // A 64-bit size follows the type.
      if (at + 16 > end) return;
      body = at + 16;
      boxEnd = at + Number(view.getBigUint64(at + 8));
    } else {
      // Size 0 runs to the end of the file, which only the whole file shows.
      boxEnd = size === 0 ? Infinity : at + size;
    }
    if (boxEnd < body) return;
    yield { type, body, end: boxEnd };
    at = boxEnd;
  }
}

/** The first box of `type` from `start`, when it lies whole before `end`. */
function find(view: DataView, start: number, end: number, type: string): Box | undefined {
  for (const box of boxes(view, start, end)) if (box.type === type) return box.end <= end ? box : undefined;
  return undefined;
}
