import { CLAIM_LABELS_FR } from '../../domain/labels.fr.ts';
import { plural } from '../internal/format.ts';
import type { Translation } from './translation.ts';

// The widget's main strings in French, from the Spanish source (es.ts), addressing the reader as
// "vous". French typography: a no-break space inside « » and before a colon, a narrow one before
// ; ? and !. The claim's status, type and outcome are domain/labels.fr.ts', which the emails say too.

/** The form for `n` by French plural rules (Intl): 0 and 1 take the singular. */
const forms = (n: number, one: string, other: string) => plural(n, 'fr-FR', { one, other });

export const fr: Translation = {
  locale: 'fr-FR',
  claims: 'Sinistres',
  status: CLAIM_LABELS_FR.status,
  type: CLAIM_LABELS_FR.type,
  goods: { parcel: 'Colis', pallet: 'Palette' },
  scope: { national: 'National', international: 'International' },
  outcome: CLAIM_LABELS_FR.outcome,

  allStatuses: 'Tous',
  filterByStatus: 'Filtrer par statut',
  filterByType: 'Type',
  allTypes: 'Tous les types',
  search: 'Rechercher',
  searchPlaceholder: 'Référence, n° de suivi, transporteur…',
  loadMore: 'Afficher plus',
  loading: 'Chargement…',
  showing: (shown, total) => `${shown} ${forms(shown, 'affiché', 'affichés')}${total === null ? '' : ` sur ${total}`}`,
  emptyTitle: 'Aucun sinistre',
  emptyBody: 'Lorsque nous détecterons un incident sur l’une de vos expéditions, il apparaîtra ici.',
  noMatchTitle: 'Aucun sinistre ne correspond',
  noMatchBody: 'Essayez une autre recherche ou retirez les filtres.',
  clearFilters: 'Retirer les filtres',
  errorTitle: 'Impossible de charger les données',
  retry: 'Réessayer',
  noAccessTitle: 'Vous n’avez pas accès aux sinistres',
  noAccessBody: 'Demandez à un administrateur de votre entreprise de vous donner accès aux sinistres.',
  needsAction: 'Action requise',
  newBadge: 'Nouveau',
  updatedBadge: 'Mis à jour',
  claimsList: 'Liste des sinistres',
  newClaimsAnnounced: (n) => forms(n, `${n} nouveau sinistre est arrivé`, `${n} nouveaux sinistres sont arrivés`),
  live: 'En direct',
  reconnecting: 'Reconnexion…',
  offline: 'Direct interrompu',
  integration: (name) => `${name} · intégration`,

  back: 'Tous les sinistres',
  goodsLabel: 'Marchandise',
  carrier: 'Transporteur',
  trackingNumber: 'N° de suivi',
  declaredValue: 'Valeur déclarée',
  claimedAmount: 'Montant réclamé',
  notStated: 'Non indiqué',
  route: 'Trajet',
  packages: (n) => `${n} colis`,
  incidentAt: 'Date de l’incident',
  deadline: 'Délai',
  daysLeft: (d) => (d === 0 ? 'Échéance aujourd’hui' : forms(d, `Il reste ${d} jour`, `Il reste ${d} jours`)),
  hoursLeft: (h) => forms(h, `Il reste ${h} heure`, `Il reste ${h} heures`),
  overdueBy: (d) => (d === 0 ? 'Délai dépassé' : forms(d, `Délai dépassé de ${d} jour`, `Délai dépassé de ${d} jours`)),
  deadlineBasis: (d, kind) => `${d} ${forms(d, 'jour', 'jours')} ${kind === 'business' ? forms(d, 'ouvrable', 'ouvrables') : forms(d, 'calendaire', 'calendaires')}`,
  outcomeLabel: 'Résultat',
  declineReason: 'Motif du refus',
  whatNext: 'Que faire maintenant',
  accept: 'Accepter et lancer la réclamation',
  decline: 'Refuser',
  accepted: 'Sinistre accepté. Nous traitons déjà la réclamation.',
  declined: 'Sinistre refusé.',
  declineTitle: 'Refuser le sinistre',
  declineIntro: 'Nous ne traiterons pas la réclamation. Dites-nous pourquoi, afin que votre gestionnaire en tienne compte.',
  reasonLabel: 'Motif',
  reasonHint: 'Obligatoire, 1000 caractères au maximum.',
  reasonRequired: 'Indiquez le motif du refus.',
  cancel: 'Annuler',
  confirmDecline: 'Refuser le sinistre',
  notFoundTitle: 'Sinistre introuvable',
  notFoundBody: 'Il n’existe pas ou vous n’êtes pas autorisé à le consulter.',
  timeline: 'Chronologie',
  needHelp: 'Besoin d’aide ?',

  phases: 'Étapes',
  phaseDone: 'terminée',
  phaseCurrent: 'étape en cours',
  phasePending: 'à venir',
  events: 'Historique',
  noEvents: 'Aucun événement pour l’instant.',
  by: (name) => `par ${name}`,
  reasonPrefix: 'Motif :',

  app: {
    toolbar: 'Votre compte',
    settings: 'Paramètres',
    help: 'Aide',
    close: 'Fermer',
  },

  chat: {
    tab: 'Messages',
    unread: (n) => forms(n, `${n} message non lu`, `${n} messages non lus`),
  },
};
