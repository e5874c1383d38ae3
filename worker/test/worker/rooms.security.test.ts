import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userRoom } from '../../src/rooms/protocol.ts';
import { suiteDatabase, type SuiteDb } from './support/fresh-db.ts';
import { insertRoomFixtures } from './support/room-socket.ts';
import { callWorker, trpcClient } from './support/worker-http.ts';

let suite: SuiteDb;

/** An account made through the API itself: its id, a bearer session token, and API keys with and without read:live. */
interface Account {
  id: string;
  token: string;
  liveKey: string;
  marketsKey: string;
}

async function account(email: string): Promise<Account> {
  const anon = trpcClient(suite.env);
  const { user, token } = await anon.auth.signUp.mutate({ email, password: 'blue-otter-lamp-91 rooms', session: 'token' });
  const me = trpcClient(suite.env, { token: token! });
  const live = await me.apiKeys.create.mutate({ name: 'live', scopes: ['read:live'] });
  const markets = await me.apiKeys.create.mutate({ name: 'markets', scopes: ['read:markets'] });
  return { id: user.id, token: token!, liveKey: live.secret, marketsKey: markets.secret };
}

let ana: Account;
let bob: Account;
beforeAll(async () => {
  suite = await suiteDatabase();
  ana = await account('ana.rooms@example.com');
  bob = await account('bob.rooms@example.com');
});
afterAll(async () => {
  await suite?.drop();
});

