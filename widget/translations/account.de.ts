import type { AccountTranslation } from './translation.ts';
import { apiTextIn } from './languages.ts';
import { de } from './de.ts';
import { pluralIn } from '../internal/format.ts';

const plural = pluralIn('de-DE');

export const accountDe: AccountTranslation = {
  notifications: {
    title: 'Benachrichtigungen',
    bell: (n) => (n === 0 ? 'Benachrichtigungen' : `Benachrichtigungen, ${n} ungelesen`),
    unread: 'Ungelesen',
    markAllRead: 'Alle als gelesen markieren',
    allRead: 'Alle Benachrichtigungen sind gelesen.',
    empty: 'Sie haben keine Benachrichtigungen',
    emptyBody: 'Hier informieren wir Sie über neue Schadensfälle, Statusänderungen und Nachrichten Ihrer Sachbearbeitung.',
    text: ({ kind, count, data }) => {
      const doc = data.document ? apiTextIn(data.document.label, 'de') : '';
      switch (kind) {
        case 'claim_created': return 'Neuer Schadensfall';
        case 'status_changed': {
          // A burst of moves folds into one notification: where the last one took the claim, and how many there were.
          const moved = `Neuer Status: ${data.status ? de.status[data.status] : '?'}`;
          return plural(count, moved, `${moved} (${count} Statusänderungen)`);
        }
        case 'document_requested': return `Dokument angefordert: ${doc}`;
        case 'document_rejected': return `Dokument abgelehnt: ${doc}${data.reason ? ` – ${data.reason}` : ''}`;
        case 'deadline_approaching': return `Die Frist endet in ${data.hoursLeft ?? '?'} h`;
        case 'message': {
          const who = plural(count, `Neue Nachricht von ${data.actor.name}`, `${count} neue Nachrichten von ${data.actor.name}`);
          return data.preview ? `${who}: „${data.preview}“` : who;
        }
        case 'webhook_disabled': {
          const name = data.webhook?.description || data.webhook?.url || '';
          return data.webhook?.reason === 'gone'
            ? `Webhook deaktiviert: ${name} hat gemeldet, dass die Adresse nicht mehr existiert (410)`
            : `Webhook deaktiviert: ${name} schlägt seit 3 Tagen fehl`;
        }
      }
    },
    arrived: (text) => `Neue Benachrichtigung: ${text}`,
  },
  settings: {
    title: 'Einstellungen',
    intro: 'Legen Sie fest, wer in Ihrem Unternehmen mit den Schadensfällen arbeitet und wer die Benachrichtigungen zusätzlich per E-Mail erhält (im Kundenbereich kommen sie immer an). Jede Änderung wird sofort gespeichert.',
    users: 'Benutzerkonten des Unternehmens',
    access: 'Zugriff auf Schadensfälle',
    accessOf: (name) => `Zugriff auf Schadensfälle für ${name}`,
    adminAlways: 'Die Administration hat immer Zugriff',
    channel: 'Benachrichtigungen',
    channels: { in_app: 'Nur im Kundenbereich', in_app_and_email: 'Kundenbereich und E-Mail' },
    email: 'Benachrichtigungen per E-Mail',
    emailOf: (name) => `Benachrichtigungen per E-Mail an ${name}`,
    companyDefault: 'Benachrichtigungen per E-Mail für neue Benutzerkonten',
    companyDefaultHint: 'Gilt für alle, die sich zum ersten Mal anmelden; danach können Sie es für jede Person einzeln ändern.',
    role: { admin: 'Administration', member: 'Mitglied', handler: 'Sachbearbeitung' },
    you: 'Sie',
    granted: 'Mit Zugriff',
    notGranted: 'Ohne Zugriff',
    saving: 'Wird gespeichert…',
    saved: 'Gespeichert',
    failed: 'Konnte nicht gespeichert werden.',
    yours: 'Ihre Einstellungen',
    readOnly: 'Nur die Administration Ihres Unternehmens kann diese Einstellungen ändern.',
    empty: 'Ihr Unternehmen hat noch keine Benutzerkonten.',
    integrations: 'Integrationen',
    integrationsIntro: 'Verbinden Sie Ihr ERP-System oder andere Programme mit den Schadensfällen: API-Schlüssel, damit sie die Schadensfälle lesen und Dokumente hochladen, und Webhooks, die sie bei jeder Änderung sofort benachrichtigen.',
    openIntegrations: 'Integrationen öffnen',
    closeIntegrations: 'Integrationen schließen',
  },
  help: {
    title: 'Brauchen Sie Hilfe?',
    intro: 'Das Schadenteam ist für Sie da:',
    email: 'E-Mail',
    phone: 'Telefon',
    hours: 'Erreichbarkeit',
    none: 'Noch keine Kontaktdaten hinterlegt. Schreiben Sie Ihrer Sachbearbeitung im Chat des Schadensfalls.',
  },
};
