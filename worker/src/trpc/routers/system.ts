import { checkHealth } from '../../services/health/check-health.ts';
import { WEIGHT } from '../../lib/rate-limit/plans.ts';
import { publicProcedure, router } from '../init.ts';

/** System: `health`, the state and latency of the Postgres and Redis tiers (services/health). */
export const systemRouter = router({
  health: publicProcedure
    .meta({ weight: WEIGHT.read, openapi: { method: 'GET', path: '/system/health', tags: ['system'], summary: 'State and latency of the Postgres and Redis tiers' } })
    .query(({ ctx }) => checkHealth({ ctx })),
});
