import { pingDatabase } from '@fairline/db';
import type { Ctx } from '../../context.ts';

export type TierState = 'ok' | 'down' | 'disabled';
export interface HealthReport {
  status: 'ok' | 'degraded' | 'down';
  tiers: { postgres: TierState; redis: TierState };
  degraded: string[];
  latencyMs: { postgres: number | null; redis: number | null };
}

async function timed(fn: () => Promise<unknown>): Promise<{ ok: boolean; ms: number }> {
  const t0 = Date.now();
  try {
    await fn();
    return { ok: true, ms: Date.now() - t0 };
  } catch {
    return { ok: false, ms: Date.now() - t0 };
  }
}

/**
 * Postgres is required (down → "down"); Redis is an optional cache tier (down → "degraded", not configured →
 * "disabled", which is healthy: the platform runs without a cache by design).
 */
export async function checkHealth({ ctx }: { ctx: Ctx }): Promise<HealthReport> {
  const [pg, redis] = await Promise.all([
    timed(() => pingDatabase(ctx.read)),
    ctx.cache ? timed(async () => { if (!(await ctx.cache!.ping())) throw new Error('no PONG'); }) : Promise.resolve(null),
  ]);
  const tiers = {
    postgres: pg.ok ? ('ok' as const) : ('down' as const),
    redis: redis === null ? ('disabled' as const) : redis.ok ? ('ok' as const) : ('down' as const),
  };
  const degraded = Object.entries(tiers)
    .filter(([, s]) => s === 'down')
    .map(([t]) => t);
  return {
    status: tiers.postgres === 'down' ? 'down' : degraded.length ? 'degraded' : 'ok',
    tiers,
    degraded,
    latencyMs: { postgres: pg.ms, redis: redis?.ms ?? null },
  };
}
