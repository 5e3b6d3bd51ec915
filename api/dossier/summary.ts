import { shownActorName } from '../../domain/actors.ts';
import { writerId } from '../auth/writer.ts';
import type { Dossier } from './dossier.ts';
import { renderPdf, write } from './pdf.ts';

/**
 * The dossier's summary as a PDF: the claim, its outcome and amount, its checklist with each
 * document's review and files (with where each is in the archive), its chat's attachments, and
 * its whole history with who did what and when.
 */
export function renderSummary(dossier: Dossier): Promise<Buffer> {
  const { words, format, claim } = dossier;
  const s = words.summary;
  const l = s.labels;
  const money = (cents: number) => format.money(cents, claim.currency);
  return renderPdf(
    {
      title: s.title(claim.reference),
      author: claim.company_name,
      lang: words.lang,
      footer: `${claim.company_name} · ${claim.reference}`,
      page: words.page,
    },
    (doc) => {
      write.title(doc, s.title(claim.reference));
      write.muted(doc, s.generated(format.dateTime(dossier.generated.at), shownActorName(dossier.generated.by, s.hostSystem)));

      write.heading(doc, s.claim);
      write.field(doc, l.reference, claim.reference);
      if (claim.external_ref) write.field(doc, l.externalRef, claim.external_ref);
      write.field(doc, l.company, claim.company_name);
      write.field(doc, l.status, words.status[claim.status]);
      write.field(doc, l.type, `${words.type[claim.type]} · ${words.scope[claim.scope]}`);
      write.field(doc, l.packages, `${words.goods[claim.goods]} · ${s.packages(claim.packages)}`);
      write.field(doc, l.carrier, claim.carrier);
      write.field(doc, l.trackingNumber, claim.tracking_number);
      const ends = [
        [claim.origin, claim.origin_country],
        [claim.destination, claim.destination_country],
      ].map(([name, country]) => [name, country && `(${country})`].filter(Boolean).join(' ') || '—');
      write.field(doc, l.route, ends.join(' – '));
      write.field(doc, l.incidentAt, format.dateTime(claim.incident_at));
      write.field(doc, l.declaredValue, money(claim.declared_value_cents));
      write.field(doc, l.claimedAmount, claim.claimed_amount_cents === null ? s.notStated : money(claim.claimed_amount_cents));
      const basis = words.lang === 'en' ? claim.deadline_basis : (claim.deadline_basis_es ?? claim.deadline_basis);
      write.field(doc, l.deadline, `${format.dateTime(claim.deadline_at)} · ${basis}`);
      write.field(doc, l.handler, claim.handler_name ?? s.unassigned);
      if (claim.description) write.field(doc, l.description, claim.description);

      write.heading(doc, s.outcome);
      if (claim.outcome) {
        write.field(doc, l.result, words.outcome[claim.outcome]);
        write.field(doc, l.amount, money(claim.outcome_amount_cents ?? 0));
      } else write.paragraph(doc, s.notResolved);
      if (claim.decline_reason) write.field(doc, l.declineReason, claim.decline_reason);

      write.heading(doc, s.documents);
      if (dossier.checklist.length === 0) write.paragraph(doc, s.none);
      for (const { row, files } of dossier.checklist) {
        const label = words.lang === 'en' ? row.label_en : row.label_es;
        const detail = [
          ...(row.requested_by_name ? [s.requestedBy(row.requested_by_name, row.note)] : []),
          ...(row.reviewed_by_name && row.reviewed_at ? [s.reviewed(row.reviewed_by_name, format.dateTime(row.reviewed_at))] : []),
          ...(row.status === 'rejected' && row.reason ? [s.rejectedBecause(row.reason)] : []),
          ...files.flatMap(({ row: file, path }) => [
            `– ${s.file(file.name, format.size(file.size), shownActorName({ kind: file.uploaded_by_kind, id: writerId(file.uploaded_by_id, file.uploaded_by_key_id), name: file.uploaded_by_name }, s.hostSystem), format.dateTime(file.uploaded_at))}`,
            ...(file.rejected_at ? [`   ${s.fileRejected(file.rejected_by_name ?? '', format.dateTime(file.rejected_at), file.rejection_reason ?? '')}`] : []),
            `   ${s.inArchive(path)}`,
          ]),
        ];
        write.item(doc, s.requirement(label, row.required === 1, words.documentStatus[row.status]), detail);
      }

      write.heading(doc, s.attachments);
      if (dossier.attachments.length === 0) write.paragraph(doc, s.none);
      for (const { file, message } of dossier.attachments) {
        write.item(doc, s.sentBy(file.row.name, format.size(file.row.size), shownActorName(message.author, s.hostSystem), format.dateTime(message.at)), [s.inArchive(file.path)]);
      }

      write.heading(doc, s.history);
      for (const event of dossier.events) {
        const what = words.history[event.type as keyof typeof words.history]?.(event.data, event.actor.kind);
        if (!what) continue;
        const outcome = event.data.outcome
          ? [`${words.outcome[event.data.outcome]}${event.data.amount ? ` · ${format.money(event.data.amount.amountCents, event.data.amount.currency)}` : ''}`]
          : [];
        write.item(doc, `${format.dateTime(event.at)} · ${shownActorName(event.actor, s.hostSystem)}: ${what}`, [
          ...outcome,
          ...(event.data.note ? [s.note(event.data.note)] : []),
          ...(event.data.reason ? [s.reason(event.data.reason)] : []),
        ]);
      }
    },
  );
}

