/**
 * Who may join a room — decided before the WebSocket upgrade, from the caller's principal (http/auth.ts):
 *
 * - public rooms (`fixtures`, `soccer`, `nfl`, `fixture:<id>`): anyone, no credentials needed;
 * - `user:<id>`: only that user — a session of theirs (a bearer session token; or the session cookie when the
 *   upgrade comes from the app's own origin, since WebSockets have no same-origin policy and a cookie alone would let
 *   another site's page read the room: cross-site WebSocket hijacking), or an API key of theirs holding `read:live`.
 *   No credentials → UNAUTHORIZED (401); someone else, the machine token, a key without the scope or a cookie from
 *   another origin → FORBIDDEN (403).
 */
import type { AppError } from '../lib/errors.ts';
import type { Principal } from '../services/auth/principal.ts';
import { roomOwner, type RoomName } from './protocol.ts';

/** The scope an API key needs to join its owner's private room. */
export const LIVE_SCOPE = 'read:live' as const;

/** The verdict on one upgrade: allowed, or refused with the error code and a message safe to show. */
export type RoomAccess = { allowed: true } | { allowed: false; code: Extract<AppError['code'], 'UNAUTHORIZED' | 'FORBIDDEN'>; message: string };

const ALLOWED: RoomAccess = { allowed: true };

/** Whether a room needs credentials at all (only private `user:<id>` rooms do). */
export const isPrivateRoom = (room: RoomName): boolean => roomOwner(room) !== null;

/**
 * The verdict for `principal` joining `room` (see the file comment). `origin` is the upgrade's Origin verdict
 * (http/auth.ts originVerdict): a cookie session counts only when it is 'same'.
 */
export function roomAccess(room: RoomName, principal: Principal, origin: 'same' | 'cross' | 'absent'): RoomAccess {
  const owner = roomOwner(room);
  if (owner === null) return ALLOWED;
  switch (principal.kind) {
    case 'anonymous':
      return { allowed: false, code: 'UNAUTHORIZED', message: 'sign in, or send a session token or an API key, to join a private room' };
    case 'machine':
      return { allowed: false, code: 'FORBIDDEN', message: 'a private room belongs to its user only' };
    case 'session':
      if (principal.user.id.toLowerCase() !== owner) return { allowed: false, code: 'FORBIDDEN', message: 'this room belongs to another user' };
      if (principal.viaCookie && origin !== 'same') return { allowed: false, code: 'FORBIDDEN', message: 'cookie-authenticated upgrades must come from the app itself' };
      return ALLOWED;
    case 'apiKey':
      if (principal.user.id.toLowerCase() !== owner) return { allowed: false, code: 'FORBIDDEN', message: 'this room belongs to another user' };
      if (!principal.scopes.includes(LIVE_SCOPE)) return { allowed: false, code: 'FORBIDDEN', message: `this API key lacks the ${LIVE_SCOPE} scope` };
      return ALLOWED;
  }
}
