/**
 * The set-up several workerd suites share: a database of their own seeded with the simulated demo data at a fixed
 * instant, and a verb context on it, both for the whole file (created before its first test, disposed and dropped
 * after its last).
 */
import { afterAll, beforeAll } from 'vitest';
import { loadConfig } from '../../../src/env.ts';
import { silentLogger } from '../../../src/lib/logger.ts';
import { buildCtx } from '../../../src/runtime.ts';
import { seedSimulatedData } from '../../../src/seed/index.ts';
import { suiteDatabase, type SuiteDb } from './fresh-db.ts';

/** What useSeededSuite hands over: the suite database and the context built on it. */
export type BuiltCtx = ReturnType<typeof buildCtx>;

/**
 * Registers the file's beforeAll/afterAll for a suite database seeded at `now` and a context on it; `ready` receives
 * both once they exist (the caller keeps them in its own `let`s, as the tests read them everywhere).
 */
export function useSeededSuite(now: number, ready: (suite: SuiteDb, built: BuiltCtx) => void): void {
  let suite: SuiteDb | undefined;
  let built: BuiltCtx | undefined;
  beforeAll(async () => {
    suite = await suiteDatabase();
    await seedSimulatedData(suite.db, now);
    built = buildCtx(loadConfig(suite.env), silentLogger);
    ready(suite, built);
  });
  afterAll(async () => {
    await built?.dispose();
    await suite?.drop();
  });
}
