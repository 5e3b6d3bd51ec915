import { expect, fixtureSync, html } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import './claims-chat.ts';
import type { ClaimsChat } from './claims-chat.component.ts';
import type { Attachment, MessagePage } from '../../internal/types.ts';
import { readJpeg } from '../../photos/exif.ts';
import { $, $$, acceptAs, apiBase, createClaim, tokenFor, uniqueCompany, until } from '../../test/helpers.ts';
import { countRequests } from '../../test/requests.ts';
import { canvasJpeg, contains, exifSegment, phoneExif, sha256, withSegments, DEVICE_MODEL, GPS_DATUM } from '../../test/photos.ts';

// Files attached to a chat message (the paper clip): a photo made small and private as it is
// attached, exactly as a document's — read back from the bytes the API stored for the message.

const text = (el: Element | null) => (el?.shadowRoot ?? el)!.textContent!.replace(/\s+/g, ' ');

/** A customer's conversation on an accepted claim, loaded and ready to attach. */
async function openChat() {
  const company = uniqueCompany();
  const claim = await createClaim(company);
  await acceptAs(company, claim.id);
  const token = await tokenFor(company, { lang: 'es' });
  // fixtureSync: `fixture` waits for an animation frame, which a test tab not in front never gets.
  const chat = fixtureSync<ClaimsChat>(html`<claims-chat api-base=${await apiBase()} token=${token} claim-id=${claim.id} lang="es"></claims-chat>`);
  await until(() => $(chat, '.empty:not(.loading)') && $(chat, '[part~="attach-button"] input'), 10_000, 'the conversation, ready to attach');
  /** The host's veto event, as it came for each file. */
  const offered: File[] = [];
  chat.addEventListener('claims-upload', (e) => offered.push(e.detail.file));
  return { claim, token, chat, offered };
}

/** Files chosen with the paper clip. */
function attach(chat: ClaimsChat, files: File[]) {
  const input = $<HTMLInputElement>(chat, '[part~="attach-button"] input')!;
  const transfer = new DataTransfer();
  files.forEach((f) => transfer.items.add(f));
  input.files = transfer.files;
  input.dispatchEvent(new Event('change'));
}

/** Writes in the composer and presses Enter. */
function send(chat: ClaimsChat, body: string) {
  const textarea = $<HTMLTextAreaElement>(chat, 'textarea')!;
  textarea.value = body;
  textarea.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
  return textarea;
}

const chip = (chat: ClaimsChat, name: string) => $$(chat, '[part~="draft"]').find((d) => d.querySelector('.name')!.textContent === name) ?? null;

/** The files of the one message in the conversation, once the server stored it. */
async function sentFiles(token: string, claimId: string): Promise<Attachment[]> {
  return until(
    async () => {
      const res = await fetch(`${await apiBase()}/claims/${claimId}/messages`, { headers: { Authorization: `Bearer ${token}` } });
      const page = (await res.json()) as MessagePage;
      return page.items[0]?.attachments ?? null;
    },
    10_000,
    'the message stored',
  );
}

