import { expect, fixture, fixtureSync, html, oneEvent } from '@open-wc/testing';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import './claims-documents.ts';
import '../claims-detail/claims-detail.ts';
import type { ClaimsDocuments } from './claims-documents.component.ts';
import type { ClaimsDetail } from '../claims-detail/claims-detail.component.ts';
import type { DocumentList, DocumentRequirement } from '../../internal/types.ts';
import { $, $$, acceptAs, apiBase, createClaim, deepActive, loadDarkTheme, serverUrl, tokenFor, uniqueCompany, until } from '../../test/helpers.ts';

const text = (el: Element | null) => (el?.shadowRoot ?? el)!.textContent!.replace(/\s+/g, ' ');

/** A loss of a national parcel asks for three documents, all required. */
const LOSS = { type: 'loss', goods: 'parcel', scope: 'national' };

async function api<T>(token: string, path: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(`${await apiBase()}${path}`, { ...init, headers: { Authorization: `Bearer ${token}`, ...init.headers } });
  const body = res.status === 204 ? null : await res.json();
  if (!res.ok) throw Object.assign(new Error(`${path}: ${res.status} ${JSON.stringify(body)}`), { body });
  return body as T;
}

const listOf = (token: string, claimId: string) => api<DocumentList>(token, `/claims/${claimId}/documents`);

function uploadViaApi(token: string, claimId: string, requirementId: string, file: File) {
  const form = new FormData();
  form.append('file', file);
  return api<DocumentRequirement>(token, `/claims/${claimId}/documents/${requirementId}/files`, { method: 'POST', body: form });
}

/** A real PNG drawn on a canvas; `noisy` makes it large (random pixels do not compress). */
async function png(name = 'damage.png', size = 64, noisy = false): Promise<File> {
  const canvas = Object.assign(document.createElement('canvas'), { width: size, height: size });
  const ctx = canvas.getContext('2d')!;
  if (noisy) {
    const image = ctx.createImageData(size, size);
    crypto.getRandomValues(image.data.subarray(0, 65_536));
    for (let i = 65_536; i < image.data.length; i += 65_536) crypto.getRandomValues(image.data.subarray(i, i + 65_536));
    ctx.putImageData(image, 0, 0);
  } else {
    ctx.fillStyle = '#c2410c';
    ctx.fillRect(0, 0, size, size);
  }
  const blob = await new Promise<Blob>((resolve) => canvas.toBlob((b) => resolve(b!), 'image/png'));
  return new File([blob], name, { type: 'image/png' });
}

const pdf = (name = 'invoice.pdf') =>
  new File(['%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n'], name, {
    type: 'application/pdf',
  });

/** A documentation-phase claim of its own company, with the customer's token. */
async function openClaim(overrides: Record<string, unknown> = {}) {
  const company = uniqueCompany();
  const claim = await createClaim(company, overrides);
  await acceptAs(company, claim.id);
  const token = await tokenFor(company);
  return { company, claim, token };
}

async function documentsFor(claimId: string, token: string, lang = 'en') {
  const base = await apiBase();
  const el = await fixture<ClaimsDocuments>(html`<claims-documents api-base=${base} token=${token} claim-id=${claimId} lang=${lang}></claims-documents>`);
  await until(() => $(el, '[part~="list"]'), 10_000, 'the checklist');
  return el;
}

const items = (el: Element) => $$(el, '[part~="item"]');
const itemOf = (el: Element, label: string) => items(el).find((item) => item.querySelector('h3')!.textContent!.includes(label)) ?? null;

/** Chooses files for one requirement as the file picker would. */
function choose(item: Element, files: File[]) {
  const input = item.querySelector<HTMLInputElement>('input[type=file]')!;
  const transfer = new DataTransfer();
  files.forEach((f) => transfer.items.add(f));
  input.files = transfer.files;
  input.dispatchEvent(new Event('change'));
}

