// Just enough of JPEG, TIFF and EXIF to prepare a photo for upload: where its metadata says it
// was taken (GPS) and when (DateTimeOriginal, OffsetTimeOriginal), its pixel size and rotation,
// and a minimal EXIF segment carrying the capture time alone into the re-encoded copy.
//
// The bytes come from whoever made the file, so every read is bounds-checked against the segment
// it belongs to, each IFD is visited once (an offset pointing back cannot loop), and nothing here
// throws: what cannot be read is absent. A photo whose metadata cannot be read to its end is
// taken to carry a location, so it is re-encoded rather than sent as it is.

/** When a photo was taken, as its camera wrote it. */
export interface CaptureTime {
  /** Local time at the place, "YYYY:MM:DD HH:MM:SS" (EXIF's own format). */
  dateTimeOriginal: string;
  /** That place's offset from UTC, "+02:00", when the camera wrote it. */
  offsetTimeOriginal: string | null;
}

/** What a photo's EXIF (a TIFF structure) says. */
export interface ExifFacts {
  /** EXIF Orientation, 1–8; 1 when absent or not one of those. */
  orientation: number;
  captureTime: CaptureTime | null;
  /** Whether it has a GPS IFD (valid or not: its presence is enough to leave it behind). */
  gps: boolean;
}

/** What a JPEG's header says, up to its first scan. */
export interface JpegFacts extends ExifFacts {
  /** The frame's size as stored, before any rotation EXIF asks for; 0 when no frame header was read. */
  width: number;
  height: number;
  /**
   * Whether it may say where it was taken: a GPS IFD in its EXIF, a location in its XMP, or
   * metadata that could not be read to the image data (truncated, malformed, or beyond the bytes
   * given), which might hold either.
   */
  location: boolean;
}

const NO_EXIF: ExifFacts = { orientation: 1, captureTime: null, gps: false };

const TAG_ORIENTATION = 0x0112;
const TAG_EXIF_IFD = 0x8769;
const TAG_GPS_IFD = 0x8825;
const TAG_EXIF_VERSION = 0x9000;
const TAG_DATE_TIME_ORIGINAL = 0x9003;
const TAG_OFFSET_TIME_ORIGINAL = 0x9011;

const TYPE_ASCII = 2;
const TYPE_SHORT = 3;
const TYPE_LONG = 4;
const TYPE_UNDEFINED = 7;
const TYPE_IFD = 13;

/** More entries than any camera writes in one IFD: a count above it is garbage, not metadata. */
const MAX_ENTRIES = 1000;

const EXIF_HEADER = [0x45, 0x78, 0x69, 0x66, 0, 0]; // "Exif\0\0"

const startsWith = (bytes: Uint8Array, at: number, prefix: readonly number[]) =>
  at + prefix.length <= bytes.length && prefix.every((byte, i) => bytes[at + i] === byte);

const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

