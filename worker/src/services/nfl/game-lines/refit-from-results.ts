/**
 * The scheduled refit of the game-lines model from the database: every finished NFL game of the latest
 * `SEASONS` seasons with its nflverse closing spread and total (what the daily results job ingests), fitted
 * with `fitGameLines` and filed as a model version that goes live — the previous active version is retired,
 * in one transaction. Refits only when the results or lines changed since the active version (its `dataStamp`:
 * the number of finished games with lines, their latest update and the newest line row), so the daily tick is a
 * cheap no-op in between.
 * A fit the same as a stored version (same artifact) reuses and activates that version.
 */
import { bookmakers, fixtures, modelVersions, oddsSnapshots, seasons } from '@fairline/db';
import { fitGameLines, serializeGameLines, type GameOutcome } from '@fairline/ml/nfl/game-lines/index';
import { and, eq, ne, sql } from 'drizzle-orm';
import type { Ctx } from '../../../context.ts';
import { NFL_LINES_BOOK } from '../../odds/reference-books.ts';
import { recordModelVersion } from '../../models/record-version.ts';
import { GAME_LINES_KIND, GAME_LINES_SCOPE } from './model-version.ts';

/** Seasons fitted: recent enough to reflect today's scoring, enough games (≈ 3,200) for the key-number weights. */
export const SEASONS = 12;
/** Below this many finished games with both lines a fit is mostly prior: keep what is live. */
const MIN_GAMES = 500;

export interface RefitGameLinesResult {
  games: number;
  seasons: number[];
  /** `unchanged`: no new results since the live version; `too-few-games`: below MIN_GAMES; else the version made live. */
  outcome: 'unchanged' | 'too-few-games' | 'refitted';
  version?: { id: number; version: number; created: boolean };
}

/** Finished NFL games with scores and the nflverse closing spread (as a home margin line) and total. */
async function finishedGamesWithLines(ctx: Ctx) {
  const line = (market: 'spread' | 'game_total', selection: 'home' | 'over') =>
    ctx.read
      // The newest row: nflverse stores every line of a game at its game day's 00:00, so a corrected line is a
      // later row (higher id) with the same capture time as the one it replaces.
      .select({ fixtureId: oddsSnapshots.fixtureId, line: sql<number>`(array_agg(${oddsSnapshots.line} ORDER BY ${oddsSnapshots.capturedAt} DESC, ${oddsSnapshots.id} DESC))[1]`.as(`${market}_line`) })
      .from(oddsSnapshots)
      .innerJoin(bookmakers, eq(bookmakers.id, oddsSnapshots.bookmakerId))
      .where(and(eq(bookmakers.key, NFL_LINES_BOOK.key), eq(oddsSnapshots.market, market), eq(oddsSnapshots.selection, selection)))
      .groupBy(oddsSnapshots.fixtureId)
      .as(`${market}_lines`);
  const spread = line('spread', 'home');
  const total = line('game_total', 'over');
  return ctx.read
    .select({
      season: seasons.label,
      homeScore: fixtures.homeScore,
      awayScore: fixtures.awayScore,
      homeHandicap: spread.line,
      total: total.line,
      updatedAt: fixtures.updatedAt,
    })
    .from(fixtures)
    .innerJoin(seasons, eq(seasons.id, fixtures.seasonId))
    .innerJoin(spread, eq(spread.fixtureId, fixtures.id))
    .innerJoin(total, eq(total.fixtureId, fixtures.id))
    .where(and(eq(fixtures.sport, 'nfl'), eq(fixtures.status, 'final')));
}

export async function refitGameLinesFromResults({ ctx }: { ctx: Ctx }): Promise<RefitGameLinesResult> {
  const rows = (await finishedGamesWithLines(ctx)).filter((r) => r.homeScore !== null && r.awayScore !== null && /^\d{4}$/.test(r.season));
  const allSeasons = [...new Set(rows.map((r) => Number(r.season)))].sort((a, b) => a - b);
  const recent = allSeasons.slice(-SEASONS);
  const games: GameOutcome[] = rows
    .filter((r) => recent.includes(Number(r.season)))
    .map((r) => ({ season: Number(r.season), homeScore: r.homeScore!, awayScore: r.awayScore!, spread: r.homeHandicap === 0 ? 0 : -r.homeHandicap, total: r.total }));
  if (games.length < MIN_GAMES) return { games: games.length, seasons: recent, outcome: 'too-few-games' };
  const latest = rows.reduce((m, r) => Math.max(m, r.updatedAt.getTime()), 0);
  // A corrected closing line is a new odds row without any fixture update: the newest line row is in the stamp too.
  const [newestLine] = await ctx.read
    .select({ id: sql<number | null>`max(${oddsSnapshots.id})`.mapWith(Number) })
    .from(oddsSnapshots)
    .innerJoin(bookmakers, eq(bookmakers.id, oddsSnapshots.bookmakerId))
    .where(eq(bookmakers.key, NFL_LINES_BOOK.key));
  const dataStamp = `${rows.length}:${new Date(latest).toISOString()}:${newestLine?.id ?? 0}`;

  const [active] = await ctx.read
    .select({ config: modelVersions.config })
    .from(modelVersions)
    .where(and(eq(modelVersions.kind, GAME_LINES_KIND), eq(modelVersions.scope, GAME_LINES_SCOPE), eq(modelVersions.status, 'active')))
    .limit(1);
  if ((active?.config as { dataStamp?: string } | undefined)?.dataStamp === dataStamp) return { games: games.length, seasons: recent, outcome: 'unchanged' };

  const model = fitGameLines(games, recent);
  const version = await ctx.db.transaction(async (tx) => {
    const v = await recordModelVersion(tx, {
      kind: GAME_LINES_KIND, scope: GAME_LINES_SCOPE, config: { trainSeasons: recent, dataStamp, source: 'database (nflverse closing lines)' }, featureColumns: [],
      metrics: { trainGames: model.games, marginSigma: model.marginSigma, totalSigma: model.totalSigma }, artifact: serializeGameLines(model),
      trainedFrom: new Date(Date.UTC(recent[0]!, 8, 1)), trainedTo: new Date(Date.UTC(recent.at(-1)! + 1, 1, 28)),
    });
    await tx.update(modelVersions).set({ status: 'retired' })
      .where(and(eq(modelVersions.kind, GAME_LINES_KIND), eq(modelVersions.scope, GAME_LINES_SCOPE), eq(modelVersions.status, 'active'), ne(modelVersions.id, v.id)));
    // A reused version keeps the stamp it was filed with; record the data it now stands for.
    await tx.update(modelVersions).set({ status: 'active', config: sql`${modelVersions.config} || ${JSON.stringify({ dataStamp })}::jsonb` }).where(eq(modelVersions.id, v.id));
    return v;
  });
  return { games: games.length, seasons: recent, outcome: 'refitted', version };
}
