import { z } from 'zod';
import { ANALYTICS_MAX_DAYS, AT_RISK_LISTED } from '../../domain/analytics.ts';
import { CLAIM_TYPES, SCOPES } from '../../domain/constants.ts';
import { ClaimStatusSchema, ClaimTypeSchema, ScopeSchema } from '../domain.schema.ts';
import { text } from '../http/text.ts';
import { BACKLOG_STATUSES } from './periods.ts';

const DAY_MS = 86_400_000;

// A missing one keeps the shared "is required" (zod-messages.ts).
const day = (what: string) =>
  z.iso
    .date({ error: (issue) => (issue.input === undefined ? undefined : 'must be a date written YYYY-MM-DD, such as 2026-01-31') })
    .describe(`${what} (YYYY-MM-DD; days are UTC days).`);

export const AnalyticsQuerySchema = z
  .object({
    from: day('The first day of the period'),
    to: day('The last day of the period, included'),
    companyId: text({ max: 200 }).optional().describe('Only this company’s claims (GET /companies lists them).'),
    carrier: text({ max: 200 }).optional().describe('Only claims against this carrier, as the claims name it (the carriers panel lists them).'),
    type: z.enum(CLAIM_TYPES, { message: `must be one of ${CLAIM_TYPES.join(', ')}` }).optional().describe('Only claims of this type.'),
    scope: z.enum(SCOPES, { message: `must be one of ${SCOPES.join(', ')}` }).optional().describe('Only national or only international claims.'),
  })
  .superRefine(({ from, to }, ctx) => {
    const days = (Date.parse(to) - Date.parse(from)) / DAY_MS + 1;
    if (days < 1) ctx.addIssue({ code: 'custom', path: ['to'], message: `must be on or after from (${from}): the period runs from its first day to its last` });
    else if (days > ANALYTICS_MAX_DAYS) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: `must be within ${ANALYTICS_MAX_DAYS} days of from, both counted (this period spans ${days}): ask for a shorter period` });
    }
  });

export type AnalyticsQuery = z.infer<typeof AnalyticsQuerySchema>;

const count = z.number().int().min(0);
/** A median or percentile, to 0.1; null when there was nothing to measure. */
const measure = z.number().min(0).nullable();
const rate = z.number().min(0).max(1).nullable();
const cents = z.number().int().min(0);

export const PeriodSchema = z
  .object({ from: z.string(), to: z.string() })
  .describe('The period asked for: from its first day to its last, both included, in UTC.')
  .meta({ id: 'AnalyticsPeriod' });

export const AnalyticsFiltersSchema = z
  .object({ companyId: z.string().nullable(), carrier: z.string().nullable(), type: ClaimTypeSchema.nullable(), scope: ScopeSchema.nullable() })
  .describe('The filters applied; null where none was.')
  .meta({ id: 'AnalyticsFilters' });

const byType = z.object(Object.fromEntries(CLAIM_TYPES.map((type) => [type, count])) as Record<(typeof CLAIM_TYPES)[number], typeof count>);
const byStatus = z.object(Object.fromEntries(BACKLOG_STATUSES.map((status) => [status, count])));

export const VolumePanelSchema = z
  .object({
    weeks: z
      .array(z.object({ weekStart: z.string().describe('Its Monday (YYYY-MM-DD).'), opened: byType.describe('Claims opened (notified) that week within the period, by type.') }))
      .describe('Each ISO week (Monday to Sunday) the period touches, oldest first.'),
    backlog: z
      .array(
        z.object({
          date: z.string().describe('The day at whose end the claims are counted: the week’s Sunday, or the period’s last day, or today (counted as of now).'),
          byStatus: byStatus.describe('Claims in each status that is not final at that moment, opened in the period or before.'),
        }),
      )
      .describe('The open claims at the end of each of those weeks that has begun, oldest first.'),
  })
  .meta({ id: 'VolumePanel' });

const spread = { medianHours: measure, p90Hours: measure, count };

export const TimesPanelSchema = z
  .object({
    phases: z
      .array(z.object({ status: ClaimStatusSchema, ...spread }))
      .describe('Each stay in a phase that ended in the period (a claim sent back to documentation counts each stay), in lifecycle order: how many, the median and the 90th percentile of their hours.'),
    toOutcome: z.object(spread).describe('Claims whose outcome was recorded in the period: hours from being opened (notified) to the outcome.'),
  })
  .meta({ id: 'TimesPanel' });

const amounts = {
  currency: z.string(),
  claimedCents: cents.describe('What was claimed: the claimed amount, or the declared value when none was.'),
  recoveredCents: cents.describe('What the outcomes paid (0 for denied).'),
  recoveryRate: rate.describe('recoveredCents ÷ claimedCents; null when nothing was claimed.'),
  count: count.describe('Claims.'),
  overLimit: count.describe('Of those claims, how many claimed more than the carrier’s liability limit (Claim.liabilityLimit.exceeded); a claim with no limit counted is not among them.'),
  aboveLimitCents: cents.describe('What those claimed beyond their limits, summed: what no outcome could have recovered from the carrier.'),
};