const DATE_TIME = /^(\d{4}):(\d{2}):(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;
const OFFSET = /^[+-](\d{2}):(\d{2})$/;

/** A DateTimeOriginal as EXIF writes it, with every field in range; cameras that do not know write spaces or zeros. */
function validDateTime(text: string): boolean {
  const m = DATE_TIME.exec(text);
  if (!m) return false;
  const [year, month, day, hour, minute, second] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  return year >= 1900 && month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour <= 23 && minute <= 59 && second <= 60;
}

function validOffset(text: string): boolean {
  const m = OFFSET.exec(text);
  return !!m && Number(m[1]) <= 14 && Number(m[2]) <= 59;
}

interface Entry {
  type: number;
  count: number;
  /** Where the entry's 4-byte value field is, from the TIFF header. */
  field: number;
}

/**
 * Reads the EXIF facts of a TIFF structure: `bytes[start, end)` (an APP1's body after "Exif\0\0",
 * or a HEIF/WebP Exif item). Never throws; what cannot be read is absent.
 */
export function readTiff(bytes: Uint8Array, start = 0, end = bytes.length): ExifFacts {
  try {
    return parseTiff(bytes, start, Math.min(end, bytes.length));
  } catch {
    // Every read below is checked; this is the promise kept should one have been missed.
    return { ...NO_EXIF };
  }
}

function parseTiff(bytes: Uint8Array, start: number, end: number): ExifFacts {
  const size = end - start;
  if (start < 0 || size < 8) return { ...NO_EXIF };
  const view = new DataView(bytes.buffer, bytes.byteOffset + start, size);
  const order = view.getUint16(0);
  if (order !== 0x4949 && order !== 0x4d4d) return { ...NO_EXIF };
  const little = order === 0x4949;
  const u16 = (at: number) => (at >= 0 && at + 2 <= size ? view.getUint16(at, little) : -1);
  const u32 = (at: number) => (at >= 0 && at + 4 <= size ? view.getUint32(at, little) : -1);
  if (u16(2) !== 42) return { ...NO_EXIF };

  const visited = new Set<number>();
  /** The entries of the IFD at `offset`, as many as lie within the structure; null for an offset out of it or seen before. */
  const ifd = (offset: number): Map<number, Entry> | null => {
    if (offset < 8 || offset + 2 > size || visited.has(offset)) return null;
    visited.add(offset);
    const declared = u16(offset);
    const fits = Math.floor((size - offset - 2) / 12);
    const count = Math.min(declared, fits, MAX_ENTRIES);
    const entries = new Map<number, Entry>();
    for (let i = 0; i < count; i++) {
      const at = offset + 2 + i * 12;
      const tag = u16(at);
      if (!entries.has(tag)) entries.set(tag, { type: u16(at + 2), count: u32(at + 4), field: at + 8 });
    }
    return entries;
  };

  /** An ASCII value up to its first NUL, or null when it lies outside the structure. */
  const text = (entry: Entry | undefined): string | null => {
    if (!entry || entry.type !== TYPE_ASCII || entry.count < 1 || entry.count > 64) return null;
    const at = entry.count <= 4 ? entry.field : u32(entry.field);
    if (at < 0 || at + entry.count > size) return null;
    let value = '';
    for (let i = 0; i < entry.count; i++) {
      const byte = bytes[start + at + i]!;
      if (byte === 0) break;
      value += String.fromCharCode(byte);
    }
    return value.trim();
  };

  const pointer = (entry: Entry | undefined): number =>
    entry && (entry.type === TYPE_LONG || entry.type === TYPE_IFD) && entry.count === 1 ? u32(entry.field) : -1;

  const ifd0 = ifd(u32(4));
  if (!ifd0) return { ...NO_EXIF };
  const orientationEntry = ifd0.get(TAG_ORIENTATION);
  const orientationValue = orientationEntry?.type === TYPE_SHORT && orientationEntry.count >= 1 ? u16(orientationEntry.field) : 1;
  const orientation = orientationValue >= 1 && orientationValue <= 8 ? orientationValue : 1;

  const exif = ifd(pointer(ifd0.get(TAG_EXIF_IFD)));
  const taken = text(exif?.get(TAG_DATE_TIME_ORIGINAL));
  const offset = text(exif?.get(TAG_OFFSET_TIME_ORIGINAL));
  const captureTime = taken && validDateTime(taken) ? { dateTimeOriginal: taken, offsetTimeOriginal: offset && validOffset(offset) ? offset : null } : null;
  return { orientation, captureTime, gps: ifd0.has(TAG_GPS_IFD) };
}

const XMP_HEADERS = [ascii('http://ns.adobe.com/xap/1.0/\0'), ascii('http://ns.adobe.com/xmp/extension/\0')];
const XMP_LOCATION = /GPS(Latitude|Longitude|Altitude)|LocationShown|LocationCreated/;

/** Whether an XMP packet in `bytes[start, end)` names a place. */
function xmpLocation(bytes: Uint8Array, start: number, end: number): boolean {
  let text = '';
  // Latin-1 is enough to find ASCII names, and cannot fail on bytes that are not UTF-8.
  for (let i = start; i < end; i += 8192) text += String.fromCharCode(...bytes.subarray(i, Math.min(end, i + 8192)));
  return XMP_LOCATION.test(text);
}

/** Start-of-frame markers (SOF0–SOF15 but DHT, JPG and DAC): they carry the image's size. */
const isFrame = (marker: number) => marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;

/**
 * Reads a JPEG's header, from its start up to the first scan: null when the bytes are not a JPEG.
 * `bytes` may be the file's first part only; metadata that runs past it counts as unread (and
 * so as a possible location). Never throws.
 */
export function readJpeg(bytes: Uint8Array): JpegFacts | null {
  if (bytes.length < 3 || bytes[0] !== 0xff || bytes[1] !== 0xd8 || bytes[2] !== 0xff) return null;
  const facts: JpegFacts = { ...NO_EXIF, width: 0, height: 0, location: false };
  let exifRead = false;
  let at = 2;
  let complete = false;
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) break;
    const marker = bytes[at + 1]!;
    // Fill bytes before a marker; markers that stand alone, with no length.
    if (marker === 0xff) {
      at += 1;
      continue;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8)) {
      at += 2;
      continue;
    }
    if (marker === 0xd9) break;
    if (marker === 0xda) {
      complete = true;
      break;
    }
    const length = (bytes[at + 2]! << 8) | bytes[at + 3]!;
    const start = at + 4;
    const end = at + 2 + length;
    if (length < 2 || end > bytes.length) break;
    if (marker === 0xe1 && startsWith(bytes, start, EXIF_HEADER)) {
      // The first EXIF segment is the photo's; a second one (rare) is only looked at for GPS.
      const exif = readTiff(bytes, start + EXIF_HEADER.length, end);
      if (!exifRead) Object.assign(facts, exif);
      facts.gps ||= exif.gps;
      exifRead = true;
    } else if (marker === 0xe1 && XMP_HEADERS.some((header) => startsWith(bytes, start, header))) {
      facts.location ||= xmpLocation(bytes, start, end);
    } else if (isFrame(marker) && length >= 7) {
      facts.height = (bytes[start + 1]! << 8) | bytes[start + 2]!;
      facts.width = (bytes[start + 3]! << 8) | bytes[start + 4]!;
    }
    at = end;
  }
  facts.location ||= facts.gps || !complete;
  return facts;
}

