/**
 * The database the props suites start from: a fresh one (cloned from the migrated template) holding the 2019
 * nflverse games and player-weeks, ingested by the ingestion verbs exactly as production ingests them.
 */
import { inject } from 'vitest';
import { freshDatabase, type FreshDb } from '../../../../../scripts/test/fresh-db.ts';
import { cliContext } from '../../../../src/cli/database.ts';
import type { Ctx } from '../../../../src/context.ts';
import { ingestNflverseGames } from '../../../../src/services/ingest/nflverse/games.ts';
import { ingestNflverseWeekly } from '../../../../src/services/ingest/nflverse/weekly.ts';
import { games2019, weeklyText } from './data.ts';

/** Ingests the 2019 games (games_2019.csv: the 2019 lines of the shared games file) and the 2019 player-weeks. */
export async function ingest2019(ctx: Ctx): Promise<void> {
  const files = (name: string, text: string) => ({ files: [{ name, text }] });
  await ingestNflverseGames({ ctx, input: files('games_2019.csv', games2019) });
  await ingestNflverseWeekly({ ctx, input: files('weekly_2019.csv', weeklyText(2019)) });
}

/**
 * A fresh database with 2019 ingested, and a Ctx over it (one pool for reads and writes, no cache tier, the real
 * clock, silent logs). The suite drops it (`fresh.drop()` in afterAll).
 */
export async function freshDatabaseWith2019(): Promise<{ fresh: FreshDb; ctx: Ctx }> {
  const fresh = await freshDatabase(inject('stack'));
  const ctx = cliContext(fresh.db);
  await ingest2019(ctx);
  return { fresh, ctx };
}
