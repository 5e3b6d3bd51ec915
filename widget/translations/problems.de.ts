import { bytes } from '../internal/upload-check.ts';
import type { ProblemTexts } from './translation.ts';

// What a failed request means, in words that say what to do: in a chunk of its own, fetched
// when the page is idle or at the first failure, not with the list every page starts with.

const tryAgain = 'Etwas ist schiefgelaufen. Versuchen Sie es gleich noch einmal.';

export const problemsDe: ProblemTexts = {
  network: () => 'Keine Verbindung zum Server. Prüfen Sie Ihre Internetverbindung und versuchen Sie es erneut.',
  unknown: () => tryAgain,
  'malformed-request': () => tryAgain,
  'invalid-request': () => 'Einige Angaben sind ungültig. Prüfen Sie sie und versuchen Sie es erneut.',
  unauthorized: () => 'Ihre Sitzung ist abgelaufen. Laden Sie die Seite neu, um sich erneut anzumelden.',
  forbidden: () => 'Sie haben keine Berechtigung, das zu tun.',
  'no-claims-access': () => 'Sie haben noch keinen Zugriff auf die Schadensfälle. Bitten Sie die Administration Ihres Unternehmens um Zugriff.',
  'not-found': () => 'Das existiert nicht oder Sie haben keinen Zugriff mehr darauf. Kehren Sie zur Liste zurück.',
  'method-not-allowed': () => tryAgain,
  'request-timeout': () => 'Die Verbindung ist zu langsam. Versuchen Sie es mit einer besseren Verbindung erneut.',
  'precondition-failed': () => 'Jemand hat das geändert, während Sie es bearbeitet haben. Laden Sie es neu, prüfen Sie es und versuchen Sie es erneut.',
  'content-too-large': () => 'Das ist zu groß zum Senden. Senden Sie es in kleineren Teilen.',
  'unsupported-media-type': () => tryAgain,
  'rate-limited': () => 'Zu viele Versuche hintereinander. Warten Sie eine Minute und versuchen Sie es erneut.',
  'header-too-large': () => 'Etwas ist schiefgelaufen. Laden Sie die Seite neu.',
  'server-error': () => 'Bei uns ist etwas schiefgelaufen. Versuchen Sie es gleich noch einmal.',
  unavailable: () => 'Der Dienst ist gerade nicht verfügbar. Versuchen Sie es gleich noch einmal.',
  'invalid-cursor': () => 'Die Liste hat sich geändert, während Sie sie gelesen haben. Laden Sie sie neu.',
  'invalid-upload': () => 'Die Datei ist nicht vollständig angekommen. Laden Sie sie erneut hoch.',
  'empty-file': () => 'Die Datei ist leer (0 Byte). Wählen Sie sie erneut aus; falls sie noch gespeichert wurde, warten Sie, bis das abgeschlossen ist.',
  'move-not-yours': () => 'Dieser Schritt ist nicht Ihre Aufgabe.',
  'not-yours': () => 'Nur die Person, die die Datei hochgeladen hat, kann sie entfernen.',
  'transition-not-allowed': ({ claimStatus }) =>
    `Der Schadensfall ist bereits ${claimStatus ? `im Status „${claimStatus}“` : 'in einer anderen Phase'}: Dieser Schritt ist nicht mehr möglich. Wir haben die Anzeige aktualisiert.`,
  'claim-final': ({ claimStatus }) =>
    `Der Schadensfall ${claimStatus ? `hat den Status „${claimStatus}“` : 'ist abgeschlossen'} und kann nicht mehr geändert werden.`,
  'document-conflict': ({ documentStatus }) =>
    documentStatus === 'accepted'
      ? 'Dieses Dokument ist bereits akzeptiert und nimmt keine weiteren Dateien an.'
      : documentStatus === 'waived'
        ? 'Dieses Dokument ist nicht mehr erforderlich.'
        : 'Dieses Dokument hat sich inzwischen geändert. Wir haben die Anzeige aktualisiert: Prüfen Sie es und versuchen Sie es erneut.',
  'external-ref-conflict': () => 'Es gibt bereits einen offenen Schadensfall mit dieser Referenz und anderen Angaben. Verwenden Sie eine andere Referenz.',
  'claim-not-amendable': ({ claimStatus }) =>
    `Der Schadensfall ${claimStatus ? `hat den Status „${claimStatus}“` : 'ist eingereicht'} und seine Angaben können nicht mehr korrigiert werden.`,
  'token-issuer-conflict': () => 'Ein anderer vertrauenswürdiger Aussteller hat bereits diesen iss. Entfernen Sie ihn zuerst oder geben Sie diesem einen anderen iss.',
  'api-key-limit': () =>
    'Ihr Unternehmen hat bereits die Höchstzahl aktiver API-Schlüssel. Widerrufen Sie einen, den Sie nicht mehr verwenden, und versuchen Sie es dann erneut.',
  'webhook-limit': () =>
    'Ihr Unternehmen hat bereits die Höchstzahl an Webhook-Endpunkten. Löschen Sie einen, den Sie nicht mehr verwenden, und versuchen Sie es dann erneut.',
  'webhook-disabled': () => 'Dieser Endpunkt ist deaktiviert und erhält nichts. Aktivieren Sie ihn zuerst.',
  'client-id-reused': () => tryAgain,
  'too-many-unsent-files': ({ maxUnsentFiles }) =>
    `Sie haben zu viele Dateien, die noch nicht gesendet wurden${maxUnsentFiles === null ? '' : ` (höchstens ${maxUnsentFiles})`}. Senden Sie sie mit einer Nachricht oder entfernen Sie die, die Sie nicht benötigen.`,
  'upload-offset-mismatch': () => 'Der Upload wurde unterbrochen. Versuchen Sie es erneut: Er wird dort fortgesetzt, wo er stehen geblieben ist.',
  'upload-expired': () => 'Der Upload blieb zu lange unvollständig und wurde verworfen. Wählen Sie die Datei erneut aus.',
  'file-too-large': ({ maxBytes, locale }) =>
    `Die Datei überschreitet ${maxBytes === null ? 'die zulässige Größe' : `die Höchstgröße von ${bytes(maxBytes, locale)}`}. Scannen Sie sie mit geringerer Auflösung oder teilen Sie das Dokument auf mehrere Dateien auf.`,
  'file-type-not-allowed': () => 'Diese Datei ist weder ein PDF noch ein Bild. Laden Sie ein PDF, ein Foto oder ein Office-Dokument hoch.',
  'range-not-satisfiable': () => tryAgain,
  'idempotency-key-reused': () => tryAgain,
};
