import { expect } from '@open-wc/testing';
import { preparePhoto } from './prepare-photo.ts';
import { readJpeg } from './exif.ts';
import { canvasJpeg, contains, entry, exifSegment, phoneExif, pixel, tiff, withSegments, xmpSegment, DEVICE_MODEL, GPS_DATUM } from '../test/photos.ts';
import '../test/helpers.ts';

const file = (bytes: Uint8Array, name = 'IMG_0042.jpg', type = 'image/jpeg') => new File([bytes as BlobPart], name, { type });
const bytesOf = async (blob: Blob) => new Uint8Array(await blob.arrayBuffer());
const sizeOf = async (blob: Blob) => {
  const bitmap = await createImageBitmap(blob);
  return [bitmap.width, bitmap.height];
};

/** Counts the workers started, and their answers, while `run` runs. */
async function countingWorkers<T>(run: () => Promise<T>): Promise<{ result: T; started: number; answers: number }> {
  const Original = globalThis.Worker;
  let started = 0;
  let answers = 0;
  globalThis.Worker = class extends Original {
    constructor(url: string | URL, options?: WorkerOptions) {
      super(url, options);
      started++;
      this.addEventListener('message', (e: MessageEvent<{ rendered?: unknown }>) => (answers += e.data.rendered ? 1 : 0));
    }
  };
  try {
    return { result: await run(), started, answers };
  } finally {
    globalThis.Worker = Original;
  }
}