describe('<claims-documents>', () => {
  afterEach(() => executeServerCommand('throttle-upload', null));

  it('shows the checklist with its progress, in Spanish and English, accessibly', async () => {
    const { claim, token } = await openClaim(LOSS);
    const el = await documentsFor(claim.id, token, 'es');
    expect(items(el)).to.have.length(3);
    expect(text($(el, '[part~="progress"]'))).to.contain('0 de 3 obligatorios aceptados');
    expect(text(itemOf(el, 'Factura comercial'))).to.contain('Pendiente');
    expect($$(el, '[part~="dropzone"]')).to.have.length(3);
    expect(el.shadowRoot!.querySelector<HTMLInputElement>('input[type=file]')!.accept).to.contain('application/pdf').and.contain('.jpg');
    await expect(el).to.be.accessible();

    // The drop area is a button: Enter (or Space) opens the file picker.
    const first = items(el)[0]!;
    const input = first.querySelector<HTMLInputElement>('input[type=file]')!;
    let opened = 0;
    input.click = () => void opened++;
    first.querySelector<HTMLElement>('[part~="dropzone"]')!.focus();
    await sendKeys({ press: 'Enter' });
    await sendKeys({ press: 'Space' });
    expect(opened).to.equal(2);

    el.lang = 'en';
    await el.updateComplete;
    expect(text($(el, '[part~="progress"]'))).to.contain('0 of 3 required accepted');
    expect(text(itemOf(el, 'Commercial invoice'))).to.contain('Missing');
  });

  it('counts accepted documents as progress and uploads waiting for review apart, live, the bar filled by the accepted', async () => {
    const { company, claim, token } = await openClaim(LOSS);
    const [invoice, statement, bank] = (await listOf(token, claim.id)).items;
    for (const item of [invoice!, statement!, bank!]) await uploadViaApi(token, claim.id, item.id, pdf());
    const el = await documentsFor(claim.id, token, 'es');
    const progress = () => text($(el, '[part~="progress"]')).trim();
    const bar = () => $<HTMLProgressElement>(el, '[part~="progress"] progress')!;
    expect(progress(), 'three uploads are not three accepted').to.equal('0 de 3 obligatorios aceptados · 3 en revisión');
    expect([bar().value, bar().max]).to.deep.equal([0, 3]);

    const handler = await tokenFor(company, { role: 'handler' });
    const review = (id: string, decision: string, reason?: string) =>
      api(handler, `/claims/${claim.id}/documents/${id}/review`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ decision, ...(reason ? { reason } : {}) }),
      });
    await review(invoice!.id, 'accepted');
    await until(() => progress() === '1 de 3 obligatorios aceptados · 2 en revisión', 10_000, 'one accepted, live');
    expect([bar().value, bar().max]).to.deep.equal([1, 3]);
    await review(statement!.id, 'rejected', 'Falta la firma.');
    await review(bank!.id, 'accepted');
    await until(() => progress() === '2 de 3 obligatorios aceptados', 10_000, 'nothing left in review');
    expect(bar().value).to.equal(2);
  });

  it('says so when the claim is not visible, and offers to retry', async () => {
    const other = await createClaim(uniqueCompany());
    const [base, token] = await Promise.all([apiBase(), tokenFor(uniqueCompany())]);
    const el = await fixture<ClaimsDocuments>(html`<claims-documents api-base=${base} token=${token} claim-id=${other.id} lang="en"></claims-documents>`);
    const state = await until(() => $(el, '[part~="state"][role="alert"]'), 10_000, 'the error state');
    expect(text(state)).to.contain('Claim not found');
    expect(state.querySelector('button')!.textContent).to.contain('Retry');
  });

  it('uploads a photo: progress while it travels, then the file with its thumbnail', async () => {
    const { claim, token } = await openClaim(LOSS);
    const el = await documentsFor(claim.id, token);
    const photo = await png('parcel.png', 200, true);
    await executeServerCommand('throttle-upload', 100_000);
    const uploaded = oneEvent(el, 'claims-document-uploaded');
    choose(itemOf(el, 'Commercial invoice')!, [photo]);
    await el.updateComplete;
    // The bar of the upload itself (with its size), after the image was looked at for preparing.
    const bar = await until(() => $<HTMLProgressElement>(el, '[part~="upload"] progress[max]'), 5000, 'a progress bar');
    expect(bar.max).to.equal(photo.size);
    expect(bar.getAttribute('aria-label')).to.contain('parcel.png');
    await until(() => bar.value > 0, 10_000, 'progress');
    const event = await uploaded;
    expect(event.detail).to.include({ claimId: claim.id });
    expect(event.detail.file.name).to.equal('parcel.png');
    expect(event.detail.file.type).to.equal('image/png');
    const item = () => itemOf(el, 'Commercial invoice')!;
    await until(() => item().querySelector('[part~="file"]'), 5000, 'the file listed');
    expect(item().querySelector('[part~="upload"]'), 'no upload row left').to.equal(null);
    expect(text(item())).to.contain('parcel.png').and.contain('Ana Martínez').and.contain('To review');
    const thumb = await until(() => item().querySelector<HTMLImageElement>('img[part~="thumbnail"]'), 5000, 'the thumbnail');
    expect(thumb.src).to.match(/^blob:/);
    await until(() => thumb.complete && thumb.naturalWidth > 0, 5000, 'the thumbnail decoded');
    expect(thumb.naturalWidth, 'the small preview, not the photo').to.be.at.most(320);
    expect(text($(el, '[part~="progress"]'))).to.contain('0 of 3 required accepted · 1 in review');
    expect(text($(el, '[role="status"]'))).to.contain('“parcel.png” uploaded.');
  });

  it('sends an upload whose answer was lost again, and the server keeps it once', async () => {
    const { claim, token } = await openClaim(LOSS);
    const el = await documentsFor(claim.id, token);
    const invoice = (await listOf(token, claim.id)).items.find((item) => item.kind === 'commercial_invoice')!;
    // The creation of the resumable upload: sent again with its Idempotency-Key, it starts no second one.
    await executeServerCommand('lose-next-answer', `*/documents/${invoice.id}/uploads`);
    const uploaded = oneEvent(el, 'claims-document-uploaded');
    choose(itemOf(el, 'Commercial invoice')!, [pdf('factura.pdf')]);
    const event = await uploaded;
    expect(event.detail.file.name).to.equal('factura.pdf');
    const stored = (await listOf(token, claim.id)).items.find((item) => item.id === invoice.id)!;
    expect(stored.files.map((file) => file.name), 'one file, not one per attempt').to.deep.equal(['factura.pdf']);
    await until(() => itemOf(el, 'Commercial invoice')!.querySelectorAll('[part~="file"]').length === 1, 5000, 'the file listed once');
  });

  it('refuses a file that is too large or of another type before sending it', async () => {
    const { claim, token } = await openClaim(LOSS);
    const el = await documentsFor(claim.id, token);
    const { upload } = await listOf(token, claim.id);
    const sent: unknown[] = [];
    const send = XMLHttpRequest.prototype.send;
    XMLHttpRequest.prototype.send = function (this: XMLHttpRequest, body) {
      sent.push(body);
      return send.call(this, body);
    };
    try {
      const big = new File([new Uint8Array(upload.maxBytes + 1)], 'scan.pdf', { type: 'application/pdf' });
      const notes = new File(['hello'], 'notes.txt', { type: 'text/plain' });
      choose(itemOf(el, 'Commercial invoice')!, [big, notes]);
      await el.updateComplete;
    } finally {
      XMLHttpRequest.prototype.send = send;
    }
    expect(sent, 'nothing sent').to.have.length(0);
    const rows = $$(el, '[part~="upload"]');
    expect(rows).to.have.length(2);
    expect(text(rows[0]!)).to.contain('“scan.pdf” is too large: the limit is 20 MB.');
    expect(text(rows[1]!)).to.match(/“notes\.txt” is not an accepted type \(PDF, JPG, PNG, .*\)/);
    await expect(el).to.be.accessible();
    rows[0]!.querySelector('button')!.click();
    await el.updateComplete;
    expect($$(el, '[part~="upload"]')).to.have.length(1);
  });

  it('says in its own words why the server refused a file (an executable named .pdf), never the server’s detail', async () => {
    const { claim, token } = await openClaim(LOSS);
    const el = await documentsFor(claim.id, token);
    const exe = () => new File([new Uint8Array([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xff, 0xff, 0, 0, ...new Array(200).fill(0)])], 'invoice.pdf', { type: 'application/pdf' });
    const [requirement] = (await listOf(token, claim.id)).items;
    const refused = await uploadViaApi(token, claim.id, requirement!.id, exe()).then(
      () => ({ status: 201, detail: '' }),
      (e: { body: { status: number; detail: string } }) => e.body,
    );
    expect(refused.status).to.equal(415);
    const failed = oneEvent(el, 'claims-error');
    choose(itemOf(el, 'Commercial invoice')!, [exe()]);
    expect((await failed).detail).to.include({ status: 415, type: 'https://claimdesk.dev/problems/file-type-not-allowed' });
    const row = await until(() => $(el, '[part~="upload"] .error'), 5000, 'the refusal');
    const said = 'Could not upload “invoice.pdf”. This file is not a PDF or an image. Upload a PDF, a photo or an Office document.';
    expect(text(row)).to.equal(said);
    expect(text($(el, '[role="status"]'))).to.contain(said);

    el.lang = 'es';
    await el.updateComplete;
    choose(itemOf(el, 'Factura comercial')!, [exe()]);
    await until(() => $$(el, '[part~="upload"] .error').length === 2, 5000, 'the second refusal');
    expect(text($$(el, '[part~="upload"] .error')[1]!)).to.equal(
      'No se pudo subir «invoice.pdf». Este archivo no es un PDF ni una imagen. Sube un PDF, una foto o un documento de Office.',
    );
  });

  it('cancels an upload on its way', async () => {
    const { claim, token } = await openClaim(LOSS);
    const el = await documentsFor(claim.id, token);
    const photo = await png('slow.png', 300, true);
    await executeServerCommand('throttle-upload', 20_000);
    choose(itemOf(el, 'Commercial invoice')!, [photo]);
    await el.updateComplete;
    const row = await until(() => $(el, '[part~="upload"]'), 5000, 'the upload row');
    const cancel = row.querySelector('button')!;
    expect(text(cancel)).to.contain('Cancel');
    cancel.click();
    await until(() => !$(el, '[part~="upload"]'), 5000, 'the row gone');
    expect(text($(el, '[role="status"]'))).to.contain('Upload of “slow.png” cancelled.');
    await executeServerCommand('throttle-upload', null);
    const [requirement] = (await listOf(token, claim.id)).items;
    expect(requirement!.files, 'nothing stored').to.have.length(0);
    expect(requirement!.status).to.equal('missing');
    // The next upload, with the throttle lifted, is the first file the document ever gets: nothing
    // of the cancelled one arrives after all.
    const uploaded = oneEvent(el, 'claims-document-uploaded');
    choose(itemOf(el, 'Commercial invoice')!, [pdf('after.pdf')]);
    expect((await uploaded).detail.file.name).to.equal('after.pdf');
    const [after] = (await listOf(token, claim.id)).items;
    expect(after!.files.map((file) => file.name), 'only the upload after the cancelled one').to.deep.equal(['after.pdf']);
    await until(() => itemOf(el, 'Commercial invoice')!.querySelectorAll('[part~="file"]').length === 1, 10_000, 'the one file listed');
    expect(text(itemOf(el, 'Commercial invoice'))).to.contain('after.pdf').and.not.contain('slow.png');
  });

  it('names the integration that uploaded a file, which only it may remove', async () => {
    const { claim, token } = await openClaim(LOSS);
    const key = await api<{ secret: string }>(token, '/company/api-keys', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'ERP SAP', scopes: ['claims:read', 'claims:write'] }),
    });
    const [requirement] = (await listOf(token, claim.id)).items;
    const form = new FormData();
    form.append('file', pdf('albaran-firmado.pdf'));
    const uploaded = await fetch(`${await apiBase()}/claims/${claim.id}/documents/${requirement!.id}/files`, { method: 'POST', headers: { 'X-Api-Key': key.secret }, body: form });
    expect(uploaded.status, 'the ERP uploads the delivery note it holds').to.equal(201);

    const el = await documentsFor(claim.id, token, 'es');
    const file = await until(() => $(el, '[part~="file"]'), 5000, 'the file');
    expect(text(file)).to.contain('ERP SAP · integración');
    expect([...file.querySelectorAll('button')].map((b) => b.textContent!.trim().split(/\s/)[0]), 'no Remove: the file is the ERP’s').to.deep.equal(['Ver', 'Descargar']);
    el.lang = 'en';
    await el.updateComplete;
    expect(text($(el, '[part~="file"]'))).to.contain('ERP SAP · integration');
    await expect(el).to.be.accessible();

    // The operator's backend, naming no one, is named in the reader's words.
    const operator = await fetch(`${await serverUrl()}/test/claims/${claim.id}/documents/${requirement!.id}/operator-file`, { method: 'POST' });
    expect(operator.status, 'the operator’s systems upload too').to.equal(201);
    await until(() => $$(el, '[part~="file"]').length === 2, 5000, 'both files');
    expect(text(el.shadowRoot!.querySelector('[part~="file"]:last-of-type')!)).to.contain('Automated system · integration').and.not.contain('Host system');
    el.lang = 'es';
    await el.updateComplete;
    expect($$(el, '[part~="file"]').map(text).join(' ')).to.contain('Sistema automático · integración');
  });

  it('removes a file after confirming, and focus goes to its document', async () => {
    const { claim, token } = await openClaim(LOSS);
    const [requirement] = (await listOf(token, claim.id)).items;
    await uploadViaApi(token, claim.id, requirement!.id, pdf('old-invoice.pdf'));
    const el = await documentsFor(claim.id, token);
    const file = await until(() => $(el, '[part~="file"]'), 5000, 'the file');
    expect(file.querySelector('[part~="thumbnail"]')!.textContent, 'an icon for a PDF').to.equal('pdf');
    const remove = [...file.querySelectorAll('button')].find((b) => b.textContent!.includes('Remove'))!;
    remove.focus();
    remove.click();
    const dialog = await until(() => $<HTMLDialogElement>(el, 'dialog[open]'), 2000, 'the confirmation');
    expect(text(dialog)).to.contain('“old-invoice.pdf” will no longer be part of the claim.');
    await expect(el).to.be.accessible();
    dialog.querySelector<HTMLButtonElement>('.btn.danger')!.click();
    await until(() => !$(el, '[part~="file"]'), 5000, 'the file gone');
    expect(dialog.open).to.equal(false);
    expect(text(itemOf(el, 'Commercial invoice'))).to.contain('Missing');
    expect(text($(el, '[role="status"]'))).to.contain('“old-invoice.pdf” removed.');
    expect((await listOf(token, claim.id)).items[0]!.files).to.have.length(0);
    const heading = itemOf(el, 'Commercial invoice')!.querySelector('h3');
    await until(() => deepActive() === heading, 5000, `focus on the document’s heading, not ${deepActive()?.outerHTML.slice(0, 40)}`);
  });

  it('lets the handler preview, reject with a reason and accept; the customer sees both live', async () => {
    const { company, claim, token } = await openClaim(LOSS);
    const [invoice, statement] = (await listOf(token, claim.id)).items;
    await uploadViaApi(token, claim.id, invoice!.id, await png('invoice-photo.png'));
    await uploadViaApi(token, claim.id, statement!.id, pdf('statement.pdf'));
    const [base, handlerToken] = await Promise.all([apiBase(), tokenFor(company, { role: 'handler' })]);
    // fixtureSync: fixture() would wait for an animation frame on the plain wrapper, which never
    // comes while this page runs in the background beside another test file.
    const page = fixtureSync<HTMLElement>(html`<div>
      <claims-documents id="customer" api-base=${base} token=${token} claim-id=${claim.id} lang="en"></claims-documents>
      <claims-documents id="handler" api-base=${base} token=${handlerToken} claim-id=${claim.id} lang="es"></claims-documents>
    </div>`);
    const customer = page.querySelector<ClaimsDocuments>('#customer')!;
    const handler = page.querySelector<ClaimsDocuments>('#handler')!;
    await until(() => $(customer, '[part~="list"]') && $(handler, '[part~="list"]'), 10_000, 'both checklists');
    expect($(customer, '[part~="review"]'), 'customers do not review').to.equal(null);
    expect($(customer, '[part~="request"]')).to.equal(null);
    // Each side's drop area in its own words: the handler uploads on the customer's behalf.
    expect($(customer, '[part~="dropzone"]')!.textContent).to.contain('Drop files here or click to choose');
    expect($(handler, '[part~="dropzone"]')!.textContent).to.contain('Sube archivos en nombre del cliente');

    // Preview: the image, fetched with the token, in a dialog.
    const invoiceItem = () => itemOf(handler, 'Factura comercial')!;
    [...invoiceItem().querySelectorAll('button')].find((b) => b.textContent!.includes('Ver'))!.click();
    const preview = await until(() => $(handler, 'dialog[open] img.preview') as HTMLImageElement | null, 5000, 'the preview');
    expect(preview.src).to.match(/^blob:/);
    await until(() => preview.naturalWidth === 64, 5000, 'the full image');
    $(handler, 'dialog[open] .dialog-actions button')!.click();
    await until(() => !$(handler, 'dialog[open]'), 2000, 'the preview closed');

    // Reject, with a reason the dialog insists on.
    const reject = [...invoiceItem().querySelectorAll<HTMLButtonElement>('[part~="review"] button')].find((b) => b.textContent!.includes('Rechazar'))!;
    reject.click();
    const dialog = await until(() => $<HTMLDialogElement>(handler, 'dialog[open]'), 2000, 'the reject dialog');
    await until(() => deepActive() === dialog.querySelector('textarea'), 2000, 'focus in the reason');

    dialog.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    await handler.updateComplete;
    expect(text(dialog)).to.contain('Escribe el motivo del rechazo.');
    dialog.querySelector('textarea')!.value = 'The photo is not the invoice: send the PDF invoice.';
    const rejected = oneEvent(handler, 'claims-document-reviewed');
    dialog.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    const event = await rejected;
    await until(() => deepActive() === invoiceItem().querySelector('h3'), 5000, 'focus on the rejected document');
    expect(event.detail).to.deep.equal({
      claimId: claim.id,
      requirementId: invoice!.id,
      decision: 'rejected',
      reason: 'The photo is not the invoice: send the PDF invoice.',
    });

    const accepted = oneEvent(handler, 'claims-document-reviewed');
    const statementItem = () => itemOf(handler, 'Declaración de no entrega')!;
    [...statementItem().querySelectorAll<HTMLButtonElement>('[part~="review"] button')].find((b) => b.textContent!.includes('Aceptar'))!.click();
    expect((await accepted).detail).to.deep.equal({ claimId: claim.id, requirementId: statement!.id, decision: 'accepted' });
    await until(() => text(statementItem()).includes('Aceptado'), 5000, 'accepted on the handler’s side');

    // The customer's element follows, live.
    await until(() => text(itemOf(customer, 'Commercial invoice')).includes('Rejected: The photo is not the invoice'), 10_000, 'the rejection, live');
    expect(text(itemOf(customer, 'Commercial invoice'))).to.contain('Please upload a new one that fixes this.');
    await until(() => text(itemOf(customer, 'non-delivery')).includes('Accepted'), 10_000, 'the acceptance, live');
    expect(itemOf(customer, 'non-delivery')!.querySelector('button[class*="danger"]'), 'an accepted file is not removable').to.equal(null);
    await until(() => /Document (rejected|accepted)/.test(text($(customer, '[role="status"]'))), 5000, 'announced to the customer');
    await expect(customer).to.be.accessible();
  });

  it('lets the handler request another document and waive an optional one', async () => {
    const { company, claim, token } = await openClaim({ type: 'breakage', goods: 'parcel', scope: 'international' });
    const [base, handlerToken] = await Promise.all([apiBase(), tokenFor(company, { role: 'handler' })]);
    const page = fixtureSync<HTMLElement>(html`<div>
      <claims-documents id="customer" api-base=${base} token=${token} claim-id=${claim.id} lang="en"></claims-documents>
      <claims-documents id="handler" api-base=${base} token=${handlerToken} claim-id=${claim.id} lang="en"></claims-documents>
    </div>`);
    const customer = page.querySelector<ClaimsDocuments>('#customer')!;
    const handler = page.querySelector<ClaimsDocuments>('#handler')!;
    await until(() => $(customer, '[part~="list"]') && $(handler, '[part~="list"]'), 10_000, 'both checklists');
    const before = items(customer).length;

    const form = $(handler, '[part~="request"]') as HTMLDetailsElement;
    form.open = true;
    form.querySelector<HTMLSelectElement>('select')!.value = 'other';
    form.querySelector('textarea')!.value = 'A photo of the label on the box.';
    form.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    await until(() => items(handler).length === before + 1, 5000, 'the request listed');
    await until(() => items(customer).length === before + 1, 10_000, 'the request, live');
    expect(text(customer)).to.contain('Carmen Ruiz asks: A photo of the label on the box.');

    const optional = itemOf(handler, 'Customs')!;
    expect(text(optional)).to.contain('Optional');
    [...optional.querySelectorAll<HTMLButtonElement>('[part~="review"] button')].find((b) => b.textContent!.includes('Not needed'))!.click();
    await until(() => text(itemOf(customer, 'Customs')).includes('Not needed'), 10_000, 'waived, live');
  });

  it('moves the claim to review by itself when the last required document comes in', async () => {
    const { claim, token } = await openClaim(LOSS);
    const [first, second, last] = (await listOf(token, claim.id)).items;
    await uploadViaApi(token, claim.id, first!.id, pdf('a.pdf'));
    await uploadViaApi(token, claim.id, second!.id, pdf('b.pdf'));
    const base = await apiBase();
    const detail = await fixture<ClaimsDetail>(html`<claims-detail api-base=${base} token=${token} claim-id=${claim.id} lang="es" tab="documents"></claims-detail>`);
    const el = await until(() => $<ClaimsDocuments>(detail, 'claims-documents'), 10_000, 'the documents tab');
    await until(() => $(el, '[part~="list"]'), 10_000, 'the checklist');
    // The badge counts what is accepted; the uploads wait for review.
    expect(text($(detail, '[role="tab"][aria-selected="true"]'))).to.contain('Documentos').and.contain('0/3').and.contain('2 en revisión');
    const item = items(el).find((i) => i.querySelector('h3')!.textContent === last!.label.es)!;
    // Dropped rather than picked.
    const transfer = new DataTransfer();
    transfer.items.add(pdf('bank-certificate.pdf'));
    item.querySelector('[part~="dropzone"]')!.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    await until(() => $(detail, '[part~="status-badge"]')!.textContent!.includes('En revisión'), 10_000, 'the claim in review');
    await until(() => text($(detail, '[role="tab"][aria-selected="true"]')).includes('0 de 3 obligatorios aceptados · 3 en revisión'), 10_000, 'the badge');
    const timeline = $(detail, 'claims-timeline')!;
    await until(() => text(timeline).includes('Pasa a «En revisión» automáticamente'), 10_000, 'the automatic move on the timeline');
    expect(text(timeline)).to.contain('Documento subido: Certificado');
    await until(() => text($(el, '[role="status"]')).includes('«bank-certificate.pdf» subido.'), 5000, 'the upload announced');
    await until(() => text($(el, '[role="status"]')).includes('Pasa a «En revisión» automáticamente'), 5000, 'the move announced');
  });
});

