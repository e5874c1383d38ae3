/**
 * NFL game lines: a margin law and a total law anchored on the market's own line, with the shape learned from
 * past games — P(cover), P(push), P(over) and P(win) at the market's line and at any alternative line.
 *
 * Why anchored on the market (bench/props/game-lines-study.ts, nine walk-forward seasons 2010–2018): a GBDT on
 * the margin with the spread, total, rolling team form, rest and weather as features had a higher margin MAE
 * than the spread alone (10.34 vs 10.24) and a worse P(cover) log loss than a coin flip (0.699 vs 0.693); a
 * GBDT on the residual (outcome − line) was worse too. Closing lines carry what such features know. What a model
 * can add is the *shape* around the line: margins land on 3, 7, 10, 14… and rarely on 0, which decides pushes,
 * the value of half a point and the moneyline a spread implies. So:
 *   - margin ~ discrete key-number law (law.ts) with σ the RMS of (margin − spread) over the training games
 *     (flat across spreads and totals, ≈ 13.4 — Stern 1991 found 13.86) and weights by |margin| fitted on them;
 *   - its centre is solved so the spread is the law's median over non-push outcomes (the line splits the
 *     money, so it is a median, not a mean);
 *   - the total likewise, with its own σ and weights.
 * On the folds this prices the moneyline from the spread alone as well as the books' own margin-free moneyline
 * (log loss 0.6101 vs 0.6107) and predicts the push rate of whole-number spreads (4.6 % vs 4.8 % observed; a
 * normal says 2.9 %).
 */
import { fairPrice } from '../../pricing/index.ts';
import type { NflGame } from '../games.ts';
import type { LinePrice } from '../props/price.ts';
import { centreForLine, discreteLaw, fitKeyWeights, KEY_RANGE, type DiscreteLaw } from './law.ts';

/**
 * Tag of a game-lines artifact; `loadGameLines` refuses any other. (Its `props.` prefix predates game lines moving
 * out of the props package; it stays, so stored artifacts keep loading.)
 */
export const GAME_LINES_TAG = 'fairline.props.game-lines';
/** Game-lines artifact version; `loadGameLines` reads only this one (older versions are retrained). */
export const GAME_LINES_VERSION = 2;

export interface GameLinesModel {
  marginSigma: number;
  totalSigma: number;
  /** Key-number weights by |margin| and by total, 0…KEY_RANGE (totals above it weigh 1). */
  marginWeights: Float64Array;
  totalWeights: Float64Array;
  trainSeasons: number[];
  /** Training games (with results and both lines). */
  games: number;
}

/** One side of a line: P(outcome above / below / on the line) and the fair price of each side (a push refunds the stake) — the props' shape. */
export type LineOdds = LinePrice;

export interface GamePrices {
  /** Home margin line (positive = home favoured, nflverse `spread_line`) and game total priced. */
  spread: number;
  total: number;
  /** Means of the two laws. */
  expectedMargin: number;
  expectedTotal: number;
  /** P(home margin > spread) etc.: `over` = home covers. Null when that line is missing. */
  homeCover: LineOdds | null;
  gameTotal: LineOdds | null;
  /** P(home wins), P(away wins), P(tie) from the margin law (null without a spread). */
  moneyline: { home: number; away: number; tie: number; fairPrice: { home: number; away: number } } | null;
}

/** What fitting reads of a game: its season, result and the market's closing spread and total. */
export type GameOutcome = Pick<NflGame, 'season' | 'homeScore' | 'awayScore' | 'spread' | 'total'>;

const completed = (g: GameOutcome) => Number.isFinite(g.homeScore) && Number.isFinite(g.awayScore) && Number.isFinite(g.spread) && Number.isFinite(g.total);

function rms(xs: number[]): number {
  return Math.sqrt(xs.reduce((s, x) => s + x * x, 0) / xs.length);
}

