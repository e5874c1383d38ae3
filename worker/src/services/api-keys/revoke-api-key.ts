import { revokeApiKeyOf } from '@fairline/db';
import { z } from 'zod';
import { notFound } from '../../lib/errors.ts';
import { actorOf, appendAudit } from '../audit/index.ts';
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
  const row = await ctx.db.transaction(async (tx) => {
    const r = await revokeApiKeyOf(tx, ctx.user.id, id, now);
    // Audited in the same transaction when this call revoked it (a repeat keeps the first time and adds no entry).
    if (r && r.revokedAt?.getTime() === now.getTime()) {
      await appendAudit(tx, { kind: 'api_key.revoke', actor: actorOf(ctx.principal), subject: `api_key:${r.id}`, payload: { prefix: r.prefix, revokedAt: r.revokedAt } }, now);
    }
    return r;
  });
  if (!row) throw notFound('API key');
  return toView(row, now);
}
