// The API surface partner apps type against: `import type { AppRouter } from '@fairline/worker/router'`.
// Routers are named as the services they call: auth, apiKeys, fixtures, soccer, nfl (props, gameLines), admin, system.
import { adminRouter } from './routers/admin.ts';
import { apiKeysRouter } from './routers/api-keys.ts';
import { authRouter } from './routers/auth.ts';
import { betsRouter } from './routers/bets.ts';
import { fixturesRouter } from './routers/fixtures.ts';
import { modelsRouter } from './routers/models.ts';
import { nflRouter } from './routers/nfl.ts';
import { portfoliosRouter } from './routers/portfolios.ts';
import { preferencesRouter } from './routers/preferences.ts';
import { soccerRouter } from './routers/soccer.ts';
import { systemRouter } from './routers/system.ts';
import { trackRecordRouter } from './routers/track-record.ts';
import { router } from './init.ts';

/**
 * The whole tRPC API served at `/trpc`: auth (accounts, sessions), apiKeys (partner keys), admin (ingestion runs and
 * rejects, the model registry), fixtures, soccer, nfl (props, gameLines), portfolios and bets (the signed-in user's
 * tracked bets), models (the registry's public overview), preferences (the user's display preferences) and system (health).
 */
export const appRouter = router({
  auth: authRouter,
  apiKeys: apiKeysRouter,
  admin: adminRouter,
  fixtures: fixturesRouter,
  soccer: soccerRouter,
  nfl: nflRouter,
  portfolios: portfoliosRouter,
  bets: betsRouter,
  system: systemRouter,
  trackRecord: trackRecordRouter,
  models: modelsRouter,
  preferences: preferencesRouter,
});

export type AppRouter = typeof appRouter;
