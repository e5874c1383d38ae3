import { checkHealth } from '../../services/health/check-health.ts';
import { publicProcedure, router } from '../init.ts';

/** System: `health`, the state and latency of the Postgres and Redis tiers (services/health). */
export const systemRouter = router({
  health: publicProcedure.query(({ ctx }) => checkHealth({ ctx })),
});