/** The handler's decision on a document, through the API. */
const reviewViaApi = (handlerToken: string, claimId: string, requirementId: string, body: { decision: 'accepted' | 'rejected'; reason?: string }) =>
  api<DocumentRequirement>(handlerToken, `/claims/${claimId}/documents/${requirementId}/review`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });

const fileRow = (item: Element, name: string) => [...item.querySelectorAll('[part~="file"]')].find((row) => row.querySelector('.fname')!.textContent === name) ?? null;
const buttonOf = (root: Element | ParentNode, label: string) =>
  [...root.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent!.replace(/\s+/g, ' ').trim().startsWith(label)) ?? null;

describe('<claims-documents>: rejected files and the review from the preview', () => {
  it('marks a rejected file, with why, by whom and when, beside its accepted replacement, for the customer and the handler', async () => {
    const { company, claim, token } = await openClaim(LOSS);
    const [invoice] = (await listOf(token, claim.id)).items;
    await uploadViaApi(token, claim.id, invoice!.id, await png('foto-factura.png'));
    const handlerToken = await tokenFor(company, { role: 'handler' });
    await reviewViaApi(handlerToken, claim.id, invoice!.id, { decision: 'rejected', reason: 'Es una foto: envía la factura en PDF.' });
    const base = await apiBase();
    const page = fixtureSync<HTMLElement>(html`<div>
      <claims-documents id="customer" api-base=${base} token=${token} claim-id=${claim.id} lang="es"></claims-documents>
      <claims-documents id="handler" api-base=${base} token=${handlerToken} claim-id=${claim.id} lang="en"></claims-documents>
    </div>`);
    const customer = page.querySelector<ClaimsDocuments>('#customer')!;
    const handler = page.querySelector<ClaimsDocuments>('#handler')!;
    await until(() => $(customer, '[part~="list"]') && $(handler, '[part~="list"]'), 10_000, 'both checklists');

    // While the document is open, the customer may still take back the rejected file.
    const rejectedRow = () => fileRow(itemOf(customer, 'Factura comercial')!, 'foto-factura.png')!;
    expect(buttonOf(rejectedRow(), 'Quitar'), 'the customer’s own rejected file, removable while the document is open').to.not.equal(null);

    await uploadViaApi(token, claim.id, invoice!.id, pdf('factura.pdf'));
    await reviewViaApi(handlerToken, claim.id, invoice!.id, { decision: 'accepted' });
    await until(() => text(itemOf(customer, 'Factura comercial')).includes('Aceptado') && fileRow(itemOf(customer, 'Factura comercial')!, 'factura.pdf'), 10_000, 'the acceptance, live');

    const marker = rejectedRow().querySelector('[part~="file-rejection"]')!;
    expect(text(marker)).to.contain('Rechazado: Es una foto: envía la factura en PDF.').and.contain('por Carmen Ruiz');
    expect(text(marker), 'when').to.match(/\d{4}/);
    // Not by colour alone: a drawn icon beside the word.
    const icon = marker.querySelector('svg')!;
    expect(icon.getAttribute('aria-hidden')).to.equal('true');
    expect(icon.getAttribute('focusable')).to.equal('false');
    const accepted = fileRow(itemOf(customer, 'Factura comercial')!, 'factura.pdf')!;
    expect(accepted.querySelector('[part~="file-rejection"]'), 'the accepted replacement carries no marker').to.equal(null);
    expect(getComputedStyle(rejectedRow()).borderInlineStartWidth, 'the rejected row set apart').to.not.equal(getComputedStyle(accepted).borderInlineStartWidth);
    expect(buttonOf(rejectedRow(), 'Quitar'), 'the document is accepted: its files stay, the rejected one too').to.equal(null);

    await until(() => text(itemOf(handler, 'Commercial invoice')).includes('Accepted'), 10_000, 'the handler’s checklist');
    const handlerMarker = fileRow(itemOf(handler, 'Commercial invoice')!, 'foto-factura.png')!.querySelector('[part~="file-rejection"]')!;
    expect(text(handlerMarker)).to.contain('Rejected: Es una foto: envía la factura en PDF.').and.contain('by Carmen Ruiz');
    await expect(customer).to.be.accessible();
    await expect(handler).to.be.accessible();
  });

  it('lets the handler accept, reject and go on to the next file from the preview, by keyboard, until none is left', async () => {
    const { company, claim, token } = await openClaim(LOSS);
    const [invoice, statement] = (await listOf(token, claim.id)).items;
    await uploadViaApi(token, claim.id, invoice!.id, await png('foto-1.png'));
    await uploadViaApi(token, claim.id, invoice!.id, await png('foto-2.png', 48));
    await uploadViaApi(token, claim.id, statement!.id, await png('declaracion.png', 80));
    const handlerToken = await tokenFor(company, { role: 'handler' });
    const el = await documentsFor(claim.id, handlerToken, 'es');
    const reviewed: Array<{ requirementId: string; decision: string; reason?: string }> = [];
    el.addEventListener('claims-document-reviewed', (e) => reviewed.push(e.detail));

    buttonOf(fileRow(itemOf(el, 'Factura comercial')!, 'foto-1.png')!, 'Ver')!.focus();
    await sendKeys({ press: 'Enter' });
    const dialog = await until(() => $<HTMLDialogElement>(el, 'dialog[open]'), 5000, 'the preview');
    const title = () => dialog.querySelector('h3')!;
    await until(() => title().textContent === 'foto-1.png' && deepActive() === title(), 5000, 'focus on the file’s name');
    expect(text(dialog)).to.contain(`${invoice!.label.es} · Por revisar · Archivo 1 de 3 por revisar`);
    expect(text(dialog)).to.contain(`Tu decisión vale para los 2 archivos por revisar de «${invoice!.label.es}».`);
    await until(() => (dialog.querySelector('img.preview') as HTMLImageElement | null)?.naturalWidth === 64, 5000, 'the image');
    await expect(el).to.be.accessible();

    // Next, by keyboard: the other file of the same document.
    buttonOf(dialog, 'Siguiente por revisar')!.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => title().textContent === 'foto-2.png' && deepActive() === title(), 5000, 'the next file, its name focused');
    expect(text(dialog)).to.contain('Archivo 2 de 3 por revisar');
    await until(() => (dialog.querySelector('img.preview') as HTMLImageElement | null)?.naturalWidth === 48, 5000, 'its image');

    // Reject: the reason is written in place, and required.
    buttonOf(dialog.querySelector('[part~="review"]')!, 'Rechazar')!.focus();
    await sendKeys({ press: 'Enter' });
    const reason = await until(() => dialog.querySelector('textarea'), 2000, 'the reason');
    await until(() => deepActive() === reason, 2000, 'focus in the reason');
    expect(dialog.querySelector('img.preview'), 'the file still in view').to.not.equal(null);
    dialog.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    await el.updateComplete;
    expect(text(dialog)).to.contain('Escribe el motivo del rechazo.');
    expect(deepActive()).to.equal(reason);
    await expect(el).to.be.accessible();
    await sendKeys({ type: 'Son fotos: envía la factura en PDF.' });
    dialog.querySelector<HTMLButtonElement>('button[type=submit]')!.focus();
    await sendKeys({ press: 'Enter' });

    // On to the next file waiting: the other document's.
    await until(() => title().textContent === 'declaracion.png' && deepActive() === title(), 10_000, 'the next file to review');
    expect(dialog.open).to.equal(true);
    expect(text(dialog.querySelector('[role="status"]'))).to.contain(`«${invoice!.label.es}» rechazado.`);
    expect(text(dialog)).to.contain(`${statement!.label.es} · Por revisar · Archivo 1 de 1 por revisar`);
    expect(buttonOf(dialog, 'Siguiente por revisar'), 'no other file waits').to.equal(null);
    expect(reviewed).to.deep.equal([{ claimId: claim.id, requirementId: invoice!.id, decision: 'rejected', reason: 'Son fotos: envía la factura en PDF.' }]);

    buttonOf(dialog.querySelector('[part~="review"]')!, 'Aceptar')!.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => title().textContent === 'No quedan archivos por revisar.' && deepActive() === title(), 10_000, 'none left');
    expect(text(dialog.querySelector('[role="status"]'))).to.contain(`«${statement!.label.es}» aceptado.`);
    expect(dialog.querySelector('[part~="review"]')).to.equal(null);
    expect(reviewed.at(-1)).to.deep.equal({ claimId: claim.id, requirementId: statement!.id, decision: 'accepted' });

    const stored = (await listOf(handlerToken, claim.id)).items;
    expect(stored[0]!.status).to.equal('rejected');
    expect(stored[0]!.files.map((f) => f.rejection?.reason)).to.deep.equal(['Son fotos: envía la factura en PDF.', 'Son fotos: envía la factura en PDF.']);
    expect(stored[1]!.status).to.equal('accepted');

    await sendKeys({ press: 'Escape' });
    await until(() => !$(el, 'dialog[open]') && el.shadowRoot!.contains(deepActive()), 2000, 'the dialog closed, focus back in the checklist');
    expect(dialog.contains(deepActive())).to.equal(false);
    expect($$(el, '[part~="file-rejection"]')).to.have.length(2);
  });

  it('offers the customer the preview without a review, and the handler none on a rejected file', async () => {
    const { company, claim, token } = await openClaim(LOSS);
    const [invoice] = (await listOf(token, claim.id)).items;
    await uploadViaApi(token, claim.id, invoice!.id, await png('foto.png'));
    const handlerToken = await tokenFor(company, { role: 'handler' });
    const customer = await documentsFor(claim.id, token, 'es');
    buttonOf(fileRow(itemOf(customer, 'Factura comercial')!, 'foto.png')!, 'Ver')!.click();
    const dialog = await until(() => $<HTMLDialogElement>(customer, 'dialog[open]'), 5000, 'the preview');
    expect(dialog.querySelector('[part~="review"]'), 'customers do not review').to.equal(null);
    expect(buttonOf(dialog, 'Siguiente por revisar')).to.equal(null);
    dialog.close();

    await reviewViaApi(handlerToken, claim.id, invoice!.id, { decision: 'rejected', reason: 'Borrosa.' });
    const handler = await documentsFor(claim.id, handlerToken, 'es');
    buttonOf(fileRow(itemOf(handler, 'Factura comercial')!, 'foto.png')!, 'Ver')!.click();
    const preview = await until(() => $<HTMLDialogElement>(handler, 'dialog[open]'), 5000, 'the handler’s preview');
    expect(text(preview)).to.contain(`${invoice!.label.es} · Rechazado`).and.contain('Rechazado: Borrosa.');
    expect(preview.querySelector('[part~="review"]'), 'a rejected file is not reviewed again').to.equal(null);
  });
});

