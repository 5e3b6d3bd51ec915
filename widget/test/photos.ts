// Photos for the widget tests, made in the test: a JPEG drawn on a canvas, and EXIF written here
// byte by byte (independently of widget/photos/exif.ts, whose reader the tests check against it),
// with the tags phones write: orientation, make and model, capture time and a GPS block.

/** TIFF field types and their sizes in bytes. */
const SIZE: Record<number, number> = { 1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 7: 1 };

/** One IFD entry: raw bytes (ASCII, UNDEFINED, BYTE), numbers (SHORT, LONG), fractions (RATIONAL), or a pointer to another IFD by its index. */
export interface TiffEntry {
  tag: number;
  type: 1 | 2 | 3 | 4 | 5 | 7;
  bytes?: number[];
  numbers?: number[];
  rationals?: Array<[number, number]>;
  ifd?: number;
}

const text = (s: string) => [...s].map((c) => c.charCodeAt(0));

export const entry = {
  ascii: (tag: number, value: string): TiffEntry => ({ tag, type: 2, bytes: [...text(value), 0] }),
  short: (tag: number, ...numbers: number[]): TiffEntry => ({ tag, type: 3, numbers }),
  long: (tag: number, ...numbers: number[]): TiffEntry => ({ tag, type: 4, numbers }),
  rational: (tag: number, ...rationals: Array<[number, number]>): TiffEntry => ({ tag, type: 5, rationals }),
  undefined: (tag: number, bytes: number[]): TiffEntry => ({ tag, type: 7, bytes }),
  pointer: (tag: number, ifd: number): TiffEntry => ({ tag, type: 4, ifd }),
};

const countOf = (e: TiffEntry) => e.bytes?.length ?? e.numbers?.length ?? e.rationals?.length ?? 1;

/** A TIFF structure of the IFDs given (the first is IFD0), entries sorted by tag as the format wants. */
export function tiff(ifds: TiffEntry[][], littleEndian = false): Uint8Array {
  const sorted = ifds.map((entries) => [...entries].sort((a, b) => a.tag - b.tag));
  const offsets: number[] = [];
  let at = 8;
  for (const entries of sorted) {
    offsets.push(at);
    at += 2 + entries.length * 12 + 4;
  }
  const dataAt = new Map<TiffEntry, number>();
  for (const e of sorted.flat()) {
    const size = countOf(e) * SIZE[e.type]!;
    if (size <= 4) continue;
    dataAt.set(e, at);
    at += size + (size % 2);
  }
  const out = new Uint8Array(at);
  const view = new DataView(out.buffer);
  const le = littleEndian;
  view.setUint16(0, le ? 0x4949 : 0x4d4d);
  view.setUint16(2, 42, le);
  view.setUint32(4, 8, le);
  sorted.forEach((entries, i) => {
    const base = offsets[i]!;
    view.setUint16(base, entries.length, le);
    entries.forEach((e, j) => {
      const field = base + 2 + j * 12;
      view.setUint16(field, e.tag, le);
      view.setUint16(field + 2, e.type, le);
      view.setUint32(field + 4, countOf(e), le);
      const where = dataAt.get(e) ?? field + 8;
      if (dataAt.has(e)) view.setUint32(field + 8, where, le);
      if (e.ifd !== undefined) view.setUint32(where, offsets[e.ifd]!, le);
      e.bytes?.forEach((b, k) => view.setUint8(where + k, b));
      e.numbers?.forEach((n, k) => (e.type === 3 ? view.setUint16(where + k * 2, n, le) : view.setUint32(where + k * 4, n, le)));
      e.rationals?.forEach(([n, d], k) => {
        view.setUint32(where + k * 8, n, le);
        view.setUint32(where + k * 8 + 4, d, le);
      });
    });
    view.setUint32(base + 2 + entries.length * 12, 0, le);
  });
  return out;
}

/** A place only these tests use, to be looked for in the stored bytes. */
export const GPS_DATUM = 'CLAIMDESK-TEST-DATUM';
export const DEVICE_MODEL = 'ClaimdeskTestPhone 12';

