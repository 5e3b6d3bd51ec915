import { expect, fixtureSync, html, oneEvent } from '@open-wc/testing';
import './claims-chat.ts';
import type { ClaimsChat } from './claims-chat.component.ts';
import { $, acceptAs, apiBase, apiOffline, createClaim, tokenFor, uniqueCompany, until } from '../../test/helpers.ts';

// The chat uploads a document a message asks for as the checklist does (the same controller),
// so the same connection rules hold there: a file chosen while offline waits in the message,
// saying so, and goes once the connection is back (claims-documents.resume.test.ts drives the cut).

const PDF = '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n';

function leavingAsks(): boolean {
  const event = new Event('beforeunload', { cancelable: true });
  window.dispatchEvent(event);
  return event.defaultPrevented;
}

describe('<claims-chat> uploading a document asked for while offline', () => {
  afterEach(() => apiOffline(false));

  it('keeps the file waiting in the message, says so in the reader’s language, and sends it once the connection is back', async () => {
    const company = uniqueCompany();
    const claim = await createClaim(company);
    await acceptAs(company, claim.id);
    const [base, token, handlerToken] = await Promise.all([apiBase(), tokenFor(company, { lang: 'es' }), tokenFor(company, { role: 'handler', sub: `handler-${company}` })]);
    const asked = await fetch(`${base}/claims/${claim.id}/messages`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${handlerToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ body: '', clientId: crypto.randomUUID(), documentRequest: { kind: 'police_report', note: 'Con el sello.' } }),
    });
    expect(asked.status).to.equal(201);
    const chat = fixtureSync<ClaimsChat>(html`<claims-chat api-base=${base} token=${token} claim-id=${claim.id} lang="es"></claims-chat>`);
    const picker = await until(() => $(chat, '[part~="document-request"] input[type="file"]:not([capture])') as HTMLInputElement | null, 10_000, 'the upload in the message');

    await apiOffline(true);
    const uploaded = oneEvent(chat, 'claims-document-uploaded');
    const transfer = new DataTransfer();
    transfer.items.add(new File([PDF], 'denuncia.pdf', { type: 'application/pdf' }));
    picker.files = transfer.files;
    picker.dispatchEvent(new Event('change'));
    const waiting = await until(() => $(chat, '[part~="document-request"] .offline'), 10_000, 'the file waiting in the message');
    const said = 'Sin conexión: «denuncia.pdf» se subirá en cuanto vuelvas a tener conexión.';
    expect(waiting.textContent).to.equal(said);
    await until(() => $(chat, '[role="status"]')?.textContent?.includes(said), 5000, 'said');
    expect(leavingAsks()).to.equal(true);
    await expect(chat).to.be.accessible();

    await apiOffline(false);
    expect((await uploaded).detail.file.name).to.equal('denuncia.pdf');
    await until(() => !$(chat, '[part~="document-request"] .offline'), 10_000, 'nothing waiting');
    expect(leavingAsks()).to.equal(false);
  });
});
