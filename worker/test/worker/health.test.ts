import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import worker from '../../src/index.ts';
import { suiteDatabase, testEnv, type SuiteDb } from './support/fresh-db.ts';

let suite: SuiteDb;
beforeAll(async () => {
  suite = await suiteDatabase();
});
afterAll(async () => {
  await suite?.drop();
});

async function call(path: string, env: object = suite.env) {
  const ctx = createExecutionContext();
  const res = await worker.fetch(new Request(`http://api.test${path}`), env as never, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

describe('/health', () => {
  it('is 200 with Postgres and Redis both really reachable', async () => {
    const res = await call('/health');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { status: string; tiers: Record<string, string> };
    expect(body.tiers.postgres).toBe('ok');
    expect(body.tiers.redis).toBe(testEnv.UPSTASH_REDIS_REST_URL ? 'ok' : 'disabled');
    expect(body.status).toBe('ok');
  });

  it('says the cache tier is degraded when Redis is unreachable', async () => {
    const res = await call('/health', { ...suite.env, UPSTASH_REDIS_REST_URL: 'http://127.0.0.1:9', UPSTASH_REDIS_REST_TOKEN: 'x' });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { status: string; degraded: string[] };
    expect(body.status).toBe('degraded');
    expect(body.degraded).toEqual(['redis']);
  });

  it('reports "disabled" (healthy) when no Redis is configured', async () => {
    const res = await call('/health', { ...suite.env, UPSTASH_REDIS_REST_URL: '', UPSTASH_REDIS_REST_TOKEN: '' });
    const body = (await res.json()) as { status: string; tiers: Record<string, string> };
    expect(body.tiers.redis).toBe('disabled');
    expect(body.status).toBe('ok');
  });

  it('is 503 "down" when Postgres is unreachable', async () => {
    const res = await call('/health', { ...suite.env, DATABASE_URL: suite.env.DATABASE_URL.replace(/\/[^/]+$/, '/no_such_db') });
    expect(res.status).toBe(503);
    expect(((await res.json()) as { status: string }).status).toBe('down');
  });

  it('rejects an invalid environment with a clear, non-leaking 500', async () => {
    const res = await call('/health', { ...suite.env, DATABASE_URL: 'mysql://nope' });
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ error: 'INTERNAL', message: 'internal error' });
  });
});

describe('/metrics', () => {
  it('exposes request counts and latency histograms by route in Prometheus text format', async () => {
    await call('/health');
    await call('/nope');
    const res = await call('/metrics');
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    expect(text).toMatch(/# TYPE fairline_http_requests_total counter/);
    expect(text).toMatch(/fairline_http_requests_total\{method="GET",route="\/health",status="200"\} \d+/);
    expect(text).toMatch(/fairline_http_requests_total\{method="GET",route="unmatched",status="404"\} \d+/);
    expect(text).toMatch(/fairline_http_request_duration_seconds_bucket\{method="GET",route="\/health",le="\+Inf"\} \d+/);
  });
});
