/**
 * The scheduled game-lines refit against real Postgres: the shared nflverse games file (2010–2019) is ingested
 * as the daily job does, and the model refitted from the database must be the model fitted directly on the
 * same games read from the CSV (those with closing spread and total prices, which is what ingestion stores).
 */
import { fixtures, modelVersions, oddsSnapshots } from '@fairline/db';
import { parseCsv } from '@fairline/ml/data/csv';
import { parseGames } from '@fairline/ml/nfl/games';
import { fitGameLines, serializeGameLines } from '@fairline/ml/nfl/game-lines/index';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freshDatabase, type FreshDb } from '../../../../../scripts/test/fresh-db.ts';
import type { Ctx } from '../../../../src/context.ts';
import { ingestNflverseGames } from '../../../../src/services/ingest/nflverse/games.ts';
import { silentLogger } from '../../../../src/lib/logger.ts';
import { gameLinesVersion } from '../../../../src/services/nfl/game-lines/index.ts';
import { refitGameLinesFromResults } from '../../../../src/services/nfl/game-lines/refit-from-results.ts';
import { gamesText } from '../props/data.ts';

const SEASONS = [2010, 2011, 2012, 2013, 2014, 2015, 2016, 2017, 2018, 2019];
const [head, ...lines] = gamesText.split('\n');
const csv = [head, ...lines.filter((l) => SEASONS.includes(Number(l.split(',')[1])))].join('\n') + '\n';

/** The reference fit: the CSV's games that carry spread and total prices (ingestion stores a line only with its prices). */
function referenceModel(text = csv) {
  const { header, rows } = parseCsv(text);
  const col = (n: string) => header.indexOf(n);
  const priced = new Set(rows.filter((r) => r[col('home_spread_odds')] && r[col('over_odds')]).map((r) => r[col('game_id')]));
  return fitGameLines(parseGames([text]).filter((g) => priced.has(g.gameId)), SEASONS);
}

let fresh: FreshDb;
let ctx: Ctx;
const active = async () =>
  (await fresh.db.select({ id: modelVersions.id, version: modelVersions.version, artifact: modelVersions.artifact }).from(modelVersions)
    .where(and(eq(modelVersions.kind, 'nfl_game_lines'), eq(modelVersions.status, 'active'))));

beforeAll(async () => {
  fresh = await freshDatabase(inject('stack'));
  ctx = { db: fresh.db, read: fresh.db, cache: null, clock: () => new Date(), logger: silentLogger, fetch };
}, 120_000);
afterAll(async () => {
  await fresh?.drop();
});

describe('refitGameLinesFromResults (the daily job after results)', () => {
  it('keeps what is live while the database has too few finished games', async () => {
    expect(await refitGameLinesFromResults({ ctx })).toMatchObject({ outcome: 'too-few-games', games: 0 });
    expect(await active()).toEqual([]);
  });

  it('fits the database’s finished games with their closing lines: the same model as fitted on the CSV, made live', async () => {
    await ingestNflverseGames({ ctx: ctx, input: { files: [{ name: 'games.csv', text: csv }] } });
    const r = await refitGameLinesFromResults({ ctx });
    expect(r).toMatchObject({ outcome: 'refitted', seasons: SEASONS, version: { version: 1, created: true } });
    const reference = referenceModel();
    expect(r.games).toBe(reference.games);
    const [live] = await active();
    expect(live!.artifact).toEqual(JSON.parse(JSON.stringify(serializeGameLines(reference))));
    expect((await gameLinesVersion({ read: ctx.read, logger: silentLogger }))!.id).toBe(live!.id);
  }, 120_000);

  it('does nothing while no result changed, refits and swaps the live version when one did', async () => {
    expect(await refitGameLinesFromResults({ ctx })).toMatchObject({ outcome: 'unchanged' });
    const [before] = await active();
    // A corrected score (the results feed re-publishes a game): the data changed, so the model is refitted.
    const [g] = await fresh.db.select({ id: fixtures.id }).from(fixtures).where(eq(fixtures.naturalKey, '2019_01_GB_CHI'));
    await fresh.db.update(fixtures).set({ homeScore: 30, updatedAt: sql`now()` }).where(eq(fixtures.id, g!.id));
    const r = await refitGameLinesFromResults({ ctx });
    expect(r).toMatchObject({ outcome: 'refitted', version: { version: 2, created: true } });
    const [after] = await active();
    expect(after!.id).not.toBe(before!.id);
    const [old] = await fresh.db.select({ status: modelVersions.status }).from(modelVersions).where(eq(modelVersions.id, before!.id));
    expect(old!.status).toBe('retired');
    expect(await refitGameLinesFromResults({ ctx })).toMatchObject({ outcome: 'unchanged' });
  }, 120_000);

  it('reads corrected closing lines, not the ones they replaced at the same capture time', async () => {
    // nflverse re-publishes 2019 with every spread moved half a point and one score corrected. Lines are stored
    // at the game day's 00:00, so each new spread is a second row with the same capture time as the old one.
    const col = csv.split('\n')[0]!.split(',').indexOf('spread_line');
    const corrected = csv.split('\n').map((l) => {
      const f = l.split(',');
      if (f[1] !== '2019' || f[col] === '') return l;
      f[col] = String(Number(f[col]) + 0.5);
      return f.join(',');
    }).join('\n').replace(/^(2019_01_KC_JAX,2019,REG,1,2019-09-08,Sunday,13:00,KC),40,/m, '$1,41,');
    expect(parseGames([corrected]).find((g) => g.gameId === '2019_01_KC_JAX')).toMatchObject({ spread: -3, awayScore: 41 });
    await ingestNflverseGames({ ctx: ctx, input: { files: [{ name: 'games.csv', text: corrected }] } });
    const r = await refitGameLinesFromResults({ ctx });
    expect(r.outcome).toBe('refitted');
    const [live] = await active();
    expect(live!.artifact).toEqual(JSON.parse(JSON.stringify(serializeGameLines(referenceModel(corrected)))));
  }, 120_000);

  it('refits on a corrected closing line alone (no fixture changed)', async () => {
    expect(await refitGameLinesFromResults({ ctx })).toMatchObject({ outcome: 'unchanged' });
    const [before] = await active();
    const [row] = await fresh.db.execute(sql`
      SELECT o.fixture_id, o.bookmaker_id, o.line, o.captured_at FROM odds_snapshots o JOIN bookmakers b ON b.id = o.bookmaker_id
      JOIN fixtures f ON f.id = o.fixture_id
      WHERE b.key = 'nflverse_lines' AND o.market = 'spread' AND o.selection = 'home' AND f.natural_key = '2019_02_MIN_GB'
      ORDER BY o.id DESC LIMIT 1`).then((r) => (r as unknown as { rows: Array<{ fixture_id: number; bookmaker_id: number; line: number; captured_at: Date }> }).rows);
    await fresh.db.insert(oddsSnapshots).values([
      { fixtureId: row!.fixture_id, bookmakerId: row!.bookmaker_id, market: 'spread', selection: 'home', line: row!.line - 7, price: 1.91, capturedAt: new Date(row!.captured_at), source: 'nflverse' },
      { fixtureId: row!.fixture_id, bookmakerId: row!.bookmaker_id, market: 'spread', selection: 'away', line: -(row!.line - 7), price: 1.91, capturedAt: new Date(row!.captured_at), source: 'nflverse' },
    ]);
    expect(await refitGameLinesFromResults({ ctx })).toMatchObject({ outcome: 'refitted' });
    const [after] = await active();
    expect(after!.artifact).not.toEqual(before!.artifact);
  }, 120_000);
});
