/**
 * `GET /rooms/:room` — a WebSocket upgrade to a LiveRoom, authorised BEFORE the Durable Object sees it: public rooms
 * pass straight through (no credentials, no database); a private `user:<id>` room resolves the caller
 * (authenticateRequest: bearer key or session token, else the session cookie) and asks rooms/access.ts. A refusal is
 * an ordinary JSON answer (401/403), so no socket is ever opened for a caller who may not listen.
 */
import type { Context } from 'hono';
import { loadConfig } from '../env.ts';
import { AppError } from '../lib/errors.ts';
import { isPrivateRoom, roomAccess } from '../rooms/access.ts';
import { roomNameSchema } from '../rooms/protocol.ts';
import { buildCtx } from '../runtime.ts';
import { authenticateRequest, originVerdict } from './auth.ts';

/** Checks the upgrade (room name, Upgrade header, the caller for private rooms) and hands it to the room's Durable Object. */
export async function upgradeToRoom(c: Context<{ Bindings: Env }>): Promise<Response> {
  const room = roomNameSchema.safeParse(c.req.param('room'));
  if (!room.success) throw new AppError('NOT_FOUND', 'unknown room');
  if (c.req.header('upgrade')?.toLowerCase() !== 'websocket') throw new AppError('BAD_REQUEST', 'expected a WebSocket upgrade');
  if (isPrivateRoom(room.data)) {
    const config = loadConfig(c.env);
    const { ctx, dispose } = buildCtx(config);
    try {
      // A bearer that matches nothing throws UNAUTHORIZED here (mapped to 401 by app.onError).
      const { principal } = await authenticateRequest({ ctx, config, req: c.req.raw });
      const verdict = roomAccess(room.data, principal, originVerdict(c.req.raw));
      if (!verdict.allowed) throw new AppError(verdict.code, verdict.message);
    } finally {
      c.executionCtx.waitUntil(dispose());
    }
  }
  const stub = c.env.LIVE_ROOM.get(c.env.LIVE_ROOM.idFromName(room.data));
  const headers = new Headers(c.req.raw.headers);
  headers.set('x-fairline-room', room.data);
  return stub.fetch(new Request(c.req.raw.url, { headers }));
}