describe('<claims-documents> in the dark theme', () => {
  let link: HTMLLinkElement;
  before(async () => {
    link = await loadDarkTheme();
  });
  after(() => link.remove());

  it('keeps the preview readable with the handler’s review, its reason and a rejected file, contrast included', async () => {
    const { company, claim, token } = await openClaim(LOSS);
    const [invoice] = (await listOf(token, claim.id)).items;
    await uploadViaApi(token, claim.id, invoice!.id, await png('borrosa.png'));
    const handlerToken = await tokenFor(company, { role: 'handler' });
    await reviewViaApi(handlerToken, claim.id, invoice!.id, { decision: 'rejected', reason: 'Borrosa.' });
    await uploadViaApi(token, claim.id, invoice!.id, await png('nitida.png'));
    const base = await apiBase();
    const wrapper = fixtureSync<HTMLElement>(html`<div class="claims-theme-dark" style="background:#0b0c10">
      <claims-documents api-base=${base} token=${handlerToken} claim-id=${claim.id} lang="es"></claims-documents>
    </div>`);
    const el = wrapper.querySelector<ClaimsDocuments>('claims-documents')!;
    await until(() => $(el, '[part~="file-rejection"]'), 10_000, 'the checklist with the rejected file');
    buttonOf(fileRow(itemOf(el, 'Factura comercial')!, 'nitida.png')!, 'Ver')!.click();
    const dialog = await until(() => $<HTMLDialogElement>(el, 'dialog[open]'), 5000, 'the preview');
    await until(() => dialog.querySelector('[part~="review"]') && (dialog.querySelector('img.preview') as HTMLImageElement | null)?.complete, 5000, 'the review actions');
    await expect(wrapper).to.be.accessible();
    buttonOf(dialog.querySelector('[part~="review"]')!, 'Rechazar')!.click();
    await until(() => dialog.querySelector('textarea'), 2000, 'the reason');
    dialog.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    await until(() => text(dialog).includes('Escribe el motivo del rechazo.'), 2000, 'the reason asked for');
    await expect(wrapper).to.be.accessible();
  });

  it('keeps every state readable, contrast included', async () => {
    const { company, claim, token } = await openClaim({ type: 'breakage', goods: 'parcel', scope: 'international' });
    const [invoice, photos] = (await listOf(token, claim.id)).items;
    await uploadViaApi(token, claim.id, invoice!.id, pdf());
    await uploadViaApi(token, claim.id, photos!.id, await png());
    const handlerToken = await tokenFor(company, { role: 'handler' });
    await api(handlerToken, `/claims/${claim.id}/documents/${invoice!.id}/review`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ decision: 'rejected', reason: 'Illegible.' }),
    });
    const base = await apiBase();
    const wrapper = fixtureSync<HTMLElement>(html`<div class="claims-theme-dark" style="background:#0b0c10">
      <claims-documents api-base=${base} token=${handlerToken} claim-id=${claim.id} lang="en"></claims-documents>
    </div>`);
    const el = wrapper.querySelector<ClaimsDocuments>('claims-documents')!;
    await until(() => $(el, 'img[part~="thumbnail"]'), 10_000, 'the checklist with a thumbnail');
    choose(itemOf(el, 'Commercial invoice')!, [new File(['x'], 'notes.txt', { type: 'text/plain' })]);
    await el.updateComplete;
    ($(el, '[part~="request"]') as HTMLDetailsElement).open = true;
    expect(getComputedStyle(el).getPropertyValue('--claims-color-surface').trim()).to.equal('#131419');
    await expect(wrapper).to.be.accessible();
  });
});