describe('preparePhoto', () => {
  let phone: Uint8Array;
  before(async () => {
    // A 12 MP phone photo taken with the phone turned (Orientation 6: shown turned 90° clockwise), with GPS.
    phone = withSegments(await canvasJpeg(4000, 3000), exifSegment(phoneExif({ orientation: 6 })));
  });

  it('scales a 12 MP photo to the long edge, upright, in a worker, keeping the capture time and nothing else', async () => {
    const { result: prepared, started, answers } = await countingWorkers(() => preparePhoto(file(phone), 2560));
    expect([started, answers], 'rendered in a worker').to.deep.equal([1, 1]);
    expect(prepared).to.not.equal(phone);
    expect([prepared.name, prepared.type]).to.deep.equal(['IMG_0042.jpg', 'image/jpeg']);
    expect(prepared.size).to.be.lessThan(phone.length);
    const bytes = await bytesOf(prepared);
    const facts = readJpeg(bytes)!;
    // Turned: 3000 × 4000 as seen, scaled to 1920 × 2560, stored upright with no orientation to apply.
    expect([facts.width, facts.height]).to.deep.equal([1920, 2560]);
    expect(facts).to.deep.include({ orientation: 1, gps: false, location: false });
    expect(facts.captureTime).to.deep.equal({ dateTimeOriginal: '2026:11:27 09:41:07', offsetTimeOriginal: '+01:00' });
    expect(contains(bytes, GPS_DATUM) || contains(bytes, DEVICE_MODEL)).to.equal(false);
    // The red corner, top left as taken, is top right once turned clockwise.
    const [r, g, b] = await pixel(prepared, 1920 - 40, 40);
    expect(r).to.be.greaterThan(200);
    expect(g + b).to.be.lessThan(80);
  });

  it('renders on the page as well, where workers are out', async () => {
    const { result: prepared, started } = await countingWorkers(() => preparePhoto(file(phone), 2560, { worker: false }));
    expect(started).to.equal(0);
    expect(await sizeOf(prepared)).to.deep.equal([1920, 2560]);
    expect(readJpeg(await bytesOf(prepared))).to.deep.include({ gps: false, orientation: 1 });
  });

  it('follows the edge it is given', async () => {
    const prepared = await preparePhoto(file(phone), 1000);
    expect(await sizeOf(prepared)).to.deep.equal([750, 1000]);
  });

  it('sends a photo that fits and says nothing of where it was taken as it is', async () => {
    const small = file(withSegments(await canvasJpeg(1600, 1200), exifSegment(phoneExif({ gps: false }))));
    expect(await preparePhoto(small, 2560)).to.equal(small);
    const bare = file(await canvasJpeg(800, 600));
    expect(await preparePhoto(bare, 2560)).to.equal(bare);
  });

  it('re-encodes a photo that fits when it says where it was taken, GPS or XMP, even when that is not smaller', async () => {
    // Tiny and flat: re-encoding at 0.85 with the segment added makes no saving.
    const tiny = await canvasJpeg(32, 24, 0.5);
    for (const where of [exifSegment(phoneExif()), xmpSegment('<x:xmpmeta><rdf:Description exif:GPSLongitude="3,42.9W"/></x:xmpmeta>')]) {
      const original = file(withSegments(tiny, where));
      const prepared = await preparePhoto(original, 2560);
      expect(prepared).to.not.equal(original);
      const bytes = await bytesOf(prepared);
      expect(readJpeg(bytes)).to.deep.include({ gps: false, location: false, width: 32, height: 24 });
      expect(contains(bytes, GPS_DATUM) || contains(bytes, 'GPSLongitude')).to.equal(false);
    }
  });

  it('leaves a PNG that fits as it is, and scales one that does not, as PNG', async () => {
    const png = async (width: number, height: number) => {
      const canvas = new OffscreenCanvas(width, height);
      const context = canvas.getContext('2d')!;
      context.fillStyle = '#0f766e';
      context.fillRect(0, 0, width, height);
      context.fillStyle = '#fff';
      context.fillText('Pedido 4711', 10, 20);
      return file(await bytesOf(await canvas.convertToBlob({ type: 'image/png' })), 'captura.png', 'image/png');
    };
    const screenshot = await png(1170, 2532);
    expect(await preparePhoto(screenshot, 2560)).to.equal(screenshot);
    const wide = await png(5120, 1440);
    const prepared = await preparePhoto(wide, 2560);
    expect([prepared.name, prepared.type]).to.deep.equal(['captura.png', 'image/png']);
    expect(await sizeOf(prepared)).to.deep.equal([2560, 720]);
  });

  it('sends what the browser cannot decode as it was chosen: a HEIC here (Chromium has no HEVC), a broken JPEG', async () => {
    const heic = file(new Uint8Array([0, 0, 0, 0x18, ...new TextEncoder().encode('ftypheic'), 0, 0, 0, 0, ...new TextEncoder().encode('mif1heic'), ...new Uint8Array(4000)]), 'IMG_0001.HEIC', '');
    expect(await preparePhoto(heic, 2560)).to.equal(heic);
    const broken = file(withSegments(phone.slice(0, 3000), exifSegment(phoneExif())));
    expect(await preparePhoto(broken, 2560)).to.equal(broken);
  });

  it('prepares a photo whose EXIF is hostile: an IFD claiming 65,535 entries, a GPS pointer out of range, IFDs in a loop', async () => {
    const many = phoneExif({ orientation: 6 });
    new DataView(many.buffer).setUint16(8, 0xffff);
    const outOfRange = tiff([[entry.short(0x0112, 6), entry.pointer(0x8769, 1), entry.long(0x8825, 0x7ffffff0)], [entry.ascii(0x9003, '2026:11:27 09:41:07')]]);
    const loop = tiff([[entry.short(0x0112, 6), entry.pointer(0x8769, 1), entry.pointer(0x8825, 1)], [entry.ascii(0x9003, '2026:11:27 09:41:07'), entry.pointer(0x8769, 0)]]);
    const picture = await canvasJpeg(3000, 2000);
    for (const [what, exif] of [['many', many], ['out of range', outOfRange], ['loop', loop]] as const) {
      const prepared = await preparePhoto(file(withSegments(picture, exifSegment(exif))), 2560);
      const bytes = await bytesOf(prepared);
      const facts = readJpeg(bytes)!;
      // Turned by its orientation (6), then scaled.
      expect([facts.width, facts.height], what).to.deep.equal([1707, 2560]);
      expect(facts.gps, what).to.equal(false);
      expect(contains(bytes, GPS_DATUM), what).to.equal(false);
    }
  });

  it('prepares several photos chosen together, one after the other', async () => {
    const photos = [file(phone, 'a.jpg'), file(phone, 'b.jpg'), file(phone, 'c.jpg')];
    const prepared = await Promise.all(photos.map((photo) => preparePhoto(photo, 2560)));
    expect(prepared.map((p) => p.name)).to.deep.equal(['a.jpg', 'b.jpg', 'c.jpg']);
    for (const p of prepared) expect(await sizeOf(p)).to.deep.equal([1920, 2560]);
  });
});
