import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { forwardedHeaders, forwardToApi } from '../src/server/api-proxy.ts';

/** A stand-in API worker: records what reached it, answers with two cookies. */
let api: Server;
let seen: { method: string; url: string; headers: IncomingHttpHeaders; body: string }[] = [];
beforeAll(async () => {
  api = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      seen.push({ method: req.method!, url: req.url!, headers: req.headers, body });
      res.writeHead(req.url!.startsWith('/trpc/denied') ? 401 : 200, [
        ['content-type', 'application/json'],
        ['set-cookie', 'fl_session=new-token; Path=/; HttpOnly; SameSite=Lax'],
        ['set-cookie', 'other=1; Path=/'],
      ]);
      res.end(JSON.stringify({ ok: true }));
    });
  });
  await new Promise<void>((r) => api.listen(0, '127.0.0.1', r));
  process.env.API_URL = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
});
afterAll(async () => {
  delete process.env.API_URL;
  await new Promise((r) => api.close(r));
});
beforeEach(() => {
  seen = [];
});

const browserRequest = (path: string, init: RequestInit = {}) =>
  new Request(`http://127.0.0.1:3000${path}`, {
    ...init,
    headers: {
      cookie: 'fl_session=old-token; theme=dark',
      origin: 'http://127.0.0.1:3000',
      'content-type': 'application/json',
      // What a client might send to pick its own rate-limit bucket or fake the app's host:
      'cf-connecting-ip': '203.0.113.66',
      'x-forwarded-for': '203.0.113.66',
      'x-real-ip': '203.0.113.66',
      'true-client-ip': '203.0.113.66',
      forwarded: 'for=203.0.113.66',
      'x-forwarded-host': 'evil.example',
      'x-forwarded-proto': 'https',
      ...(init.headers as Record<string, string> | undefined),
    },
  });

describe('the web proxy to the API (development: over fetch)', () => {
  it('forwards cookies, Origin and the body; replaces the client-supplied address with the socket peer', async () => {
    const res = await forwardToApi({
      request: browserRequest('/trpc/auth.signIn?batch=1', { method: 'POST', body: '{"email":"a@b.c"}' }),
      clientAddress: '::ffff:127.0.0.1',
    });
    expect(res.status).toBe(200);
    const [got] = seen;
    expect(got?.method).toBe('POST');
    expect(got?.url).toBe('/trpc/auth.signIn?batch=1');
    expect(got?.body).toBe('{"email":"a@b.c"}');
    expect(got?.headers.cookie).toBe('fl_session=old-token; theme=dark');
    expect(got?.headers.origin).toBe('http://127.0.0.1:3000');
    expect(got?.headers['cf-connecting-ip']).toBe('127.0.0.1');
    for (const h of ['x-forwarded-for', 'x-real-ip', 'true-client-ip', 'forwarded']) expect(got?.headers[h]).toBeUndefined();
    expect(got?.headers['x-forwarded-host']).toBe('127.0.0.1:3000');
    expect(got?.headers['x-forwarded-proto']).toBe('http');
  });

  it('sends no client address at all when the peer is unknown (never the client-supplied one)', async () => {
    await forwardToApi({ request: browserRequest('/trpc/system.health') });
    expect(seen[0]?.headers['cf-connecting-ip']).toBeUndefined();
  });

  it('returns every Set-Cookie of the API, and its status, to the browser', async () => {
    const ok = await forwardToApi({ request: browserRequest('/trpc/auth.signIn', { method: 'POST', body: '{}' }), clientAddress: '127.0.0.1' });
    expect(ok.headers.getSetCookie()).toEqual(['fl_session=new-token; Path=/; HttpOnly; SameSite=Lax', 'other=1; Path=/']);
    expect(await ok.json()).toEqual({ ok: true });
    const denied = await forwardToApi({ request: browserRequest('/trpc/denied'), clientAddress: '127.0.0.1' });
    expect(denied.status).toBe(401);
    expect(denied.headers.getSetCookie()).toHaveLength(2);
  });
});

describe('forwardedHeaders (both paths)', () => {
  it('keeps the address Cloudflare set when the service-binding path passes it as trusted', () => {
    const req = new Request('https://app.example/trpc/x', { headers: { 'cf-connecting-ip': '198.51.100.7', 'x-forwarded-for': '10.0.0.1' } });
    const h = forwardedHeaders(req, req.headers.get('cf-connecting-ip') ?? undefined);
    expect(h.get('cf-connecting-ip')).toBe('198.51.100.7');
    expect(h.get('x-forwarded-for')).toBeNull();
    expect(h.get('x-forwarded-host')).toBe('app.example');
    expect(h.get('x-forwarded-proto')).toBe('https');
  });

  it('keeps WebSocket upgrade headers (the binding passes upgrades through)', () => {
    const req = new Request('https://app.example/rooms/soccer', { headers: { upgrade: 'websocket', connection: 'Upgrade', cookie: 'fl_session=t' } });
    const h = forwardedHeaders(req, undefined);
    expect(h.get('upgrade')).toBe('websocket');
    expect(h.get('cookie')).toBe('fl_session=t');
  });
});
