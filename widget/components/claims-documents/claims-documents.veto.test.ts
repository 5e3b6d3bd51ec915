import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import './claims-documents.ts';
import type { ClaimsDocuments } from './claims-documents.component.ts';
import { $, $$, acceptAs, apiBase, createClaim, tokenFor, uniqueCompany, until } from '../../test/helpers.ts';
import { countRequests } from '../../test/requests.ts';

// A host may veto a file on its way up: `claims-upload` comes before each file is sent, and
// preventDefault() leaves it out. The test then lets a file through: the one upload that leaves,
// and the one file the checklist lists, prove the vetoed one never left.

const pdf = (name: string) =>
  new File(['%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n'], name, {
    type: 'application/pdf',
  });

/** Chooses a file for the first requirement as the file picker would. */
function choose(el: ClaimsDocuments, file: File) {
  const input = $<HTMLInputElement>(el, '[part~="item"] input[type=file]')!;
  const transfer = new DataTransfer();
  transfer.items.add(file);
  input.files = transfer.files;
  input.dispatchEvent(new Event('change'));
}

describe('<claims-documents> vetoed by its host', () => {
  it('uploads no file the host vetoes, and the one it lets through', async () => {
    const company = uniqueCompany();
    const claim = await createClaim(company, { type: 'loss', goods: 'parcel', scope: 'national' });
    await acceptAs(company, claim.id);
    const [base, token] = await Promise.all([apiBase(), tokenFor(company)]);
    const el = await fixture<ClaimsDocuments>(html`<claims-documents api-base=${base} token=${token} claim-id=${claim.id} lang="en"></claims-documents>`);
    await until(() => $(el, '[part~="list"]'), 10_000, 'the checklist');
    const uploads = countRequests('POST', '/uploads');
    try {
      const veto = (e: Event) => e.preventDefault();
      el.addEventListener('claims-upload', veto);
      const asked = oneEvent(el, 'claims-upload');
      choose(el, pdf('secret.pdf'));
      const event = await asked;
      expect(event.cancelable).to.equal(true);
      expect(event.detail.claimId).to.equal(claim.id);
      expect(event.detail.requirementId).to.be.a('string');
      expect(event.detail.file.name).to.equal('secret.pdf');
      await el.updateComplete;
      expect($$(el, '[part~="upload"]'), 'no upload shown').to.have.length(0);
      expect(uploads.count, 'nothing sent').to.equal(0);

      el.removeEventListener('claims-upload', veto);
      const done = oneEvent(el, 'claims-document-uploaded');
      choose(el, pdf('invoice.pdf'));
      expect((await done).detail.file.name).to.equal('invoice.pdf');
      expect(uploads.count, 'one upload sent: the one let through').to.equal(1);
      await until(() => $$(el, '[part~="file"]').length === 1, 10_000, 'the file listed');
      expect($(el, '[part~="file"]')!.textContent).to.contain('invoice.pdf');
    } finally {
      uploads.restore();
    }
  });
});
