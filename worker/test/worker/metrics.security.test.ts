import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { suiteDatabase, type SuiteDb } from './support/fresh-db.ts';
import { callWorker } from './support/worker-http.ts';

let suite: SuiteDb;
beforeAll(async () => {
  suite = await suiteDatabase();
});
afterAll(async () => {
  await suite?.drop();
});

const metrics = (env: object, token?: string) =>
  callWorker(new Request('http://api.test/metrics', { headers: token ? { authorization: `Bearer ${token}` } : {} }), env);

describe('/metrics guard', () => {
  const production = () => ({ ...suite.env, ENVIRONMENT: 'production', METRICS_TOKEN: 'scrape-secret-0123456789' });

  it('in production answers only the bearer of METRICS_TOKEN', async () => {
    const none = await metrics(production());
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer realm="metrics"');
    expect(await none.json()).toEqual({ error: 'UNAUTHORIZED', message: 'metrics token required' });
    expect((await metrics(production(), 'wrong')).status).toBe(401);
    // Same length, one character off; and the token as a prefix of a longer one.
    expect((await metrics(production(), 'scrape-secret-0123456780')).status).toBe(401);
    expect((await metrics(production(), 'scrape-secret-0123456789x')).status).toBe(401);
    const ok = await metrics(production(), 'scrape-secret-0123456789');
    expect(ok.status).toBe(200);
    expect(await ok.text()).toMatch(/# TYPE fairline_http_requests_total counter/);
  });

  it('in production without a METRICS_TOKEN is closed to everyone', async () => {
    const env = { ...suite.env, ENVIRONMENT: 'production', METRICS_TOKEN: '' };
    expect((await metrics(env)).status).toBe(401);
    expect((await metrics(env, '')).status).toBe(401);
    expect((await metrics(env, 'anything')).status).toBe(401);
  });

  it('does not accept the admin token in place of the metrics token', async () => {
    expect((await metrics(production(), 'test-admin-token')).status).toBe(401);
  });

  it('is open in development and test without a token, and guarded there as soon as one is set', async () => {
    expect((await metrics(suite.env)).status).toBe(200);
    expect((await metrics({ ...suite.env, ENVIRONMENT: 'development' })).status).toBe(200);
    const guarded = { ...suite.env, METRICS_TOKEN: 'local-scrape' };
    expect((await metrics(guarded)).status).toBe(401);
    expect((await metrics(guarded, 'local-scrape')).status).toBe(200);
  });
});
