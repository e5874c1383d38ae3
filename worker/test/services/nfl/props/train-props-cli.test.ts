/**
 * `fairline train props` against real Postgres: the command is run with DATABASE_URL pointing at this suite's
 * database (2019 games and player-weeks ingested by the ingestion verbs), trains a small receptions model on
 * 2017–2018 through the `trainAndRecord` verb and must leave one model version and the 2019 projections.
 */
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { buildEnv, MARKETS, offeredRows } from '@fairline/ml/nfl/props/index';
import { cliContext } from '../../../../src/cli/database.ts';
import { run } from '../../../../src/cli/commands/train-props.ts';
import { GAMES_PATH, gamesText, weeklyPath, weeklyText } from './data.ts';
import { ingest2019 } from './database.ts';
import { cliSuite } from '../../../support/cli.ts';

const weekly = weeklyPath;
const GAMES = GAMES_PATH;

const { capture, rowsOf } = cliSuite(run, (fresh) => ingest2019(cliContext(fresh.db)));

describe('fairline train props', () => {
  it('stores one model version per market and the projected season’s projections in DATABASE_URL', async () => {
    const argv = ['--weekly', weekly(2017), weekly(2018), weekly(2019), '--games', GAMES, '--project', '2019', '--markets', 'receptions', '--trees', '20', '--json'];
    const { code, out } = await capture(argv);
    expect(code).toBe(0);
    const result = JSON.parse(out) as { trainSeasons: number[]; projectSeasons: number[]; models: Array<{ market: string; id: number; version: number; created: boolean }>; projections: Record<string, number> };
    const env = buildEnv([2017, 2018, 2019].map(weeklyText), [gamesText]);
    const offered = offeredRows(MARKETS.receptions, env.table, new Set([2019])).length;
    expect(result.trainSeasons).toEqual([2017, 2018]);
    expect(result.models).toEqual([{ market: 'receptions', id: expect.any(Number), version: 1, created: true }]);
    expect(result.projections).toEqual({ inserted: offered, unchanged: 0, unknownFixture: 0, unknownPlayer: 0 });
    const [mv] = await rowsOf<{ kind: string; trees: number; n: number; stored: number }>(sql`
      SELECT kind, (artifact->'config'->'gbdt'->>'trees')::int AS trees, (metrics->>'n')::int AS n,
             (SELECT count(*)::int FROM projections p WHERE p.model_version_id = mv.id) AS stored
      FROM model_versions mv WHERE id = ${result.models[0]!.id}`);
    expect(mv).toEqual({ kind: 'nfl_props', trees: 20, n: offered, stored: offered });

    // The same run again is idempotent: the identical artifact is reused and no projection is duplicated.
    const again = JSON.parse((await capture(argv)).out) as typeof result;
    expect(again.models).toEqual([{ ...result.models[0], created: false }]);
    expect(again.projections).toEqual({ inserted: 0, unchanged: offered, unknownFixture: 0, unknownPlayer: 0 });
  });

  it('rejects missing inputs, unknown markets and a single training season with exit code 2', async () => {
    expect((await capture(['--games', GAMES])).code).toBe(2);
    expect((await capture(['--weekly', weekly(2018), '--games', GAMES, '--markets', 'punts'])).err).toMatch(/unknown market/);
    const one = await capture(['--weekly', weekly(2018), weekly(2019), '--games', GAMES, '--project', '2019']);
    expect(one.code).toBe(2);
    expect(one.err).toMatch(/at least two training seasons/);
  });
});
