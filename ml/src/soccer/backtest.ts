/**
 * Walk-forward backtest of the Dixon–Coles model against the margin-free closing market.
 *
 * Events are processed in time order. Before each match date (or every `refitDays`), the model is refitted on
 * matches strictly before that date (warm-started from the previous fit), and every match on that date is
 * predicted from it — no prediction ever sees its own result or a later one. Each prediction is scored
 * (RPS, log loss, Brier) next to the closing odds with the margin removed, on the same matches; matches
 * without valid closing odds are skipped from the comparison and counted. A value-betting policy bets the
 * outcome with the largest edge over the available price when it exceeds a threshold, stakes fractional
 * Kelly of the current bankroll, and reports ROI, maximum drawdown and closing-line value (CLV: the price
 * taken times the fair closing probability, minus one).
 */
import { brier, logLoss, rps } from '../metrics/scoring-rules.ts';
import { expectedValue, kellyStake, removeVig, type VigMethod } from '../pricing/index.ts';
import type { SoccerMatch } from './dixon-coles-data.ts';
import { fitDixonColes, predictRates, rating, type DixonColesModel, type GoalRates, type TeamRating } from './dixon-coles.ts';
import { matchOdds, type ThreeWay } from './markets.ts';
import { newcomerPriors } from './newcomers.ts';
import { scoreGrid } from './score-grid.ts';

export interface BacktestMatch extends SoccerMatch {
  /** Closing 1X2 decimal odds (e.g. Pinnacle PSCH/PSCD/PSCA), the benchmark. */
  closing?: ThreeWay | null;
  /** Price available when betting (e.g. Pinnacle pre-match PSH/PSD/PSA); defaults to the closing price. */
  price?: ThreeWay | null;
  /** Shots on target, used only when `shotsOnTargetWeight` > 0. */
  homeShotsOnTarget?: number | null;
  awayShotsOnTarget?: number | null;
}

export interface BettingPolicy {
  /** Minimum edge p·odds − 1 to bet. Default 0.03. */
  edgeThreshold?: number;
  /** Fraction of full Kelly. Default 0.25. */
  kellyFraction?: number;
  /** Largest stake as a fraction of bankroll. Default 0.05. */
  maxStake?: number;
}

export interface BacktestOptions {
  xi?: number;
  windowDays?: number;
  shrinkage?: number;
  /** Rating that newcomers (promoted teams) are shrunk to and that unseen teams get. Default league average. */
  newcomer?: TeamRating;
  /** Refit before every match date (default, 0) or only when this many days have passed since the last fit. */
  refitDays?: number;
  /** How the closing margin is removed. Default multiplicative. */
  vigMethod?: VigMethod;
  betting?: BettingPolicy;
  /**
   * Weight w of a shots-on-target rating model in the team ratings (0 = pure Dixon–Coles, the default).
   * A second, independent-Poisson model with the same decay and shrinkage is fitted to shots on target
   * (a less noisy signal of team strength than goals; cf. the expected-goals literature), and the fixture's
   * log goal rates use (1 − w)·(goal ratings) + w·(shot ratings) on top of the goal model's intercept, home
   * advantage and ρ. No market information is used.
   */
  shotsOnTargetWeight?: number;
  /** Start each refit from the previous fit (default true); false starts from moment estimates. */
  warmStart?: boolean;
  /** L-BFGS gradient tolerance passed to each fit. */
  tolerance?: number;
  /** Called after each match date with (matches predicted so far, total). */
  onProgress?: (done: number, total: number) => void;
  /**
   * Called for every test match at the moment it is predicted, with the fits in force (fitted on matches strictly
   * before its day) — so other models can build features from the same walk-forward fits instead of refitting.
   */
  onPredict?: (match: BacktestMatch, fit: PredictionContext) => void;
}

/** What the walk-forward knew when it predicted one match (see `BacktestOptions.onPredict`). */
export interface PredictionContext {
  /** The Dixon–Coles goal model fitted before the match's day. */
  goals: DixonColesModel;
  /** The shots-on-target rating model, when one is used and there was shot data in the window. */
  shots: DixonColesModel | undefined;
  /** The goal rates the backtest priced the match with (blended when `shots` is set). */
  rates: GoalRates;
  /** Its 1X2 probabilities. */
  probs: [number, number, number];
}

export interface Scores {
  rps: number;
  logLoss: number;
  brier: number;
}

export interface BacktestPrediction {
  day: number;
  home: string;
  away: string;
  /** 0 home win, 1 draw, 2 away win. */
  outcome: number;
  model: [number, number, number];
  market: [number, number, number] | null;
  /** Margin-free pre-close probabilities (from `price`, e.g. Pinnacle PSH/PSD/PSA), when valid. */
  preClose: [number, number, number] | null;
}

