import type { SourceLanguage } from '../../domain/constants.ts';
import type { ClaimWithCompany } from '../claims/claims.repository.ts';
import type { FileRow } from '../db/database.ts';
import type { RequirementRow } from '../documents/documents.repository.ts';
import type { Formats } from './format.ts';
import type { DossierWords } from './dossier.words.ts';
import { LETTER_TEMPLATES, PAYMENT_DAYS, type LetterFacts } from './letter.template.ts';
import { printable, renderPdf, write } from './pdf.ts';

/** A country as the letter writes it after a place: "Lyon (FR)". */
const place = (name: string | null, country: string | null) => [name, country && `(${country})`].filter(Boolean).join(' ');

/**
 * The letter's facts from the claim and its checklist: the amount claimed (else the declared
 * value), and as attachments the documents that have files in, each with the files not rejected.
 */
export function letterFactsOf(
  claim: ClaimWithCompany,
  checklist: ReadonlyArray<{ row: RequirementRow; files: ReadonlyArray<{ row: FileRow }> }>,
  words: DossierWords,
  format: Formats,
  now: Date,
): LetterFacts {
  const origin = place(claim.origin, claim.origin_country);
  const destination = place(claim.destination, claim.destination_country);
  const documents = checklist
    .filter(({ row }) => row.status === 'uploaded' || row.status === 'accepted')
    .map(({ row, files }) => ({
      label: words.lang === 'en' ? row.label_en : row.label_es,
      files: files.filter((file) => file.row.rejected_at === null).map((file) => file.row.name),
    }));
  return {
    company: claim.company_name,
    carrier: claim.carrier,
    reference: claim.reference,
    externalRef: claim.external_ref,
    type: claim.type,
    scope: claim.scope,
    goods: `${words.goods[claim.goods]} · ${words.summary.packages(claim.packages)}`,
    trackingNumber: claim.tracking_number,
    route: origin || destination ? `${origin || '—'} – ${destination || '—'}` : null,
    incidentAt: format.date(claim.incident_at),
    description: claim.description,
    amount: format.money(claim.claimed_amount_cents ?? claim.declared_value_cents, claim.currency),
    amountIsDeclaredValue: claim.claimed_amount_cents === null,
    deadlineBasis: words.lang === 'en' ? claim.deadline_basis : (claim.deadline_basis_es ?? claim.deadline_basis),
    documents,
    handler: claim.handler_name,
    date: format.date(now),
  };
}

/** The letter to the carrier as a PDF, from its language's template (letter.template.ts). */
export function renderLetter(lang: SourceLanguage, facts: LetterFacts): Promise<Buffer> {
  const t = LETTER_TEMPLATES[lang];
  const title = t.title(facts.type);
  return renderPdf(
    { title: `${title} — ${facts.reference}`, author: facts.company, lang, footer: `${facts.company} · ${facts.reference}`, page: (n, of) => `${n}/${of}` },
    (doc) => {
      const top = doc.y;
      doc.font('Helvetica').fontSize(10).text(printable(facts.date), { align: 'right' });
      doc.font('Helvetica-Bold').fontSize(13).text(printable(facts.company), doc.page.margins.left, top).moveDown(0.8);
      doc.font('Helvetica').fontSize(10);
      for (const line of t.recipient(facts.carrier)) doc.text(printable(line));
      doc.moveDown(1);
      write.title(doc, title);
      doc.font('Helvetica-Bold').text(printable(t.subject(facts))).font('Helvetica').moveDown(1);
      write.paragraph(doc, t.salutation);
      write.paragraph(doc, t.opening(facts));

      write.heading(doc, t.shipment.heading);
      write.field(doc, t.shipment.reference, facts.reference);
      if (facts.externalRef) write.field(doc, t.shipment.externalRef, facts.externalRef);
      write.field(doc, t.shipment.trackingNumber, facts.trackingNumber);
      write.field(doc, t.shipment.goods, facts.goods);
      if (facts.route) write.field(doc, t.shipment.route, facts.route);
      write.field(doc, t.shipment.incidentAt, facts.incidentAt);

      write.heading(doc, t.factsHeading);
      write.paragraph(doc, t.facts(facts));

      write.heading(doc, t.amountHeading);
      write.paragraph(doc, t.amount(facts));

      write.heading(doc, t.basisHeading);
      write.paragraph(doc, t.statute[facts.scope]);
      write.paragraph(doc, t.deadline(facts.deadlineBasis));

      write.heading(doc, t.documentsHeading);
      if (facts.documents.length === 0) write.paragraph(doc, t.noDocuments);
      else {
        write.paragraph(doc, t.documentsIntro);
        for (const document of facts.documents) write.item(doc, t.document(document.label, document.files));
      }

      doc.moveDown(0.5);
      write.paragraph(doc, t.payment(PAYMENT_DAYS));
      write.paragraph(doc, t.reservation);
      write.keep(doc, 75);
      write.paragraph(doc, t.closing, { align: 'left' });
      doc.moveDown(1.5).text('______________________________');
      for (const line of t.signature(facts.company, facts.handler)) doc.text(printable(line));
    },
  );
}
