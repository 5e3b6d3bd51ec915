/**
 * `npm run bench -- plans`: only the query-plan check of the `api` part (bench/api.ts), on the
 * same data set and server: EXPLAIN QUERY PLAN of every read one request of each kind runs.
 * A list or search query planned as a full scan of claims, claim_events or messages fails the bench.
 */
export { runPlans as run } from './api.ts';
