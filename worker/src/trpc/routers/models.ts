import { WEIGHT } from '../../lib/rate-limit/plans.ts';
import { modelsOverview } from '../../services/models/overview.ts';
import { publicProcedure, router } from '../init.ts';

/**
 * The public view of the model registry (services/models/overview.ts), for the `/models` page. Changing the registry
 * (promote, rollback, retire, retrain) is `admin.models.*`.
 */
export const modelsRouter = router({
  /**
   * Every model kind and scope: the active version and its metrics, recent versions with their backtest scores beside
   * the market's, a reliability diagram, and the registry's change history. Public fields only; admins also see the
   * reasons admins gave.
   */
  overview: publicProcedure
    .meta({ weight: WEIGHT.read, openapi: { method: 'GET', path: '/models', tags: ['models'], summary: 'Every model kind: active version, metrics, backtest against the market, reliability, promotion history' } })
    .query(({ ctx }) => modelsOverview({ ctx })),
});
