import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import './claims-documents.ts';
import type { ClaimsDocuments } from './claims-documents.component.ts';
import type { DocumentList } from '../../internal/types.ts';
import { $, $$, acceptAs, apiBase, apiOffline, createClaim, tokenFor, uniqueCompany, until, uploadLeftovers, type UploadLeftovers } from '../../test/helpers.ts';
import { sha256 } from '../../test/photos.ts';
import { countRequests, watchXhr } from '../../test/requests.ts';

// Uploads that survive the connection, as a phone at a warehouse door needs: the page's network
// is taken away for real (DevTools' network conditions: the request on its way is cut off, the
// server sees the connection drop, the browser goes offline), and what the server stored — and
// left — is read on the server itself.

const MIB = 1024 * 1024;
/** The widget's chunk: a cut connection costs at most one. */
const CHUNK = 4 * MIB;

const text = (el: Element | null) => (el?.shadowRoot ?? el)!.textContent!.replace(/\s+/g, ' ');

/** A PDF of `size` bytes that no compression shrinks (random after its header). */
function bigPdf(name: string, size: number): File {
  const bytes = new Uint8Array(size);
  for (let i = 0; i < size; i += 65_536) crypto.getRandomValues(bytes.subarray(i, Math.min(i + 65_536, size)));
  bytes.set(new TextEncoder().encode('%PDF-1.7\n%\u00e2\u00e3\n'));
  return new File([bytes], name, { type: 'application/pdf' });
}

async function openClaim() {
  const company = uniqueCompany();
  const claim = await createClaim(company, { type: 'loss', goods: 'parcel', scope: 'national' });
  await acceptAs(company, claim.id);
  const token = await tokenFor(company);
  const el = await fixture<ClaimsDocuments>(html`<claims-documents api-base=${await apiBase()} token=${token} claim-id=${claim.id} lang="en"></claims-documents>`);
  await until(() => $(el, '[part~="list"]'), 10_000, 'the checklist');
  return { claim, token, el };
}

async function api(token: string, path: string): Promise<Response> {
  return fetch(`${await apiBase()}${path}`, { headers: { Authorization: `Bearer ${token}` } });
}

const documentsOf = async (token: string, claimId: string) => (await (await api(token, `/claims/${claimId}/documents`)).json()) as DocumentList;

/** Chooses files for the first document (the commercial invoice) as the file picker would. */
function choose(el: ClaimsDocuments, files: File[]) {
  const input = $<HTMLInputElement>(el, '[part~="item"] input[type=file]')!;
  const transfer = new DataTransfer();
  files.forEach((f) => transfer.items.add(f));
  input.files = transfer.files;
  input.dispatchEvent(new Event('change'));
}

/** Whether leaving the page now would ask first: a `beforeunload` that a listener cancels. */
function leavingAsks(): boolean {
  const event = new Event('beforeunload', { cancelable: true });
  window.dispatchEvent(event);
  return event.defaultPrevented;
}

/**
 * What the claim's uploads left once no bytes are left over: nothing being written since `since`,
 * and no stored object that nothing owns (either may show for a moment while another test file
 * writes or removes a file, hence the wait).
 */
function settledLeftovers(claimId: string, since: string, what: string, more: (left: UploadLeftovers) => boolean = () => true) {
  return until(
    async () => {
      const left = await uploadLeftovers(claimId, since);
      return left.pending.length === 0 && left.strays.length === 0 && more(left) ? left : null;
    },
    10_000,
    what,
  );
}

const uploadBar = (el: ClaimsDocuments) => $<HTMLProgressElement>(el, '[part~="upload"] progress[max]');

