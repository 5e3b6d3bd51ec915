import type { ClaimStatus, ClaimType, Goods, OutcomeResult, Scope } from '../internal/types.ts';

/** Every string the widget shows. One object per language; functions where numbers or names vary. */
export interface Translation {
  /** BCP 47 tag used for Intl formatting. */
  locale: string;
  claims: string;
  status: Record<ClaimStatus, string>;
  type: Record<ClaimType, string>;
  goods: Record<Goods, string>;
  scope: Record<Scope, string>;
  outcome: Record<OutcomeResult, string>;
  /** What the customer should do next, per status. */
  guidance: Record<ClaimStatus, string>;

  // list
  allStatuses: string;
  filterByStatus: string;
  filterByType: string;
  allTypes: string;
  search: string;
  searchPlaceholder: string;
  loadMore: string;
  loading: string;
  showing: (shown: number, total: number | null) => string;
  emptyTitle: string;
  emptyBody: string;
  noMatchTitle: string;
  noMatchBody: string;
  clearFilters: string;
  errorTitle: string;
  retry: string;
  noAccessTitle: string;
  noAccessBody: string;
  needsAction: string;
  newBadge: string;
  updatedBadge: string;
  claimsList: string;
  newClaimsAnnounced: (count: number) => string;
  live: string;
  reconnecting: string;
  offline: string;

  // detail
  back: string;
  claimType: string;
  goodsLabel: string;
  scopeLabel: string;
  carrier: string;
  trackingNumber: string;
  declaredValue: string;
  claimedAmount: string;
  notStated: string;
  route: string;
  packages: (n: number) => string;
  incidentAt: string;
  deadline: string;
  daysLeft: (days: number) => string;
  hoursLeft: (hours: number) => string;
  overdueBy: (days: number) => string;
  deadlineBasis: (days: number, kind: 'calendar' | 'business') => string;
  outcomeLabel: string;
  declineReason: string;
  whatNext: string;
  accept: string;
  decline: string;
  accepted: string;
  declined: string;
  declineTitle: string;
  declineIntro: string;
  reasonLabel: string;
  reasonHint: string;
  reasonRequired: string;
  cancel: string;
  confirmDecline: string;
  notFoundTitle: string;
  notFoundBody: string;
  timeline: string;

  // timeline
  phases: string;
  phaseDone: string;
  phaseCurrent: string;
  phasePending: string;
  events: string;
  noEvents: string;
  eventText: (type: string, to: string | undefined) => string;
  by: (name: string) => string;
  reasonPrefix: string;
}
