import { deleteSessionOf } from '@fairline/db';
import { z } from 'zod';
import { notFound } from '../../lib/errors.ts';
import { currentSessionId, type UserCtx } from './actor.ts';
import { parseInput } from './inputs.ts';

/** Input of revokeSession: `id`, a session id as listSessions shows it (64 hex characters). */
export const revokeSessionInput = z.object({ id: z.string().regex(/^[0-9a-f]{64}$/, 'a session id is 64 hex characters') });

/**
 * Ends one of the caller's sessions. Another user's session id answers NOT_FOUND exactly like an unknown one (no
 * probing other accounts' sessions). `current` says the caller ended its own session (the cookie is then cleared).
 */
export async function revokeSession({ ctx, input }: { ctx: UserCtx; input: z.input<typeof revokeSessionInput> }): Promise<{ id: string; current: boolean }> {
  const { id } = parseInput(revokeSessionInput, input);
  if (!(await deleteSessionOf(ctx.db, ctx.user.id, id))) throw notFound('session');
  return { id, current: id === currentSessionId(ctx) };
}