describe('<claims-documents> uploads over a connection that drops', () => {
  afterEach(async () => {
    await apiOffline(false);
    await executeServerCommand('throttle-upload', null);
  });

  it('goes on with a 20 MiB upload cut off half-way once the connection is back: the same bytes stored, nothing partial left', async function () {
    this.timeout(180_000);
    const { claim, token, el } = await openClaim();
    const file = bigPdf('CMR 2026-55821.pdf', 20 * MIB);
    const since = new Date().toISOString();
    const requests = watchXhr('/uploads');
    try {
      expect(leavingAsks(), 'nothing on its way yet').to.equal(false);
      // A mobile link's pace, so that the cut lands inside a chunk.
      await executeServerCommand('throttle-upload', 2_000_000);
      const uploaded = oneEvent(el, 'claims-document-uploaded');
      choose(el, [file]);
      const bar = await until(() => uploadBar(el), 10_000, 'the upload under way');
      await until(() => bar.value >= file.size / 2, 60_000, 'half of the file sent');
      await apiOffline(true);

      const row = await until(() => $(el, '[part~="upload"] .offline')?.closest('[part~="upload"]'), 10_000, 'the upload waiting for the connection');
      const waiting = 'Offline: “CMR 2026-55821.pdf” will upload as soon as you’re back online.';
      expect(text(row)).to.contain(waiting);
      expect(text($(el, '[role="status"]'))).to.contain(waiting);
      expect(leavingAsks(), 'an upload waits: leaving would lose it').to.equal(true);
      // The server kept the chunks stored whole, and cleared away the one cut off on its way.
      const cut = uploadBar(el)!.value;
      const atCut = await settledLeftovers(claim.id, since, 'the cut chunk cleared away');
      expect(atCut.uploads).to.have.length(1);
      const [upload] = atCut.uploads;
      expect(upload!.status).to.equal('open');
      expect(upload!.received % CHUNK, 'whole chunks only').to.equal(0);
      expect(upload!.received, 'the chunks before the cut').to.be.at.least(2 * CHUNK);
      expect(cut - upload!.received, 'the cut cost less than a chunk').to.be.below(CHUNK);
      expect(upload!.parts).to.have.length(upload!.received / CHUNK);

      // The connection back before the throttle goes: lifting it (DevTools' older command, which
      // sets the browser's online state too) would tell the page it is online while the API is not.
      await apiOffline(false);
      await executeServerCommand('throttle-upload', null);
      const event = await uploaded;
      expect(event.detail.file.name).to.equal('CMR 2026-55821.pdf');
      expect(event.detail.file.size).to.equal(file.size);

      // Where it stopped, not from the start: a HEAD, then the chunks from the offset stored.
      const resumed = requests.sent.slice(requests.sent.indexOf('HEAD'));
      const rest = Array.from({ length: (file.size - upload!.received) / CHUNK }, (_, i) => `PATCH ${upload!.received + i * CHUNK}`);
      expect(resumed).to.deep.equal(['HEAD', ...rest]);
      expect(requests.sent.filter((sent) => sent === 'POST'), 'one upload').to.have.length(1);

      const download = await api(token, `/files/${event.detail.file.id}`);
      expect(download.status).to.equal(200);
      const original = await sha256(new Uint8Array(await file.arrayBuffer()));
      expect(await sha256(new Uint8Array(await download.arrayBuffer())), 'the stored bytes are the original’s').to.equal(original);
      expect(event.detail.file.sha256).to.equal(original);

      const after = await settledLeftovers(claim.id, since, 'no chunk or half-written object left anywhere');
      expect(after.uploads.map(({ status, received, fileId, parts }) => ({ status, received, fileId, parts }))).to.deep.equal([
        { status: 'complete', received: file.size, fileId: event.detail.file.id, parts: [] },
      ]);
      await until(() => !$(el, '[part~="upload"]'), 10_000, 'the upload row gone');
      await until(() => $(el, '[part~="file"]'), 10_000, 'the file listed');
      expect(text($(el, '[part~="file"]'))).to.contain('CMR 2026-55821.pdf');
      expect(leavingAsks(), 'nothing on its way any more').to.equal(false);
    } finally {
      requests.restore();
      // After a failure, the upload goes no further than this test.
      $(el, '[part~="upload"] button')?.click();
    }
  });

  it('keeps a file chosen while offline waiting, sends it once the connection is back, and asks before the page is left only meanwhile', async () => {
    const { claim, token, el } = await openClaim();
    const creations = countRequests('POST', '/uploads');
    try {
      await apiOffline(true);
      const uploaded = oneEvent(el, 'claims-document-uploaded');
      choose(el, [bigPdf('albaran.pdf', 300_000)]);
      const row = await until(() => $(el, '[part~="upload"] .offline')?.closest('[part~="upload"]'), 10_000, 'the upload waiting');
      expect(text(row)).to.contain('Offline: “albaran.pdf” will upload as soon as you’re back online.');
      expect(row.querySelector('button')!.textContent).to.contain('Cancel');
      expect(leavingAsks(), 'a file waits to go').to.equal(true);
      await expect(el).to.be.accessible();
      expect(creations.count, 'nothing tried while offline').to.equal(0);

      await apiOffline(false);
      expect((await uploaded).detail.file.name).to.equal('albaran.pdf');
      expect(creations.count).to.equal(1);
      const list = await documentsOf(token, claim.id);
      expect(list.items[0]!.files.map((f) => f.name)).to.deep.equal(['albaran.pdf']);
      await until(() => !$(el, '[part~="upload"]'), 10_000, 'the row gone');
      expect(leavingAsks(), 'nothing left to send').to.equal(false);
    } finally {
      creations.restore();
      $(el, '[part~="upload"] button')?.click();
    }
  });

  it('cancels an upload on its way with tus’s DELETE, and nothing of it stays on the server', async function () {
    this.timeout(120_000);
    const { claim, token, el } = await openClaim();
    const since = new Date().toISOString();
    const requests = watchXhr('/uploads');
    try {
      await executeServerCommand('throttle-upload', 1_000_000);
      choose(el, [bigPdf('slow.pdf', 12 * MIB)]);
      // Its first chunk stored: the server holds part of the file.
      await until(async () => ((await uploadLeftovers(claim.id, since)).uploads[0]?.received ?? 0) >= CHUNK, 30_000, 'a chunk stored');
      expect(leavingAsks()).to.equal(true);
      $(el, '[part~="upload"] button')!.click();
      await until(() => !$(el, '[part~="upload"]'), 5000, 'the row gone');
      expect(text($(el, '[role="status"]'))).to.contain('Upload of “slow.pdf” cancelled.');
      expect(leavingAsks(), 'cancelled: nothing to lose').to.equal(false);
      await until(() => requests.sent.includes('DELETE'), 5000, 'the DELETE');
      await settledLeftovers(claim.id, since, 'the upload and its chunks gone', (left) => left.uploads.length === 0);
      const list = await documentsOf(token, claim.id);
      expect(list.items[0]!.files, 'nothing stored').to.deep.equal([]);
      expect(list.items[0]!.status).to.equal('missing');
      expect($$(el, '[part~="file"]')).to.have.length(0);
    } finally {
      requests.restore();
      $(el, '[part~="upload"] button')?.click();
    }
  });
});
