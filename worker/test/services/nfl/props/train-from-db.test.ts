/**
 * Training the prop models from the database equals training them from the nflverse CSVs: the shared weekly and games
 * files are ingested into a real Postgres as the daily job does, the feature environment is rebuilt from the stored
 * rows (propsEnvFromDb), and the weekly table, the teams' pre-game contexts, the fitted artifacts and their
 * projections must all be the ones built from the same files directly.
 */
import {
  buildEnv, fitPropModel, MARKETS, offeredRows, PROP_DEFAULTS, projectionRecords, serializePropModel, STATS, type FeatureEnv, type MarketName,
} from '@fairline/ml/nfl/props/index';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freshDatabase, type FreshDb } from '../../../../../scripts/test/fresh-db.ts';
import type { Ctx } from '../../../../src/context.ts';
import { silentLogger } from '../../../../src/lib/logger.ts';
import { ingestNflverseGames } from '../../../../src/services/ingest/nflverse/games.ts';
import { ingestNflverseWeekly } from '../../../../src/services/ingest/nflverse/weekly.ts';
import { propsEnvFromDb } from '../../../../src/services/nfl/props/training-data.ts';
import { gamesText, weeklyText } from './data.ts';

const SEASONS = [2017, 2018, 2019];
const games = (() => {
  const [head, ...lines] = gamesText.split('\n');
  return [head, ...lines.filter((l) => SEASONS.includes(Number(l.split(',')[1])))].join('\n') + '\n';
})();
const weekly = SEASONS.map(weeklyText);
/** Small forests keep the test quick; the equality does not depend on the size. */
const fast = (m: MarketName) => ({ ...PROP_DEFAULTS[m], gbdt: { ...PROP_DEFAULTS[m].gbdt, trees: 25, seed: 3 } });

let fresh: FreshDb;
let ctx: Ctx;
let fromCsv: FeatureEnv;
let fromDb: FeatureEnv;

/** A table's rows keyed by player and time, every field the features read (names are display only). */
function rowsOf(env: FeatureEnv) {
  const t = env.table;
  return Array.from({ length: t.n }, (_, i) => ({
    key: `${t.playerId[i]}|${t.time[i]}`, position: t.position[i], team: t.team[i], opponent: t.opponent[i], post: t.postseason[i], prev: t.prev[i],
    stats: STATS.map((s) => t.stats[s][i]),
  }));
}

beforeAll(async () => {
  fresh = await freshDatabase(inject('stack'));
  ctx = { db: fresh.db, read: fresh.db, cache: null, clock: () => new Date('2020-03-01T06:00:00Z'), logger: silentLogger, fetch };
  await ingestNflverseGames({ ctx, input: { files: [{ name: 'games.csv', text: games }] } });
  await ingestNflverseWeekly({ ctx, input: { files: SEASONS.map((s, k) => ({ name: `weekly_${s}.csv`, text: weekly[k]! })) } });
  fromCsv = buildEnv(weekly, [games]);
  fromDb = await propsEnvFromDb(ctx);
}, 300_000);
afterAll(async () => {
  await fresh?.drop();
});

describe('prop models trained from the database', () => {
  it('read the same weekly table as the CSVs: every player-game, team, opponent and stat the features use', () => {
    expect(fromDb.table.n).toBe(fromCsv.table.n);
    expect(fromDb.table.n).toBeGreaterThan(15_000);
    expect(rowsOf(fromDb)).toEqual(rowsOf(fromCsv));
    // The columns the database did not store before: air yards, target share, sacks.
    for (const s of ['passing_air_yards', 'receiving_air_yards', 'target_share', 'air_yards_share', 'sacks'] as const) {
      expect(fromDb.table.stats[s].some((v) => v > 0)).toBe(true);
    }
  });

  it('read the same pre-game contexts: lines, rest, roof, wind, temperature', () => {
    const sorted = (env: FeatureEnv) => [...env.contexts.entries()].sort(([a], [b]) => (a < b ? -1 : 1));
    expect(sorted(fromDb)).toEqual(sorted(fromCsv));
    expect(fromDb.contexts.size).toBeGreaterThan(1_500);
  });

  it('fit the same models, with the same projections', () => {
    for (const market of ['receptions', 'passing_yards'] as const) {
      const a = fitPropModel(fromCsv, market, [2017, 2018], fast(market));
      const b = fitPropModel(fromDb, market, [2017, 2018], fast(market));
      expect(serializePropModel(b)).toEqual(serializePropModel(a));
      const rows = (env: FeatureEnv) => offeredRows(MARKETS[market], env.table, new Set([2019]));
      const pa = projectionRecords(a, fromCsv, rows(fromCsv));
      const pb = projectionRecords(b, fromDb, rows(fromDb));
      expect(pb.length).toBeGreaterThan(100);
      // Player names come from the players table (display names) rather than the file's short names.
      const strip = (p: typeof pa) => p.map(({ playerName: _n, ...rest }) => rest);
      expect(strip(pb)).toEqual(strip(pa));
    }
  }, 300_000);
});