export interface BacktestReport {
  /** Test matches predicted. */
  matches: number;
  /** Matches with valid closing odds, on which model and market are compared. */
  compared: number;
  skippedNoClosing: number;
  model: Scores;
  market: Scores;
  /** Model scores on every predicted match (including those without closing odds). */
  modelAll: Scores;
  /**
   * The margin-free pre-close price (`price`) on the matches where it is valid — the honest bar for a forecast made
   * before the close — with the model scored on exactly those matches.
   */
  preClose: Scores & { compared: number; model: Scores };
  betting: { bets: number; staked: number; profit: number; roi: number; maxDrawdown: number; clv: number; finalBankroll: number };
  fit: { count: number; medianMs: number; totalMs: number };
  predictions: BacktestPrediction[];
}

const now = (): number => globalThis.performance?.now() ?? Date.now();

/** Run the walk-forward backtest: `history` is only learned from, `test` is predicted then learned from. */
export function backtestSoccer(history: readonly BacktestMatch[], test: readonly BacktestMatch[], options: BacktestOptions = {}): BacktestReport {
  if (test.length === 0) throw new Error('backtest: no test matches');
  const xi = options.xi ?? 0.0019;
  const windowDays = options.windowDays ?? 1100;
  const shrinkage = options.shrinkage ?? 0;
  const refitDays = options.refitDays ?? 0;
  const warm = options.warmStart ?? true;
  const newcomer = options.newcomer ?? { attack: 0, defence: 0 };
  const policy = { edgeThreshold: 0.03, kellyFraction: 0.25, maxStake: 0.05, ...options.betting };

  const known = [...history].sort((a, b) => a.day - b.day);
  const queue = [...test].sort((a, b) => a.day - b.day);
  const predictions: BacktestPrediction[] = [];
  const fitTimes: number[] = [];
  let model: DixonColesModel | undefined;
  let shotModel: DixonColesModel | undefined;
  const shotsWeight = options.shotsOnTargetWeight ?? 0;
  if (!(shotsWeight >= 0 && shotsWeight <= 1)) throw new RangeError(`backtest: shotsOnTargetWeight must be in [0, 1], got ${shotsWeight}`);
  const shotMatches: SoccerMatch[] = [];
  const addShots = (m: BacktestMatch) => {
    if (shotsWeight > 0 && m.homeShotsOnTarget != null && m.awayShotsOnTarget != null)
      shotMatches.push({ home: m.home, away: m.away, homeGoals: m.homeShotsOnTarget, awayGoals: m.awayShotsOnTarget, day: m.day, neutral: m.neutral ?? false });
  };
  known.forEach(addShots);
  let lastFitDay = -Infinity;

  let bankroll = 1, peak = 1, maxDrawdown = 0, staked = 0, profit = 0, bets = 0, clvSum = 0;

  for (let i = 0; i < queue.length; ) {
    const day = queue[i]!.day;
    let j = i;
    while (j < queue.length && queue[j]!.day === day) j++;
    if (!model || day - lastFitDay >= refitDays) {
      const t0 = now();
      const priors = shrinkage > 0 ? newcomerPriors(known, day, windowDays, newcomer) : undefined;
      model = fitDixonColes(known, {
        xi,
        windowDays,
        asOfDay: day,
        shrinkage,
        ...(priors ? { priors } : {}),
        ...(model && warm ? { warmStart: model } : {}),
        ...(options.tolerance ? { tolerance: options.tolerance } : {}),
      });
      // The shot model needs at least some shot data in the window (older files lack HST/AST).
      if (shotsWeight > 0 && shotMatches.some((s) => s.day < day && day - s.day <= windowDays)) {
        const shotPriors = shrinkage > 0 ? newcomerPriors(shotMatches, day, windowDays, newcomer) : undefined;
        shotModel = fitDixonColes(shotMatches, {
          xi,
          windowDays,
          asOfDay: day,
          shrinkage,
          estimateRho: false,
          ...(shotPriors ? { priors: shotPriors } : {}),
          ...(shotModel && warm ? { warmStart: shotModel } : {}),
        });
      } else {
        shotModel = undefined; // no shot data in the window: pure Dixon–Coles for this date
      }
      fitTimes.push(now() - t0);
      lastFitDay = day;
    }
    for (let k = i; k < j; k++) {
      const m = queue[k]!;
      const rates = shotModel
        ? blendedRates(model, shotModel, shotsWeight, m, newcomer)
        : predictRates(model, m.home, m.away, { neutral: m.neutral ?? false, unknownTeam: newcomer });
      const p = matchOdds(scoreGrid(rates, 15));
      const probs: [number, number, number] = [p.home, p.draw, p.away];
      const outcome = m.homeGoals > m.awayGoals ? 0 : m.homeGoals === m.awayGoals ? 1 : 2;
      const market = fairProbabilities1x2(m.closing, options.vigMethod ?? 'multiplicative');
      const preClose = fairProbabilities1x2(m.price, options.vigMethod ?? 'multiplicative');
      predictions.push({ day, home: m.home, away: m.away, outcome, model: probs, market, preClose });
      options.onPredict?.(m, { goals: model, shots: shotModel, rates, probs });

      // Value betting at the available price (pre-match if given, else closing).
      const price = validPrice(m.price) ?? validPrice(m.closing);
      if (price) {
        const odds = [price.home, price.draw, price.away];
        let best = -1, bestEdge = policy.edgeThreshold;
        for (let c = 0; c < 3; c++) {
          const edge = expectedValue(probs[c]!, odds[c]!);
          if (edge > bestEdge) {
            bestEdge = edge;
            best = c;
          }
        }
        if (best >= 0) {
          const f = kellyStake(probs[best]!, odds[best]!, { fraction: policy.kellyFraction, cap: policy.maxStake });
          const stake = f * bankroll;
          const pnl = best === outcome ? stake * (odds[best]! - 1) : -stake;
          bankroll += pnl;
          staked += stake;
          profit += pnl;
          bets++;
          if (market) clvSum += expectedValue(market[best]!, odds[best]!);
          peak = Math.max(peak, bankroll);
          maxDrawdown = Math.max(maxDrawdown, (peak - bankroll) / peak);
        }
      }
    }
    for (let k = i; k < j; k++) {
      known.push(queue[k]!);
      addShots(queue[k]!);
    }
    i = j;
    options.onProgress?.(i, queue.length);
  }

  const compared = predictions.filter((p) => p.market !== null);
  const withPreClose = predictions.filter((p) => p.preClose !== null);
  const sorted = [...fitTimes].sort((a, b) => a - b);
  return {
    matches: predictions.length,
    compared: compared.length,
    skippedNoClosing: predictions.length - compared.length,
    model: scores1x2(compared.map((p) => p.model), compared.map((p) => p.outcome)),
    market: scores1x2(compared.map((p) => p.market!), compared.map((p) => p.outcome)),
    modelAll: scores1x2(predictions.map((p) => p.model), predictions.map((p) => p.outcome)),
    preClose: {
      ...scores1x2(withPreClose.map((p) => p.preClose!), withPreClose.map((p) => p.outcome)),
      compared: withPreClose.length,
      model: scores1x2(withPreClose.map((p) => p.model), withPreClose.map((p) => p.outcome)),
    },
    betting: {
      bets,
      staked,
      profit,
      roi: staked > 0 ? profit / staked : 0,
      maxDrawdown,
      clv: bets > 0 ? clvSum / bets : 0,
      finalBankroll: bankroll,
    },
    fit: { count: fitTimes.length, medianMs: sorted[sorted.length >> 1] ?? 0, totalMs: fitTimes.reduce((a, b) => a + b, 0) },
    predictions,
  };
}