export const MoneyPanelSchema = z
  .object({
    totals: z.array(z.object(amounts)).describe('Claims whose outcome was recorded in the period, one entry per currency (amounts in different currencies are never added).'),
    byCarrier: z.array(z.object({ carrier: z.string(), ...amounts })).describe('The same per carrier and currency, most claimed first.'),
    byType: z.array(z.object({ type: ClaimTypeSchema, ...amounts })).describe('The same per claim type and currency, most claimed first.'),
  })
  .meta({ id: 'MoneyPanel' });

export const AtRiskClaimSchema = z
  .object({
    id: z.string(),
    reference: z.string(),
    companyId: z.string(),
    dueAt: z.string().describe('The filing deadline.'),
    overLimit: z.boolean().describe('It claims more than the carrier’s liability limit (Claim.liabilityLimit.exceeded).'),
  })
  .meta({ id: 'AtRiskClaim' });

export const DeadlinesPanelSchema = z
  .object({
    onTime: count.describe('Claims whose filing deadline falls in the period and that were filed (submitted) by it.'),
    missed: count.describe('Claims whose filing deadline falls in the period and passed (before now) while they were neither filed nor declined.'),
    atRisk: z
      .object({
        count: count.describe('Claims still running against their deadline (notified, documentation, review) and due within the warning window, now: the period does not apply.'),
        withinHours: z.number().int().describe('The warning window: the largest of DEADLINE_WARNING_HOURS (72 by default).'),
        claims: z.array(AtRiskClaimSchema).describe(`The first ${AT_RISK_LISTED} of them, soonest deadline first. GET /claims?deadline=at_risk&sort=deadline lists them all.`),
      })
      .describe('The claims about to miss their deadline.'),
  })
  .meta({ id: 'DeadlinesPanel' });

export const CarrierRowSchema = z
  .object({
    carrier: z.string(),
    claims: count.describe('Claims against it opened in the period.'),
    byType: byType.describe('The same by type.'),
    meanRecoveryRate: rate.describe(
      'Over its claims whose outcome was recorded in the period (and that claimed something), the mean of each claim’s recovered ÷ claimed, to 0.01 %: a rate per claim, so claims in different currencies count alike (the money panel has the amounts). Null when there were none.',
    ),
    medianHoursToOutcome: measure.describe('The median hours from opened to outcome of those claims; null when there were none.'),
    missedDeadlines: count.describe('Its claims whose filing deadline falls in the period and was missed.'),
    overLimit: count.describe('Its claims whose outcome was recorded in the period that claimed more than its liability limit.'),
  })
  .meta({ id: 'CarrierAnalytics' });

export const CarriersPanelSchema = z.array(CarrierRowSchema).describe('Every carrier with a claim opened, an outcome or a deadline in the period, most claims first.');

export const HandlerRowSchema = z
  .object({
    handlerId: z.string(),
    name: z.string(),
    claimsHandled: count.describe('Claims assigned to them in the period that they still hold (a reassigned claim counts for its new handler).'),
    medianFirstAnswerMinutes: measure.describe('For the claims whose first answer in chat they gave in the period: the median minutes from the company’s first message to that answer.'),
    firstAnswers: count.describe('How many first answers that median is of.'),
    medianReviewMinutes: measure.describe('For the documents they reviewed in the period: the median minutes from the first file uploaded for the review to their verdict.'),
    reviews: count.describe('How many reviews that median is of.'),
  })
  .meta({ id: 'HandlerAnalytics' });

export const HandlersPanelSchema = z.array(HandlerRowSchema).describe('Every handler with a claim assigned, a first answer or a review in the period, by name.');

const envelope = {
  period: PeriodSchema,
  filters: AnalyticsFiltersSchema,
  asOf: z.string().describe('The moment the answer was computed (ISO 8601 UTC): what “now” means for missed deadlines, the backlog of this week and the claims at risk.'),
};

export const PANEL_SCHEMAS = {
  volume: VolumePanelSchema,
  times: TimesPanelSchema,
  money: MoneyPanelSchema,
  deadlines: DeadlinesPanelSchema,
  carriers: CarriersPanelSchema,
  handlers: HandlersPanelSchema,
} as const;

export const AnalyticsDashboardSchema = z.object({ ...envelope, ...PANEL_SCHEMAS }).meta({ id: 'AnalyticsDashboard' });

/** The answer of GET /analytics/{panel}: the period and filters, and that panel under its own name. */
export function panelAnswerSchema<P extends keyof typeof PANEL_SCHEMAS>(panel: P, id: string) {
  return z.object({ ...envelope, [panel]: PANEL_SCHEMAS[panel] } as typeof envelope & Record<P, (typeof PANEL_SCHEMAS)[P]>).meta({ id });
}

export type VolumePanel = z.infer<typeof VolumePanelSchema>;
export type TimesPanel = z.infer<typeof TimesPanelSchema>;
export type MoneyPanel = z.infer<typeof MoneyPanelSchema>;
export type DeadlinesPanel = z.infer<typeof DeadlinesPanelSchema>;
export type CarriersPanel = z.infer<typeof CarriersPanelSchema>;
export type HandlersPanel = z.infer<typeof HandlersPanelSchema>;
export type AnalyticsFilters = z.infer<typeof AnalyticsFiltersSchema>;
export type Spread = { medianHours: number | null; p90Hours: number | null; count: number };
