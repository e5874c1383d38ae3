/**
 * Room sockets for the LiveRoom tests that need more than support/worker-http.ts's joinRoom: a `?since=`, extra
 * headers (a client address), the upgrade's status when it is refused, and the close code.
 */
import { competitions, fixtures, seasons, teams, type PoolDb } from '@fairline/db';
import type { RoomEvent, ServerMessage } from '../../../src/rooms/protocol.ts';
import type { TestEnv } from './fresh-db.ts';
import { callWorker } from './worker-http.ts';

/** A room socket that collects its messages and its close. */
export interface RoomSocket {
  ws: WebSocket;
  messages: ServerMessage[];
  /** The close the server sent (code and reason), once it has. */
  closed: { code: number; reason: string } | null;
  /** Waits (up to 5 s) until `done()` holds, then answers the messages so far. */
  until(done: (messages: ServerMessage[]) => boolean): Promise<ServerMessage[]>;
  /** Waits for n messages, then whatever else arrives in the next `settleMs` (to catch extras). */
  settle(n: number, settleMs?: number): Promise<ServerMessage[]>;
  close(): void;
}

/** An upgrade to `/rooms/<room>[?since=]` with `headers`: the response, and the socket when it is a 101. */
export async function upgradeRoom(env: object, room: string, options: { since?: string | number; headers?: Record<string, string> } = {}) {
  const query = options.since === undefined ? '' : `?since=${encodeURIComponent(String(options.since))}`;
  const res = await callWorker(new Request(`http://api.test/rooms/${encodeURIComponent(room)}${query}`, { headers: { upgrade: 'websocket', ...options.headers } }), env);
  return { res, socket: res.status === 101 && res.webSocket ? collect(res.webSocket) : null };
}

/** Like upgradeRoom, but the upgrade must succeed. */
export async function openRoom(env: object, room: string, options: { since?: string | number; headers?: Record<string, string> } = {}): Promise<RoomSocket> {
  const { res, socket } = await upgradeRoom(env, room, options);
  if (!socket) throw new Error(`room ${room}: expected a WebSocket upgrade, got ${res.status} ${await res.text()}`);
  return socket;
}

function collect(ws: WebSocket): RoomSocket {
  const socket: RoomSocket = {
    ws,
    messages: [],
    closed: null,
    async until(done) {
      const deadline = Date.now() + 5000;
      while (!done(socket.messages) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      return socket.messages;
    },
    async settle(n, settleMs = 150) {
      await socket.until((m) => m.length >= n);
      await new Promise((r) => setTimeout(r, settleMs));
      return socket.messages;
    },
    close: () => ws.close(1000, 'bye'),
  };
  ws.addEventListener('message', (e) => {
    socket.messages.push(JSON.parse(e.data as string));
  });
  ws.addEventListener('close', (e) => {
    socket.closed = { code: e.code, reason: e.reason };
  });
  ws.accept();
  return socket;
}

/** Publishes `events` to `room` in one Durable Object call (the path cron jobs take). */
export function publishMany(env: TestEnv, room: string, events: RoomEvent[]) {
  return env.LIVE_ROOM.get(env.LIVE_ROOM.idFromName(room)).publishMany(room, events);
}

/** n heartbeat events, tagged `${tag}-1` … so a test can tell which arrived. */
export const heartbeats = (tag: string, n: number): RoomEvent[] => Array.from({ length: n }, (_, k) => ({ kind: 'heartbeat', at: `${tag}-${k + 1}` }));

/** The seqs of the event messages among `messages`. */
export const eventSeqs = (messages: ServerMessage[]) => messages.flatMap((m) => (m.type === 'event' ? [m.seq] : []));

/**
 * Inserts `n` fixtures with ids `firstId`, `firstId + 1`, … (a competition, season and two teams of their own, named
 * after firstId) and answers the ids. Each test file takes its own id range: a room is a Durable Object per NAME, so
 * rooms of equal ids in two suite databases would be one room; each test takes a fresh id so its room starts empty.
 */
export async function insertRoomFixtures(db: PoolDb, firstId: number, n: number): Promise<number[]> {
  const tag = `ROOMS-${firstId}`;
  const [competition] = await db.insert(competitions).values({ sport: 'soccer', code: tag, name: tag }).returning();
  const [season] = await db.insert(seasons).values({ competitionId: competition!.id, label: '2026/27' }).returning();
  const [home, away] = await db.insert(teams).values([{ sport: 'soccer', name: `${tag} home` }, { sport: 'soccer', name: `${tag} away` }]).returning();
  const ids = Array.from({ length: n }, (_, k) => firstId + k);
  await db.insert(fixtures).values(
    ids.map((id) => ({
      id, sport: 'soccer' as const, competitionId: competition!.id, seasonId: season!.id, naturalKey: `${tag}:${id}`,
      homeTeamId: home!.id, awayTeamId: away!.id, kickoffAt: new Date(Date.UTC(2026, 11, 20)),
    })),
  );
  return ids;
}
