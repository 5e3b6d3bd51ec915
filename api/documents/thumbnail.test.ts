import assert from 'node:assert/strict';
import { PassThrough, Readable } from 'node:stream';
import { describe, it } from 'node:test';
import sharp from 'sharp';
import { MemoryStorage } from '../storage/memory.ts';
import type { StoredObject } from '../storage/storage.ts';
import { assertUpright, brokenHeics, heicDeclaring, TURNED_HEIC } from '../testing/photos.ts';
import { heifPixels, heifThumbnail } from './heif.ts';
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

async function thumbnailOf(bytes: Buffer, type: 'image/jpeg' | 'image/png' | 'image/webp' | 'image/heic') {
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
    await assertUpright(thumbnail);
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

describe('makeThumbnail of a HEIC', () => {
  it('makes an upright WebP of an iPhone’s kind of HEIC, turned by its irot box and not again by its EXIF', async () => {
    const thumbnail = await thumbnailOf(TURNED_HEIC, 'image/heic');
    assert.ok(thumbnail);
    assert.equal((await sharp(thumbnail).metadata()).format, 'webp');
    await assertUpright(thumbnail);
  });

  it('makes none for a HEIC over THUMBNAIL_MAX_PIXELS by its header, which is judged before the rest is read', async () => {
    // Trailing bytes make it large: the decoder needs the whole file, so a file not read whole was not decoded.
    const bomb = Buffer.concat([heicDeclaring(8192 + 1, 6144), Buffer.alloc(4 * 2 ** 20)]);
    assert.equal(heifPixels(bomb), (8192 + 1) * 6144);
    const { storage, seen } = countingStorage(bomb);
    assert.equal(await makeThumbnail(storage, 'bomb', 'image/heic'), null);
    assert.ok(seen.read < bomb.length / 2, `read ${seen.read} of ${bomb.length} bytes`);
    assert.equal(storage.objects.size, 0, 'no thumbnail stored');
  });

  it('makes none for a HEIC that cannot be decoded, and goes on making the next', async () => {
    for (const [what, heic] of Object.entries(brokenHeics())) assert.equal(await thumbnailOf(heic, 'image/heic'), null, what);
    assert.ok(await thumbnailOf(TURNED_HEIC, 'image/heic'));
  });
});

describe('heifThumbnail', () => {
  it('refuses an image over maxPixels by the size libheif reads from the whole file, before decoding it', async () => {
    // The same file, which decodes at its own size: only the size can have refused it.
    assert.equal(await heifThumbnail(Buffer.from(TURNED_HEIC), 200 * 400 - 1), null);
    assert.ok(await heifThumbnail(Buffer.from(TURNED_HEIC), 200 * 400));
  });
});

describe('heifPixels', () => {
  it('reads the largest size a HEIC declares from its meta box, and nothing from bytes that do not hold it whole', () => {
    assert.equal(heifPixels(TURNED_HEIC), 400 * 200);
    assert.equal(heifPixels(heicDeclaring(8064, 6048)), 8064 * 6048);
    const metaEnd = TURNED_HEIC.indexOf('mdat') - 4;
    assert.equal(heifPixels(TURNED_HEIC.subarray(0, metaEnd)), 400 * 200);
    assert.equal(heifPixels(TURNED_HEIC.subarray(0, metaEnd - 1)), null);
    assert.equal(heifPixels(Buffer.from('not a HEIF file at all')), null);
  });
});
