import assert from 'node:assert/strict';
import { PassThrough, Readable } from 'node:stream';
import { describe, it } from 'node:test';
import sharp from 'sharp';
import { MemoryStorage } from '../storage/memory.ts';
import type { StoredObject } from '../storage/storage.ts';
import { makeThumbnail, THUMBNAIL_MAX_PIXELS } from './thumbnail.ts';

// Previews of uploaded images: small WebPs, the right way up, and none for an image too large to
// decode within bounds (the upload itself is kept: that is the caller's part).

const RED = { r: 220, g: 20, b: 20 };
const BLUE = { r: 20, g: 20, b: 220 };

const flat = (width: number, height: number, background = RED) => sharp({ create: { width, height, channels: 3, background } });

async function stored(bytes: Buffer) {
  const storage = new MemoryStorage();
  const target = await storage.create();
  target.stream.end(bytes);
  await target.commit();
  return { storage, key: target.key };
}

async function thumbnailOf(bytes: Buffer, type: 'image/jpeg' | 'image/png' | 'image/webp') {
  const { storage, key } = await stored(bytes);
  const thumbnailKey = await makeThumbnail(storage, key, type);
  return thumbnailKey === null ? null : storage.objects.get(thumbnailKey)!;
}

/** A storage of one object, read in 64 KiB chunks, that tells how many of its bytes were read. */
function countingStorage(bytes: Buffer) {
  const seen = { read: 0 };
  const storage = new MemoryStorage();
  storage.open = async (): Promise<StoredObject> => ({
    stream: Readable.from(
      (function* () {
        for (let at = 0; at < bytes.length; at += 64 * 1024) {
          const chunk = bytes.subarray(at, at + 64 * 1024);
          seen.read += chunk.length;
          yield chunk;
        }
      })(),
    ),
    size: bytes.length,
  });
  return { storage, seen };
}

describe('makeThumbnail', () => {
  it('makes a WebP whose largest side is 320 px, keeping the proportions and never enlarging', async () => {
    const cases: Array<[Buffer, 'image/jpeg' | 'image/png' | 'image/webp', [number, number]]> = [
      [await flat(800, 600).jpeg().toBuffer(), 'image/jpeg', [320, 240]],
      [await flat(600, 900).png().toBuffer(), 'image/png', [213, 320]],
      [await flat(100, 50).webp().toBuffer(), 'image/webp', [100, 50]],
    ];
    for (const [bytes, type, size] of cases) {
      const thumbnail = await thumbnailOf(bytes, type);
      assert.ok(thumbnail, type);
      const meta = await sharp(thumbnail).metadata();
      assert.equal(meta.format, 'webp', type);
      assert.deepEqual([meta.width, meta.height], size, type);
    }
  });

  it('turns a photo the way its EXIF orientation says', async () => {
    // Stored 400 × 200, red left half and blue right half, with orientation 6: shown turned a
    // quarter clockwise, 200 × 400, red on top.
    const photo = await flat(400, 200, BLUE)
      .composite([{ input: await flat(200, 200, RED).png().toBuffer(), left: 0, top: 0 }])
      .jpeg()
      .withMetadata({ orientation: 6 })
      .toBuffer();
    const thumbnail = await thumbnailOf(photo, 'image/jpeg');
    assert.ok(thumbnail);
    const { data, info } = await sharp(thumbnail).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    assert.deepEqual([info.width, info.height], [160, 320]);
    const pixel = (x: number, y: number) => [...data.subarray((y * info.width + x) * 3, (y * info.width + x) * 3 + 3)];
    const isRed = ([r, g, b]: number[]) => r! > 150 && g! < 80 && b! < 80;
    const isBlue = ([r, g, b]: number[]) => b! > 150 && r! < 80 && g! < 80;
    assert.ok(isRed(pixel(80, 40)), `top is red, not ${pixel(80, 40)}`);
    assert.ok(isBlue(pixel(80, 280)), `bottom is blue, not ${pixel(80, 280)}`);
  });

  it('makes none for an image over THUMBNAIL_MAX_PIXELS, judged from its header before the rest is read', async () => {
    // A flat progressive JPEG one column wider than the limit: 300 KB on disk, hundreds of MiB to decode.
    // Trailing bytes after its end make it large, as a file's size does not tell its pixels.
    const bomb = Buffer.concat([await flat(8192 + 1, 6144).jpeg({ progressive: true }).toBuffer(), Buffer.alloc(4 * 2 ** 20)]);
    assert.ok((8192 + 1) * 6144 > THUMBNAIL_MAX_PIXELS);
    const { storage, seen } = countingStorage(bomb);
    assert.equal(await makeThumbnail(storage, 'bomb', 'image/jpeg'), null);
    assert.ok(seen.read < bomb.length / 2, `read ${seen.read} of ${bomb.length} bytes`);
    assert.equal(storage.objects.size, 0, 'no thumbnail stored');
  });

  it('makes none for an image over THUMBNAIL_MAX_PIXELS whose header only the decoder reads (WebP)', async () => {
    const bomb = await flat(8192 + 1, 6144).webp({ lossless: true }).toBuffer();
    assert.equal(await thumbnailOf(bomb, 'image/webp'), null);
  });

  it('makes one for an image of exactly THUMBNAIL_MAX_PIXELS', async () => {
    const atTheLimit = await flat(8192, 6144).jpeg().toBuffer();
    assert.equal(8192 * 6144, THUMBNAIL_MAX_PIXELS);
    const thumbnail = await thumbnailOf(atTheLimit, 'image/jpeg');
    assert.ok(thumbnail);
    const meta = await sharp(thumbnail).metadata();
    assert.deepEqual([meta.width, meta.height], [320, 240]);
  });

  it('makes none for a file that is not an image after all, or is missing', async () => {
    assert.equal(await thumbnailOf(Buffer.from('not a jpeg at all'), 'image/jpeg'), null);
    assert.equal(await makeThumbnail(new MemoryStorage(), 'nothing-here', 'image/png'), null);
    const png = await stored(await flat(10, 10).png().toBuffer());
    assert.equal(await makeThumbnail(png.storage, png.key, 'application/pdf'), null, 'not a type thumbnails are made of');
  });

  it('makes one thumbnail at a time: the next image is not even read until the one before is done', async () => {
    const photo = await flat(800, 600).jpeg().toBuffer();
    const storage = new MemoryStorage();
    const streams: PassThrough[] = [];
    let opened: () => void = () => {};
    storage.open = async () => {
      const stream = new PassThrough();
      streams.push(stream);
      opened();
      return { stream, size: photo.length };
    };
    const nextOpen = () => new Promise<void>((resolve) => (opened = resolve));

    const firstOpened = nextOpen();
    const first = makeThumbnail(storage, 'first', 'image/jpeg');
    const second = makeThumbnail(storage, 'second', 'image/jpeg');
    await firstOpened;
    // The first image's bytes have not arrived, so it cannot be done, whatever runs meanwhile.
    for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
    assert.equal(streams.length, 1, 'the second waits its turn');

    const secondOpened = nextOpen();
    streams[0]!.end(photo);
    assert.ok(await first);
    await secondOpened;
    streams[1]!.end(photo);
    assert.ok(await second);
  });
});
