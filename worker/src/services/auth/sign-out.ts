import { deleteSessionOf } from '@fairline/db';
import type { Ctx } from '../../context.ts';
import type { Principal } from './principal.ts';

/**
 * Ends the caller's session (deletes it, so its token stops working at once). Any other caller — anonymous, an API
 * key, the machine — has no session to end: the answer says so and nothing changes.
 */
export async function signOut({ ctx }: { ctx: Ctx & { principal: Principal } }): Promise<{ signedOut: boolean }> {
  const p = ctx.principal;
  if (p.kind !== 'session') return { signedOut: false };
  return { signedOut: await deleteSessionOf(ctx.db, p.user.id, p.sessionId) };
}
