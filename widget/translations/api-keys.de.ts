import type { ApiKeysTranslation } from './translation.ts';

// The words of <claims-api-keys>, in German: loaded with it, not at start.

export const apiKeysDe: ApiKeysTranslation = {
  title: 'API-Schlüssel',
  intro:
    'Mit einem API-Schlüssel liest ein Programm Ihres Unternehmens – zum Beispiel Ihr ERP-System – die Schadensfälle und lädt Dokumente hoch, ohne dass sich jemand anmelden muss. Erstellen Sie für jedes Programm einen eigenen Schlüssel, nur mit den Berechtigungen, die es benötigt.',
  create: 'Schlüssel erstellen',
  emptyTitle: 'Noch keine API-Schlüssel',
  emptyBody:
    'Erstellen Sie einen, wenn Sie Ihr ERP-System oder ein anderes Programm anbinden möchten: Es kann dann die Schadensfälle Ihres Unternehmens lesen und, wenn Sie es erlauben, Dokumente hochladen und Nachrichten schreiben.',
  scopes: {
    'claims:read': { name: 'Schadensfälle lesen', hint: 'Die Schadensfälle Ihres Unternehmens mit ihren Dokumenten, Nachrichten und ihrem Verlauf.' },
    'claims:write': { name: 'Dokumente hochladen und Nachrichten schreiben', hint: 'In den Schadensfällen Ihres Unternehmens, so wie es eine angemeldete Person tun würde.' },
    'webhooks:manage': { name: 'Webhooks verwalten', hint: 'Die Webhooks Ihres Unternehmens erstellen, ändern und löschen.' },
    'tokens:issue': { name: 'Ihre Benutzer anmelden', hint: 'Jeden Benutzer Ihres Unternehmens, auch Administratoren, in Ihrem eigenen Bereich anmelden: geben Sie ihn nur dem System, das Ihre Benutzer anmeldet.' },
  },
  permissions: 'Berechtigungen',
  created: (when, by) => `Erstellt am ${when}${by ? ` von ${by}` : ' vom Betreiber'}`,
  lastUsed: (when) => `Zuletzt verwendet: ${when ?? 'nie'}`,
  revokedOn: (when, by) => `Widerrufen am ${when}${by ? ` von ${by}` : ''}`,
  active: 'Aktiv',
  revoked: 'Widerrufen',
  revoke: 'Widerrufen',
  revokeTitle: (name) => `Schlüssel „${name}“ widerrufen?`,
  revokeIntro:
    'Programme, die ihn verwenden, verlieren sofort den Zugriff. Das lässt sich nicht rückgängig machen: Um sie wieder anzubinden, erstellen Sie einen neuen Schlüssel.',
  revokedAnnounced: (name) => `Schlüssel „${name}“ widerrufen.`,
  revokeFailed: 'Der Schlüssel konnte nicht widerrufen werden.',
  createTitle: 'Neuer API-Schlüssel',
  name: 'Name',
  nameHint: 'Zum Wiedererkennen: das Programm, das ihn verwenden wird, zum Beispiel „SAP ERP“.',
  nameRequired: 'Geben Sie einen Namen für den Schlüssel ein.',
  scopesLegend: 'Berechtigungen',
  scopesRequired: 'Wählen Sie mindestens eine Berechtigung.',
  createFailed: 'Der Schlüssel konnte nicht erstellt werden.',
  creating: 'Wird erstellt…',
  createdTitle: (name) => `Schlüssel „${name}“ erstellt`,
  createdAnnounced: (name) => `Schlüssel „${name}“ erstellt. Kopieren Sie ihn jetzt: Sie werden ihn nicht noch einmal sehen.`,
  secret: {
    label: 'Ihr neuer Schlüssel',
    warning: 'Kopieren Sie ihn jetzt: Sie werden ihn nicht noch einmal sehen.',
    use: 'Speichern Sie ihn dort, wo Ihr Programm ihn liest, nicht in einer E-Mail oder einem Chat. Das Programm sendet ihn bei jeder Anfrage im Header X-Api-Key.',
    copy: 'Kopieren',
    copied: 'Kopiert',
    copyFailed: 'Kopieren fehlgeschlagen. Der Schlüssel ist markiert: Kopieren Sie ihn mit Strg+C (Cmd+C auf dem Mac).',
  },
  done: 'Fertig',
};
