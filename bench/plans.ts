/**
 * `npm run bench -- plans`: only the query-plan check of the `api` part (bench/api.ts), on the
 * same data set and servers: EXPLAIN QUERY PLAN of every read one request of each kind runs, and
 * with BENCH_DATABASE_URL, EXPLAIN (FORMAT JSON) of the same on PostgreSQL. A list or search
 * query planned as a full scan of claims, claim_events or messages (a bare SCAN; a Seq Scan) fails the bench.
 */
export { runPlans as run } from './api.ts';
