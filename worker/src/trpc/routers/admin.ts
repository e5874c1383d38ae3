import { listIngestionRejects, listIngestionRuns, listRejectsInput, listRunsInput } from '../../services/ingest/index.ts';
import { adminProcedure, router } from '../init.ts';

/** Operator views; every procedure requires the admin bearer token. */
export const adminRouter = router({
  ingestionRuns: adminProcedure.input(listRunsInput).query(({ ctx, input }) => listIngestionRuns(ctx, input)),
  ingestionRejects: adminProcedure.input(listRejectsInput).query(({ ctx, input }) => listIngestionRejects(ctx, input)),
});
