import { Hono } from 'hono';
import { ANALYTICS_MAX_DAYS } from '../../domain/analytics.ts';
import { allow, CALLERS } from '../auth/principal.ts';
import type { DB } from '../db/connect.ts';
import { atRiskHoursOf } from '../claims/deadlines.ts';
import { describeRoute, json } from '../http/describe.ts';
import { validate } from '../http/validate.ts';
import { AnalyticsQueries, type AnalyticsScope } from './analytics.repository.ts';
import { AnalyticsDashboardSchema, AnalyticsQuerySchema, panelAnswerSchema, type AnalyticsQuery } from './analytics.schema.ts';

export interface AnalyticsDeps {
  db: DB;
  /** DEADLINE_WARNING_HOURS: the largest is the window in which a running deadline is at risk. */
  deadlineWarningHours?: readonly number[] | undefined;
}

const PERIOD_RULES =
  `from and to are days (YYYY-MM-DD, UTC), both included, at most ${ANALYTICS_MAX_DAYS} days apart; companyId, carrier, type and scope narrow every figure to those claims. ` +
  'A fact counts in the period in which it happened: a claim when it was opened, a stay in a phase when it ended, an outcome when it was recorded, a deadline when it falls, a review when it was made, a first answer when it was given.';

const PANELS = {
  volume: {
    operationId: 'getAnalyticsVolume',
    summary: 'Claims opened per week, and the backlog (handler, operator’s key)',
    description: 'Claims opened in each ISO week of the period, by type; and at the end of each of those weeks, the claims open in each phase (every claim not declined or closed, however long ago it was opened).',
  },
  times: {
    operationId: 'getAnalyticsTimes',
    summary: 'Time spent in each phase, and to the outcome (handler, operator’s key)',
    description: 'For each phase, the stays in it that ended in the period (a claim sent back to documentation counts each stay): how many, their median and 90th-percentile hours. And from notification to outcome, for the outcomes recorded in the period. Nearest-rank percentiles: of n sorted values the ⌈n·p⌉-th.',
  },
  money: {
    operationId: 'getAnalyticsMoney',
    summary: 'Amounts claimed and recovered (handler, operator’s key)',
    description: 'For the claims whose outcome was recorded in the period: what was claimed (the claimed amount, or the declared value when none was) and what the outcomes paid, with the share recovered — in total, per carrier and per type, always per currency: amounts in different currencies are never added.',
  },
  deadlines: {
    operationId: 'getAnalyticsDeadlines',
    summary: 'Filing deadlines met, missed and at risk (handler, operator’s key)',
    description: 'Of the claims whose filing deadline falls in the period: how many were filed by it, and how many saw it pass while neither filed nor declined. And, whatever the period, the claims still running against a deadline that falls within the warning window from now, soonest first (GET /claims?deadline=at_risk lists them all).',
  },
  carriers: {
    operationId: 'getAnalyticsCarriers',
    summary: 'Each carrier’s claims, recovery, time to outcome and missed deadlines (handler, operator’s key)',
    description: 'Per carrier: the claims opened against it in the period, by type; the mean share recovered of its claims resolved in the period; their median hours to the outcome; and its claims’ deadlines missed in the period.',
  },
  handlers: {
    operationId: 'getAnalyticsHandlers',
    summary: 'Each handler’s claims, first answers and reviews (handler, operator’s key)',
    description: 'Per claims handler: the claims assigned to them in the period that they still hold; the median minutes from a company’s first message in a claim’s chat to their first answer, for the answers they gave in the period; and the median minutes from the first file uploaded for a document to their verdict, for the reviews they made in the period.',
  },
} as const;

type Panel = keyof typeof PANELS;

/**
 * The staff's analytics: the dashboard in one answer, or one panel of it. Handlers see them in
 * the console; the operator's backend (CLAIMS_API_KEY) may feed them to its own reporting. Every
 * figure comes from the analytics read models (read-models.ts), never from the claims themselves.
 */
