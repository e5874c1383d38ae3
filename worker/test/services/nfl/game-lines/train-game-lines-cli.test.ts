/**
 * `fairline train game-lines` against real Postgres (DATABASE_URL = this suite's database): fits on the shared
 * nflverse games file, stores one model version through the verb, and is idempotent on a re-run.
 */
import { fitGameLines, scoreGameLines, serializeGameLines } from '@fairline/ml/nfl/game-lines/index';
import { parseGames } from '@fairline/ml/nfl/games';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { parseSeasons, run } from '../../../../src/cli/commands/train-game-lines.ts';
import { GAMES_PATH, gamesText } from '../props/data.ts';
import { cliSuite } from '../../../support/cli.ts';

const { capture, rowsOf } = cliSuite(run);

describe('fairline train game-lines', () => {
  it('parses season ranges and lists', () => {
    expect(parseSeasons('2016-2018')).toEqual([2016, 2017, 2018]);
    expect(parseSeasons('2018,2016')).toEqual([2016, 2018]);
    expect(parseSeasons('2018-2016')).toBeNull();
    expect(parseSeasons('18')).toBeNull();
  });

  it('stores one model version with the held-out scores, and reuses it on an identical re-run', async () => {
    const argv = ['--games', GAMES_PATH, '--seasons', '2017-2018', '--test', '2019', '--json'];
    const { code, out } = await capture(argv);
    expect(code).toBe(0);
    const result = JSON.parse(out) as { id: number; version: number; created: boolean; trainSeasons: number[]; metrics: Record<string, number> };
    expect(result).toMatchObject({ version: 1, created: true, trainSeasons: [2017, 2018] });
    const games = parseGames([gamesText]);
    const model = fitGameLines(games, [2017, 2018]);
    const score = scoreGameLines(model, games.filter((g) => g.season === 2019));
    expect(result.metrics['test.total.sideLogLoss']).toBeCloseTo(score.total.sideLogLoss, 12);
    const [mv] = await rowsOf<{ kind: string; status: string; artifact: object }>(sql`SELECT kind, status, artifact FROM model_versions WHERE id = ${result.id}`);
    expect(mv).toEqual({ kind: 'nfl_game_lines', status: 'candidate', artifact: JSON.parse(JSON.stringify(serializeGameLines(model))) });

    const again = JSON.parse((await capture(argv)).out) as typeof result;
    expect(again).toMatchObject({ id: result.id, version: 1, created: false });
    const human = await capture(['--games', GAMES_PATH, '--seasons', '2017,2018']);
    expect(human.out).toMatch(new RegExp(`model_versions #${result.id} v1 \\(unchanged, reused\\)`));
    expect((await rowsOf<{ n: number }>(sql`SELECT count(*)::int AS n FROM model_versions`))[0]!.n).toBe(1);
  });

  it('rejects missing or malformed options and overlapping seasons with exit code 2', async () => {
    expect((await capture(['--games', GAMES_PATH])).code).toBe(2);
    const bad = await capture(['--games', GAMES_PATH, '--seasons', 'last-year']);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--seasons takes a range/);
    const overlap = await capture(['--games', GAMES_PATH, '--seasons', '2017-2019', '--test', '2019']);
    expect(overlap.code).toBe(2);
    expect(overlap.err).toMatch(/overlap/);
  });
});
