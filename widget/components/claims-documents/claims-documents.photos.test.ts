import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { executeServerCommand, sendKeys, setViewport } from '@web/test-runner-commands';
import './claims-documents.ts';
import '../claims-detail/claims-detail.ts';
import type { ClaimsDocuments } from './claims-documents.component.ts';
import type { ClaimsDetail } from '../claims-detail/claims-detail.component.ts';
import type { DocumentList, DocumentRequirement } from '../../internal/types.ts';
import { readJpeg } from '../../photos/exif.ts';
import { $, $$, acceptAs, apiBase, createClaim, tokenFor, uniqueCompany, until } from '../../test/helpers.ts';
import { countRequests } from '../../test/requests.ts';
import { canvasJpeg, contains, entry, exifSegment, phoneExif, pixel, sha256, tiff, withSegments, DEVICE_MODEL, GPS_DATUM } from '../../test/photos.ts';

// Photos on a phone: the camera where a document is photos, and each photo made small and
// private before it goes — read back from the bytes the API stored, downloaded as anyone would.

const text = (el: Element | null) => (el?.shadowRoot ?? el)!.textContent!.replace(/\s+/g, ' ');

async function api<T>(token: string, path: string): Promise<T> {
  const res = await fetch(`${await apiBase()}${path}`, { headers: { Authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** The bytes the API stored for a file, downloaded. */
async function stored(token: string, fileId: string): Promise<Uint8Array> {
  const res = await fetch(`${await apiBase()}/files/${fileId}`, { headers: { Authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`GET /files/${fileId}: ${res.status}`);
  return new Uint8Array(await res.arrayBuffer());
}

/** A breakage (the default claim): its checklist asks for photos of the damage and of the packaging. */
async function openBreakage(lang = 'es') {
  const company = uniqueCompany();
  const claim = await createClaim(company);
  await acceptAs(company, claim.id);
  const token = await tokenFor(company);
  const el = await fixture<ClaimsDocuments>(html`<claims-documents api-base=${await apiBase()} token=${token} claim-id=${claim.id} lang=${lang}></claims-documents>`);
  await until(() => $(el, '[part~="list"]'), 10_000, 'the checklist');
  return { claim, token, el };
}

const itemOf = (el: Element, label: string) => $$(el, '[part~="item"]').find((item) => item.querySelector('h3')!.textContent!.includes(label)) ?? null;
const DAMAGE = 'Fotos de la mercancía dañada';

/** Photos taken with the camera, as the browser hands them to the camera's input. */
function takePhotos(item: Element, photos: File[]) {
  const input = item.querySelector<HTMLInputElement>('input[capture]')!;
  const transfer = new DataTransfer();
  photos.forEach((p) => transfer.items.add(p));
  input.files = transfer.files;
  input.dispatchEvent(new Event('change'));
}

/** The files the document of `kind` holds, once there are `count`. */
async function filesOf(token: string, claimId: string, kind: string, count = 1) {
  return until(
    async () => {
      const list = await api<DocumentList>(token, `/claims/${claimId}/documents`);
      const files = list.items.find((item: DocumentRequirement) => item.kind === kind)!.files;
      return files.length >= count ? files : null;
    },
    30_000,
    `${count} file(s) stored for ${kind}`,
  );
}

const jpegFile = (bytes: Uint8Array, name: string) => new File([bytes as BlobPart], name, { type: 'image/jpeg' });

describe('<claims-documents> photos, on a phone', () => {
  before(() => setViewport({ width: 360, height: 740 }));
  after(() => setViewport({ width: 800, height: 600 }));
  afterEach(() => executeServerCommand('throttle-upload', null));

  it('offers the camera on the documents that are photos, named for each, and not on the others', async () => {
    const { el } = await openBreakage();
    const cameras = $$(el, '[part~="camera"]');
    expect(cameras.map((b) => text(b).trim())).to.deep.equal(['Hacer foto: Fotos de la mercancía dañada', 'Hacer foto: Fotos del embalaje']);
    expect(itemOf(el, 'Factura comercial')!.querySelector('[part~="camera"]')).to.equal(null);
    expect(itemOf(el, 'Albarán')!.querySelector('[part~="camera"]')).to.equal(null);
    // The rear camera, several photos in a row; the picker and the drop area stay.
    const damage = itemOf(el, DAMAGE)!;
    const input = damage.querySelector<HTMLInputElement>('input[capture]')!;
    expect([input.accept, input.getAttribute('capture'), input.multiple]).to.deep.equal(['image/*', 'environment', true]);
    expect(damage.querySelector('[part~="dropzone"]')).to.exist;
    // First in the document's controls, and a button: Enter and Space open the camera.
    const camera = damage.querySelector<HTMLButtonElement>('[part~="camera"]')!;
    expect(camera.compareDocumentPosition(damage.querySelector('[part~="dropzone"]')!) & Node.DOCUMENT_POSITION_FOLLOWING).to.be.greaterThan(0);
    let opened = 0;
    input.click = () => void opened++;
    camera.focus();
    await sendKeys({ press: 'Enter' });
    await sendKeys({ press: 'Space' });
    expect(opened).to.equal(2);
    await expect(el).to.be.accessible();

    el.lang = 'en';
    await el.updateComplete;
    expect(text(camera).trim()).to.equal('Take photo: Photos of the damaged goods');
  });

  it('uploads a 12 MP photo with GPS, turned, as 2560 px upright, without GPS or device, with its capture time; the saving shown and said', async () => {
    const { claim, token, el } = await openBreakage();
    const original = withSegments(await canvasJpeg(4000, 3000), exifSegment(phoneExif({ orientation: 6 })));
    const photo = jpegFile(original, 'IMG_0042.jpg');
    // Slowed, to see the row while it travels.
    await executeServerCommand('throttle-upload', 200_000);
    const asked = oneEvent(el, 'claims-upload');
    takePhotos(itemOf(el, DAMAGE)!, [photo]);
    const preparing = await until(() => $(el, '[part~="upload"] progress:not([max])'), 10_000, 'the photo being prepared');
    expect(preparing.getAttribute('aria-label')).to.equal('Preparando «IMG_0042.jpg»');
    // The host is asked about the file that will go: the prepared one.
    const sent = (await asked).detail.file;
    expect(sent.type).to.equal('image/jpeg');
    expect(sent.size).to.be.lessThan(photo.size);
    const row = await until(() => $(el, '[part~="upload"] progress[max]')?.closest('[part~="upload"]'), 10_000, 'the upload under way');
    expect(text(row)).to.match(/\d+(,\d)? (MB|kB) → \d+(,\d)? (MB|kB)/);
    expect(text(row)).to.contain('Foto «IMG_0042.jpg» reducida de');
    expect(text($(el, '[role="status"]'))).to.match(/Foto «IMG_0042\.jpg» reducida de \d+(,\d)? (MB|kB) a \d+(,\d)? (MB|kB)\./);
    await executeServerCommand('throttle-upload', null);

    const [file] = await filesOf(token, claim.id, 'damage_photos');
    expect(file!.size).to.equal(sent.size);
    const bytes = await stored(token, file!.id);
    expect(await sha256(bytes)).to.equal(file!.sha256);
    const facts = readJpeg(bytes)!;
    // Orientation 6 turns 4000 × 3000 to 3000 × 4000: stored upright at 1920 × 2560, nothing left to turn.
    expect([facts.width, facts.height]).to.deep.equal([1920, 2560]);
    expect(facts.orientation).to.equal(1);
    expect(facts.gps).to.equal(false);
    expect(facts.captureTime).to.deep.equal({ dateTimeOriginal: '2026:11:27 09:41:07', offsetTimeOriginal: '+01:00' });
    expect(contains(bytes, GPS_DATUM), 'the GPS block').to.equal(false);
    expect(contains(bytes, DEVICE_MODEL), 'the device').to.equal(false);
    // The red corner, top left as the sensor saw it, is top right in the upright photo.
    const [r, g, b] = await pixel(new Blob([bytes as BlobPart]), 1920 - 40, 40);
    expect(r).to.be.greaterThan(200);
    expect(g + b).to.be.lessThan(80);
  });

  it('cancels a photo while it is being prepared: it never goes, and the ones beside it do', async () => {
    const { claim, token, el } = await openBreakage();
    const picture = withSegments(await canvasJpeg(4000, 3000), exifSegment(phoneExif()));
    const uploads = countRequests('POST', '/uploads');
    try {
      // Photos are prepared one after the other: the second waits while the first is.
      takePhotos(itemOf(el, DAMAGE)!, [jpegFile(picture, 'keep.jpg'), jpegFile(picture, 'drop.jpg')]);
      const waiting = await until(
        () => $$(el, '[part~="upload"]').find((row) => row.textContent!.includes('drop.jpg') && row.querySelector('progress:not([max])')),
        10_000,
        'the second photo waiting to be prepared',
      );
      const cancel = waiting.querySelector('button')!;
      expect(text(cancel)).to.contain('Cancelar');
      cancel.click();
      await until(() => text($(el, '[role="status"]')).includes('Subida de «drop.jpg» cancelada.'), 5000, 'the cancel said');
      // A third, prepared after the cancelled one: once it is stored, the cancelled one's preparation is long over.
      takePhotos(itemOf(el, DAMAGE)!, [jpegFile(picture, 'after.jpg')]);
      const files = await filesOf(token, claim.id, 'damage_photos', 2);
      expect(files.map((f) => f.name).sort()).to.deep.equal(['after.jpg', 'keep.jpg']);
      await until(() => $$(el, '[part~="upload"]').length === 0, 10_000, 'no row left');
      expect(uploads.count, 'two uploads: the cancelled photo never left').to.equal(2);
    } finally {
      uploads.restore();
    }
  });

  it('stores a photo that is already small and says nothing of where it was taken as it was chosen, byte for byte', async () => {
    const { claim, token, el } = await openBreakage();
    const small = withSegments(await canvasJpeg(1280, 960), exifSegment(phoneExif({ gps: false })));
    takePhotos(itemOf(el, DAMAGE)!, [jpegFile(small, 'small.jpg')]);
    const [file] = await filesOf(token, claim.id, 'damage_photos');
    expect(file!.size).to.equal(small.length);
    expect(file!.sha256).to.equal(await sha256(small));
    expect(readJpeg(await stored(token, file!.id))!.captureTime).to.deep.equal({ dateTimeOriginal: '2026:11:27 09:41:07', offsetTimeOriginal: '+01:00' });
    // Nothing was saved, so no saving was said.
    expect(text($(el, '[role="status"]'))).not.to.contain('reducida');
  });

  it('uploads photos whose EXIF is hostile — a truncated IFD, offsets out of range, IFDs in a loop — without their GPS', async () => {
    const { claim, token, el } = await openBreakage();
    const truncated = phoneExif({ orientation: 6 });
    new DataView(truncated.buffer).setUint16(8, 0xffff);
    const outOfRange = tiff([[entry.short(0x0112, 6), entry.long(0x8769, 0x7ffffff0), entry.long(0x8825, 0x7ffffff0)]]);
    const loop = tiff([[entry.short(0x0112, 6), entry.pointer(0x8769, 1), entry.pointer(0x8825, 1)], [entry.ascii(0x9003, '2026:11:27 09:41:07'), entry.pointer(0x8769, 0)]]);
    const picture = await canvasJpeg(3000, 2000);
    const photos = [truncated, outOfRange, loop].map((exif, i) => jpegFile(withSegments(picture, exifSegment(exif)), `hostile-${i}.jpg`));
    takePhotos(itemOf(el, DAMAGE)!, photos);
    const files = await filesOf(token, claim.id, 'damage_photos', 3);
    expect(files.map((f) => f.name).sort()).to.deep.equal(['hostile-0.jpg', 'hostile-1.jpg', 'hostile-2.jpg']);
    for (const file of files) {
      const bytes = await stored(token, file.id);
      const facts = readJpeg(bytes)!;
      expect([facts.width, facts.height], file.name).to.deep.equal([1707, 2560]);
      expect(facts.gps, file.name).to.equal(false);
      expect(contains(bytes, GPS_DATUM), file.name).to.equal(false);
    }
    await until(() => $$(el, '[part~="upload"]').length === 0, 10_000, 'no upload left');
  });

  it('scales photos to the edge the host sets, on the element or on one around it (the detail)', async () => {
    const company = uniqueCompany();
    const claim = await createClaim(company);
    await acceptAs(company, claim.id);
    const token = await tokenFor(company);
    const detail = await fixture<ClaimsDetail>(
      html`<claims-detail api-base=${await apiBase()} token=${token} claim-id=${claim.id} lang="es" tab="documents" photo-max-edge="1200"></claims-detail>`,
    );
    const documents = await until(() => $<ClaimsDocuments>(detail, '#panel-documents claims-documents'), 10_000, 'the documents tab');
    await until(() => $(documents, '[part~="list"]'), 10_000, 'its checklist');
    const picture = await canvasJpeg(4000, 3000);
    takePhotos(itemOf(documents, DAMAGE)!, [jpegFile(picture, 'wide.jpg')]);
    const [first] = await filesOf(token, claim.id, 'damage_photos');
    expect(readJpeg(await stored(token, first!.id))).to.deep.include({ width: 1200, height: 900 });

    // Its own setting wins over the detail's.
    documents.photoMaxEdge = 800;
    takePhotos(itemOf(documents, DAMAGE)!, [jpegFile(picture, 'own.jpg')]);
    const files = await filesOf(token, claim.id, 'damage_photos', 2);
    const own = files.find((f) => f.name === 'own.jpg')!;
    expect(readJpeg(await stored(token, own.id))).to.deep.include({ width: 800, height: 600 });
  });

  it('stores a HEIC the browser cannot decode as it was chosen, and leaves a photo the host vetoes out', async () => {
    const { claim, token, el } = await openBreakage();
    const heic = new Uint8Array([0, 0, 0, 0x18, ...new TextEncoder().encode('ftypheic'), 0, 0, 0, 0, ...new TextEncoder().encode('mif1heic'), ...new Uint8Array(2000).fill(7)]);
    const veto = (e: Event) => {
      if ((e as CustomEvent<{ file: File }>).detail.file.name === 'private.jpg') e.preventDefault();
    };
    el.addEventListener('claims-upload', veto);
    const gps = withSegments(await canvasJpeg(800, 600), exifSegment(phoneExif()));
    takePhotos(itemOf(el, DAMAGE)!, [jpegFile(gps, 'private.jpg'), new File([heic], 'IMG_0001.HEIC')]);
    const [file] = await filesOf(token, claim.id, 'damage_photos');
    expect(file!.name).to.equal('IMG_0001.HEIC');
    expect(file!.type).to.equal('image/heic');
    expect(file!.sha256).to.equal(await sha256(heic));
    await until(() => $$(el, '[part~="upload"]').length === 0, 10_000, 'the vetoed photo’s row gone too');
    const list = await api<DocumentList>(token, `/claims/${claim.id}/documents`);
    expect(list.items.find((item) => item.kind === 'damage_photos')!.files.map((f) => f.name)).to.deep.equal(['IMG_0001.HEIC']);
    // Not a HEIC any decoder reads: no thumbnail, so an icon, and no preview that would show nothing.
    const row = await until(() => $(el, '[part~="file"]'), 10_000, 'the file’s row');
    expect(row.querySelector('[part~="thumbnail"]')!.textContent).to.equal('HEIC');
    expect([...row.querySelectorAll('button')].map((b) => b.textContent!.trim())).to.not.include('Ver IMG_0001.HEIC');
  });

  it('shows an iPhone’s HEIC by the thumbnail the server made of it, upright, in its row and in its preview', async () => {
    const { claim, token, el } = await openBreakage();
    // 400 × 200 stored, turned a quarter by its irot box: 200 × 400 upright (api/testing/photos.ts).
    const heic = new Uint8Array(await (await fetch(new URL('../../../api/documents/fixtures/turned.heic', import.meta.url))).arrayBuffer());
    takePhotos(itemOf(el, DAMAGE)!, [new File([heic], 'IMG_0002.HEIC')]);
    const [file] = await filesOf(token, claim.id, 'damage_photos');
    expect([file!.type, file!.hasThumbnail]).to.deep.equal(['image/heic', true]);
    const thumb = await until(() => $<HTMLImageElement>(el, '[part~="file"] img[part~="thumbnail"]'), 10_000, 'the thumbnail');
    await until(() => thumb.complete && thumb.naturalWidth > 0, 5000, 'the thumbnail decoded');
    expect([thumb.naturalWidth, thumb.naturalHeight]).to.deep.equal([160, 320]);
    [...$(el, '[part~="file"]')!.querySelectorAll('button')].find((b) => b.textContent!.trim() === 'Ver IMG_0002.HEIC')!.click();
    const preview = await until(() => $<HTMLImageElement>(el, 'dialog[open] img.preview'), 5000, 'the preview');
    await until(() => preview.complete && preview.naturalWidth > 0, 5000, 'the preview decoded');
    expect([preview.naturalWidth, preview.naturalHeight], 'the thumbnail, where the HEIC itself would show nothing').to.deep.equal([160, 320]);
  });
});
