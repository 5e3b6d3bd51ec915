import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Counter, Histogram, Registry } from 'prom-client';
import type { DB } from '../db/connect.ts';
import { Metrics } from './metrics.ts';

// The HTTP pair is tallied by hand (prom-client's own metrics cost a cheap request 15 % of its rate):
// a scraper must read exactly what prom-client's Counter and Histogram would have shown.

const BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

const httpLines = (text: string) =>
  text
    .split('\n')
    .filter((line) => line.startsWith('http_') || /^# (HELP|TYPE) http_/.test(line))
    .filter((line) => !line.startsWith('# HELP'))
    .sort();

describe('the HTTP request metrics', () => {
  it('show what prom-client’s Counter and Histogram show for the same requests, on the buckets’ edges too', async () => {
    const registry = new Registry();
    const counter = new Counter({ name: 'http_requests_total', help: '-', labelNames: ['method', 'route', 'status'], registers: [registry] });
    const histogram = new Histogram({ name: 'http_request_duration_seconds', help: '-', labelNames: ['method', 'route', 'status_class'], buckets: BUCKETS, registers: [registry] });
    // Reading the HTTP pair touches neither the database nor the feed.
    const metrics = new Metrics({ db: {} as DB, feed: { size: 0, deliveredUpTo: 0 }, emailTemplates: [] });
    const requests: Array<[string, string, number, number]> = [
      ['GET', '/api/v1/claims', 200, 0.0004],
      ['GET', '/api/v1/claims', 200, 0.001],
      ['GET', '/api/v1/claims', 304, 0.0025],
      ['GET', '/api/v1/claims/:id', 404, 0.2],
      ['POST', '/api/v1/claims', 201, 0.03],
      ['POST', '/api/v1/claims', 422, 10],
      ['POST', '/api/v1/claims', 500, 12.5],
      ['OPTIONS', 'unmatched', 204, 0],
    ];
    for (let round = 0; round < 3; round++) {
      for (const [method, route, status, seconds] of requests) {
        counter.inc({ method, route, status: String(status) });
        histogram.observe({ method, route, status_class: `${Math.floor(status / 100)}xx` }, seconds * (round + 1));
        metrics.observeRequest(method, route, status, seconds * (round + 1));
      }
    }
    const expected = httpLines(await registry.metrics());
    assert.ok(expected.length > 100, 'the comparison covers every bucket');
    assert.deepEqual(httpLines(await metrics.render()), expected);
  });
});