/** A WebSocket upgrade to `room` with extra headers; answers the response (a 101's socket is accepted and closed). */
async function upgrade(room: string, headers: Record<string, string> = {}) {
  const res = await callWorker(new Request(`http://api.test/rooms/${encodeURIComponent(room)}`, { headers: { upgrade: 'websocket', ...headers } }), suite.env);
  let welcome: unknown = null;
  if (res.webSocket) {
    const ws = res.webSocket;
    const first = new Promise<unknown>((resolve) => ws.addEventListener('message', (e) => resolve(JSON.parse(e.data as string))));
    ws.accept();
    welcome = await Promise.race([first, new Promise((r) => setTimeout(() => r(null), 3000))]);
    ws.close(1000, 'bye');
  }
  return { status: res.status, welcome, body: res.status === 101 ? null : ((await res.json()) as { error: string; message: string }) };
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('room upgrades: public rooms stay open', () => {
  it('lets anyone into fixtures, soccer, nfl and fixture:<id> of a real fixture, without credentials', async () => {
    const [id] = await insertRoomFixtures(suite.db, 1_920_000_000, 1);
    for (const room of ['fixtures', 'soccer', 'nfl', `fixture:${id}`]) {
      const r = await upgrade(room);
      expect(r.status, room).toBe(101);
      expect(r.welcome).toMatchObject({ type: 'welcome', room });
    }
  });
});

describe('room upgrades: user:<id> is private to its user', () => {
  it('lets the user in with a bearer session token, and with an own API key holding read:live', async () => {
    const bySession = await upgrade(userRoom(ana.id), bearer(ana.token));
    expect(bySession.status).toBe(101);
    expect(bySession.welcome).toMatchObject({ type: 'welcome', room: `user:${ana.id}` });
    expect((await upgrade(userRoom(ana.id), bearer(ana.liveKey))).status).toBe(101);
  });

  it('refuses an upgrade without credentials with 401, before any socket exists', async () => {
    const r = await upgrade(userRoom(ana.id));
    expect(r.status).toBe(401);
    expect(r.welcome).toBeNull();
    expect(r.body?.error).toBe('UNAUTHORIZED');
  });

  it("refuses another user's session, and another user's key even with read:live, with 403", async () => {
    const session = await upgrade(userRoom(ana.id), bearer(bob.token));
    expect(session.status).toBe(403);
    expect(session.body?.error).toBe('FORBIDDEN');
    expect((await upgrade(userRoom(ana.id), bearer(bob.liveKey))).status).toBe(403);
    expect((await upgrade(userRoom(bob.id), bearer(ana.liveKey))).status).toBe(403);
  });

  it('refuses an own key without read:live (403), and the machine token (403): the room is its user’s only', async () => {
    const noScope = await upgrade(userRoom(ana.id), bearer(ana.marketsKey));
    expect(noScope.status).toBe(403);
    expect(noScope.body?.message).toMatch(/read:live/);
    expect((await upgrade(userRoom(ana.id), bearer('test-admin-token'))).status).toBe(403);
  });

  it('refuses a wrong, tampered or revoked credential with 401 — never downgraded to anonymous', async () => {
    expect((await upgrade(userRoom(ana.id), bearer('not-a-token'))).status).toBe(401);
    const tampered = `${ana.liveKey.slice(0, -1)}${ana.liveKey.endsWith('A') ? 'B' : 'A'}`;
    expect((await upgrade(userRoom(ana.id), bearer(tampered))).status).toBe(401);
    expect((await upgrade(userRoom(ana.id), bearer(`${ana.token}x`))).status).toBe(401);
    const me = trpcClient(suite.env, { token: ana.token });
    const key = await me.apiKeys.create.mutate({ name: 'soon revoked', scopes: ['read:live'] });
    expect((await upgrade(userRoom(ana.id), bearer(key.secret))).status).toBe(101);
    await me.apiKeys.revoke.mutate({ id: key.id });
    expect((await upgrade(userRoom(ana.id), bearer(key.secret))).status).toBe(401);
  });

  it('takes the session cookie only from the app’s own origin (cross-site WebSocket hijacking)', async () => {
    const cookie = { cookie: `fl_session=${ana.token}` };
    // Straight to the API from its own origin, and through the web proxy, which names the app's host.
    expect((await upgrade(userRoom(ana.id), { ...cookie, origin: 'http://api.test' })).status).toBe(101);
    const proxied = { ...cookie, origin: 'https://app.example', 'x-forwarded-host': 'app.example', 'x-forwarded-proto': 'https' };
    expect((await upgrade(userRoom(ana.id), proxied)).status).toBe(101);
    // Another site's page: the browser sends the cookie (if it can) with that site's Origin.
    const evil = await upgrade(userRoom(ana.id), { ...cookie, origin: 'https://evil.example' });
    expect(evil.status).toBe(403);
    expect(evil.body?.message).toMatch(/app itself/);
    expect((await upgrade(userRoom(ana.id), { ...cookie, origin: 'http://api.test', 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    // Bob's cookie from the right origin is still Bob.
    expect((await upgrade(userRoom(ana.id), { cookie: `fl_session=${bob.token}`, origin: 'http://api.test' })).status).toBe(403);
  });

  it('answers 404 for a malformed user room, like any unknown room', async () => {
    expect((await upgrade(`user:${ana.id.toUpperCase()}`, bearer(ana.token))).status).toBe(404);
    expect((await upgrade('user:42', bearer(ana.token))).status).toBe(404);
    expect((await upgrade('user:', bearer(ana.token))).status).toBe(404);
  });

  it('delivers what is published to user:<id> to that user’s socket', async () => {
    const res = await callWorker(new Request(`http://api.test/rooms/${userRoom(bob.id)}`, { headers: { upgrade: 'websocket', ...bearer(bob.liveKey) } }), suite.env);
    expect(res.status).toBe(101);
    const ws = res.webSocket!;
    const messages: Array<{ type: string }> = [];
    ws.addEventListener('message', (e) => {
      messages.push(JSON.parse(e.data as string));
    });
    ws.accept();
    const published = await callWorker(
      new Request(`http://api.test/rooms/${userRoom(bob.id)}/publish`, {
        method: 'POST',
        headers: { authorization: 'Bearer test-admin-token', 'content-type': 'application/json' },
        body: JSON.stringify({ kind: 'heartbeat', at: 'now' }),
      }),
      suite.env,
    );
    expect(published.status).toBe(200);
    const deadline = Date.now() + 3000;
    while (messages.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
    expect(messages.map((m) => m.type)).toEqual(['welcome', 'event']);
    ws.close(1000, 'bye');
  });
});
