import { checkHealth } from '../../services/health/check-health.ts';
import { publicProcedure, router } from '../init.ts';

export const systemRouter = router({
  health: publicProcedure.query(({ ctx }) => checkHealth({ ctx })),
});
