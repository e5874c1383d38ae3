/**
 * `GET /rooms/:room[?since=<seq>]` — a WebSocket upgrade to a LiveRoom, checked BEFORE the Durable Object sees it,
 * so no socket is ever opened for an upgrade that will be refused:
 *
 * - the room name (404 for anything but protocol.ts's rooms) and `since` (a non-negative integer, else 400);
 * - `fixture:<id>`: the fixture must exist (404; services/fixtures/fixture-exists.ts, remembered per isolate);
 * - `user:<id>`: the caller (authenticateRequest: bearer key or session token, else the session cookie) must be that
 *   user (rooms/access.ts): 401/403;
 * - the caps, counted by the room itself: ROOM_MAX_CONNECTIONS per room and ROOM_MAX_PER_CLIENT per client (its
 *   address, IPv6 by /64 as the rate limiter groups it; without one, its user) — 429 with Retry-After.
 *
 * Public rooms other than `fixture:<id>` need no database at all. Refusals are the API's ordinary JSON errors.
 */
import type { Context } from 'hono';
import { loadConfig, type AppConfig } from '../env.ts';
import { AppError } from '../lib/errors.ts';
import { clientAddress } from '../lib/rate-limit/client-address.ts';
import { isPrivateRoom, roomAccess } from '../rooms/access.ts';
import { ROOM_HEADERS } from '../rooms/live-room.ts';
import { roomFixture, roomNameSchema, sinceSchema, type RoomName } from '../rooms/protocol.ts';
import { buildCtx } from '../runtime.ts';
import { userOf, type Principal } from '../services/auth/principal.ts';
import { fixtureExists } from '../services/fixtures/fixture-exists.ts';
import { authenticateRequest, originVerdict } from './auth.ts';

/** How long a client refused by a cap is told to wait before trying again, in seconds. */
export const ROOM_FULL_RETRY_SECONDS = 30;

/** Checks the upgrade (see the file comment) and hands it to the room's Durable Object. */
export async function upgradeToRoom(c: Context<{ Bindings: Env }>): Promise<Response> {
  const room = roomNameSchema.safeParse(c.req.param('room'));
  if (!room.success) throw new AppError('NOT_FOUND', 'unknown room');
  if (c.req.header('upgrade')?.toLowerCase() !== 'websocket') throw new AppError('BAD_REQUEST', 'expected a WebSocket upgrade');
  const sinceText = c.req.query('since');
  const since = sinceText === undefined ? undefined : sinceSchema.safeParse(sinceText);
  if (since && !since.success) throw new AppError('BAD_REQUEST', since.error.issues[0]?.message ?? 'bad since');
  const config = loadConfig(c.env);
  const principal = await admit(c, config, room.data);
  const client = clientOf(c.req.raw.headers, config, principal);

  const headers = new Headers(c.req.raw.headers);
  for (const name of Object.values(ROOM_HEADERS)) headers.delete(name); // only this route speaks for the room
  headers.set(ROOM_HEADERS.room, room.data);
  headers.set(ROOM_HEADERS.client, client);
  headers.set(ROOM_HEADERS.maxConnections, String(config.ROOM_MAX_CONNECTIONS));
  headers.set(ROOM_HEADERS.maxPerClient, String(config.ROOM_MAX_PER_CLIENT));
  if (since?.success) headers.set(ROOM_HEADERS.since, String(since.data));
  const stub = c.env.LIVE_ROOM.get(c.env.LIVE_ROOM.idFromName(room.data));
  const res = await stub.fetch(new Request(c.req.raw.url, { headers }));
  if (res.status === 429) {
    c.header('Retry-After', String(ROOM_FULL_RETRY_SECONDS));
    throw new AppError('TOO_MANY_REQUESTS', res.headers.get(ROOM_HEADERS.refused) ?? 'too many connections', ROOM_FULL_RETRY_SECONDS);
  }
  return res;
}

/**
 * The room-specific checks that need the database: a fixture room's fixture exists; a private room's caller may
 * listen. Answers the caller's principal where it was resolved (private rooms), else null.
 */
async function admit(c: Context<{ Bindings: Env }>, config: AppConfig, room: RoomName): Promise<Principal | null> {
  const fixture = roomFixture(room);
  if (fixture === null && !isPrivateRoom(room)) return null;
  const { ctx, dispose } = buildCtx(config);
  try {
    if (fixture !== null) {
      if (!(await fixtureExists({ ctx, input: { id: fixture } }))) throw new AppError('NOT_FOUND', `fixture ${fixture} not found`);
      return null;
    }
    // A bearer that matches nothing throws UNAUTHORIZED here (mapped to 401 by app.onError).
    const { principal } = await authenticateRequest({ ctx, config, req: c.req.raw });
    const verdict = roomAccess(room, principal, originVerdict(c.req.raw));
    if (!verdict.allowed) throw new AppError(verdict.code, verdict.message);
    return principal;
  } finally {
    c.executionCtx.waitUntil(dispose());
  }
}

/**
 * Who the per-client cap counts this upgrade against: the client address (Cloudflare's cf-connecting-ip; IPv6 by
 * /64), else the signed-in user; an upgrade with neither in production is refused, never pooled with everyone's.
 */
function clientOf(headers: Headers, config: AppConfig, principal: Principal | null): string {
  const address = clientAddress(headers, config.ENVIRONMENT);
  if (address.ok) return address.bucket;
  const user = principal && userOf(principal);
  if (user) return `user:${user.id}`;
  throw new AppError('BAD_REQUEST', address.reason);
}
