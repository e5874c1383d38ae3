import { revokeApiKeyOf } from '@fairline/db';
import { z } from 'zod';
import { notFound } from '../../lib/errors.ts';
import type { UserCtx } from '../auth/actor.ts';
import { parseInput } from '../auth/inputs.ts';
import { toView, type ApiKeyView } from './list-api-keys.ts';

/** Input of revokeApiKey: `id`, the key's uuid. */
export const revokeApiKeyInput = z.object({ id: z.uuid() });

/**
 * Revokes one of the caller's keys: it stops authenticating at once (the next request with it gets 401). Revoking
 * a revoked key keeps the first revocation time. Another user's key id answers NOT_FOUND exactly like an unknown one.
 */
export async function revokeApiKey({ ctx, input }: { ctx: UserCtx; input: z.input<typeof revokeApiKeyInput> }): Promise<ApiKeyView> {
  const { id } = parseInput(revokeApiKeyInput, input);
  const now = ctx.clock();
  const row = await revokeApiKeyOf(ctx.db, ctx.user.id, id, now);
  if (!row) throw notFound('API key');
  return toView(row, now);
}
