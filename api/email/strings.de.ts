import { CLAIM_LABELS_DE } from '../../domain/labels.de.ts';
import { pluralIn } from './plural.ts';
import type { EmailCopy } from './strings.ts';

// The emails in German, addressing the reader as "Sie" as the widget's catalogue does
// (widget/translations/de.ts), with its words: "Schadensfall", "Reklamation", "Frachtführer",
// "Sachbearbeitung" and "Administration" (for people of any gender), "hochladen", "Frist".

const plural = pluralIn('de-DE');

export const EMAIL_DE: EmailCopy = {
  lang: 'de',
  locale: 'de-DE',
  status: CLAIM_LABELS_DE.status,
  type: CLAIM_LABELS_DE.type,
  outcome: CLAIM_LABELS_DE.outcome,
  guidance: {
    notified:
      'Wir haben diesen Vorfall bei Ihrer Sendung festgestellt. Prüfen Sie die Angaben und nehmen Sie den Schadensfall an, damit wir die Reklamation bearbeiten, oder lehnen Sie ihn ab, wenn Sie nicht reklamieren möchten.',
    documentation: 'Schadensfall angenommen. Im Schadensfall sehen Sie, welche Dokumente benötigt werden; laden Sie sie dort hoch, damit wir sie prüfen können.',
    review: 'Die Pflichtdokumente liegen vor und werden nun geprüft. Im Moment müssen Sie nichts tun; wir melden uns, falls etwas fehlt.',
    submitted: 'Die Reklamation wurde beim Frachtführer oder beim Versicherer eingereicht. Wir informieren Sie, sobald eine Antwort vorliegt.',
    resolved: 'Über die Reklamation ist entschieden. Prüfen Sie das Ergebnis und den Betrag.',
    closed: 'Schadensfall abgeschlossen. Es ist nichts mehr offen.',
    declined: 'Sie haben entschieden, diesen Schadensfall nicht bearbeiten zu lassen. Falls das ein Versehen war, bitten Sie in Ihrem Kundenbereich um Hilfe.',
  },
  notStated: 'Nicht angegeben',
  hostSystem: 'Automatisches System',
  labels: {
    reference: 'Referenz',
    claimType: 'Schadensart',
    carrier: 'Frachtführer',
    trackingNumber: 'Sendungsnummer',
    document: 'Dokument',
    status: 'Status',
    deadline: 'Frist',
    timeLeft: 'Verbleibende Zeit',
    reason: 'Grund',
  },
  greeting: (name) => `Guten Tag ${name},`,
  linkFallback: 'Falls die Schaltfläche nicht funktioniert, kopieren Sie diese Adresse in Ihren Browser:',
  findIt: (reference) => `Sie finden ihn in Ihrem Kundenbereich unter der Referenz ${reference}.`,
  footer: (company) =>
    `Sie erhalten diese E-Mail, weil für Sie bei ${company} Benachrichtigungen zu Schadensfällen per E-Mail aktiviert sind. Die Administration Ihres Unternehmens kann das im Kundenbereich ändern.`,
  hours: (hours) => `${hours} ${plural(hours, 'Stunde', 'Stunden')}`,

  claimCreated: {
    subject: (reference) => `Neuer Schadensfall ${reference}: Bearbeitung annehmen oder ablehnen`,
    preheader: (type, carrier) => `${type} bei einer Sendung mit ${carrier}. Nehmen Sie die Bearbeitung an oder lehnen Sie sie ab.`,
    heading: (reference) => `Neuer Schadensfall ${reference}`,
    intro: (company, reference) => `Wir haben bei einer Sendung von ${company} einen Vorfall festgestellt und den Schadensfall ${reference} angelegt.`,
    ask: 'Nehmen Sie ihn an, damit wir die Reklamation für Sie bearbeiten, oder lehnen Sie ihn ab, wenn Sie nicht reklamieren möchten.',
    action: 'Annehmen oder ablehnen',
  },
  documentRejected: {
    subject: (reference, document) => `${reference}: Dokument abgelehnt (${document}), bitte laden Sie ein neues hoch`,
    heading: 'Dokument abgelehnt',
    intro: (reviewer, document, reference) => `${reviewer} hat „${document}“ zum Schadensfall ${reference} geprüft und konnte es nicht akzeptieren.`,
    ask: 'Bitte laden Sie eine korrigierte Fassung hoch.',
    action: 'Neues Dokument hochladen',
  },
  message: {
    subject: (reference, count, handler) =>
      count === 1 ? `${reference}: neue Nachricht von ${handler}` : `${reference}: ${count} neue Nachrichten von ${handler}`,
    heading: (count) => (count === 1 ? 'Neue Nachricht' : `${count} neue Nachrichten`),
    intro: (handler, count, reference) =>
      count === 1
        ? `${handler} hat Ihnen zum Schadensfall ${reference} geschrieben.`
        : `${handler} hat Ihnen ${count} Nachrichten zum Schadensfall ${reference} geschrieben.`,
    quoteCaption: 'Neueste Nachricht',
    action: 'Lesen und antworten',
  },
  statusChanged: {
    subject: (reference, status) => `Schadensfall ${reference}: jetzt „${status}“`,
    heading: (count) => (count === 1 ? 'Ihr Schadensfall hat einen neuen Status' : `${count} Statusänderungen`),
    moved: (reference, from, to) => `Der Status des Schadensfalls ${reference} hat sich von „${from}“ in „${to}“ geändert.`,
    outcome: (result, amount) => `Ergebnis: ${result}${amount ? `, ${amount}` : ''}.`,
    now: (reference, count, status) =>
      count === 1
        ? `Der Schadensfall ${reference} hat jetzt den Status „${status}“.`
        : `Der Status des Schadensfalls ${reference} hat sich ${count}-mal geändert und lautet jetzt „${status}“.`,
    action: 'Schadensfall ansehen',
  },
  deadlineApproaching: {
    subject: (reference, hours) => `${reference}: Die Reklamationsfrist endet in ${hours}`,
    heading: 'Die Reklamationsfrist läuft bald ab',
    intro: (reference, deadline, hours) => `Die Frist für die Reklamation des Schadensfalls ${reference} endet am ${deadline} (noch ${hours}).`,
    ask: 'Falls noch Dokumente fehlen, laden Sie sie bitte so bald wie möglich hoch, damit wir die Reklamation fristgerecht einreichen können.',
    action: 'Schadensfall prüfen',
  },
  webhookDisabled: {
    subject: (url) => `Webhook deaktiviert: ${url}`,
    heading: 'Wir haben einen Webhook Ihres Unternehmens deaktiviert',
    intro: (url, reason) =>
      reason === 'gone'
        ? `Claimdesk sendet keine Ereignisse mehr an ${url}: Die Adresse hat mit „410 Gone“ geantwortet, nimmt also keine Ereignisse mehr an.`
        : `Claimdesk sendet keine Ereignisse mehr an ${url}: Alle Zustellungen dorthin sind 3 Tage lang fehlgeschlagen.`,
    labels: { webhook: 'Webhook', url: 'Adresse' },
    ask: 'Solange er deaktiviert ist, erfahren Ihre Systeme auf diesem Weg nichts Neues über Ihre Schadensfälle. Sobald der Empfänger wieder funktioniert, aktivieren Sie ihn erneut und lassen Sie die verpassten Ereignisse bei Bedarf erneut senden.',
    turnOn: (id) => `Sie können ihn im Kundenbereich unter Einstellungen › Integrationen wieder aktivieren oder mit PATCH /api/v1/webhooks/${id}.`,
    action: 'Webhook prüfen',
    footer: (company) => `Sie erhalten diese E-Mail, weil Sie bei Claimdesk zur Administration von ${company} gehören.`,
  },
};