/** Fits both laws on the completed games of `trainSeasons` (other seasons in `allGames` are ignored). */
export function fitGameLines(allGames: readonly GameOutcome[], trainSeasons: readonly number[]): GameLinesModel {
  const seasons = [...new Set(trainSeasons)].sort((a, b) => a - b);
  const train = allGames.filter((g) => seasons.includes(g.season) && completed(g));
  if (train.length < 200) throw new Error(`game lines: need at least 200 completed games with lines to fit (got ${train.length})`);
  const margins = train.map((g) => ({ y: g.homeScore - g.awayScore, line: g.spread }));
  const totals = train.map((g) => ({ y: g.homeScore + g.awayScore, line: g.total }));
  const marginSigma = rms(margins.map((m) => m.y - m.line));
  const totalSigma = rms(totals.map((t) => t.y - t.line));
  return {
    marginSigma, totalSigma,
    marginWeights: fitWeightsAtMedians(margins, marginSigma),
    totalWeights: fitWeightsAtMedians(totals, totalSigma),
    trainSeasons: seasons, games: train.length,
  };
}

/**
 * Rounds of re-solving each line's centre and refitting the weights. On 2002–2018 the largest relative change of
 * any weight is 4.7 / 1.5 / 0.5 % in rounds 1–3 for margins and 3.1 / 1.6 / 1.1 % for totals: three rounds.
 */
const CENTRE_ROUNDS = 3;

/**
 * Key weights fitted on the laws they will price with: each game's law is centred where its line is the median
 * (centreForLine), which depends on the weights themselves. Start with the laws centred on the lines, then
 * alternate: solve every distinct line's centre under the current weights, refit the weights on those centres.
 */
function fitWeightsAtMedians(games: ReadonlyArray<{ y: number; line: number }>, sigma: number): Float64Array {
  let w = fitKeyWeights(games.map((g) => ({ y: g.y, mu: g.line, sigma })));
  for (let round = 0; round < CENTRE_ROUNDS; round++) {
    const centres = new Map<number, number>();
    for (const g of games) if (!centres.has(g.line)) centres.set(g.line, centreForLine(g.line, sigma, w));
    w = fitKeyWeights(games.map((g) => ({ y: g.y, mu: centres.get(g.line)!, sigma })));
  }
  return w;
}

/** The margin law of a game whose market spread (home margin line) is `spread`. */
export function marginLaw(m: GameLinesModel, spread: number): DiscreteLaw {
  return discreteLaw(centreForLine(spread, m.marginSigma, m.marginWeights), m.marginSigma, m.marginWeights);
}

/** The points-total law of a game whose market total is `total`, centred so that `total` is its median. */
export function totalLaw(m: GameLinesModel, total: number): DiscreteLaw {
  return discreteLaw(centreForLine(total, m.totalSigma, m.totalWeights), m.totalSigma, m.totalWeights);
}

const assertLine = (what: string, x: number) => {
  if (!Number.isFinite(x) || !Number.isInteger(x * 2)) throw new RangeError(`game lines: ${what} must be a whole or half number, got ${x}`);
};

/** P(outcome > line / < line / = line) under `law`, with the fair price of both sides (a push refunds). */
export function lineOdds(law: DiscreteLaw, line: number): LineOdds {
  assertLine('a line', line);
  const over = law.above(line);
  const push = law.pmf(line);
  const under = Math.max(0, 1 - over - push);
  return { line, over, under, push, fairPrice: { over: fairPrice(over, under), under: fairPrice(under, over) } };
}

/** A game's two laws: centred on its market spread (home margin line) and total; null where the line is NaN. */
export interface GameLaws {
  margin: DiscreteLaw | null;
  total: DiscreteLaw | null;
}

/** Builds a game's laws once (each solves its centre by bisection); price any number of lines with `lineOdds`. */
export function gameLaws(m: GameLinesModel, spread: number, total: number): GameLaws {
  if (Number.isFinite(spread)) assertLine('the spread', spread);
  if (Number.isFinite(total)) assertLine('the total', total);
  return { margin: Number.isFinite(spread) ? marginLaw(m, spread) : null, total: Number.isFinite(total) ? totalLaw(m, total) : null };
}

