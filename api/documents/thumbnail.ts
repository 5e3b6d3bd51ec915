import sharp, { type Sharp } from 'sharp';
import type { UploadType } from '../../domain/constants.ts';
import { putBytes, type FileStorage } from '../storage/storage.ts';
import { heifPixels, heifThumbnail } from './heif.ts';

// A thumbnail costs what decoding its image costs, and that is not what the file weighs: a 2 MB
// progressive JPEG of 16000 × 16000 flat pixels needs 750 MiB to 1.5 GiB of decoder buffers, as a
// progressive JPEG (like an interlaced PNG or a lossless WebP) is decoded whole before it can be
// shrunk. So the memory a thumbnail may take is bounded here, by four things: the pixels an image
// may have, the bytes read, one thumbnail at a time per process, and no cache keeping anything.
// A HEIC/HEIF photo, which libvips cannot decode, is decoded whole by libheif in a worker thread
// that ends with its thumbnail (heif.ts), within the same bounds.

// sharp's operation cache would keep each decode's buffers for a reuse a thumbnail never has;
// one libvips thread per image keeps one set of per-thread buffers.
sharp.cache(false);
sharp.concurrency(1);

/** Largest side of a thumbnail, in pixels. */
const THUMBNAIL_PX = 320;
const HEIF_TYPES: ReadonlySet<UploadType> = new Set(['image/heic', 'image/heif']);
const THUMBNAIL_TYPES: ReadonlySet<UploadType> = new Set(['image/jpeg', 'image/png', 'image/webp', ...HEIF_TYPES]);

/**
 * The most pixels an image may have to get a thumbnail: the full frame of a 50-megapixel sensor
 * (8192 × 6144), the largest phones take. A baseline JPEG that size, shrunk by libvips as it
 * loads, costs a few MiB to decode; one decoded whole costs about 150 MiB (a phone's progressive
 * JPEG) and at worst 460 MiB (an interlaced PNG of 16-bit colour and alpha); a HEIC, always
 * decoded whole, about 13 bytes a pixel in its worker (650 MiB at this size). A larger image is
 * kept and shown, without a preview.
 */
export const THUMBNAIL_MAX_PIXELS = 8192 * 6144;
/** The largest file read for a thumbnail: sharp holds its input whole in memory. */
const THUMBNAIL_MAX_BYTES = 64 * 2 ** 20;
/**
 * How much of a file's start is read before its header is looked at: a JPEG's size follows its
 * EXIF, ICC and XMP segments, and a HEIC's `meta` box precedes its pixels, which phones keep under
 * this. An image whose header lies further (or a WebP, whose header sharp reads only from the
 * whole file) is refused when it is decoded.
 */
const HEADER_BYTES = 256 * 1024;
/** Thumbnails made at once in this process; the others wait their turn, so 20 uploads cost one decode. */
const THUMBNAILS_AT_ONCE = 1;

/**
 * A small WebP preview of a stored image, stored beside it; null for other types, when the image
 * cannot be read, and when it is too large to decode within bounds (THUMBNAIL_MAX_PIXELS,
 * THUMBNAIL_MAX_BYTES): a thumbnail is a nicety, never a reason to refuse an upload.
 */
export async function makeThumbnail(storage: FileStorage, key: string, type: UploadType): Promise<string | null> {
  if (!THUMBNAIL_TYPES.has(type)) return null;
  const heif = HEIF_TYPES.has(type);
  try {
    const thumbnail = await inTurn(async () => {
      const image = await readImage(storage, key, heif);
      if (!image) return null;
      // Either decoder refuses, from the header, what readImage could not judge before reading it whole.
      if (heif) return await heifThumbnail(image, THUMBNAIL_MAX_PIXELS);
      return await drawThumbnail(sharp(image, { failOn: 'error', limitInputPixels: THUMBNAIL_MAX_PIXELS }));
    });
    return thumbnail && (await putBytes(storage, thumbnail));
  } catch {
    return null;
  }
}

/** An image's thumbnail: turned upright as its EXIF orientation says, at most THUMBNAIL_PX a side, never enlarged, as WebP. */
export function drawThumbnail(image: Sharp): Promise<Buffer> {
  return image
    .rotate()
    .resize({ width: THUMBNAIL_PX, height: THUMBNAIL_PX, fit: 'inside', withoutEnlargement: true, fastShrinkOnLoad: true })
    .webp({ quality: 72 })
    .toBuffer();
}

/**
 * The stored image's bytes; null when there are none, when there are more than
 * THUMBNAIL_MAX_BYTES, or when its header, read first, shows more than THUMBNAIL_MAX_PIXELS:
 * then the rest of the file is not read.
 */
async function readImage(storage: FileStorage, key: string, heif: boolean): Promise<Buffer | null> {
  const source = await storage.open(key);
  if (!source) return null;
  if (source.size > THUMBNAIL_MAX_BYTES) {
    source.stream.destroy();
    return null;
  }
  // Read into one buffer of the file's size, so that no second copy of it is ever made.
  const image = Buffer.allocUnsafe(source.size);
  let read = 0;
  let headerLooked = false;
  // Leaving the loop early destroys the stream.
  for await (const chunk of source.stream as AsyncIterable<Buffer>) {
    if (read + chunk.length > image.length) return null;
    read += chunk.copy(image, read);
    if (!headerLooked && read >= HEADER_BYTES) {
      headerLooked = true;
      if (await tooManyPixels(image.subarray(0, read), heif)) return null;
    }
  }
  return read === image.length ? image : null;
}

/** Whether the image whose first bytes are `head` has more than THUMBNAIL_MAX_PIXELS; false when the header is not all there. */
async function tooManyPixels(head: Buffer, heif: boolean): Promise<boolean> {
  // libvips reads a HEIF's header only from the whole file.
  if (heif) return (heifPixels(head) ?? 0) > THUMBNAIL_MAX_PIXELS;
  const { width, height } = await sharp(head)
    .metadata()
    .catch(() => ({ width: 0, height: 0 }));
  return width * height > THUMBNAIL_MAX_PIXELS;
}

let running = 0;
const waiting: Array<() => void> = [];

/** Runs `work` when fewer than THUMBNAILS_AT_ONCE others run, in the order asked. */
async function inTurn<T>(work: () => Promise<T>): Promise<T> {
  if (running < THUMBNAILS_AT_ONCE) running++;
  else await new Promise<void>((resolve) => waiting.push(resolve));
  try {
    return await work();
  } finally {
    // The slot passes straight to the next in line, so nobody arriving meanwhile takes it first.
    const next = waiting.shift();
    if (next) next();
    else running--;
  }
}
