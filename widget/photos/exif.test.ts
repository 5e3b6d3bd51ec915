import { expect } from '@open-wc/testing';
import { captureTimeSegment, readHeifExif, readJpeg, readTiff, readWebp, withSegment } from './exif.ts';
import { canvasJpeg, contains, entry, exifSegment, phoneExif, tiff, xmpSegment, DEVICE_MODEL, GPS_DATUM } from '../test/photos.ts';
import '../test/helpers.ts';

/** The start of a JPEG — start, the segments given, a frame header of width × height, a scan — enough for the reader, which stops at the scan. */
function jpegHead(width: number, height: number, ...segments: Uint8Array[]): Uint8Array {
  const frame = [0xff, 0xc0, 0, 11, 8, height >> 8, height & 0xff, width >> 8, width & 0xff, 1, 1, 0x11, 0];
  const scan = [0xff, 0xda, 0, 8, 1, 1, 0, 0, 63, 0, 0x12, 0x34];
  const parts = [new Uint8Array([0xff, 0xd8]), ...segments, new Uint8Array(frame), new Uint8Array(scan)];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** Every way of cutting and corrupting `bytes` a little, as a file damaged in transit or made to hurt would be. */
function* damaged(bytes: Uint8Array): Generator<Uint8Array> {
  for (let cut = 0; cut < bytes.length; cut += 7) yield bytes.subarray(0, cut);
  // A deterministic walk (no Math.random: a failure must show again).
  let seed = 42;
  const next = () => (seed = (seed * 1103515245 + 12345) >>> 0);
  for (let round = 0; round < 2000; round++) {
    const copy = bytes.slice();
    for (let flips = 1 + (next() % 6); flips > 0; flips--) copy[next() % copy.length] = next() & 0xff;
    yield copy;
  }
}

describe('EXIF', () => {
  describe('readJpeg', () => {
    it('reads orientation, capture time with its offset, GPS and the frame size, in either byte order', () => {
      for (const littleEndian of [false, true]) {
        const facts = readJpeg(jpegHead(4000, 3000, exifSegment(phoneExif({ orientation: 6, littleEndian }))));
        expect(facts, littleEndian ? 'II' : 'MM').to.deep.equal({
          orientation: 6,
          captureTime: { dateTimeOriginal: '2026:11:27 09:41:07', offsetTimeOriginal: '+01:00' },
          gps: true,
          width: 4000,
          height: 3000,
          location: true,
        });
      }
    });

    it('says no location for a photo with neither GPS nor an XMP place, and reads a capture time without its offset', () => {
      const facts = readJpeg(jpegHead(800, 600, exifSegment(phoneExif({ gps: false, offset: null }))));
      expect(facts).to.deep.include({ gps: false, location: false, orientation: 1, width: 800, height: 600 });
      expect(facts!.captureTime).to.deep.equal({ dateTimeOriginal: '2026:11:27 09:41:07', offsetTimeOriginal: null });
      expect(readJpeg(jpegHead(10, 20))).to.deep.equal({ orientation: 1, captureTime: null, gps: false, width: 10, height: 20, location: false });
    });

    it('finds a place in the XMP too', () => {
      const xmp = '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF><rdf:Description exif:GPSLatitude="40,25.2N"/></rdf:RDF></x:xmpmeta>';
      expect(readJpeg(jpegHead(10, 10, xmpSegment(xmp)))).to.deep.include({ gps: false, location: true });
      expect(readJpeg(jpegHead(10, 10, xmpSegment('<x:xmpmeta><rdf:Description xmp:CreatorTool="x"/></x:xmpmeta>')))).to.deep.include({ location: false });
    });

    it('takes metadata it could not read to the image data as a possible location: cut short, or past the bytes given', () => {
      const whole = jpegHead(4000, 3000, exifSegment(phoneExif({ gps: false })));
      expect(readJpeg(whole)!.location).to.equal(false);
      const cut = readJpeg(whole.subarray(0, 60));
      expect(cut!.location).to.equal(true);
      // A segment whose length runs past the end.
      const broken = jpegHead(10, 10, new Uint8Array([0xff, 0xe1, 0xff, 0xff, 1, 2, 3]));
      expect(readJpeg(broken)!.location).to.equal(true);
    });

    it('is null for what is not a JPEG', () => {
      expect(readJpeg(new Uint8Array([0x89, 0x50, 0x4e, 0x47]))).to.equal(null);
      expect(readJpeg(new Uint8Array([]))).to.equal(null);
    });

    it('ignores capture times that are not dates and orientations that are not 1–8', () => {
      for (const taken of ['    :  :     :  :  ', '0000:00:00 00:00:00', '2026:13:01 10:00:00', '2026-11-27 09:41:07', '2026:11:27 09:41']) {
        const facts = readJpeg(jpegHead(10, 10, exifSegment(phoneExif({ taken, gps: false }))));
        expect(facts!.captureTime, taken).to.equal(null);
      }
      const offset = readJpeg(jpegHead(10, 10, exifSegment(phoneExif({ offset: '+99:00', gps: false }))));
      expect(offset!.captureTime).to.deep.equal({ dateTimeOriginal: '2026:11:27 09:41:07', offsetTimeOriginal: null });
      expect(readJpeg(jpegHead(10, 10, exifSegment(phoneExif({ orientation: 9 }))))!.orientation).to.equal(1);
    });
  });

  describe('hostile bytes', () => {
    it('reads IFDs that loop (an IFD pointing at itself, the Exif IFD back at IFD0) once, without hanging', () => {
      // IFD0's Exif pointer names IFD0 itself; its GPS pointer names the Exif IFD, which points back.
      const loop = tiff([[entry.short(0x0112, 3), entry.pointer(0x8769, 0), entry.pointer(0x8825, 1)], [entry.pointer(0x8769, 0), entry.ascii(0x9003, '2026:11:27 09:41:07')]]);
      expect(readTiff(loop)).to.deep.equal({ orientation: 3, captureTime: null, gps: true });
    });

    it('reads a truncated IFD as far as it goes, and no offset out of the structure', () => {
      const good = phoneExif({ gps: false });
      // IFD0 claims 65535 entries; the structure holds far fewer.
      const many = good.slice();
      new DataView(many.buffer).setUint16(8, 0xffff);
      expect(() => readTiff(many)).not.to.throw();
      // IFD0 at an offset past the end; the Exif IFD and a value at offsets past it.
      const far = good.slice();
      new DataView(far.buffer).setUint32(4, 0xfffffff0);
      expect(readTiff(far)).to.deep.equal({ orientation: 1, captureTime: null, gps: false });
      const exifFar = tiff([[entry.long(0x8769, 0x7fffffff)]]);
      expect(readTiff(exifFar).captureTime).to.equal(null);
      // A DateTimeOriginal of 20 characters whose offset lies past the end.
      const valueFar = new Uint8Array(26 + 18);
      const view = new DataView(valueFar.buffer);
      view.setUint16(0, 0x4d4d);
      view.setUint16(2, 42);
      view.setUint32(4, 8);
      view.setUint16(8, 1);
      view.setUint16(10, 0x8769);
      view.setUint16(12, 4);
      view.setUint32(14, 1);
      view.setUint32(18, 26);
      view.setUint16(26, 1);
      view.setUint16(28, 0x9003);
      view.setUint16(30, 2);
      view.setUint32(32, 20);
      view.setUint32(36, 0xfffffff0);
      expect(readTiff(valueFar)).to.deep.equal({ orientation: 1, captureTime: null, gps: false });
      view.setUint32(36, 30);
      expect(readTiff(valueFar).captureTime, 'a value running past the end').to.equal(null);
      // Cut in the middle of an entry.
      expect(readTiff(good.subarray(0, 20))).to.deep.equal({ orientation: 1, captureTime: null, gps: false });
    });

    it('never throws on damaged bytes, cut anywhere or with bytes changed', () => {
      const segment = exifSegment(phoneExif({ orientation: 6 }));
      const head = jpegHead(4000, 3000, segment);
      let read = 0;
      for (const bytes of damaged(head)) {
        readJpeg(bytes);
        readTiff(bytes, 10);
        readHeifExif(bytes);
        readWebp(bytes);
        read++;
      }
      expect(read).to.be.greaterThan(2000);
    });
  });

  describe('the capture-time segment', () => {
    it('holds the capture time alone, read back as written, and is put after the JFIF header', async () => {
      const jpeg = await canvasJpeg(64, 48);
      expect([jpeg[2], jpeg[3]], 'a canvas JPEG starts with JFIF').to.deep.equal([0xff, 0xe0]);
      const segment = captureTimeSegment({ dateTimeOriginal: '2026:11:27 09:41:07', offsetTimeOriginal: '-03:00' });
      expect((segment[2]! << 8) | segment[3]!, 'its length field').to.equal(segment.length - 2);
      const out = withSegment(jpeg, segment);
      expect(out.length).to.equal(jpeg.length + segment.length);
      const jfifEnd = 4 + ((jpeg[4]! << 8) | jpeg[5]!);
      expect([...out.subarray(jfifEnd, jfifEnd + 2)]).to.deep.equal([0xff, 0xe1]);
      expect(readJpeg(out)).to.deep.equal({
        orientation: 1,
        captureTime: { dateTimeOriginal: '2026:11:27 09:41:07', offsetTimeOriginal: '-03:00' },
        gps: false,
        width: 64,
        height: 48,
        location: false,
      });
      // Still an image a browser decodes.
      const bitmap = await createImageBitmap(new Blob([out as BlobPart], { type: 'image/jpeg' }));
      expect([bitmap.width, bitmap.height]).to.deep.equal([64, 48]);
    });

    it('writes no offset when the camera gave none, and nothing of the device or the place', () => {
      const segment = captureTimeSegment({ dateTimeOriginal: '2026:01:02 03:04:05', offsetTimeOriginal: null });
      expect(readTiff(segment, 10)).to.deep.equal({ orientation: 1, captureTime: { dateTimeOriginal: '2026:01:02 03:04:05', offsetTimeOriginal: null }, gps: false });
      expect(contains(segment, DEVICE_MODEL) || contains(segment, GPS_DATUM)).to.equal(false);
    });

    it('leaves what is not a JPEG as it is', () => {
      const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
      expect(withSegment(png, captureTimeSegment({ dateTimeOriginal: '2026:01:02 03:04:05', offsetTimeOriginal: null }))).to.equal(png);
    });
  });

  describe('other containers', () => {
    it('finds the Exif item of a HEIF among its first bytes', () => {
      const before = new TextEncoder().encode('\0\0\0\x18ftypheic\0\0\0\0mif1heic....meta....');
      const heif = new Uint8Array([...before, ...new TextEncoder().encode('Exif\0\0'), ...phoneExif({ orientation: 6 })]);
      expect(readHeifExif(heif)).to.deep.equal({ orientation: 6, captureTime: { dateTimeOriginal: '2026:11:27 09:41:07', offsetTimeOriginal: '+01:00' }, gps: true });
      expect(readHeifExif(before)).to.deep.equal({ orientation: 1, captureTime: null, gps: false });
    });

    it('reads a WebP’s EXIF chunk and says where it may be; a WebP cut short may say anything', () => {
      const exif = phoneExif({ littleEndian: true });
      const chunk = (id: string, body: Uint8Array) => {
        const size = body.length;
        return [...new TextEncoder().encode(id), size & 0xff, (size >> 8) & 0xff, (size >> 16) & 0xff, size >>> 24, ...body, ...(size % 2 ? [0] : [])];
      };
      const chunks = [...chunk('VP8X', new Uint8Array(10)), ...chunk('EXIF', exif)];
      const riffSize = 4 + chunks.length;
      const webp = new Uint8Array([...new TextEncoder().encode('RIFF'), riffSize & 0xff, (riffSize >> 8) & 0xff, (riffSize >> 16) & 0xff, riffSize >>> 24, ...new TextEncoder().encode('WEBP'), ...chunks]);
      expect(readWebp(webp)).to.deep.equal({ orientation: 1, captureTime: { dateTimeOriginal: '2026:11:27 09:41:07', offsetTimeOriginal: '+01:00' }, gps: true, location: true });
      const withoutGps = phoneExif({ gps: false, littleEndian: true });
      const plain = [...chunk('VP8X', new Uint8Array(10)), ...chunk('EXIF', withoutGps)];
      const plainSize = 4 + plain.length;
      const clean = new Uint8Array([...new TextEncoder().encode('RIFF'), plainSize & 0xff, (plainSize >> 8) & 0xff, 0, 0, ...new TextEncoder().encode('WEBP'), ...plain]);
      expect(readWebp(clean)!.location).to.equal(false);
      expect(readWebp(clean.subarray(0, 30))!.location).to.equal(true);
      expect(readWebp(new Uint8Array(16))).to.equal(null);
    });
  });
});
