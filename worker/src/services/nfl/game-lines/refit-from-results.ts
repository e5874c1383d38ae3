/**
 * The scheduled refit of the game-lines model from the database: every finished NFL game of the latest
 * `SEASONS` seasons with its nflverse closing spread and total (what the daily results job ingests), fitted
 * with `fitGameLines` and filed as a model version that goes live — the previous active version is retired,
 * in one transaction. Refits only when the results or lines changed since the active version (its `dataStamp`:
 * the number of finished games with lines, their latest update and the newest line row), so the daily tick is a
 * cheap no-op in between.
 * A fit the same as a stored version (same artifact) reuses and activates that version.
 */
import { activeModelVersion, finishedNflGamesWithLines, mergeModelConfig, newestLineRowId } from '@fairline/db';
import { pricing } from '@fairline/ml';
import { fitGameLines, serializeGameLines, type GameOutcome } from '@fairline/ml/nfl/game-lines/index';
import type { Ctx } from '../../../context.ts';
import { activateIn, fileCandidateIn } from '../../models/registry.ts';
import { NFL_LINES_BOOK } from '../../odds/reference-books.ts';
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

/** Refits the game-lines model on the database's finished games and closing lines when they changed, and makes it live. */
export async function refitGameLinesFromResults({ ctx }: { ctx: Ctx }): Promise<RefitGameLinesResult> {
  const rows = (await finishedNflGamesWithLines(ctx.read, NFL_LINES_BOOK.key)).filter((r) => r.homeScore !== null && r.awayScore !== null && /^\d{4}$/.test(r.season));
  const allSeasons = [...new Set(rows.map((r) => Number(r.season)))].sort((a, b) => a - b);
  const recent = allSeasons.slice(-SEASONS);
  const games: GameOutcome[] = rows
    .filter((r) => recent.includes(Number(r.season)))
    .map((r) => ({ season: Number(r.season), homeScore: r.homeScore!, awayScore: r.awayScore!, spread: pricing.flipHandicap(r.homeHandicap), total: r.total }));
  if (games.length < MIN_GAMES) return { games: games.length, seasons: recent, outcome: 'too-few-games' };
  const latest = rows.reduce((m, r) => Math.max(m, r.updatedAt.getTime()), 0);
  // A corrected closing line is a new odds row without any fixture update: the newest line row is in the stamp too.
  const newestLine = await newestLineRowId(ctx.read, NFL_LINES_BOOK.key);
  const dataStamp = `${rows.length}:${new Date(latest).toISOString()}:${newestLine}`;

  const active = await activeModelVersion(ctx.read, GAME_LINES_KIND, GAME_LINES_SCOPE);
  if (active?.config.dataStamp === dataStamp) return { games: games.length, seasons: recent, outcome: 'unchanged' };

  const model = fitGameLines(games, recent);
  const version = await ctx.db.transaction(async (tx) => {
    const v = await fileCandidateIn(tx, {
      kind: GAME_LINES_KIND, scope: GAME_LINES_SCOPE, config: { trainSeasons: recent, dataStamp, source: 'database (nflverse closing lines)' }, featureColumns: [],
      metrics: { trainGames: model.games, marginSigma: model.marginSigma, totalSigma: model.totalSigma }, artifact: serializeGameLines(model),
      trainedFrom: new Date(Date.UTC(recent[0]!, 8, 1)), trainedTo: new Date(Date.UTC(recent.at(-1)! + 1, 1, 28)),
    });
    // A reused version keeps the stamp it was filed with; record the data it now stands for.
    if (!v.created) await mergeModelConfig(tx, v.id, { dataStamp });
    await activateIn(tx, { id: v.id, kind: GAME_LINES_KIND, scope: GAME_LINES_SCOPE });
    return v;
  });
  return { games: games.length, seasons: recent, outcome: 'refitted', version };
}