/** EXIF as a phone writes it: orientation, make and model, when (with its offset from UTC) and where. */
export function phoneExif({
  orientation = 1,
  taken = '2026:11:27 09:41:07',
  offset = '+01:00' as string | null,
  gps = true,
  littleEndian = false,
} = {}): Uint8Array {
  const exif = [entry.undefined(0x9000, text('0232')), entry.ascii(0x9003, taken), entry.ascii(0x9004, taken), ...(offset ? [entry.ascii(0x9011, offset)] : [])];
  const place = [
    entry.ascii(0x0001, 'N'),
    entry.rational(0x0002, [40, 1], [25, 1], [1234, 100]),
    entry.ascii(0x0003, 'W'),
    entry.rational(0x0004, [3, 1], [42, 1], [5678, 100]),
    entry.ascii(0x0012, GPS_DATUM),
  ];
  const ifd0 = [
    entry.ascii(0x010f, 'Claimdesk'),
    entry.ascii(0x0110, DEVICE_MODEL),
    entry.short(0x0112, orientation),
    entry.pointer(0x8769, 1),
    ...(gps ? [entry.pointer(0x8825, 2)] : []),
  ];
  return tiff(gps ? [ifd0, exif, place] : [ifd0, exif], littleEndian);
}

/** A JPEG APP1 segment holding `body` after "Exif\0\0". */
export function exifSegment(body: Uint8Array): Uint8Array {
  const length = 2 + 6 + body.length;
  return new Uint8Array([0xff, 0xe1, length >> 8, length & 0xff, ...text('Exif\0\0'), ...body]);
}

/** A JPEG APP1 segment holding an XMP packet. */
export function xmpSegment(xml: string): Uint8Array {
  const body = [...text('http://ns.adobe.com/xap/1.0/\0'), ...new TextEncoder().encode(xml)];
  const length = 2 + body.length;
  return new Uint8Array([0xff, 0xe1, length >> 8, length & 0xff, ...body]);
}

/** The JPEG with segments put right after its start (and its JFIF APP0, when it has one). */
export function withSegments(jpeg: Uint8Array, ...segments: Uint8Array[]): Uint8Array {
  const at = jpeg[2] === 0xff && jpeg[3] === 0xe0 ? 4 + ((jpeg[4]! << 8) | jpeg[5]!) : 2;
  const parts = [jpeg.subarray(0, at), ...segments, jpeg.subarray(at)];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let i = 0;
  for (const part of parts) {
    out.set(part, i);
    i += part.length;
  }
  return out;
}

/**
 * A JPEG of `width` × `height` drawn on a canvas: a gradient, and a red square in the top-left
 * corner (so where the top-left went after a rotation can be seen).
 */
export async function canvasJpeg(width: number, height: number, quality = 0.92): Promise<Uint8Array> {
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d')!;
  const gradient = context.createLinearGradient(0, 0, width, height);
  gradient.addColorStop(0, '#1e3a8a');
  gradient.addColorStop(1, '#f59e0b');
  context.fillStyle = gradient;
  context.fillRect(0, 0, width, height);
  context.fillStyle = '#ff0000';
  context.fillRect(0, 0, Math.round(width / 8), Math.round(height / 8));
  const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality });
  return new Uint8Array(await blob.arrayBuffer());
}

/** Whether `needle` occurs in `bytes`. */
export function contains(bytes: Uint8Array, needle: string): boolean {
  const pattern = text(needle);
  outer: for (let i = 0; i + pattern.length <= bytes.length; i++) {
    for (let j = 0; j < pattern.length; j++) if (bytes[i + j] !== pattern[j]) continue outer;
    return true;
  }
  return false;
}

/** The hex SHA-256 of some bytes, as the API gives each file's. */
export async function sha256(bytes: Uint8Array): Promise<string> {
  return [...new Uint8Array(await crypto.subtle.digest('SHA-256', bytes.slice()))].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** The colour of one pixel of an image, as [r, g, b]. */
export async function pixel(image: Blob, x: number, y: number): Promise<[number, number, number]> {
  const bitmap = await createImageBitmap(image);
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const context = canvas.getContext('2d')!;
  context.drawImage(bitmap, 0, 0);
  const [r, g, b] = context.getImageData(x, y, 1, 1).data;
  return [r!, g!, b!];
}