/** The bytes the API stored for a file, downloaded as anyone who may see the claim would. */
async function stored(token: string, fileId: string): Promise<Uint8Array> {
  const res = await fetch(`${await apiBase()}/files/${fileId}`, { headers: { Authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`GET /files/${fileId}: ${res.status}`);
  return new Uint8Array(await res.arrayBuffer());
}

const jpegFile = (bytes: Uint8Array, name: string) => new File([bytes as BlobPart], name, { type: 'image/jpeg' });
const bytesOf = async (file: Blob) => new Uint8Array(await file.arrayBuffer());
const PDF_BYTES = '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n';

describe('<claims-chat> photos attached to a message', () => {
  afterEach(() => executeServerCommand('throttle-upload', null));

  it('prepares a 12 MP photo with GPS as it is attached — 2560 px, no GPS or device, its capture time kept — and sends the message only once it is in', async () => {
    const { claim, token, chat, offered } = await openChat();
    const original = withSegments(await canvasJpeg(4000, 3000), exifSegment(phoneExif()));
    const photo = jpegFile(original, 'IMG_0042.jpg');
    // Slowed, to hear the saving before "uploaded" replaces it.
    await executeServerCommand('throttle-upload', 200_000);
    attach(chat, [photo]);
    // Sent at once, while the photo is still being prepared: nothing goes, the text stays, and why is said.
    const textarea = send(chat, 'Así llegó el palé');
    const preparing = await until(() => chip(chat, 'IMG_0042.jpg')?.querySelector('progress:not([max])'), 10_000, 'the photo being prepared');
    expect(preparing.getAttribute('aria-label')).to.equal('Preparando «IMG_0042.jpg»');
    expect(textarea.value).to.equal('Así llegó el palé');
    expect($$(chat, '.message'), 'nothing sent').to.have.length(0);
    expect(text($(chat, '[role="status"]'))).to.contain('Espera a que los archivos adjuntos estén listos para enviar el mensaje.');
    expect($<HTMLButtonElement>(chat, '[part~="send-button"]')!.disabled).to.equal(true);

    // Then the saving, on the chip and said politely, while it uploads.
    await until(() => text($(chat, '[role="status"]')).includes('Foto «IMG_0042.jpg» reducida de'), 20_000, 'the saving said');
    expect(text($(chat, '[role="status"]'))).to.match(/Foto «IMG_0042\.jpg» reducida de \d+(,\d)? (MB|kB) a \d+(,\d)? (MB|kB)\./);
    expect($(chat, '[role="status"]')!.getAttribute('aria-live')).to.equal('polite');
    expect(text(chip(chat, 'IMG_0042.jpg'))).to.match(/\d+(,\d)? (MB|kB) → \d+(,\d)? (MB|kB)/);
    expect($$(chat, '.message'), 'still nothing sent while it uploads').to.have.length(0);
    await executeServerCommand('throttle-upload', null);
    await until(() => chip(chat, 'IMG_0042.jpg')?.classList.contains('ready'), 20_000, 'the photo uploaded');
    expect(text(chip(chat, 'IMG_0042.jpg')), 'the saving stays on the chip').to.match(/→/);
    await expect(chat).to.be.accessible();

    // The host was offered the prepared copy, and that copy is what the message carries.
    expect(offered).to.have.length(1);
    const sent = offered[0]!;
    expect([sent.name, sent.type]).to.deep.equal(['IMG_0042.jpg', 'image/jpeg']);
    expect(sent.size).to.be.lessThan(photo.size);
    send(chat, 'Así llegó el palé');
    await until(() => $(chat, '.message.mine:not(.pending)'), 10_000, 'the message sent');
    const [file] = await sentFiles(token, claim.id);
    expect(file!.size).to.equal(sent.size);
    const bytes = await stored(token, file!.id);
    expect(await sha256(bytes)).to.equal(await sha256(await bytesOf(sent)));
    const facts = readJpeg(bytes)!;
    expect([facts.width, facts.height]).to.deep.equal([2560, 1920]);
    expect(facts.gps).to.equal(false);
    expect(facts.captureTime).to.deep.equal({ dateTimeOriginal: '2026:11:27 09:41:07', offsetTimeOriginal: '+01:00' });
    expect(contains(bytes, GPS_DATUM), 'the GPS block').to.equal(false);
    expect(contains(bytes, DEVICE_MODEL), 'the device').to.equal(false);
  });

  it('sends a small photo that says nothing of where it was taken, and a PDF, as they were chosen, byte for byte', async () => {
    const { claim, token, chat, offered } = await openChat();
    const small = withSegments(await canvasJpeg(1280, 960), exifSegment(phoneExif({ gps: false })));
    const pdf = new TextEncoder().encode(PDF_BYTES);
    attach(chat, [jpegFile(small, 'small.jpg'), new File([pdf], 'albarán.pdf', { type: 'application/pdf' })]);
    await chat.updateComplete;
    expect(chip(chat, 'albarán.pdf')!.classList.contains('preparing'), 'a PDF is not prepared').to.equal(false);
    await until(() => $$(chat, '[part~="draft"].ready').length === 2, 10_000, 'both uploaded');
    expect(text(chip(chat, 'small.jpg')), 'its size, no saving').not.to.contain('→');
    expect(text($(chat, '[role="status"]'))).not.to.contain('reducida');
    expect(offered.map((f) => f.name).sort(), 'each offered to the host as chosen').to.deep.equal(['albarán.pdf', 'small.jpg']);
    expect(await sha256(await bytesOf(offered.find((f) => f.name === 'small.jpg')!))).to.equal(await sha256(small));

    send(chat, 'Foto y albarán');
    await until(() => $(chat, '.message.mine:not(.pending)'), 10_000, 'the message sent');
    const files = await sentFiles(token, claim.id);
    const byName = new Map(files.map((f) => [f.name, f]));
    expect([...byName.keys()].sort()).to.deep.equal(['albarán.pdf', 'small.jpg']);
    expect(byName.get('small.jpg')!.size).to.equal(small.length);
    expect(await sha256(await stored(token, byName.get('small.jpg')!.id))).to.equal(await sha256(small));
    expect(readJpeg(await stored(token, byName.get('small.jpg')!.id))!.captureTime!.dateTimeOriginal).to.equal('2026:11:27 09:41:07');
    expect(await sha256(await stored(token, byName.get('albarán.pdf')!.id))).to.equal(await sha256(pdf));
  });

  it('sends nothing of a photo removed while it is being prepared, or while it waits to be; the ones beside it go', async () => {
    const { claim, token, chat, offered } = await openChat();
    const picture = withSegments(await canvasJpeg(4000, 3000), exifSegment(phoneExif()));
    const uploads = countRequests('POST', '/attachments');
    try {
      // Photos are prepared one after the other: the first is being prepared, the third waits behind the second.
      attach(chat, [jpegFile(picture, 'first.jpg'), jpegFile(picture, 'keep.jpg'), jpegFile(picture, 'waiting.jpg')]);
      await chat.updateComplete;
      for (const name of ['first.jpg', 'waiting.jpg']) {
        const removed = chip(chat, name)!;
        expect(removed.classList.contains('preparing'), name).to.equal(true);
        const remove = removed.querySelector<HTMLButtonElement>('.remove')!;
        expect(remove.getAttribute('aria-label')).to.equal(`Quitar «${name}»`);
        remove.click();
        await chat.updateComplete;
        expect(chip(chat, name), `${name} gone at once`).to.equal(null);
      }
      expect(text($(chat, '[role="status"]'))).to.contain('Subida de «waiting.jpg» cancelada.');
      // One more, prepared after the removed ones: once it is in, their preparation is long over.
      attach(chat, [jpegFile(picture, 'after.jpg')]);
      await until(() => chip(chat, 'keep.jpg')?.classList.contains('ready') && chip(chat, 'after.jpg')?.classList.contains('ready'), 30_000, 'the two kept uploaded');
      expect($$(chat, '[part~="draft"] .name').map((n) => n.textContent)).to.deep.equal(['keep.jpg', 'after.jpg']);
      expect(offered.map((f) => f.name), 'never offered to the host').to.deep.equal(['keep.jpg', 'after.jpg']);
      expect(uploads.count, 'two uploads: the removed photos never left').to.equal(2);

      send(chat, 'Las dos buenas');
      await until(() => $(chat, '.message.mine:not(.pending)'), 10_000, 'the message sent');
      const files = await sentFiles(token, claim.id);
      expect(files.map((f) => f.name).sort()).to.deep.equal(['after.jpg', 'keep.jpg']);
      for (const file of files) expect(readJpeg(await stored(token, file.id))!.gps, file.name).to.equal(false);
    } finally {
      uploads.restore();
    }
  });

  it('drops a photo still being prepared when the chat moves to another claim: it goes to neither', async () => {
    const { chat } = await openChat();
    const company = uniqueCompany();
    const other = await createClaim(company);
    await acceptAs(company, other.id);
    const picture = withSegments(await canvasJpeg(4000, 3000), exifSegment(phoneExif()));
    const uploads = countRequests('POST', '/attachments');
    try {
      attach(chat, [jpegFile(picture, 'first-claim.jpg')]);
      await chat.updateComplete;
      expect(chip(chat, 'first-claim.jpg')!.classList.contains('preparing')).to.equal(true);
      chat.token = await tokenFor(company, { lang: 'es' });
      chat.claimId = other.id;
      await chat.updateComplete;
      expect($$(chat, '[part~="draft"]'), 'the composer emptied').to.have.length(0);
      await until(() => $(chat, '.empty:not(.loading)') && $(chat, '[part~="attach-button"] input'), 10_000, 'the other conversation');
      // Prepared after the dropped one: once it is in, the dropped one's preparation is over.
      attach(chat, [jpegFile(picture, 'second-claim.jpg')]);
      await until(() => chip(chat, 'second-claim.jpg')?.classList.contains('ready'), 30_000, 'the other claim’s photo uploaded');
      expect($$(chat, '[part~="draft"] .name').map((n) => n.textContent)).to.deep.equal(['second-claim.jpg']);
      expect(uploads.count, 'one upload: the dropped photo never left').to.equal(1);
    } finally {
      uploads.restore();
    }
  });
});
