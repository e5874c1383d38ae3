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

async function call(ip: string, env: object) {
  const ctx = createExecutionContext();
  const res = await worker.fetch(new Request('http://api.test/trpc/system.health', { headers: { 'cf-connecting-ip': ip } }), env as never, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

describe('rate limiting (Upstash sliding window on the real Redis)', () => {
  it.runIf(Boolean(testEnv.UPSTASH_REDIS_REST_URL))('allows N requests per minute per client, then 429 with retry-after', async () => {
    const env = { ...suite.env, RATE_LIMIT_PER_MINUTE: '3' };
    const ip = `10.0.0.${Math.floor(Math.random() * 250) + 1}-${Date.now()}`;
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await call(ip, env)).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const blocked = await call(ip, env);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another client is unaffected.
    expect((await call(`${ip}-other`, env)).status).toBe(200);
  });

  it('fails open when Redis is unreachable (the cache tier is optional)', async () => {
    const env = { ...suite.env, RATE_LIMIT_PER_MINUTE: '1', UPSTASH_REDIS_REST_URL: 'http://127.0.0.1:9', UPSTASH_REDIS_REST_TOKEN: 'x' };
    expect((await call('10.9.9.9', env)).status).toBe(200);
    expect((await call('10.9.9.9', env)).status).toBe(200);
  });
});
