import { createExecutionContext, createScheduledController, evictAllDurableObjects, waitOnExecutionContext } from 'cloudflare:test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import worker from '../../src/index.ts';
import { suiteDatabase, type SuiteDb } from './support/fresh-db.ts';
import { callWorker, joinRoom } from './support/worker-http.ts';

let suite: SuiteDb;
beforeAll(async () => {
  suite = await suiteDatabase();
});
afterAll(async () => {
  await suite?.drop();
});

const call = (req: Request, env: object = suite.env) => callWorker(req, env);
const join = (room: string) => joinRoom(room, suite.env);

const publish = (room: string, body: unknown, token = 'test-admin-token') =>
  call(new Request(`http://api.test/rooms/${room}/publish`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  }));

describe('LiveRoom', () => {
  it('welcomes, fans a published event out to every socket in the room, and answers pings', async () => {
    const a = await join('soccer');
    const b = await join('soccer');
    const [welcome] = await a.next(1);
    expect(welcome).toMatchObject({ type: 'welcome', room: 'soccer' });
    const res = await publish('soccer', { kind: 'prediction', fixtureId: 1, market: '1x2', selection: 'home', probability: 0.5 });
    expect(res.status).toBe(200);
    const { delivered, seq } = (await res.json()) as { delivered: number; seq: number };
    expect(delivered).toBe(2);
    const got = await a.next(2);
    expect(got[1]).toMatchObject({ type: 'event', seq, event: { kind: 'prediction', probability: 0.5 } });
    expect((await b.next(2))[1]).toEqual(got[1]);
    a.ws.send(JSON.stringify({ type: 'ping' }));
    expect((await a.next(3))[2]).toMatchObject({ type: 'pong' });
    a.ws.send('garbage');
    expect((await a.next(4))[3]).toMatchObject({ type: 'error' });
    a.ws.close(1000, 'bye');
    b.ws.close(1000, 'bye');
  });

  it('keeps the sequence and delivers to hibernated sockets after eviction', async () => {
    const a = await join('nfl');
    await a.next(1);
    const r1 = (await (await publish('nfl', { kind: 'heartbeat', at: 'x' })).json()) as { seq: number };
    await evictAllDurableObjects({ webSockets: 'hibernate' });
    const r2 = (await (await publish('nfl', { kind: 'heartbeat', at: 'y' })).json()) as { seq: number; delivered: number };
    expect(r2.seq).toBe(r1.seq + 1);
    expect(r2.delivered).toBe(1);
    const got = await a.next(3);
    expect(got.map((m) => m.type)).toEqual(['welcome', 'event', 'event']);
    a.ws.close(1000, 'bye');
  });

  it("carries a prop prediction's line, player and prop to the sockets", async () => {
    const a = await join('nfl');
    await a.next(1);
    const event = { kind: 'prediction', fixtureId: 3, market: 'player_prop', selection: 'over', probability: 0.54, line: 62.5, playerId: 11, prop: 'receiving_yards' };
    expect((await publish('nfl', event)).status).toBe(200);
    expect((await a.next(2))[1]).toMatchObject({ type: 'event', event });
    a.ws.close(1000, 'bye');
  });

  it('guards the publish path and validates rooms and events', async () => {
    expect((await publish('soccer', { kind: 'heartbeat', at: 'x' }, 'wrong-token')).status).toBe(401);
    expect((await publish('soccer', { kind: 'odds', price: 0.5 })).status).toBe(400);
    expect((await publish('no-such-room', { kind: 'heartbeat', at: 'x' })).status).toBe(404);
    const notWs = await call(new Request('http://api.test/rooms/soccer'));
    expect(notWs.status).toBe(400);
  });
});

describe('scheduled()', () => {
  it('runs the registered jobs for a known cron and pushes to the fixtures room', async () => {
    const a = await join('fixtures');
    await a.next(1);
    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ cron: '*/5 * * * *' }), suite.env as never, ctx);
    await waitOnExecutionContext(ctx);
    const got = await a.next(2);
    expect(got[1]).toMatchObject({ type: 'event', event: { kind: 'heartbeat' } });
    a.ws.close(1000, 'bye');
  });

  it('throws for an unknown cron instead of silently doing nothing', async () => {
    const { runScheduled } = await import('../../src/scheduled.ts');
    await expect(runScheduled(createScheduledController({ cron: '1 2 3 4 5' }), suite.env as never)).rejects.toThrow(/no jobs registered/);
  });
});
