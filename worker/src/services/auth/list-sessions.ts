import { liveSessionsOf } from '@fairline/db';
import { currentSessionId, type UserCtx } from './actor.ts';

/** A session as the account page lists it; `current` marks the caller's own. */
export interface SessionView {
  id: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  userAgent: string | null;
  current: boolean;
}

/**
 * The caller's live sessions, most recently seen first. A session's id is the SHA-256 of its token: showing it to its
 * owner (to revoke it) gives nothing a token could be made from.
 */
export async function listSessions({ ctx }: { ctx: UserCtx }): Promise<SessionView[]> {
  const current = currentSessionId(ctx);
  const rows = await liveSessionsOf(ctx.read, ctx.user.id, ctx.clock());
  return rows.map((s) => ({ ...s, current: s.id === current }));
}
