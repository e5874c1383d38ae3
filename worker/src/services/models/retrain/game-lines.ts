/**
 * Retraining the NFL game-lines model from the database (finished games with the nflverse closing spread and total —
 * what the daily results job ingests). The candidate is today's procedure: fitGameLines on the latest SEASONS seasons.
 * Its gate score is walk-forward on the latest season: the same procedure fitted on the seasons before it, scored as
 * the mean of the cover and over log losses at the closing lines (pushes out). The active version's procedure (the
 * number of seasons it was fitted on) is scored on the same season.
 */
import { activeModelVersion, finishedNflGamesWithLines, newestLineRowId, type ModelVersionMeta } from '@fairline/db';
import { pricing } from '@fairline/ml';
import type { NflGame } from '@fairline/ml/nfl/games';
import { fitGameLines, scoreGameLines, serializeGameLines, type GameOutcome } from '@fairline/ml/nfl/game-lines/index';
import type { Ctx } from '../../../context.ts';
import { GAME_LINES_KIND, GAME_LINES_SCOPE } from '../../nfl/game-lines/model-version.ts';
import { NFL_LINES_BOOK } from '../../odds/reference-books.ts';
import type { KindTrainer, TrainedCandidate, TrainSkip } from './types.ts';

/** Seasons fitted: recent enough to reflect today's scoring, enough games (≈ 3,200) for the key-number weights. */
export const SEASONS = 12;
/** Below this many finished games with both lines a fit is mostly prior: keep what is live. */
export const MIN_GAMES = 500;

/** What the database holds for the game-lines model now, and its stamp (count, latest update, newest line row). */
export interface GameLinesData {
  games: GameOutcome[];
  allSeasons: number[];
  dataStamp: string;
}

/** The finished games with closing lines, as the fit reads them, and the data stamp. */
export async function gameLinesData(ctx: Pick<Ctx, 'read'>): Promise<GameLinesData> {
  const rows = (await finishedNflGamesWithLines(ctx.read, NFL_LINES_BOOK.key)).filter((r) => r.homeScore !== null && r.awayScore !== null && /^\d{4}$/.test(r.season));
  const latest = rows.reduce((m, r) => Math.max(m, r.updatedAt.getTime()), 0);
  // A corrected closing line is a new odds row without any fixture update: the newest line row is in the stamp too.
  const newestLine = await newestLineRowId(ctx.read, NFL_LINES_BOOK.key);
  return {
    games: rows.map((r) => ({ season: Number(r.season), homeScore: r.homeScore!, awayScore: r.awayScore!, spread: pricing.flipHandicap(r.homeHandicap), total: r.total })),
    allSeasons: [...new Set(rows.map((r) => Number(r.season)))].sort((a, b) => a - b),
    dataStamp: `${rows.length}:${new Date(latest).toISOString()}:${newestLine}`,
  };
}

/** Mean of cover and over log loss on `testSeason` of the procedure "fit the `seasons` seasons before it". */
export function walkForwardSideLogLoss(games: readonly GameOutcome[], allSeasons: readonly number[], seasons: number, testSeason: number): { score: number; n: number } {
  const before = allSeasons.filter((s) => s < testSeason).slice(-seasons);
  const model = fitGameLines(games, before);
  // scoreGameLines reads whole schedule rows; the moneyline part needs prices the registry's games do not carry.
  const test = games.filter((g) => g.season === testSeason).map((g) => ({ ...g, homeMoneyline: Number.NaN, awayMoneyline: Number.NaN }) as unknown as NflGame);
  const r = scoreGameLines(model, test);
  return { score: (r.spread.sideLogLoss + r.total.sideLogLoss) / 2, n: r.games };
}

/**
 * The game-lines candidate on `data` (SEASONS seasons unless `seasons` overrides), or why there is none: too few games
 * in the fitted seasons, or no earlier season to walk forward from.
 */
export function gameLinesCandidate(data: GameLinesData, seasons = SEASONS): TrainedCandidate | TrainSkip {
  const recent = data.allSeasons.slice(-seasons);
  const games = data.games.filter((g) => recent.includes(g.season));
  if (games.length < MIN_GAMES) return { skip: 'too-few', detail: `${games.length} finished games with lines (< ${MIN_GAMES})` };
  const testSeason = data.allSeasons.at(-1)!;
  if (data.allSeasons.length < 2) return { skip: 'too-few', detail: 'one season: nothing to walk forward from' };
  const wf = walkForwardSideLogLoss(data.games, data.allSeasons, seasons, testSeason);
  const model = fitGameLines(games, recent);
  const scoreActive = async (active: ModelVersionMeta): Promise<number | { note: string }> => {
    if (active.simulated) return { note: 'the active version is a demo model' };
    const n = Array.isArray(active.config.trainSeasons) ? active.config.trainSeasons.length : 0;
    if (n < 1) return { note: 'the active version does not say how many seasons it was fitted on' };
    return n === seasons ? wf.score : walkForwardSideLogLoss(data.games, data.allSeasons, n, testSeason).score;
  };
  return {
    score: wf.score,
    scoreActive,
    version: {
      kind: GAME_LINES_KIND, scope: GAME_LINES_SCOPE, config: { trainSeasons: recent, dataStamp: data.dataStamp, source: 'database (nflverse closing lines)' }, featureColumns: [],
      metrics: { gateScore: wf.score, gateN: wf.n, gateWindowEnd: Date.UTC(testSeason + 1, 1, 28), trainGames: model.games, marginSigma: model.marginSigma, totalSigma: model.totalSigma },
      artifact: serializeGameLines(model),
      trainedFrom: new Date(Date.UTC(recent[0]!, 8, 1)), trainedTo: new Date(Date.UTC(recent.at(-1)! + 1, 1, 28)),
    },
  };
}

/** The NFL game-lines model: one slot, `nfl`. Unchanged data (the active version's stamp) is not refitted. */
export const gameLinesTrainer: KindTrainer = {
  kind: GAME_LINES_KIND,
  async targets() {
    return [{ scope: GAME_LINES_SCOPE, ref: {} }];
  },
  async train(ctx, _target, options) {
    const data = await gameLinesData(ctx);
    const active = await activeModelVersion(ctx.read, GAME_LINES_KIND, GAME_LINES_SCOPE);
    const seasons = typeof options.config?.seasons === 'number' ? options.config.seasons : SEASONS;
    if (active?.config.dataStamp === data.dataStamp && seasons === SEASONS) return { skip: 'unchanged', detail: 'no new results or lines since the active version' };
    return gameLinesCandidate(data, seasons);
  },
};
