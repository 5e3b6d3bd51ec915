// Shapes of the Claimdesk API v1 as the widget reads them (see DESIGN.md "Contract").

export const CLAIM_STATUSES = ['notified', 'declined', 'documentation', 'review', 'submitted', 'resolved', 'closed'] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];
export const CLAIM_TYPES = ['breakage', 'robbery', 'theft', 'loss'] as const;
export type ClaimType = (typeof CLAIM_TYPES)[number];
export type Goods = 'parcel' | 'pallet';
export type Scope = 'national' | 'international';
export type OutcomeResult = 'paid' | 'partially_paid' | 'denied';

export interface Money {
  amountCents: number;
  currency: string;
}

export interface Claim {
  id: string;
  reference: string;
  companyId: string;
  companyName: string;
  externalRef: string;
  type: ClaimType;
  goods: Goods;
  scope: Scope;
  status: ClaimStatus;
  carrier: string;
  trackingNumber: string;
  description: string;
  origin: string | null;
  destination: string | null;
  packages: number;
  declaredValue: Money;
  claimedAmount: Money | null;
  outcome: { result: OutcomeResult; amount: Money } | null;
  declineReason: string | null;
  incidentAt: string;
  deadlineAt: string;
  deadline: { days: number; dayKind: 'calendar' | 'business'; basis: string };
  allowedTransitions: ClaimStatus[];
  createdAt: string;
  updatedAt: string;
}

export type ClaimEventType = 'claim.created' | 'claim.accepted' | 'claim.declined' | 'claim.transitioned';

export interface ClaimEvent {
  id: number;
  claimId: string;
  companyId: string;
  claimReference: string;
  type: ClaimEventType;
  actor: { kind: 'user' | 'handler' | 'system' | 'service'; id: string | null; name: string };
  data: { from?: ClaimStatus; to?: ClaimStatus; note?: string; reason?: string; outcome?: string; amount?: Money };
  at: string;
}

export interface Me {
  id: string;
  externalId: string;
  companyId: string;
  companyName: string;
  name: string;
  email: string;
  role: 'admin' | 'member' | 'handler';
  lang: 'es' | 'en' | null;
  claimsAccess: boolean;
  notifications: 'in_app' | 'in_app_and_email';
}

export interface ClaimsPage {
  items: Claim[];
  nextCursor: string | null;
  counts?: Partial<Record<ClaimStatus, number>>;
}

export interface ClaimsQuery {
  status?: ClaimStatus | '';
  type?: ClaimType | '';
  q?: string;
  cursor?: string | null;
  limit?: number;
}
