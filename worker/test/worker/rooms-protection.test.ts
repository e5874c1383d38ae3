import { evictAllDurableObjects, runInDurableObject } from 'cloudflare:test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_CLIENT_MESSAGE_BYTES, PING } from '../../src/rooms/protocol.ts';
import { suiteDatabase, type SuiteDb } from './support/fresh-db.ts';
import { insertRoomFixtures, openRoom, upgradeRoom, type RoomSocket } from './support/room-socket.ts';

let suite: SuiteDb;
let rooms: string[];
beforeAll(async () => {
  suite = await suiteDatabase();
  // An id range of its own (rooms-resume takes 1,900,000,000…).
  rooms = (await insertRoomFixtures(suite.db, 1_910_000_000, 8)).map((id) => `fixture:${id}`);
});
afterAll(async () => {
  await suite?.drop();
});

const from = (ip: string, extra: Record<string, string> = {}) => ({ headers: { 'cf-connecting-ip': ip, ...extra } });
const stub = (room: string) => suite.env.LIVE_ROOM.get(suite.env.LIVE_ROOM.idFromName(room));
const closeAll = (sockets: RoomSocket[]) => sockets.forEach((s) => s.close());

describe('room pings', () => {
  it('answers the exact ping from the runtime, without waking a hibernated room', async () => {
    const room = rooms[0]!;
    const a = await openRoom(suite.env, room);
    await a.settle(1);
    await evictAllDurableObjects({ webSockets: 'hibernate' });
    a.ws.send(PING);
    await a.settle(2);
    expect(a.messages[1]).toEqual({ type: 'pong' });
    // The runtime records when it auto-responded: proof the room's code did not answer it.
    const answered = await runInDurableObject(stub(room), async (_instance, state) =>
      state.getWebSockets().map((ws) => state.getWebSocketAutoResponseTimestamp(ws)),
    );
    expect(answered.filter((t) => t instanceof Date)).toHaveLength(1);
    // A ping spelled differently still gets a pong — from the room.
    a.ws.send('{ "type": "ping" }');
    expect((await a.settle(3))[2]).toEqual({ type: 'pong' });
    a.ws.send('{"type":"subscribe"}');
    expect((await a.settle(4))[3]).toMatchObject({ type: 'error' });
    a.close();
  });
});

describe('room caps', () => {
  it('refuses a client over ROOM_MAX_PER_CLIENT with 429 + Retry-After, others still get in', async () => {
    const env = { ...suite.env, ROOM_MAX_PER_CLIENT: '2' };
    const room = rooms[1]!;
    const mine = [await openRoom(env, room, from('203.0.113.5')), await openRoom(env, room, from('203.0.113.5'))];
    const third = await upgradeRoom(env, room, from('203.0.113.5'));
    expect(third.res.status).toBe(429);
    expect(third.socket).toBeNull();
    expect(third.res.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(((await third.res.json()) as { error: string; message: string })).toMatchObject({ error: 'TOO_MANY_REQUESTS', message: expect.stringMatching(/at most 2/) });
    // The client cannot raise its own cap: the route overwrites the room's headers.
    const spoofed = await upgradeRoom(env, room, from('203.0.113.5', { 'x-fairline-max-per-client': '1000', 'x-fairline-client': 'someone-else' }));
    expect(spoofed.res.status).toBe(429);
    // Another address is another client.
    const other = await openRoom(env, room, from('203.0.113.6'));
    // IPv6 counts by /64: two addresses of one /64 are one client.
    const v6 = [await openRoom(env, room, from('2001:db8:1:2::1')), await openRoom(env, room, from('2001:db8:1:2::ffff'))];
    expect((await upgradeRoom(env, room, from('2001:db8:1:2:abcd::9'))).res.status).toBe(429);
    // Leaving frees a place.
    mine[0]!.close();
    const deadline = Date.now() + 5000;
    let again = await upgradeRoom(env, room, from('203.0.113.5'));
    while (again.res.status === 429 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
      again = await upgradeRoom(env, room, from('203.0.113.5'));
    }
    expect(again.res.status).toBe(101);
    closeAll([mine[1]!, other, ...v6, again.socket!]);
  });

  it('refuses the upgrade past ROOM_MAX_CONNECTIONS with 429, whoever asks', async () => {
    const env = { ...suite.env, ROOM_MAX_CONNECTIONS: '3' };
    const room = rooms[2]!;
    const three = [await openRoom(env, room, from('198.51.100.1')), await openRoom(env, room, from('198.51.100.2')), await openRoom(env, room, from('198.51.100.3'))];
    expect((await three[2]!.settle(1))[0]).toMatchObject({ type: 'welcome', connections: 3 });
    const fourth = await upgradeRoom(env, room, from('198.51.100.4'));
    expect(fourth.res.status).toBe(429);
    expect(((await fourth.res.json()) as { message: string }).message).toMatch(/full/);
    // The cap is per room: another room is unaffected.
    const elsewhere = await openRoom(env, rooms[3]!, from('198.51.100.4'));
    closeAll([...three, elsewhere]);
  });

  it('rejects a cap that is not a positive integer as a configuration error (500), never as no cap', async () => {
    const res = (await upgradeRoom({ ...suite.env, ROOM_MAX_PER_CLIENT: 'lots' }, rooms[4]!, from('203.0.113.9'))).res;
    expect(res.status).toBe(500);
  });
});

describe('room message size', () => {
  it(`closes the socket with 1009 when a client sends more than ${MAX_CLIENT_MESSAGE_BYTES} bytes`, async () => {
    const a = await openRoom(suite.env, rooms[5]!);
    await a.settle(1);
    a.ws.send(JSON.stringify({ type: 'ping', pad: 'x'.repeat(MAX_CLIENT_MESSAGE_BYTES) }));
    const deadline = Date.now() + 5000;
    while (!a.closed && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(a.closed?.code).toBe(1009);
    expect(a.closed?.reason).toMatch(/too big/);
    // Multi-byte text counts in bytes: 400 × '€' is 1,200 bytes in 400 characters.
    const b = await openRoom(suite.env, rooms[5]!);
    await b.settle(1);
    b.ws.send('€'.repeat(400));
    const until = Date.now() + 5000;
    while (!b.closed && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    expect(b.closed?.code).toBe(1009);
    // Just under the limit is an ordinary (unknown) message: an error reply, the socket stays open.
    const c = await openRoom(suite.env, rooms[5]!);
    await c.settle(1);
    c.ws.send('y'.repeat(MAX_CLIENT_MESSAGE_BYTES));
    expect((await c.settle(2))[1]).toMatchObject({ type: 'error' });
    expect(c.closed).toBeNull();
    c.close();
  });
});

describe('fixture rooms exist only for fixtures', () => {
  it('answers 404 for a fixture id no fixture has, before any socket opens; a real one opens', async () => {
    for (const room of ['fixture:2000000000', 'fixture:9999999999', 'fixture:0']) {
      const { res, socket } = await upgradeRoom(suite.env, room);
      expect(res.status, room).toBe(404);
      expect(socket).toBeNull();
    }
    // Asked again (remembered per isolate): still 404.
    expect((await upgradeRoom(suite.env, 'fixture:2000000000')).res.status).toBe(404);
    const real = await openRoom(suite.env, rooms[6]!);
    expect((await real.settle(1))[0]).toMatchObject({ type: 'welcome', room: rooms[6] });
    real.close();
  });
});
