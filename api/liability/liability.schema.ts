import { z } from 'zod';
import { LIABILITY_GAPS, LIABILITY_RATE_KINDS, LIABILITY_RULES, type LiabilityRateKind } from '../../domain/constants.ts';
import { MoneySchema } from '../domain.schema.ts';
import { ActorSchema } from '../events/events.schema.ts';
import { text } from '../http/text.ts';

export const LiabilityRuleSchema = z
  .enum(LIABILITY_RULES)
  .describe(
    'cmr-23: CMR art. 23.3, international road carriage — 8.33 SDR per kg of gross weight, in euros at the eur-per-sdr rate. ' +
      'ley-15-2009-57: Ley 15/2009 art. 57, road carriage within Spain — a third of the daily IPREM (iprem-daily-eur) per kg of gross weight.',
  )
  .meta({ id: 'LiabilityRule' });

export const LiabilityRateKindSchema = z
  .enum(LIABILITY_RATE_KINDS)
  .describe('eur-per-sdr: the euros one SDR (the IMF’s Special Drawing Right, CMR’s unit of account) is worth. iprem-daily-eur: the daily IPREM, in euros.')
  .meta({ id: 'LiabilityRateKind' });

/** Which rate a claim counts with: the one in effect on the day of its incident, on Spain's clock, where both kinds are published. */
export const RATE_DAY_RULE =
  'The rate in effect on the day of the incident (incidentAt, as a day on Spain’s clock): of the rates of its kind, the one with the latest effectiveFrom on or before that day (of two for the same day, the one recorded last).';

/** A rate as a claim's limit uses it. */
const RateUsedSchema = z
  .object({
    kind: LiabilityRateKindSchema,
    value: z.string().describe('A decimal, as recorded: "1.17176" euros per SDR, "20.00" euros a day.'),
    effectiveFrom: z.string().describe('The day the rate took effect (YYYY-MM-DD).'),
  })
  .meta({ id: 'LiabilityRateUsed' });

const rateDay = z.string().describe(`The day whose rate the limit is counted with (YYYY-MM-DD): ${RATE_DAY_RULE}`);

export const LiabilityLimitSchema = z
  .discriminatedUnion('status', [
    z.object({
      status: z.literal('computed'),
      rule: LiabilityRuleSchema,
      grossWeightKg: z.number().describe('The claim’s gross weight, in kg, that the limit counts.'),
      rateDay,
      rate: RateUsedSchema,
      amount: MoneySchema.describe('The most the carrier pays under the rule: per kg × grossWeightKg × the rate, in euros, rounded half up to the cent once, at the end.'),
      exceeded: z
        .boolean()
        .describe('Whether the amount claimed — or the declared value, when none was claimed, as an outcome pays at most that — is above the limit.'),
    }),
    z.object({
      status: z.literal('unavailable'),
      reason: z
        .enum(LIABILITY_GAPS)
        .describe(
          'no-rule: no rule Claimdesk knows covers the carriage (national carriage outside Spain). not-euros: the claim is in another currency, and the limits are in euros. ' +
            'no-weight: the claim does not say its gross weight (PATCH /claims/{id} with grossWeightKg). no-rate: no rate of the rule’s kind was in effect on rateDay (POST /liability-rates).',
        ),
      rule: LiabilityRuleSchema.nullable().describe('The rule that covers the carriage; null for no-rule.'),
      grossWeightKg: z.number().nullable(),
      rateDay,
    }),
  ])
  .meta({ id: 'LiabilityLimit' });

export const LiabilityRateSchema = z
  .object({
    id: z.string(),
    kind: LiabilityRateKindSchema,
    value: z.string().describe('A decimal, as recorded.'),
    effectiveFrom: z.string().describe('The day it takes effect (YYYY-MM-DD): it applies to incidents from that day until the next rate of its kind.'),
    source: z.string().nullable().describe('Where it was published, as whoever recorded it said.'),
    recordedAt: z.string(),
    recordedBy: ActorSchema,
    superseded: z.boolean().describe('Whether a later record for the same kind and day corrected it: it is kept, and no longer used.'),
  })
  .meta({ id: 'LiabilityRate' });

export const LiabilityRateListSchema = z.object({ items: z.array(LiabilityRateSchema) }).meta({ id: 'LiabilityRateList' });

export const ListLiabilityRatesQuerySchema = z.object({
  kind: LiabilityRateKindSchema.optional().describe('Only rates of this kind.'),
});

/**
 * What a rate of each kind may be: a figure outside these is a mistake of unit or of a digit,
 * not a value either has come near (one SDR has been worth about 1.0 to 1.5 euros since the
 * euro began; the IPREM, 15.35 to 20 euros a day since 2004). The bounds also keep every limit
 * within Money's range (100,000 kg × 8.33 × 5, or × 200 / 3, is under 21,474,836.47 euros).
 */
export const RATE_BOUNDS: Record<LiabilityRateKind, { min: number; max: number; unit: string }> = {
  'eur-per-sdr': { min: 0.5, max: 5, unit: 'euros for one SDR (the IMF’s “currency units per SDR” for the euro)' },
  'iprem-daily-eur': { min: 1, max: 200, unit: 'euros a day (the daily IPREM, not the monthly or the yearly)' },
};

/** The latest effectiveFrom a rate may have: published ahead (next year's IPREM), never further. */
const MAX_DAYS_AHEAD = 366;
const EARLIEST_RATE_DAY = '2000-01-01';

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a day written YYYY-MM-DD, such as 2026-01-01', abort: true })
  // Month 70 parses to no time at all: toISOString() would throw on it.
  .refine((value) => Number.isFinite(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value), { message: 'is not a day of the calendar', abort: true })
  .refine((value) => value >= EARLIEST_RATE_DAY, `must not be before ${EARLIEST_RATE_DAY}: no claim is as old`)
  .refine(
    (value) => Date.parse(`${value}T00:00:00Z`) <= Date.now() + MAX_DAYS_AHEAD * 86_400_000,
    `must be at most ${MAX_DAYS_AHEAD} days ahead: record a rate once it is published`,
  );

export const AddLiabilityRateSchema = z
  .object({
    kind: LiabilityRateKindSchema,
    value: z
      .string()
      .regex(/^\d{1,3}(\.\d{1,6})?$/, 'must be a decimal written as a string, with a point and at most 6 decimals, such as "1.17176" or "20.00"')
      .describe('A decimal written as a string, as published (exact; its decimals are kept): "1.17176", "20.00".'),
    effectiveFrom: day.describe(`The day it takes effect (YYYY-MM-DD), from ${EARLIEST_RATE_DAY} to a year ahead.`),
    source: text({ max: 500 }).optional().describe('Where it was published, for whoever checks it later: "FMI, 20 Oct 2025", "Ley 31/2022 de PGE, prorrogada".'),
  })
  .strict()
  .superRefine((rate, ctx) => {
    const bounds = RATE_BOUNDS[rate.kind];
    if (!bounds || !/^\d{1,3}(\.\d{1,6})?$/.test(rate.value)) return;
    const { min, max, unit } = bounds;
    const value = Number(rate.value);
    if (value < min || value > max) {
      ctx.addIssue({ code: 'custom', path: ['value'], message: `must be between ${min} and ${max} for ${rate.kind}, in ${unit}` });
    }
  })
  .meta({ id: 'AddLiabilityRate' });

export type LiabilityLimit = z.infer<typeof LiabilityLimitSchema>;
export type LiabilityRate = z.infer<typeof LiabilityRateSchema>;
export type AddLiabilityRate = z.infer<typeof AddLiabilityRateSchema>;
