import { listIngestionRejects, listIngestionRuns, listRejectsInput, listRunsInput } from '../../services/ingest/index.ts';
import { promote, promoteInput } from '../../services/models/gate.ts';
import { activate, listModelVersionsInput, listVersions, modelVersionIdInput, retire, rollback, rollbackInput } from '../../services/models/registry.ts';
import { retrainInput, retrainModels } from '../../services/models/retrain/retrain.ts';
import { invalidatingAll } from '../cached-query.ts';
import { WEIGHT } from '../../lib/rate-limit/plans.ts';
import { adminProcedure, router } from '../init.ts';

/** Operator views and actions; every procedure requires the admin bearer token. */
export const adminRouter = router({
  ingestionRuns: adminProcedure.input(listRunsInput).query(({ ctx, input }) => listIngestionRuns({ ctx, input })),
  ingestionRejects: adminProcedure.input(listRejectsInput).query(({ ctx, input }) => listIngestionRejects({ ctx, input })),
  /**
   * The model registry: list versions, activate one (retiring the active one), retire, roll back to the previous (with
   * a reason), promote a candidate past the gate (with a reason), retrain from the database through the gate.
   */
  models: router({
    list: adminProcedure.input(listModelVersionsInput.optional()).query(({ ctx, input }) => listVersions({ ctx, input: input ?? {} })),
    activate: adminProcedure.meta({ weight: WEIGHT.registry }).input(modelVersionIdInput).mutation(invalidatingAll(({ ctx, input }) => activate({ ctx, input }))),
    retire: adminProcedure.meta({ weight: WEIGHT.registry }).input(modelVersionIdInput).mutation(invalidatingAll(({ ctx, input }) => retire({ ctx, input }))),
    rollback: adminProcedure.meta({ weight: WEIGHT.registry }).input(rollbackInput).mutation(invalidatingAll(({ ctx, input }) => rollback({ ctx, input }))),
    promote: adminProcedure.meta({ weight: WEIGHT.registry }).input(promoteInput).mutation(invalidatingAll(({ ctx, input }) => promote({ ctx, input }))),
    retrain: adminProcedure.meta({ weight: WEIGHT.registry }).input(retrainInput.optional()).mutation(invalidatingAll(({ ctx, input }) => retrainModels({ ctx, input: input ?? {}, principal: ctx.principal }))),
  }),
});
