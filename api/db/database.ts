import type { Generated, Selectable } from 'kysely';

/**
 * The database as Kysely sees it. Times are ISO 8601 UTC text and booleans are 0/1 integers
 * on every dialect, so rows read the same whichever driver returned them.
 */
export interface Database {
  companies: CompanyTable;
  users: UserTable;
  claims: ClaimTable;
  claim_events: ClaimEventTable;
  reference_counters: ReferenceCounterTable;
  deadline_rules: DeadlineRuleTable;
}

export interface CompanyTable {
  id: string;
  name: string;
  created_at: string;
  updated_at: string;
}

export type Role = 'admin' | 'member' | 'handler';
export type NotificationChannel = 'in_app' | 'in_app_and_email';

export interface UserTable {
  id: string;
  company_id: string;
  /** The host's id for the user: the token's `sub`, unique within the company. */
  external_id: string;
  name: string;
  email: string;
  role: Role;
  lang: 'es' | 'en' | null;
  claims_access: number;
  notifications: NotificationChannel;
  created_at: string;
  updated_at: string;
}

export const CLAIM_TYPES = ['breakage', 'robbery', 'theft', 'loss'] as const;
export const GOODS = ['parcel', 'pallet'] as const;
export const SCOPES = ['national', 'international'] as const;
export const CLAIM_STATUSES = [
  'notified',
  'declined',
  'documentation',
  'review',
  'submitted',
  'resolved',
  'closed',
] as const;
export const OUTCOMES = ['paid', 'partially_paid', 'denied'] as const;

export type ClaimType = (typeof CLAIM_TYPES)[number];
export type Goods = (typeof GOODS)[number];
export type Scope = (typeof SCOPES)[number];
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];
export type Outcome = (typeof OUTCOMES)[number];
export type DayKind = 'calendar' | 'business';

export interface ClaimTable {
  id: string;
  reference: string;
  company_id: string;
  external_ref: string;
  type: ClaimType;
  goods: Goods;
  scope: Scope;
  status: ClaimStatus;
  carrier: string;
  tracking_number: string;
  description: string;
  origin: string | null;
  destination: string | null;
  packages: number;
  currency: string;
  declared_value_cents: number;
  claimed_amount_cents: number | null;
  outcome: Outcome | null;
  outcome_amount_cents: number | null;
  decline_reason: string | null;
  incident_at: string;
  deadline_at: string;
  deadline_days: number;
  deadline_day_kind: DayKind;
  /** The legal basis in English, and in Spanish (null where a rule has no translation). */
  deadline_basis: string;
  deadline_basis_es: string | null;
  created_at: string;
  updated_at: string;
}

export type ClaimEventType = 'claim.created' | 'claim.accepted' | 'claim.declined' | 'claim.transitioned';
export type ActorKind = 'user' | 'handler' | 'system' | 'service';

export interface ClaimEventTable {
  /** One global increasing id: the SSE event id and the replay cursor. */
  id: Generated<number>;
  claim_id: string;
  company_id: string;
  type: ClaimEventType;
  actor_kind: ActorKind;
  actor_id: string | null;
  actor_name: string;
  /** JSON text. */
  data: string;
  created_at: string;
}

export interface ReferenceCounterTable {
  year: number;
  last_number: number;
}

export interface DeadlineRuleTable {
  id: Generated<number>;
  /** null matches any value; the most specific matching rule wins. */
  claim_type: ClaimType | null;
  goods: Goods | null;
  scope: Scope | null;
  days: number;
  day_kind: DayKind;
  basis: string;
  basis_es: string | null;
}

export type UserRow = Selectable<UserTable>;
export type DeadlineRuleRow = Selectable<DeadlineRuleTable>;

