import type { AccountTranslation } from './translation.ts';
import { apiTextIn } from './languages.ts';
import { it } from './it.ts';
import { pluralIn } from '../internal/format.ts';

const plural = pluralIn('it-IT');

export const accountIt: AccountTranslation = {
  notifications: {
    title: 'Notifiche',
    bell: (n) => (n === 0 ? 'Notifiche' : `Notifiche, ${n} ${plural(n, 'non letta', 'non lette')}`),
    unread: 'Non letta',
    markAllRead: 'Segna tutte come lette',
    allRead: 'Tutte le notifiche sono state lette.',
    empty: 'Non hai notifiche',
    emptyBody: 'Qui ti avviseremo dei nuovi sinistri, dei cambi di stato e dei messaggi del tuo gestore del sinistro.',
    text: ({ kind, count, data }) => {
      const doc = data.document ? apiTextIn(data.document.label, 'it') : '';
      switch (kind) {
        case 'claim_created': return 'Nuovo sinistro';
        case 'status_changed': {
          // A burst of moves folds into one notification: where the last one took the claim, and how many there were.
          const moved = `Nuovo stato: ${data.status ? it.status[data.status] : '?'}`;
          return plural(count, moved, `${moved} (${count} cambi di stato)`);
        }
        case 'document_requested': return `Richiesto un documento: ${doc}`;
        case 'document_rejected': return `Documento rifiutato: ${doc}${data.reason ? ` — ${data.reason}` : ''}`;
        case 'deadline_approaching': return `Il termine scade tra ${data.hoursLeft ?? '?'} h`;
        case 'message': {
          const who = plural(count, `Nuovo messaggio da ${data.actor.name}`, `${count} nuovi messaggi da ${data.actor.name}`);
          return data.preview ? `${who}: «${data.preview}»` : who;
        }
        case 'webhook_disabled': {
          const name = data.webhook?.description || data.webhook?.url || '';
          return data.webhook?.reason === 'gone'
            ? `Webhook disattivato: ${name} ha risposto che quell’indirizzo non esiste più (410)`
            : `Webhook disattivato: ${name} non funziona da 3 giorni`;
        }
      }
    },
    arrived: (text) => `Nuova notifica: ${text}`,
  },
  settings: {
    title: 'Impostazioni',
    intro: 'Scegli chi della tua azienda lavora con i sinistri e chi riceve gli avvisi anche via email (nell’area clienti arrivano sempre). Ogni modifica viene salvata subito.',
    users: 'Utenti dell’azienda',
    access: 'Accesso ai sinistri',
    accessOf: (name) => `Accesso ai sinistri di ${name}`,
    adminAlways: 'Gli amministratori hanno sempre accesso',
    channel: 'Avvisi',
    channels: { in_app: 'Solo nell’area clienti', in_app_and_email: 'Area clienti ed email' },
    email: 'Avvisi via email',
    emailOf: (name) => `Avvisi via email per ${name}`,
    companyDefault: 'Avvisi via email ai nuovi utenti',
    companyDefaultHint: 'È ciò che riceve chi accede per la prima volta; poi puoi cambiarlo per ciascuno.',
    role: { admin: 'Amministratore', member: 'Utente', handler: 'Gestore' },
    you: 'tu',
    granted: 'Con accesso',
    notGranted: 'Senza accesso',
    saving: 'Salvataggio…',
    saved: 'Salvato',
    failed: 'Impossibile salvare.',
    yours: 'Le tue impostazioni',
    readOnly: 'Solo un amministratore della tua azienda può modificare queste impostazioni.',
    empty: 'La tua azienda non ha ancora utenti.',
    integrations: 'Integrazioni',
    integrationsIntro: 'Collega il tuo ERP o altri programmi ai sinistri: chiavi API perché possano leggerli e caricare documenti, e webhook per avvisarli subito di ogni modifica.',
    openIntegrations: 'Apri le integrazioni',
    closeIntegrations: 'Chiudi le integrazioni',
  },
  help: {
    title: 'Hai bisogno di aiuto?',
    intro: 'Il team sinistri è a tua disposizione:',
    email: 'Email',
    phone: 'Telefono',
    hours: 'Orari',
    none: 'Non ci sono ancora recapiti. Scrivi al tuo gestore dalla chat del sinistro.',
  },
};