export function analyticsRoutes(deps: AnalyticsDeps) {
  const atRiskHours = atRiskHoursOf(deps.deadlineWarningHours);

  const scopeOf = (query: AnalyticsQuery): AnalyticsScope => ({
    period: { from: query.from, to: query.to },
    filters: { companyId: query.companyId ?? null, carrier: query.carrier ?? null, type: query.type ?? null, scope: query.scope ?? null },
    now: new Date(),
    atRiskHours,
  });
  const envelope = ({ period, filters, now }: AnalyticsScope) => ({ period, filters, asOf: now.toISOString() });

  const describePanel = (panel: Panel) =>
    describeRoute({
      ...PANELS[panel],
      tags: ['Analytics'],
      description: `${PANELS[panel].description} ${PERIOD_RULES}`,
      responses: { 200: json(`The ${panel} panel, with the period and filters it is for.`, panelAnswerSchema(panel, `Analytics${panel[0]!.toUpperCase()}${panel.slice(1)}`)) },
    });

  return new Hono()
    .get(
      '/',
      describeRoute({
        operationId: 'getAnalytics',
        tags: ['Analytics'],
        summary: 'The analytics dashboard: every panel at once (handler, operator’s key)',
        description: `Volume, times, money, deadlines, carriers and handlers for one period, as GET /analytics/{panel} answers each, computed together. ${PERIOD_RULES}`,
        responses: { 200: json('Every panel, with the period and filters they are for.', AnalyticsDashboardSchema) },
      }),
      allow(CALLERS.analyticsReader),
      validate('query', AnalyticsQuerySchema),
      async (c) => {
        const scope = scopeOf(c.req.valid('query'));
        const queries = new AnalyticsQueries(deps.db, scope);
        const [volume, times, money, deadlines, carriers, handlers] = await Promise.all([
          queries.volume(),
          queries.times(),
          queries.money(),
          queries.deadlines(),
          queries.carriers(),
          queries.handlers(),
        ]);
        return c.json({ ...envelope(scope), volume, times, money, deadlines, carriers, handlers });
      },
    )
    .get('/volume', describePanel('volume'), allow(CALLERS.analyticsReader), validate('query', AnalyticsQuerySchema), async (c) => {
      const scope = scopeOf(c.req.valid('query'));
      return c.json({ ...envelope(scope), volume: await new AnalyticsQueries(deps.db, scope).volume() });
    })
    .get('/times', describePanel('times'), allow(CALLERS.analyticsReader), validate('query', AnalyticsQuerySchema), async (c) => {
      const scope = scopeOf(c.req.valid('query'));
      return c.json({ ...envelope(scope), times: await new AnalyticsQueries(deps.db, scope).times() });
    })
    .get('/money', describePanel('money'), allow(CALLERS.analyticsReader), validate('query', AnalyticsQuerySchema), async (c) => {
      const scope = scopeOf(c.req.valid('query'));
      return c.json({ ...envelope(scope), money: await new AnalyticsQueries(deps.db, scope).money() });
    })
    .get('/deadlines', describePanel('deadlines'), allow(CALLERS.analyticsReader), validate('query', AnalyticsQuerySchema), async (c) => {
      const scope = scopeOf(c.req.valid('query'));
      return c.json({ ...envelope(scope), deadlines: await new AnalyticsQueries(deps.db, scope).deadlines() });
    })
    .get('/carriers', describePanel('carriers'), allow(CALLERS.analyticsReader), validate('query', AnalyticsQuerySchema), async (c) => {
      const scope = scopeOf(c.req.valid('query'));
      return c.json({ ...envelope(scope), carriers: await new AnalyticsQueries(deps.db, scope).carriers() });
    })
    .get('/handlers', describePanel('handlers'), allow(CALLERS.analyticsReader), validate('query', AnalyticsQuerySchema), async (c) => {
      const scope = scopeOf(c.req.valid('query'));
      return c.json({ ...envelope(scope), handlers: await new AnalyticsQueries(deps.db, scope).handlers() });
    });
}
