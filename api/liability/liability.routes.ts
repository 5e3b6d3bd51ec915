import { Hono } from 'hono';
import { allow, CALLERS } from '../auth/principal.ts';
import { serializeEventAppends, type DB } from '../db/connect.ts';
import { recountLiabilityLimits } from '../analytics/read-models.ts';
import { actorOf } from '../events/actor.ts';
import type { EventBus } from '../events/bus.ts';
import { apiUrl, describeRoute, json, jsonCreated } from '../http/describe.ts';
import { validate } from '../http/validate.ts';
import { AddLiabilityRateSchema, LiabilityRateListSchema, LiabilityRateSchema, ListLiabilityRatesQuerySchema, RATE_DAY_RULE } from './liability.schema.ts';
import { listLiabilityRates, recordLiabilityRate } from './rates.repository.ts';

const HOW_CLAIMS_USE_THEM =
  'A claim’s liabilityLimit (claims handlers and the operator’s backend see it) counts with them: CMR art. 23.3 (international carriage) 8.33 SDR per kg of gross weight at the eur-per-sdr rate, Ley 15/2009 art. 57 (carriage within Spain) a third of the iprem-daily-eur rate per kg. ' +
  `${RATE_DAY_RULE} Nothing is seeded: keep both kinds current as they are published (the IMF’s euro value of the SDR; the IPREM of each year’s Ley de Presupuestos).`;

/** The published values liability limits are counted with: GET and POST /liability-rates. */
export function liabilityRatesRoutes({ db, bus }: { db: DB; bus: EventBus }) {
  return new Hono()
    .get(
      '/',
      describeRoute({
        operationId: 'listLiabilityRates',
        tags: ['Claims'],
        summary: 'The rates carriers’ liability limits are counted with (operator)',
        description: `Every rate recorded, of one kind (kind) or both: per kind, the latest effectiveFrom first; a corrected record stays listed, marked superseded. ${HOW_CLAIMS_USE_THEM}`,
        responses: { 200: json('The rates.', LiabilityRateListSchema) },
      }),
      allow(CALLERS.rateKeeper),
      validate('query', ListLiabilityRatesQuerySchema),
      async (c) => c.json({ items: await listLiabilityRates(db, c.req.valid('query').kind) }),
    )
    .post(
      '/',
      describeRoute({
        operationId: 'addLiabilityRate',
        tags: ['Claims'],
        summary: 'Record a rate from the day it takes effect (operator)',
        description:
          'Records the euros one SDR is worth (eur-per-sdr) or the daily IPREM (iprem-daily-eur) from effectiveFrom on: claims whose incident is on or after that day, and before the next rate of the kind, count their limit with it from now on. ' +
          'Another value for a kind and day already recorded corrects it (the earlier record stays listed, superseded); the same value again changes nothing and answers 200, so a retry is safe. ' +
          HOW_CLAIMS_USE_THEM,
        responses: {
          201: jsonCreated('Recorded.', LiabilityRateSchema, 'The list of rates of its kind, where it shows: /api/v1/liability-rates?kind={kind}.'),
          200: json('Already recorded, with this value, for this kind and day.', LiabilityRateSchema),
        },
      }),
      allow(CALLERS.rateKeeper),
      validate('json', AddLiabilityRateSchema),
      async (c) => {
        const input = c.req.valid('json');
        const { rate, created } = await db.transaction().execute(async (trx) => {
          // Under the log's lock, as claims are opened: a claim counts its limit with this rate, or is recounted here.
          await serializeEventAppends(trx);
          const recorded = await recordLiabilityRate(trx, input, actorOf(c.var.caller));
          if (recorded.created) await recountLiabilityLimits(trx, recorded.rate.kind, recorded.rate.effectiveFrom);
          return recorded;
        });
        // No event says so, yet every limit a handler is shown may have changed: what each process
        // holds of what claims are drawn from (the rates, their versions) is read again
        // (api/db/held-until-commit.ts).
        if (created) bus.committed(0);
        if (!created) return c.json(rate, 200);
        c.header('Location', apiUrl(`/liability-rates?kind=${rate.kind}`));
        return c.json(rate, 201);
      },
    );
}
