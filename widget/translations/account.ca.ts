import type { AccountTranslation } from './translation.ts';
import { apiTextIn } from './languages.ts';
import { ca, de, plural } from './ca.ts';

export const accountCa: AccountTranslation = {
  notifications: {
    title: 'Notificacions',
    bell: (n) => (n === 0 ? 'Notificacions' : `Notificacions, ${n} sense llegir`),
    unread: 'Sense llegir',
    markAllRead: 'Marcar-les totes com a llegides',
    allRead: 'Totes les notificacions estan llegides.',
    empty: 'No tens notificacions',
    emptyBody: 'T’avisarem aquí dels sinistres nous, els canvis d’estat i els missatges de la teva gestora.',
    text: ({ kind, count, data }) => {
      const doc = data.document ? apiTextIn(data.document.label, 'ca') : '';
      switch (kind) {
        case 'claim_created': return 'Sinistre nou';
        case 'status_changed': {
          // A burst of moves folds into one notification: where the last one took the claim, and how many there were.
          const moved = `Estat nou: ${data.status ? ca.status[data.status] : '?'}`;
          return plural(count, moved, `${moved} (${count} canvis d’estat)`);
        }
        case 'document_requested': return `Es demana un document: ${doc}`;
        case 'document_rejected': return `Document rebutjat: ${doc}${data.reason ? ` — ${data.reason}` : ''}`;
        case 'deadline_approaching': return `El termini venç d’aquí a ${data.hoursLeft ?? '?'} h`;
        case 'message': {
          const who = plural(count, `Missatge nou ${de(data.actor.name)}`, `${count} missatges nous ${de(data.actor.name)}`);
          return data.preview ? `${who}: «${data.preview}»` : who;
        }
        case 'webhook_disabled': {
          const name = data.webhook?.description || data.webhook?.url || '';
          return data.webhook?.reason === 'gone'
            ? `Webhook desactivat: ${name} ha respost que aquesta adreça ja no existeix (410)`
            : `Webhook desactivat: ${name} fa 3 dies que falla`;
        }
      }
    },
    arrived: (text) => `Notificació nova: ${text}`,
  },
  settings: {
    title: 'Configuració',
    intro: 'Tria qui de la teva empresa treballa amb els sinistres i qui rep els avisos també per correu electrònic (a l’àrea de client arriben sempre). Cada canvi es desa a l’instant.',
    users: 'Usuaris de l’empresa',
    access: 'Accés als sinistres',
    accessOf: (name) => `Accés als sinistres ${de(name)}`,
    adminAlways: 'Els administradors sempre hi tenen accés',
    channel: 'Avisos',
    channels: { in_app: 'Només a l’àrea de client', in_app_and_email: 'Àrea de client i correu electrònic' },
    email: 'Avisos per correu electrònic',
    emailOf: (name) => `Avisos per correu electrònic a ${name}`,
    companyDefault: 'Avisos per correu electrònic als usuaris nous',
    companyDefaultHint: 'El que reben els qui entren per primera vegada; després ho pots canviar a cadascú.',
    role: { admin: 'Administrador', member: 'Usuari', handler: 'Gestor' },
    you: 'tu',
    granted: 'Amb accés',
    notGranted: 'Sense accés',
    saving: 'S’està desant…',
    saved: 'Desat',
    failed: 'No s’ha pogut desar.',
    yours: 'La teva configuració',
    readOnly: 'Només un administrador de la teva empresa pot canviar aquesta configuració.',
    empty: 'La teva empresa encara no té usuaris.',
    integrations: 'Integracions',
    integrationsIntro: 'Connecta el teu ERP o altres programes amb els sinistres: claus d’API perquè els llegeixin i hi pugin documents, i webhooks per avisar-los a l’instant de cada canvi.',
    openIntegrations: 'Obrir les integracions',
    closeIntegrations: 'Tancar les integracions',
  },
  help: {
    title: 'Necessites ajuda?',
    intro: 'L’equip de sinistres t’atén:',
    email: 'Correu electrònic',
    phone: 'Telèfon',
    hours: 'Horari',
    none: 'Encara no hi ha dades de contacte. Escriu a la teva gestora des del xat del sinistre.',
  },
};
