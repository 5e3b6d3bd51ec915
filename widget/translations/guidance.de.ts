import type { GuidanceTranslation } from './translation.ts';
import { pluralIn } from '../internal/format.ts';

// What a claim asks of its reader next, worded from the step the API decided: loaded with the
// claim's detail, not with the list every page starts with.

const plural = pluralIn('de-DE');
const waiting = (n: number) => plural(n, 'Ein Dokument wartet', `${n} Dokumente warten`);

export const guidanceDe: GuidanceTranslation = {
  customer: {
    'accept-or-decline': () =>
      'Wir haben diesen Vorfall bei Ihrer Sendung festgestellt. Prüfen Sie die Angaben und nehmen Sie den Schadensfall an, damit wir die Reklamation bearbeiten, oder lehnen Sie ihn ab, wenn Sie nicht reklamieren möchten.',
    'fix-rejected': ({ documents, count, reason }) =>
      plural(
        count,
        `Wir haben ${documents} abgelehnt${reason ? `: ${reason}` : ''}. Laden Sie unter „Dokumente“ eine korrigierte Fassung hoch.`,
        `Wir haben ${documents} abgelehnt. Laden Sie unter „Dokumente“ für jedes eine neue Fassung hoch; dort sehen Sie auch den Grund.`,
      ),
    'upload-documents': ({ documents, count }) =>
      `Damit wir die Reklamation bearbeiten können, laden Sie unter „Dokumente“ ${plural(count, 'dieses Dokument', 'diese Dokumente')} hoch: ${documents}.`,
    'wait-for-assignment': () =>
      'Alle Pflichtdokumente sind hochgeladen. Noch ist keine Sachbearbeitung zugewiesen: Sobald jemand den Schadensfall übernimmt, werden die Unterlagen geprüft. Im Moment müssen Sie nichts tun.',
    'wait-for-review': ({ handler }) =>
      `${handler} aus der Sachbearbeitung prüft gerade die Unterlagen. Im Moment müssen Sie nichts tun; wir melden uns, falls etwas fehlt.`,
    'wait-for-filing': () =>
      'Alle Pflichtdokumente sind akzeptiert. Wir reichen die Reklamation beim Frachtführer oder beim Versicherer ein und informieren Sie.',
    'wait-for-carrier': () =>
      'Die Reklamation wurde beim Frachtführer oder beim Versicherer eingereicht. Wir informieren Sie, sobald eine Antwort vorliegt.',
    'see-outcome': () => 'Über die Reklamation ist entschieden. Prüfen Sie das Ergebnis und den Betrag.',
    declined: () => 'Sie haben entschieden, diesen Schadensfall nicht bearbeiten zu lassen. Falls das ein Versehen war, bitten Sie um Hilfe.',
    nothing: () => 'Schadensfall abgeschlossen. Es ist nichts mehr offen.',
  },
  handler: {
    'take-claim': ({ documents, count }) =>
      `Noch bearbeitet niemand diesen Schadensfall: Übernehmen Sie ihn.${count ? ` ${waiting(count)} auf Prüfung: ${documents}.` : ''}`,
    'wait-for-customer': () => 'Warten, bis der Kunde die Bearbeitung annimmt oder ablehnt.',
    'review-documents': ({ documents, count }) =>
      `${waiting(count)} auf Ihre Prüfung: ${documents}. ${plural(count, 'Akzeptieren Sie es unter „Dokumente“ oder lehnen Sie es ab.', 'Akzeptieren Sie unter „Dokumente“ jedes einzeln oder lehnen Sie es ab.')}`,
    'wait-for-documents': ({ documents }) => `Der Kunde muss noch ${documents} hochladen.`,
    'start-review': () => 'Alle Pflichtdokumente sind akzeptiert: Setzen Sie den Schadensfall auf „In Prüfung“, um die Reklamation einzureichen.',
    'file-claim': () => 'Alle Pflichtdokumente sind akzeptiert: Reichen Sie die Reklamation beim Frachtführer oder beim Versicherer ein.',
    'record-outcome': () =>
      'Beim Frachtführer oder beim Versicherer eingereicht. Sobald eine Antwort vorliegt, setzen Sie die Reklamation mit Ergebnis und Betrag auf „Entschieden“.',
    'close-claim': () => 'Entschieden. Schließen Sie den Schadensfall ab, sobald der Kunde den Betrag erhalten hat oder nichts mehr offen ist.',
    declined: () => 'Der Kunde hat entschieden, diesen Schadensfall nicht bearbeiten zu lassen.',
    nothing: () => 'Schadensfall abgeschlossen. Es ist nichts mehr offen.',
  },
  quote: (label) => `„${label}“`,
};