/**
 * The EXIF facts of a HEIF/HEIC file, from the first Exif item among `bytes` (its first part will
 * do: phones write the item before the image data). Its boxes are not walked: the item's
 * "Exif\0\0" header is looked for, and what follows is read only if it is a whole TIFF header.
 * Never throws.
 */
export function readHeifExif(bytes: Uint8Array): ExifFacts {
  for (let at = bytes.indexOf(0x45); at >= 0 && at + 14 <= bytes.length; at = bytes.indexOf(0x45, at + 1)) {
    if (!startsWith(bytes, at, EXIF_HEADER)) continue;
    const facts = readTiff(bytes, at + EXIF_HEADER.length);
    if (facts.captureTime || facts.gps) return facts;
  }
  return { ...NO_EXIF };
}

/** What a WebP's chunks say: its EXIF, and whether it may say where it was taken (as JpegFacts.location). */
export function readWebp(bytes: Uint8Array): (ExifFacts & { location: boolean }) | null {
  if (!startsWith(bytes, 0, ascii('RIFF')) || !startsWith(bytes, 8, ascii('WEBP'))) return null;
  const facts = { ...NO_EXIF, location: false };
  // The RIFF header says where the file ends: read to there, or the file was cut short.
  const riffEnd = 8 + ((bytes[4]! | (bytes[5]! << 8) | (bytes[6]! << 16) | (bytes[7]! << 24)) >>> 0);
  const end = Math.min(riffEnd, bytes.length);
  let at = 12;
  while (at + 8 <= end) {
    const size = (bytes[at + 4]! | (bytes[at + 5]! << 8) | (bytes[at + 6]! << 16) | (bytes[at + 7]! << 24)) >>> 0;
    const start = at + 8;
    const stop = start + size;
    if (stop > end) break;
    if (startsWith(bytes, at, ascii('EXIF'))) {
      Object.assign(facts, readTiff(bytes, startsWith(bytes, start, EXIF_HEADER) ? start + EXIF_HEADER.length : start, stop));
    } else if (startsWith(bytes, at, ascii('XMP '))) {
      facts.location ||= xmpLocation(bytes, start, stop);
    }
    // Chunks are padded to an even size.
    at = stop + (size % 2);
  }
  const complete = riffEnd <= bytes.length && at >= riffEnd;
  facts.location ||= facts.gps || !complete;
  return facts;
}

