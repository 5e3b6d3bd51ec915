import type { AccountTranslation } from './translation.ts';
import { apiTextIn } from './languages.ts';
import { fr } from './fr.ts';

export const accountFr: AccountTranslation = {
  notifications: {
    title: 'Notifications',
    bell: (n) => (n === 0 ? 'Notifications' : `Notifications, ${n} non ${n === 1 ? 'lue' : 'lues'}`),
    unread: 'Non lue',
    markAllRead: 'Tout marquer comme lu',
    allRead: 'Toutes les notifications sont lues.',
    empty: 'Vous n’avez aucune notification',
    emptyBody: 'Nous vous signalerons ici les nouveaux sinistres, les changements de statut et les messages de votre gestionnaire.',
    text: ({ kind, count, data }) => {
      const doc = data.document ? apiTextIn(data.document.label, 'fr') : '';
      switch (kind) {
        case 'claim_created': return 'Nouveau sinistre';
        case 'status_changed': {
          // A burst of moves folds into one notification: where the last one took the claim, and how many there were.
          const moved = `Nouveau statut : ${data.status ? fr.status[data.status] : '?'}`;
          return count === 1 ? moved : `${moved} (${count} changements de statut)`;
        }
        case 'document_requested': return `Document demandé : ${doc}`;
        case 'document_rejected': return `Document refusé : ${doc}${data.reason ? ` — ${data.reason}` : ''}`;
        case 'deadline_approaching': return `Le délai expire dans ${data.hoursLeft ?? '?'} h`;
        case 'message': {
          const who = count === 1 ? `Nouveau message de ${data.actor.name}` : `${count} nouveaux messages de ${data.actor.name}`;
          return data.preview ? `${who} : « ${data.preview} »` : who;
        }
        case 'webhook_disabled': {
          const name = data.webhook?.description || data.webhook?.url || '';
          return data.webhook?.reason === 'gone'
            ? `Webhook désactivé : ${name} a répondu que cette adresse n’existe plus (410)`
            : `Webhook désactivé : ${name} échoue depuis 3 jours`;
        }
      }
    },
    arrived: (text) => `Nouvelle notification : ${text}`,
  },
  settings: {
    title: 'Paramètres',
    intro: 'Choisissez qui, dans votre entreprise, travaille sur les sinistres et qui reçoit aussi les notifications par e-mail (dans l’espace client, elles arrivent toujours). Chaque modification est enregistrée immédiatement.',
    users: 'Utilisateurs de l’entreprise',
    access: 'Accès aux sinistres',
    accessOf: (name) => `Accès de ${name} aux sinistres`,
    adminAlways: 'Les administrateurs ont toujours accès',
    channel: 'Notifications',
    channels: { in_app: 'Dans l’espace client uniquement', in_app_and_email: 'Espace client et e-mail' },
    email: 'Notifications par e-mail',
    emailOf: (name) => `Notifications par e-mail à ${name}`,
    companyDefault: 'Notifications par e-mail aux nouveaux utilisateurs',
    companyDefaultHint: 'Ce que reçoivent ceux qui se connectent pour la première fois ; vous pourrez ensuite le modifier pour chacun.',
    role: { admin: 'Administrateur', member: 'Utilisateur', handler: 'Gestionnaire' },
    you: 'vous',
    granted: 'Avec accès',
    notGranted: 'Sans accès',
    saving: 'Enregistrement…',
    saved: 'Enregistré',
    failed: 'Impossible d’enregistrer.',
    yours: 'Vos paramètres',
    readOnly: 'Seul un administrateur de votre entreprise peut modifier ces paramètres.',
    empty: 'Votre entreprise n’a pas encore d’utilisateurs.',
    integrations: 'Intégrations',
    integrationsIntro: 'Connectez votre ERP ou d’autres logiciels aux sinistres : des clés d’API pour qu’ils les consultent et ajoutent des documents, et des webhooks pour les prévenir dès qu’un changement survient.',
    openIntegrations: 'Ouvrir les intégrations',
    closeIntegrations: 'Fermer les intégrations',
  },
  help: {
    title: 'Besoin d’aide ?',
    intro: 'L’équipe sinistres est à votre écoute :',
    email: 'E-mail',
    phone: 'Téléphone',
    hours: 'Horaires',
    none: 'Aucune coordonnée pour l’instant. Écrivez à votre gestionnaire depuis la messagerie du sinistre.',
  },
};
