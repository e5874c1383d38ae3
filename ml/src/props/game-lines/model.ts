/**
 * NFL game lines from two GBDT centres — home margin and game total — each with a normal predictive law whose
 * σ is the root-mean-square of out-of-sample residuals from the training period (rolling origin by season).
 * The normal margin around the line follows Stern, "On the Probability of Winning a Football Game" (The
 * American Statistician 45, 1991), who found NFL margins ≈ N(spread, 13.86²). Every price comes from these two
 * laws, so spread, total and moneyline cannot disagree:
 *   P(home covers) = P(margin > spread), P(over) = P(total > line), P(home wins) = P(margin > 0).
 */
import { loadGbdt, trainGbdt, type GbdtArtifact, type GbdtModel, type GbdtParams } from '../../gbdt/index.ts';
import type { NflGame } from '../games.ts';
import { buildGameFeatures, chronological, GAME_FEATURE_VERSION, GAME_FEATURES } from './features.ts';
import { normalCdf } from './normal.ts';

export const GAME_LINES_TAG = 'fairline.props.game-lines';
export const GAME_LINES_VERSION = 1;

export const GAME_LINES_PARAMS: Partial<GbdtParams> = {
  objective: 'squared', trees: 200, maxDepth: 2, learningRate: 0.03, minChildWeight: 50, subsample: 0.8, lambda: 10, seed: 11,
};
/** Seasons of out-of-sample residuals for σ. */
const OOS_SEASONS = 3;

export interface GameLinesModel {
  margin: GbdtModel;
  total: GbdtModel;
  marginSigma: number;
  totalSigma: number;
  trainSeasons: number[];
}

export interface GamePrices {
  gameId: string;
  expectedMargin: number;
  expectedTotal: number;
  pHomeCover: number;
  pOver: number;
  pHomeWin: number;
}

const completed = (g: NflGame) => Number.isFinite(g.homeScore) && Number.isFinite(g.awayScore) && Number.isFinite(g.spread) && Number.isFinite(g.total);

function fitPair(games: readonly NflGame[], trainIdx: number[], X: ReturnType<typeof buildGameFeatures>) {
  const sub = { values: new Float64Array(trainIdx.length * X.cols), rows: trainIdx.length, cols: X.cols };
  trainIdx.forEach((i, r) => sub.values.set(X.values.subarray(i * X.cols, (i + 1) * X.cols), r * X.cols));
  const fit = (label: number[]) =>
    trainGbdt({ features: sub, featureNames: [...GAME_FEATURES], label, params: GAME_LINES_PARAMS, createdAt: '1970-01-01T00:00:00.000Z' });
  return {
    margin: fit(trainIdx.map((i) => games[i]!.homeScore - games[i]!.awayScore)),
    total: fit(trainIdx.map((i) => games[i]!.homeScore + games[i]!.awayScore)),
  };
}

/** `games` may include later seasons (their rows are only featurised, never fitted). */
export function fitGameLines(allGames: readonly NflGame[], trainSeasons: readonly number[]): GameLinesModel {
  const games = chronological(allGames);
  const X = buildGameFeatures(games);
  const seasons = [...new Set(trainSeasons)].sort((a, b) => a - b);
  const idx = (keep: (s: number) => boolean) => games.flatMap((g, i) => (keep(g.season) && completed(g) ? [i] : []));
  let sm = 0, st = 0, n = 0;
  for (const s of seasons.slice(Math.max(1, seasons.length - OOS_SEASONS))) {
    const pair = fitPair(games, idx((x) => seasons.includes(x) && x < s), X);
    for (const i of idx((x) => x === s)) {
      const row = X.values.subarray(i * X.cols, (i + 1) * X.cols);
      const g = games[i]!;
      sm += (g.homeScore - g.awayScore - pair.margin.predictRow(row)) ** 2;
      st += (g.homeScore + g.awayScore - pair.total.predictRow(row)) ** 2;
      n++;
    }
  }
  if (n === 0) throw new Error('game lines: need at least two training seasons with results');
  const final = fitPair(games, idx((x) => seasons.includes(x)), X);
  return { ...final, marginSigma: Math.sqrt(sm / n), totalSigma: Math.sqrt(st / n), trainSeasons: seasons };
}

/** Prices for the games of `seasons` (features use every earlier game in `allGames`). */
export function priceGames(model: GameLinesModel, allGames: readonly NflGame[], seasons: readonly number[]): Array<GamePrices & { game: NflGame }> {
  const games = chronological(allGames);
  const X = buildGameFeatures(games);
  const out: Array<GamePrices & { game: NflGame }> = [];
  games.forEach((g, i) => {
    if (!seasons.includes(g.season) || !Number.isFinite(g.spread) || !Number.isFinite(g.total)) return;
    const row = X.values.subarray(i * X.cols, (i + 1) * X.cols);
    const m = model.margin.predictRow(row);
    const t = model.total.predictRow(row);
    out.push({
      game: g, gameId: g.gameId, expectedMargin: m, expectedTotal: t,
      pHomeCover: 1 - normalCdf((g.spread - m) / model.marginSigma),
      pOver: 1 - normalCdf((g.total - t) / model.totalSigma),
      pHomeWin: 1 - normalCdf(-m / model.marginSigma),
    });
  });
  return out;
}

export function serializeGameLines(m: GameLinesModel) {
  return {
    tag: GAME_LINES_TAG, version: GAME_LINES_VERSION, featureVersion: GAME_FEATURE_VERSION, features: [...GAME_FEATURES],
    margin: m.margin.toJSON(), total: m.total.toJSON(), marginSigma: m.marginSigma, totalSigma: m.totalSigma, trainSeasons: m.trainSeasons,
  };
}

export function loadGameLines(json: string | object): GameLinesModel {
  const a = (typeof json === 'string' ? JSON.parse(json) : json) as Partial<ReturnType<typeof serializeGameLines>> | null;
  if (!a || a.tag !== GAME_LINES_TAG) throw new Error(`game lines: not a ${GAME_LINES_TAG} artifact`);
  if (a.version !== GAME_LINES_VERSION) throw new Error(`game lines: artifact version ${String(a.version)} is not supported`);
  if (a.featureVersion !== GAME_FEATURE_VERSION) throw new Error(`game lines: features ${String(a.featureVersion)} ≠ ${GAME_FEATURE_VERSION}`);
  return {
    margin: loadGbdt(a.margin as GbdtArtifact), total: loadGbdt(a.total as GbdtArtifact),
    marginSigma: a.marginSigma!, totalSigma: a.totalSigma!, trainSeasons: a.trainSeasons!,
  };
}
