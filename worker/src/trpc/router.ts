// The API surface partner apps type against: `import type { AppRouter } from '@fairline/worker/router'`.
// Routers are named as the services they call: fixtures, soccer, nfl (props, gameLines), admin, system.
import { adminRouter } from './routers/admin.ts';
import { fixturesRouter } from './routers/fixtures.ts';
import { nflRouter } from './routers/nfl.ts';
import { soccerRouter } from './routers/soccer.ts';
import { systemRouter } from './routers/system.ts';
import { router } from './init.ts';

/**
 * The whole tRPC API served at `/trpc`: admin (ingestion runs and rejects, the model registry), fixtures, soccer, nfl
 * (props, gameLines) and system (health).
 */
export const appRouter = router({
  admin: adminRouter,
  fixtures: fixturesRouter,
  soccer: soccerRouter,
  nfl: nflRouter,
  system: systemRouter,
});

export type AppRouter = typeof appRouter;