/**
 * A JPEG APP1 segment holding a minimal EXIF: the Exif IFD alone, with ExifVersion, the capture
 * time and its offset from UTC when known. Nothing else — no place, no device, no orientation
 * (the pixels it goes with are already turned upright).
 */
export function captureTimeSegment(time: CaptureTime): Uint8Array {
  const values: Array<{ tag: number; type: number; bytes: number[] }> = [
    { tag: TAG_EXIF_VERSION, type: TYPE_UNDEFINED, bytes: ascii('0232') },
    { tag: TAG_DATE_TIME_ORIGINAL, type: TYPE_ASCII, bytes: [...ascii(time.dateTimeOriginal), 0] },
    ...(time.offsetTimeOriginal ? [{ tag: TAG_OFFSET_TIME_ORIGINAL, type: TYPE_ASCII, bytes: [...ascii(time.offsetTimeOriginal), 0] }] : []),
  ];
  // Big-endian TIFF: header (8), IFD0 with one entry pointing at the Exif IFD (2 + 12 + 4), the
  // Exif IFD (2 + 12 per entry + 4), then the values longer than 4 bytes, each at an even offset.
  const exifIfd = 8 + 2 + 12 + 4;
  let data = exifIfd + 2 + values.length * 12 + 4;
  const placed = values.map((value) => {
    if (value.bytes.length <= 4) return { ...value, at: -1 };
    const at = data;
    data += value.bytes.length + (value.bytes.length % 2);
    return { ...value, at };
  });
  const tiff = new Uint8Array(data);
  const view = new DataView(tiff.buffer);
  view.setUint16(0, 0x4d4d);
  view.setUint16(2, 42);
  view.setUint32(4, 8);
  view.setUint16(8, 1);
  view.setUint16(10, TAG_EXIF_IFD);
  view.setUint16(12, TYPE_LONG);
  view.setUint32(14, 1);
  view.setUint32(18, exifIfd);
  view.setUint32(22, 0);
  view.setUint16(exifIfd, placed.length);
  placed.forEach((value, i) => {
    const entry = exifIfd + 2 + i * 12;
    view.setUint16(entry, value.tag);
    view.setUint16(entry + 2, value.type);
    view.setUint32(entry + 4, value.bytes.length);
    if (value.at < 0) tiff.set(value.bytes, entry + 8);
    else {
      view.setUint32(entry + 8, value.at);
      tiff.set(value.bytes, value.at);
    }
  });
  view.setUint32(exifIfd + 2 + placed.length * 12, 0);

  const length = 2 + EXIF_HEADER.length + tiff.length;
  const segment = new Uint8Array(2 + length);
  segment.set([0xff, 0xe1, length >> 8, length & 0xff, ...EXIF_HEADER]);
  segment.set(tiff, 4 + EXIF_HEADER.length);
  return segment;
}

/**
 * The JPEG with `segment` added after its start (and after a JFIF APP0 there, which readers
 * expect first). For a JPEG a canvas wrote, which carries no EXIF of its own. A `jpeg` that is
 * not one comes back as it is.
 */
export function withSegment(jpeg: Uint8Array, segment: Uint8Array): Uint8Array {
  if (jpeg.length < 4 || jpeg[0] !== 0xff || jpeg[1] !== 0xd8) return jpeg;
  let at = 2;
  if (jpeg[2] === 0xff && jpeg[3] === 0xe0 && jpeg.length >= 6) {
    const end = 4 + ((jpeg[4]! << 8) | jpeg[5]!);
    if (end <= jpeg.length) at = end;
  }
  const out = new Uint8Array(jpeg.length + segment.length);
  out.set(jpeg.subarray(0, at));
  out.set(segment, at);
  out.set(jpeg.subarray(at), at + segment.length);
  return out;
}
