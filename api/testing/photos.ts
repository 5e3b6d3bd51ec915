import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import sharp from 'sharp';

// Photos stored turned, as phones store them, and what their thumbnails must look like. The
// picture is always the same: 400 × 200 pixels stored, the left half red and the right half blue,
// marked to be shown turned a quarter clockwise — 200 × 400, red on top.

/**
 * An iPhone's kind of HEIC, of that picture: the turn is in an `irot` box, which libheif applies
 * as it decodes, and (as iPhones write it too) in EXIF orientation 6, which must not turn it
 * again. Made with Debian's heif-enc (libheif 1.15, x265) from a JPEG; that heif-enc writes no
 * `irot`, so the box was then added to the file, and the file checked with heif-info (200 × 400).
 */
export const TURNED_HEIC: Buffer = readFileSync(new URL('../documents/fixtures/turned.heic', import.meta.url));

/** TURNED_HEIC with every `ispe` box (the size its header declares for an image) saying `width` × `height`. */
export function heicDeclaring(width: number, height: number): Buffer {
  const heic = Buffer.from(TURNED_HEIC);
  // ispe: size, type, version and flags, then width and height, 32 bits each.
  for (let at = heic.indexOf('ispe'); at >= 0; at = heic.indexOf('ispe', at + 1)) {
    heic.writeUInt32BE(width, at + 8);
    heic.writeUInt32BE(height, at + 12);
  }
  return heic;
}

/** HEICs no decoder makes an image of, each with the `ftyp` box that makes it a HEIC to the upload's type check. */
export function brokenHeics(): Record<string, Buffer> {
  const pixels = TURNED_HEIC.indexOf('mdat') + 4;
  return {
    'cut short in its pixels': TURNED_HEIC.subarray(0, pixels + 100),
    'cut short before its pixels': TURNED_HEIC.subarray(0, pixels - 8),
    'noise where its pixels should be': Buffer.concat([TURNED_HEIC.subarray(0, pixels), Buffer.alloc(TURNED_HEIC.length - pixels, 0x5a)]),
    'noise after its ftyp box': Buffer.concat([TURNED_HEIC.subarray(0, 28), Buffer.alloc(4000, 0xa5)]),
  };
}

/** Asserts that a thumbnail shows the picture upright: 160 × 320, red on top, blue below. */
export async function assertUpright(thumbnail: Uint8Array): Promise<void> {
  const { data, info } = await sharp(thumbnail).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  assert.deepEqual([info.width, info.height], [160, 320]);
  const pixel = (x: number, y: number) => [...data.subarray((y * info.width + x) * 3, (y * info.width + x) * 3 + 3)];
  const isRed = ([r, g, b]: number[]) => r! > 150 && g! < 80 && b! < 80;
  const isBlue = ([r, g, b]: number[]) => b! > 150 && r! < 80 && g! < 80;
  assert.ok(isRed(pixel(80, 40)), `top is red, not ${pixel(80, 40)}`);
  assert.ok(isBlue(pixel(80, 280)), `bottom is blue, not ${pixel(80, 280)}`);
}
