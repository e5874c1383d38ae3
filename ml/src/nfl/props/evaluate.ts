/**
 * Season backtest of the prop models: fit each market on the training seasons, score the test seasons where a
 * book would offer a line (markets.ts), next to the rolling-8 baseline (baseline.ts). Scores: MAE of the point
 * forecast (the predictive median), ECE (10 equal-width bins) and mean log loss of P(over L) at L = the
 * baseline rounded to .5, and coverage of the 10–90% predictive interval. For the yes/no anytime-TD market the
 * point forecast is P(yes), the baseline the 8-game TD rate, the line ½, and coverage80 is NaN (no interval).
 *
 * Test rows must be in the same table as the training rows (their features read the players' earlier games,
 * which may be in training seasons); no test outcome is ever used to fit anything.
 */
import { expectedCalibrationError, logLoss } from '../../metrics/index.ts';
import { baselineAt } from './baseline.ts';
import type { FeatureEnv } from './features/index.ts';
import { MAIN_MARKETS, MARKETS, offeredRows, type MarketName } from './markets.ts';
import { fitPropModel, pOver, pOverUncalibrated, project, type PropModel } from './model.ts';
import { PROP_DEFAULTS, type PropModelConfig } from './config.ts';

export interface MarketScores {
  n: number;
  mae: number;
  baselineMae: number;
  ece: number;
  /** NaN for binary markets (no interval). */
  coverage80: number;
  logLoss: number;
}

export interface MarketReport extends MarketScores {
  baseline: { ece: number; coverage80: number; logLoss: number };
  /** The same scores of P(over) before isotonic calibration (diagnostic). */
  uncalibrated: { ece: number; logLoss: number };
  /** The scored rows' calibrated P(over L) (e.g. for ECE's sampling floor, metrics/eceSamplingFloor). */
  pOver: number[];
  /**
   * Per scored row: the player, |median − y|, |baseline − y|, whether y fell in the 10–90 % interval and whether
   * it went over the baseline line (for bootstrap intervals and reliability diagrams).
   */
  scored: { player: string[]; absError: number[]; baselineAbsError: number[]; covered: number[]; over: number[] };
  model: PropModel;
}

export interface PropsBacktestOptions {
  markets?: readonly MarketName[];
  configs?: Partial<Record<MarketName, PropModelConfig>>;
  onMarket?: (market: MarketName, report: MarketReport) => void;
}

const binaryLogLoss = (p: number, y: number) => logLoss([1 - p, p], y);

/**
 * Scores a fitted model on the offered rows of `testSeasons` beside the rolling-8 baseline (see the file comment).
 */
export function scoreMarket(model: PropModel, env: FeatureEnv, testSeasons: readonly number[]): MarketReport {
  const spec = MARKETS[model.market];
  const rows = offeredRows(spec, env.table, new Set(testSeasons));
  const proj = project(model, env, rows);
  const p: number[] = [], pb: number[] = [], pu: number[] = [];
  const scored: MarketReport['scored'] = { player: [], absError: [], baselineAbsError: [], covered: [], over: [] };
  let bcover = 0, ll = 0, bll = 0, ull = 0;
  for (let r = 0; r < rows.length; r++) {
    const i = rows[r]!;
    const b = baselineAt(spec, env.table, i);
    if (!b) continue;
    const y = spec.outcome(env.table, i);
    const pr = proj[r]!;
    const over = y > b.line ? 1 : 0;
    const po = pOver(model, pr.mu, b.line);
    const pbo = Math.min(1 - 1e-6, Math.max(1e-6, b.pOver));
    scored.player.push(env.table.playerId[i]!);
    scored.absError.push(Math.abs(pr.median - y));
    scored.baselineAbsError.push(Math.abs(b.mean - y));
    scored.covered.push(y >= pr.q10 && y <= pr.q90 ? 1 : 0);
    scored.over.push(over);
    if (y >= b.q10 && y <= b.q90) bcover++;
    ll += binaryLogLoss(po, over);
    bll += binaryLogLoss(pbo, over);
    const pu0 = pOverUncalibrated(model, pr.mu, b.line);
    ull += binaryLogLoss(pu0, over);
    pu.push(pu0);
    p.push(po);
    pb.push(pbo);
  }
  const n = scored.over.length;
  const o = scored.over;
  const mean = (xs: number[]) => xs.reduce((t, x) => t + x, 0) / n;
  if (n === 0) throw new Error(`props: no scorable ${model.market} rows in seasons ${testSeasons.join(', ')}`);
  const binary = spec.kind === 'binary';
  return {
    n,
    mae: mean(scored.absError),
    baselineMae: mean(scored.baselineAbsError),
    ece: expectedCalibrationError(p, o),
    coverage80: binary ? NaN : mean(scored.covered),
    logLoss: ll / n,
    baseline: { ece: expectedCalibrationError(pb, o), coverage80: binary ? NaN : bcover / n, logLoss: bll / n },
    uncalibrated: { ece: expectedCalibrationError(pu, o), logLoss: ull / n },
    pOver: p,
    scored,
    model,
  };
}

/**
 * Fits each market on `trainSeasons` and scores it on `testSeasons` (default: the main markets, with
 * `PROP_DEFAULTS`); `onMarket` reports each market as it finishes.
 */
export function backtestProps(
  env: FeatureEnv,
  trainSeasons: readonly number[],
  testSeasons: readonly number[],
  options: PropsBacktestOptions = {},
): Partial<Record<MarketName, MarketReport>> {
  const overlap = testSeasons.filter((s) => trainSeasons.includes(s));
  if (overlap.length) throw new Error(`props: seasons ${overlap.join(', ')} are both training and test seasons`);
  const out: Partial<Record<MarketName, MarketReport>> = {};
  for (const market of options.markets ?? MAIN_MARKETS) {
    const model = fitPropModel(env, market, trainSeasons, options.configs?.[market] ?? PROP_DEFAULTS[market]);
    const report = scoreMarket(model, env, testSeasons);
    out[market] = report;
    options.onMarket?.(market, report);
  }
  return out;
}

/** The documented per-market JSON shape: {n, mae, baselineMae, ece, coverage80, logLoss}. */
export function scoresOnly(r: MarketReport): MarketScores {
  return { n: r.n, mae: r.mae, baselineMae: r.baselineMae, ece: r.ece, coverage80: r.coverage80, logLoss: r.logLoss };
}
