import { parentPort, workerData } from 'node:worker_threads';
import decode from 'heic-decode';
import sharp from 'sharp';
import type { HeifThumbnailJob } from './heif.ts';
import { drawThumbnail } from './thumbnail.ts';

// One HEIF thumbnail, in a worker thread of its own (see heif.ts): posts the WebP, or null when
// the image has too many pixels; anything else that goes wrong is thrown, and ends the worker.

// libheif-js writes what it cannot parse to the console; the caller's null says it.
console.log = () => {};

const { image, maxPixels } = workerData as HeifThumbnailJob;
const images = await decode.all({ buffer: image });
try {
  // The first image, the one heic-decode decodes by default: its size is read from the file's header, before any pixel is decoded.
  const [first] = images;
  if (!first || first.width * first.height > maxPixels) {
    parentPort!.postMessage(null);
  } else {
    // libheif has turned and mirrored the pixels as the file's irot and imir boxes say, so they are upright.
    const { width, height, data } = await first.decode();
    parentPort!.postMessage(await drawThumbnail(sharp(data, { raw: { width, height, channels: 4 }, limitInputPixels: maxPixels })));
  }
} finally {
  images.dispose();
}
