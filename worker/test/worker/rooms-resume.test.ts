import { runInDurableObject } from 'cloudflare:test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEEP_EVENTS, KEEP_MS, MAX_REPLAY } from '../../src/rooms/replay-buffer.ts';
import type { ServerMessage } from '../../src/rooms/protocol.ts';
import { suiteDatabase, type SuiteDb } from './support/fresh-db.ts';
import { eventSeqs, insertRoomFixtures, heartbeats, openRoom, publishMany, upgradeRoom } from './support/room-socket.ts';

let suite: SuiteDb;
let rooms: string[];
beforeAll(async () => {
  suite = await suiteDatabase();
  rooms = (await insertRoomFixtures(suite.db, 1_900_000_000, 10)).map((id) => `fixture:${id}`);
});
afterAll(async () => {
  await suite?.drop();
});

const at = (m: ServerMessage) => (m.type === 'event' && m.event.kind === 'heartbeat' ? m.event.at : null);
const stub = (room: string) => suite.env.LIVE_ROOM.get(suite.env.LIVE_ROOM.idFromName(room));

describe('LiveRoom resume (?since=)', () => {
  it('replays exactly the missed events, in order, after the welcome, then goes live', async () => {
    const room = rooms[0]!;
    const a = await openRoom(suite.env, room);
    await publishMany(suite.env, room, heartbeats('before', 5));
    const seen = await a.until((m) => eventSeqs(m).length === 5);
    const last = Math.max(...eventSeqs(seen));
    a.close();
    await publishMany(suite.env, room, heartbeats('missed', 3));

    const b = await openRoom(suite.env, room, { since: last });
    await b.settle(4);
    expect(b.messages[0]).toMatchObject({ type: 'welcome', room, seq: last + 3 });
    expect(b.messages.slice(1).map(at)).toEqual(['missed-1', 'missed-2', 'missed-3']);
    expect(eventSeqs(b.messages)).toEqual([last + 1, last + 2, last + 3]);
    await publishMany(suite.env, room, heartbeats('live', 1));
    await b.settle(5);
    expect(b.messages.slice(1).map(at)).toEqual(['missed-1', 'missed-2', 'missed-3', 'live-1']);
    expect(eventSeqs(b.messages)).toEqual([last + 1, last + 2, last + 3, last + 4]);
    b.close();
  });

  it('has no gap and no duplicate when publishes race the reconnect', async () => {
    const room = rooms[1]!;
    await publishMany(suite.env, room, heartbeats('old', 10));
    const since = 4;
    // Publishes in flight while the socket is accepted and replayed: each event must arrive once, in seq order.
    const publishing = Promise.all(Array.from({ length: 10 }, (_, k) => publishMany(suite.env, room, heartbeats(`race${k}`, 3))));
    const b = await openRoom(suite.env, room, { since });
    await publishing;
    const final = 10 + 30;
    await b.until((m) => eventSeqs(m).includes(final));
    await b.settle(0, 150);
    expect(b.messages[0]?.type).toBe('welcome');
    expect(eventSeqs(b.messages)).toEqual(Array.from({ length: final - since }, (_, k) => since + 1 + k));
    b.close();
  });

  it('sends nothing more than the welcome when the client is up to date, and only the welcome without since', async () => {
    const room = rooms[2]!;
    await publishMany(suite.env, room, heartbeats('x', 2));
    const upToDate = await openRoom(suite.env, room, { since: 2 });
    const fresh = await openRoom(suite.env, room);
    expect((await upToDate.settle(1)).map((m) => m.type)).toEqual(['welcome']);
    expect((await fresh.settle(1)).map((m) => m.type)).toEqual(['welcome']);
    upToDate.close();
    fresh.close();
  });

  it('answers resync when since is ahead of the room (it was reset, or the client is confused)', async () => {
    const room = rooms[3]!;
    await publishMany(suite.env, room, heartbeats('x', 2));
    const b = await openRoom(suite.env, room, { since: 99 });
    expect(await b.settle(2)).toEqual([
      { type: 'welcome', room, seq: 2, connections: 1 },
      { type: 'resync', room, seq: 2 },
    ]);
    // Live events still follow.
    await publishMany(suite.env, room, heartbeats('after', 1));
    expect(eventSeqs(await b.settle(3))).toEqual([3]);
    b.close();
  });

  it('keeps more than 1,000 events while they are younger than 24 h, and replays them all', async () => {
    const room = rooms[4]!;
    const n = KEEP_EVENTS + 150;
    await publishMany(suite.env, room, heartbeats('many', n));
    const b = await openRoom(suite.env, room, { since: 0 });
    await b.until((m) => m.length >= n + 1);
    await b.settle(0, 100);
    expect(eventSeqs(b.messages)).toEqual(Array.from({ length: n }, (_, k) => k + 1));
    b.close();
  });

  it('prunes events beyond both bounds and answers resync for a gap older than what it keeps', async () => {
    const room = rooms[5]!;
    await publishMany(suite.env, room, heartbeats('aged', KEEP_EVENTS + 150));
    // Make every stored event older than the time bound, then cross the next pruning point.
    await runInDurableObject(stub(room), async (_instance, state) => {
      state.storage.sql.exec('UPDATE room_events SET at = at - ?', KEEP_MS + 60_000);
    });
    await publishMany(suite.env, room, heartbeats('fresh', 50)); // seq 1,151 … 1,200: prunes at 1,200
    const kept = await runInDurableObject(stub(room), async (_instance, state) =>
      state.storage.sql.exec<{ n: number; oldest: number }>('SELECT COUNT(*) AS n, MIN(seq) AS oldest FROM room_events').one(),
    );
    // Rows beyond the last 1,000 AND older than 24 h are gone; the last 1,000 stay however old.
    expect(kept).toEqual({ n: KEEP_EVENTS, oldest: 1200 - KEEP_EVENTS + 1 });

    const tooOld = await openRoom(suite.env, room, { since: 5 });
    expect(await tooOld.settle(2)).toEqual([
      { type: 'welcome', room, seq: 1200, connections: 1 },
      { type: 'resync', room, seq: 1200 },
    ]);
    // The oldest resumable point: since = oldest kept − 1 gets every kept event.
    const edge = await openRoom(suite.env, room, { since: kept.oldest - 1 });
    await edge.until((m) => m.length >= KEEP_EVENTS + 1);
    await edge.settle(0, 100);
    expect(edge.messages.some((m) => m.type === 'resync')).toBe(false);
    expect(eventSeqs(edge.messages)).toEqual(Array.from({ length: KEEP_EVENTS }, (_, k) => kept.oldest + k));
    tooOld.close();
    edge.close();
  });

  it('keeps the sequence and the buffer across eviction (restored from storage on wake)', async () => {
    const room = rooms[6]!;
    await publishMany(suite.env, room, heartbeats('a', 3));
    await runInDurableObject(stub(room), async () => {}); // make sure it exists before evicting
    const { evictAllDurableObjects } = await import('cloudflare:test');
    await evictAllDurableObjects({ webSockets: 'hibernate' });
    const r = await publishMany(suite.env, room, heartbeats('b', 2));
    expect(r.seq).toBe(5);
    const b = await openRoom(suite.env, room, { since: 1 });
    expect((await b.settle(5)).slice(1).map(at)).toEqual(['a-2', 'a-3', 'b-1', 'b-2']);
    b.close();
  });

  it(`answers resync rather than replay more than ${MAX_REPLAY} events to one reconnect`, async () => {
    const room = rooms[8]!;
    await publishMany(suite.env, room, heartbeats('bulk', MAX_REPLAY + 1));
    const behind = await openRoom(suite.env, room, { since: 0 });
    expect(await behind.settle(2)).toEqual([
      { type: 'welcome', room, seq: MAX_REPLAY + 1, connections: 1 },
      { type: 'resync', room, seq: MAX_REPLAY + 1 },
    ]);
    const justWithin = await openRoom(suite.env, room, { since: 1 });
    await justWithin.until((m) => m.length >= MAX_REPLAY + 1);
    expect(justWithin.messages.some((m) => m.type === 'resync')).toBe(false);
    expect(eventSeqs(justWithin.messages).slice(0, 2)).toEqual([2, 3]);
    expect(eventSeqs(justWithin.messages)).toHaveLength(MAX_REPLAY);
    behind.close();
    justWithin.close();
  });

  it('carries on the sequence of a room from before the buffer (its key-value seq), and resyncs what it cannot replay', async () => {
    const room = rooms[9]!;
    await runInDurableObject(stub(room), async (_instance, state) => {
      state.storage.kv.put('seq', 500); // what a room deployed before the replay buffer kept
    });
    const { evictAllDurableObjects } = await import('cloudflare:test');
    await evictAllDurableObjects({ webSockets: 'hibernate' });
    expect((await publishMany(suite.env, room, heartbeats('new', 1))).seq).toBe(501);
    const old = await openRoom(suite.env, room, { since: 450 });
    expect((await old.settle(2)).map((m) => m.type)).toEqual(['welcome', 'resync']);
    const recent = await openRoom(suite.env, room, { since: 500 });
    expect(eventSeqs(await recent.settle(2))).toEqual([501]);
    old.close();
    recent.close();
  });

  it('refuses a malformed since with 400 before any socket opens', async () => {
    for (const since of ['-1', 'abc', '1.5', '', '1e3', ' 4', '99999999999999999999']) {
      const { res, socket } = await upgradeRoom(suite.env, rooms[7]!, { since });
      expect(res.status, `since=${JSON.stringify(since)}`).toBe(400);
      expect(socket).toBeNull();
      expect(((await res.json()) as { error: string }).error).toBe('BAD_REQUEST');
    }
  });
});
