// The API surface partner apps type against: `import type { AppRouter } from '@fairline/worker/router'`.
import { adminRouter } from './routers/admin.ts';
import { fixturesRouter } from './routers/fixtures.ts';
import { marketsRouter } from './routers/markets.ts';
import { propsRouter } from './routers/props.ts';
import { systemRouter } from './routers/system.ts';
import { router } from './init.ts';

export const appRouter = router({
  admin: adminRouter,
  fixtures: fixturesRouter,
  markets: marketsRouter,
  props: propsRouter,
  system: systemRouter,
});

export type AppRouter = typeof appRouter;