/** The prices at the market's own spread and total, from that game's laws (gameLaws). */
export function pricesFromLaws(laws: GameLaws, spread: number, total: number): GamePrices {
  let homeCover: LineOdds | null = null, moneyline: GamePrices['moneyline'] = null;
  if (laws.margin) {
    homeCover = lineOdds(laws.margin, spread);
    const home = laws.margin.above(0), tie = laws.margin.pmf(0), away = 1 - home - tie;
    // A tie (rare: overtime ends level) refunds neither side in a two-way moneyline; books void it, so the
    // fair two-way price conditions on a result.
    moneyline = { home, away, tie, fairPrice: { home: fairPrice(home, away), away: fairPrice(away, home) } };
  }
  return {
    spread, total, expectedMargin: laws.margin?.mean ?? NaN, expectedTotal: laws.total?.mean ?? NaN,
    homeCover, gameTotal: laws.total ? lineOdds(laws.total, total) : null, moneyline,
  };
}

/**
 * Prices a game from its market spread and total (either may be NaN when the book has none). Alternative
 * lines: `lineOdds(marginLaw(model, spread), alt)` for a home margin line `alt`.
 */
export function priceGame(m: GameLinesModel, spread: number, total: number): GamePrices {
  return pricesFromLaws(gameLaws(m, spread, total), spread, total);
}

/** Prices for the games of `seasons` that have a spread or a total. */
export function priceGames(m: GameLinesModel, allGames: readonly NflGame[], seasons: readonly number[]): Array<GamePrices & { game: NflGame }> {
  return allGames
    .filter((g) => seasons.includes(g.season) && (Number.isFinite(g.spread) || Number.isFinite(g.total)))
    .map((g) => ({ game: g, ...priceGame(m, g.spread, g.total) }));
}

/** A game-lines model as a tagged, versioned plain object (weights as arrays), ready for JSON or a jsonb column. */
export function serializeGameLines(m: GameLinesModel) {
  return {
    tag: GAME_LINES_TAG, version: GAME_LINES_VERSION, keyRange: KEY_RANGE,
    marginSigma: m.marginSigma, totalSigma: m.totalSigma,
    marginWeights: [...m.marginWeights], totalWeights: [...m.totalWeights],
    trainSeasons: m.trainSeasons, games: m.games,
  };
}

/**
 * Reads `serializeGameLines`' output (object or JSON text); throws on a wrong tag or version, key weights of the
 * wrong length or not positive, or a σ that is not a positive number.
 */
export function loadGameLines(json: string | object): GameLinesModel {
  const a = (typeof json === 'string' ? JSON.parse(json) : json) as Partial<ReturnType<typeof serializeGameLines>> | null;
  if (!a || a.tag !== GAME_LINES_TAG) throw new Error(`game lines: not a ${GAME_LINES_TAG} artifact`);
  if (a.version !== GAME_LINES_VERSION) throw new Error(`game lines: artifact version ${String(a.version)} is not supported (retrain)`);
  const weights = (w: unknown, name: string) => {
    if (!Array.isArray(w) || w.length !== KEY_RANGE + 1 || !w.every((x) => typeof x === 'number' && x > 0 && Number.isFinite(x))) {
      throw new Error(`game lines: ${name} must be ${KEY_RANGE + 1} positive numbers`);
    }
    return Float64Array.from(w as number[]);
  };
  const sigma = (s: unknown, name: string) => {
    if (typeof s !== 'number' || !(s > 0) || !Number.isFinite(s)) throw new Error(`game lines: ${name} must be a positive number`);
    return s;
  };
  return {
    marginSigma: sigma(a.marginSigma, 'marginSigma'), totalSigma: sigma(a.totalSigma, 'totalSigma'),
    marginWeights: weights(a.marginWeights, 'marginWeights'), totalWeights: weights(a.totalWeights, 'totalWeights'),
    trainSeasons: Array.isArray(a.trainSeasons) ? a.trainSeasons : [], games: typeof a.games === 'number' ? a.games : 0,
  };
}