/**
 * Goal rates with team ratings blended between the goal model and the shots-on-target model (weight w on shots):
 * the default model's pricing rule, exported so serving prices a fixture exactly as the backtest did.
 */
export function blendedRates(goals: DixonColesModel, shots: DixonColesModel, w: number, m: { home: string; away: string; neutral?: boolean }, newcomer: TeamRating): GoalRates {
  const hg = rating(goals, m.home, newcomer), ag = rating(goals, m.away, newcomer);
  const hs = rating(shots, m.home, newcomer), as = rating(shots, m.away, newcomer);
  const mix = (a: number, b: number) => (1 - w) * a + w * b;
  const venue = m.neutral ? 0 : 1;
  return {
    home: Math.exp(goals.intercept + venue * goals.homeAdvantage + mix(hg.attack, hs.attack) + mix(ag.defence, as.defence)),
    away: Math.exp(goals.intercept + mix(ag.attack, as.attack) + mix(hg.defence, hs.defence)),
    rho: goals.rho,
  };
}

function validPrice(p: ThreeWay | null | undefined): ThreeWay | null {
  if (!p) return null;
  return [p.home, p.draw, p.away].every((o) => Number.isFinite(o) && o > 1) ? p : null;
}

/** Margin-free probabilities of a valid decimal 1X2 price, or null (missing, invalid or negative margin). */
export function fairProbabilities1x2(p: ThreeWay | null | undefined, method: VigMethod): [number, number, number] | null {
  const v = validPrice(p);
  if (!v) return null;
  try {
    const f = removeVig([v.home, v.draw, v.away], method);
    return [f[0]!, f[1]!, f[2]!];
  } catch {
    return null; // a negative margin (bad data) cannot be a market benchmark: skip, counted as missing
  }
}

/** Mean RPS, log loss and Brier of 1X2 forecasts (NaN for none). */
export function scores1x2(probs: readonly [number, number, number][], outcomes: readonly number[]): Scores {
  if (probs.length === 0) return { rps: NaN, logLoss: NaN, brier: NaN };
  let r = 0, l = 0, b = 0;
  for (let i = 0; i < probs.length; i++) {
    r += rps(probs[i]!, outcomes[i]!);
    l += logLoss(probs[i]!, outcomes[i]!);
    b += brier(probs[i]!, outcomes[i]!);
  }
  const n = probs.length;
  return { rps: r / n, logLoss: l / n, brier: b / n };
}
