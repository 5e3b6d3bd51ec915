import { al, de, del, el, elides } from '../../domain/catalan.ts';
import { CLAIM_LABELS_CA } from '../../domain/labels.ca.ts';
import type { Translation } from './translation.ts';
import { pluralIn } from '../internal/format.ts';

// Catalan. A claim's status, type and outcome are domain/labels.ca.ts', which the emails say too;
// the other Catalan files (timeline.ca.ts, account.ca.ts) read them from `ca`.

/** The singular for Catalan's 'one' (1), the plural for every other category (0, 2, a million's 'many'). */
export const plural = pluralIn('ca-ES');

/** Catalan's elisions (domain/catalan.ts, which the API's Catalan emails read too), for the other Catalan catalogues. */
export { al, de, del, el, elides };

export const ca: Translation = {
  locale: 'ca-ES',
  claims: 'Sinistres',
  status: CLAIM_LABELS_CA.status,
  type: CLAIM_LABELS_CA.type,
  goods: { parcel: 'Paquet', pallet: 'Palet' },
  scope: { national: 'Nacional', international: 'Internacional' },
  outcome: CLAIM_LABELS_CA.outcome,

  allStatuses: 'Tots',
  filterByStatus: 'Filtrar per estat',
  filterByType: 'Tipus',
  allTypes: 'Tots els tipus',
  search: 'Cercar',
  searchPlaceholder: 'Referència, seguiment, transportista…',
  loadMore: 'Carregar-ne més',
  loading: 'S’està carregant…',
  showing: (shown, total) =>
    `${plural(shown, 'Se’n mostra', 'Se’n mostren')} ${shown}${total === null ? '' : ` ${de(String(total))}`}`,
  emptyTitle: 'No hi ha sinistres',
  emptyBody: 'Quan detectem una incidència en un dels teus enviaments, apareixerà aquí.',
  noMatchTitle: 'Cap sinistre no coincideix',
  noMatchBody: 'Prova amb una altra cerca o treu els filtres.',
  clearFilters: 'Treure els filtres',
  errorTitle: 'No s’han pogut carregar les dades',
  retry: 'Tornar-ho a provar',
  noAccessTitle: 'No tens accés als sinistres',
  noAccessBody: 'Demana a un administrador de la teva empresa que et doni accés als sinistres.',
  needsAction: 'Cal actuar',
  newBadge: 'Nou',
  updatedBadge: 'Actualitzat',
  claimsList: 'Llista de sinistres',
  newClaimsAnnounced: (n) => plural(n, 'Ha arribat un sinistre nou', `Han arribat ${n} sinistres nous`),
  live: 'En directe',
  reconnecting: 'S’està reconnectant…',
  offline: 'Sense connexió en directe',
  integration: (name) => `${name} · integració`,

  back: 'Tots els sinistres',
  goodsLabel: 'Mercaderia',
  carrier: 'Transportista',
  trackingNumber: 'Núm. de seguiment',
  declaredValue: 'Valor declarat',
  claimedAmount: 'Import reclamat',
  notStated: 'Sense indicar',
  route: 'Ruta',
  packages: (n) => `${n} ${plural(n, 'embalum', 'embalums')}`,
  incidentAt: 'Data de la incidència',
  deadline: 'Termini',
  daysLeft: (d) => (d === 0 ? 'Venç avui' : plural(d, 'Queda 1 dia', `Queden ${d} dies`)),
  hoursLeft: (h) => plural(h, 'Queda 1 hora', `Queden ${h} hores`),
  overdueBy: (d) => (d === 0 ? 'Vençut' : plural(d, 'Vençut fa 1 dia', `Vençut fa ${d} dies`)),
  deadlineBasis: (d, kind) => `${d} ${plural(d, 'dia', 'dies')} ${kind === 'business' ? plural(d, 'hàbil', 'hàbils') : plural(d, 'natural', 'naturals')}`,
  outcomeLabel: 'Resultat',
  declineReason: 'Motiu del rebuig',
  whatNext: 'Què cal fer ara',
  accept: 'Acceptar i tramitar',
  decline: 'Rebutjar',
  accepted: 'Sinistre acceptat. Ja estem tramitant la reclamació.',
  declined: 'Sinistre rebutjat.',
  declineTitle: 'Rebutjar el sinistre',
  declineIntro: 'No tramitarem la reclamació. Explica’ns el motiu perquè la teva gestora el tingui en compte.',
  reasonLabel: 'Motiu',
  reasonHint: 'Obligatori, fins a 1000 caràcters.',
  reasonRequired: 'Escriu el motiu del rebuig.',
  cancel: 'Cancel·lar',
  confirmDecline: 'Rebutjar el sinistre',
  notFoundTitle: 'No s’ha trobat el sinistre',
  notFoundBody: 'No existeix o no tens permís per veure’l.',
  timeline: 'Cronologia',
  needHelp: 'Necessites ajuda?',

  phases: 'Fases',
  phaseDone: 'completada',
  phaseCurrent: 'fase actual',
  phasePending: 'pendent',
  events: 'Historial',
  noEvents: 'Encara no hi ha moviments.',
  by: (name) => `per ${name}`,
  reasonPrefix: 'Motiu:',

  app: {
    toolbar: 'El teu compte',
    settings: 'Configuració',
    help: 'Ajuda',
    close: 'Tancar',
  },

  chat: {
    tab: 'Xat',
    unread: (n) => plural(n, '1 missatge sense llegir', `${n} missatges sense llegir`),
  },
};
