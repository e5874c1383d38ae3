import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_CSP, apiSecurityHeaders, cspNonce, DOCS_PATH, HSTS } from '../../src/http/security-headers.ts';
import { suiteDatabase, type SuiteDb } from './support/fresh-db.ts';
import { callWorker } from './support/worker-http.ts';

let suite: SuiteDb;
beforeAll(async () => {
  suite = await suiteDatabase();
});
afterAll(async () => {
  await suite?.drop();
});

const get = (path: string, env: object = suite.env, headers: Record<string, string> = {}) =>
  callWorker(new Request(`http://api.test${path}`, { headers }), env);

/** The headers every API answer carries, whatever its status. */
function expectApiHeaders(res: Response) {
  const csp = res.headers.get('content-security-policy') ?? '';
  expect(csp).toContain("default-src 'none'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("base-uri 'none'");
  expect(csp).toContain("form-action 'none'");
  expect(res.headers.get('x-frame-options')).toBe('DENY');
  expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  expect(res.headers.get('cross-origin-resource-policy')).toBe('same-origin');
}

describe('API security headers', () => {
  it('are on JSON answers, 404s and the generic 500 of a broken environment', async () => {
    const ok = await get('/health');
    expect(ok.status).toBe(200);
    expectApiHeaders(ok);
    const missing = await get('/no-such-route');
    expect(missing.status).toBe(404);
    expectApiHeaders(missing);
    const broken = await get('/health', { ...suite.env, DATABASE_URL: 'mysql://nope' });
    expect(broken.status).toBe(500);
    expectApiHeaders(broken);
  });

  it('are on tRPC answers', async () => {
    const res = await get('/trpc/system.health');
    expect(res.status).toBe(200);
    expectApiHeaders(res);
  });

  it('send HSTS only outside local development and tests', async () => {
    expect((await get('/health')).headers.get('strict-transport-security')).toBeNull();
    expect((await get('/health', { ...suite.env, ENVIRONMENT: 'development' })).headers.get('strict-transport-security')).toBeNull();
    const prod = await get('/health', { ...suite.env, ENVIRONMENT: 'production' });
    expect(prod.headers.get('strict-transport-security')).toBe(HSTS);
    // An environment too broken to parse is treated as production: the 500 still carries HSTS.
    const broken = await get('/health', { ...suite.env, ENVIRONMENT: 'staging' });
    expect(broken.status).toBe(500);
    expect(broken.headers.get('strict-transport-security')).toBe(HSTS);
  });

  it('leave a WebSocket upgrade alone and cover a refused one', async () => {
    const up = await get('/rooms/soccer', suite.env, { upgrade: 'websocket' });
    expect(up.status).toBe(101);
    up.webSocket?.accept();
    up.webSocket?.close(1000, 'bye');
    const refused = await get('/rooms/no-such-room', suite.env, { upgrade: 'websocket' });
    expect(refused.status).toBe(404);
    expectApiHeaders(refused);
  });

  it('let the real API reference page run: each of its scripts carries the nonce its CSP names', async () => {
    const res = await get(DOCS_PATH);
    expect(res.status).toBe(200);
    const nonce = /script-src 'nonce-([^']+)'/.exec(res.headers.get('content-security-policy') ?? '')?.[1];
    expect(nonce).toBeTruthy();
    const scripts = [...(await res.text()).matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
    expect(res.headers.get('x-frame-options')).toBe('DENY');
  });

  it('give the docs page its own policy: scripts only with a fresh per-response nonce, never framed', async () => {
    // The docs route belongs to the REST module; a stand-in page shows the middleware's side of the contract.
    const app = new Hono<{ Bindings: Env }>();
    app.use('*', apiSecurityHeaders);
    app.get(DOCS_PATH, (c) => c.html(`<script nonce="${cspNonce(c)}">start()</script>`));
    app.get('/api/openapi.json', (c) => c.json({ openapi: '3.1.0' }));
    const page = async () => {
      const res = await app.request(DOCS_PATH, {}, suite.env);
      return { csp: res.headers.get('content-security-policy') ?? '', html: await res.text(), res };
    };
    const a = await page();
    const nonce = /'nonce-([^']+)'/.exec(a.csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(a.html).toBe(`<script nonce="${nonce}">start()</script>`);
    expect(a.csp).toMatch(/script-src 'nonce-[^']+' https:\/\/cdn\.jsdelivr\.net/);
    expect(a.csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(a.csp).toContain("connect-src 'self'");
    expect(a.csp).toContain("frame-ancestors 'none'");
    expect(a.res.headers.get('x-frame-options')).toBe('DENY');
    const b = await page();
    expect(b.csp).not.toContain(nonce!);
    // The OpenAPI document beside it is JSON, with the strict policy.
    const spec = await app.request('/api/openapi.json', {}, suite.env);
    expect(spec.headers.get('content-security-policy')).toBe(
      Object.entries(API_CSP)
        .map(([k, v]) => `${k.replace(/[A-Z]/g, (m) => `-${m.toLowerCase()}`)} ${v.join(' ')}`)
        .join('; '),
    );
  });
});
