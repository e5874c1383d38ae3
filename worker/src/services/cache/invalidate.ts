/**
 * Invalidating the read cache (lib/read-cache) after a write that changes public answers: new odds, a settled
 * result, a new prediction or model version. Call it AFTER the write's transaction committed (an invalidation before
 * the commit could let a read cache the old data again under the new generation).
 *
 * Granularity: a sport's generation plus the global one (list reads span sports), so `fixtureIds` name what changed
 * for the log and do not narrow the invalidation today. Visibility: at once in this isolate, within
 * GENERATION_CHECK_MS (0.5 s) in every other one (MAX_TOKEN_AGE_MS, 2 s, while Redis is failing). Best effort: a
 * Redis failure is logged, not thrown — the entries then age out within the stale bound (60 s), which is the cache's
 * guarantee without any invalidation.
 */
import { z } from 'zod';
import type { Ctx } from '../../context.ts';
import { bumpGenerations, GENERATION_SCOPES, type GenerationScope } from '../../lib/read-cache/generations.ts';

/** Input of `invalidateFixtures`: the fixtures whose public data changed and their sports. */
export const invalidateFixturesInput = z.object({
  fixtureIds: z.array(z.number().int().positive()).default([]),
  sports: z.array(z.enum(['soccer', 'nfl'])).min(1),
});

/** Makes the changed fixtures' public answers (and every list) be computed anew. Never throws. */
export async function invalidateFixtures({ ctx, input }: { ctx: Pick<Ctx, 'cache' | 'logger'>; input: z.input<typeof invalidateFixturesInput> }): Promise<void> {
  const { fixtureIds, sports } = invalidateFixturesInput.parse(input);
  await bump(ctx, ['all', ...sports], { fixtures: fixtureIds.length, sports });
}

/** Makes every cached public answer be computed anew (model promotions, results, anything not tied to fixtures). Never throws. */
export async function invalidateAll({ ctx }: { ctx: Pick<Ctx, 'cache' | 'logger'> }): Promise<void> {
  await bump(ctx, GENERATION_SCOPES, { all: true });
}

async function bump(ctx: Pick<Ctx, 'cache' | 'logger'>, scopes: readonly GenerationScope[], what: Record<string, unknown>): Promise<void> {
  if (!ctx.cache) return;
  await bumpGenerations(ctx.cache, scopes).catch((err: unknown) =>
    ctx.logger.warn('read cache: invalidation failed; entries age out within the stale bound', { ...what, error: String(err) }),
  );
}
