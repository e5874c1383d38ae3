/**
 * Walk-forward evaluation of the ensemble: the GBDT (and its calibrator) is retrained before each season —
 * not before each date — on every finished row strictly before the season's first day (optionally pooled with
 * other leagues' rows, also strictly earlier), then predicts the whole season. Scores sit beside the default
 * model, the margin-free pre-close and the closing market on the same matches, with per-outcome calibration.
 */
import { eceSamplingFloor, expectedCalibrationError, oneVsRest, reliabilityBins, type ReliabilityBin } from '../../metrics/reliability.ts';
import type { GbdtParams } from '../../gbdt/index.ts';
import { scores1x2, type BacktestMatch, type BacktestReport, type Scores } from '../backtest.ts';
import { SOCCER_DEFAULTS, type SoccerHyperparameters } from '../defaults.ts';
import { loadSoccerEnsemble, type OffsetKind, type SoccerEnsembleArtifact } from './artifact.ts';
import type { EnsembleVariant, FeatureRow } from './features.ts';
import { calibrate, rawProbabilities } from './predict.ts';
import { trainSoccerEnsemble } from './train.ts';
import { walkForwardFeatures } from './walk-forward.ts';

/** How the ensemble is trained in a walk-forward run. */
export interface EnsembleWalkOptions {
  variant: EnsembleVariant;
  params?: Partial<GbdtParams>;
  offset?: OffsetKind;
  folds?: number;
  floor?: number;
  calibrationWeight?: number;
  exclude?: readonly string[];
  /** Rows of other leagues added to every training set (only those before the season's first day are used). */
  extraRows?: readonly FeatureRow[];
  /** A break of at least this many days between match dates starts a new season (a retrain). Default 45. */
  seasonGapDays?: number;
  dc?: SoccerHyperparameters;
  createdAt?: string;
}

/** A walk-forward prediction of the ensemble next to the default model and the two market prices. */
export interface EnsemblePrediction {
  row: FeatureRow;
  probs: [number, number, number];
  /** The GBDT's probabilities before isotonic calibration (diagnostic). */
  raw: [number, number, number];
}

/**
 * Predict `test` rows season by season, each season by an ensemble trained on `train` ∪ earlier test seasons
 * (∪ `extraRows`), every training row strictly before the season's first day. Returns the predictions and the
 * artifact of the last season's fit.
 */
export function walkForwardEnsemble(
  train: readonly FeatureRow[],
  test: readonly FeatureRow[],
  options: EnsembleWalkOptions,
): { predictions: EnsemblePrediction[]; last: SoccerEnsembleArtifact; seasons: number } {
  const gap = options.seasonGapDays ?? 45;
  const sorted = [...test].sort((a, b) => a.day - b.day);
  const pool = [...train, ...sorted, ...(options.extraRows ?? [])];
  const predictions: EnsemblePrediction[] = [];
  let last: SoccerEnsembleArtifact | undefined;
  let seasons = 0;
  for (let i = 0; i < sorted.length; ) {
    let j = i + 1;
    while (j < sorted.length && sorted[j]!.day - sorted[j - 1]!.day < gap) j++;
    const start = sorted[i]!.day;
    const artifact = trainSoccerEnsemble({
      rows: pool.filter((r) => r.day < start && r.outcome !== undefined),
      variant: options.variant,
      ...(options.params ? { params: options.params } : {}),
      ...(options.offset ? { offset: options.offset } : {}),
      ...(options.folds ? { folds: options.folds } : {}),
      ...(options.floor !== undefined ? { floor: options.floor } : {}),
      ...(options.calibrationWeight !== undefined ? { calibrationWeight: options.calibrationWeight } : {}),
      ...(options.exclude ? { exclude: options.exclude } : {}),
      ...(options.dc ? { dc: options.dc } : {}),
      ...(options.createdAt ? { createdAt: options.createdAt } : {}),
    });
    const loaded = loadSoccerEnsemble(artifact);
    for (let k = i; k < j; k++) {
      const raw = rawProbabilities(loaded, sorted[k]!);
      predictions.push({ row: sorted[k]!, probs: calibrate(loaded, raw), raw });
    }
    last = artifact;
    seasons++;
    i = j;
  }
  if (!last) throw new Error('soccer ensemble: no test rows');
  return { predictions, last, seasons };
}

/** Calibration of one 1X2 outcome over a set of forecasts. */
export interface OutcomeCalibration {
  outcome: 'home' | 'draw' | 'away';
  ece: number;
  /** ECE a perfectly calibrated forecaster shows at this sample size (metrics/reliability.ts). */
  floor: number;
  bins: ReliabilityBin[];
}

/** Reliability bins, ECE and its sampling floor per 1X2 outcome (10 equal-width bins). */
export function calibration1x2(probs: readonly (readonly number[])[], outcomes: readonly number[]): OutcomeCalibration[] {
  return (['home', 'draw', 'away'] as const).map((outcome, c) => {
    const { p, y } = oneVsRest(probs, outcomes, c);
    return { outcome, ece: expectedCalibrationError(p, y), floor: eceSamplingFloor(p), bins: reliabilityBins(p, y) };
  });
}

/** The ensemble's walk-forward report, shaped like the Dixon–Coles backtest's where they overlap. */
export interface EnsembleBacktestReport {
  matches: number;
  /** Matches with valid closing odds; `model` and `market` are scored on them. */
  compared: number;
  skippedNoClosing: number;
  model: Scores;
  market: Scores;
  modelAll: Scores;
  preClose: Scores & { compared: number; model: Scores };
  /** The default model (Dixon–Coles + shots) on the same matches, from the same fits. */
  default: { model: Scores; modelAll: Scores };
  calibration: OutcomeCalibration[];
  seasons: number;
  artifact: SoccerEnsembleArtifact;
  predictions: { day: number; home: string; away: string; outcome: number; model: [number, number, number]; market: [number, number, number] | null; preClose: [number, number, number] | null }[];
}

/** Score walk-forward ensemble predictions (see `EnsembleBacktestReport`). */
export function scoreEnsemble(predictions: readonly EnsemblePrediction[]): Omit<EnsembleBacktestReport, 'seasons' | 'artifact'> {
  const done = predictions.filter((p) => p.row.outcome !== undefined);
  const o = (ps: readonly EnsemblePrediction[]) => ps.map((p) => p.row.outcome!);
  const closing = done.filter((p) => p.row.closing);
  const pre = done.filter((p) => p.row.preClose);
  return {
    matches: done.length,
    compared: closing.length,
    skippedNoClosing: done.length - closing.length,
    model: scores1x2(closing.map((p) => p.probs), o(closing)),
    market: scores1x2(closing.map((p) => p.row.closing!), o(closing)),
    modelAll: scores1x2(done.map((p) => p.probs), o(done)),
    preClose: { ...scores1x2(pre.map((p) => p.row.preClose!), o(pre)), compared: pre.length, model: scores1x2(pre.map((p) => p.probs), o(pre)) },
    default: { model: scores1x2(closing.map((p) => p.row.dc), o(closing)), modelAll: scores1x2(done.map((p) => p.row.dc), o(done)) },
    calibration: done.length > 0 ? calibration1x2(done.map((p) => p.probs), o(done)) : [],
    predictions: done.map((p) => ({
      day: p.row.day, home: p.row.home, away: p.row.away, outcome: p.row.outcome!, model: p.probs, market: p.row.closing, preClose: p.row.preClose,
    })),
  };
}

/** Options of `backtestSoccerEnsemble`. */
export interface EnsembleBacktestOptions extends EnsembleWalkOptions {
  /** History learned by Dixon–Coles only (no feature rows) before rows start. Default 365 days. */
  warmupDays?: number;
  onProgress?: (done: number, total: number) => void;
}

/**
 * The whole walk-forward from CSV-like matches: Dixon–Coles features over `history` (after a warm-up that only
 * Dixon–Coles learns from) and `test`, then the ensemble retrained per test season on earlier rows.
 */
export function backtestSoccerEnsemble(
  history: readonly BacktestMatch[],
  test: readonly BacktestMatch[],
  options: EnsembleBacktestOptions,
): EnsembleBacktestReport & { dc: BacktestReport } {
  if (test.length === 0) throw new Error('backtest: no test matches');
  const hist = [...history].sort((a, b) => a.day - b.day);
  if (hist.length === 0) throw new Error('soccer ensemble: the ensemble needs history to learn from');
  const warmEnd = hist[0]!.day + (options.warmupDays ?? 365);
  const warm = hist.filter((m) => m.day < warmEnd);
  const later = hist.filter((m) => m.day >= warmEnd);
  const { rows, report } = walkForwardFeatures(warm, [...later, ...test], {
    hp: options.dc ?? SOCCER_DEFAULTS,
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  const firstTest = Math.min(...test.map((m) => m.day));
  const trainRows = rows.filter((r) => r.day < firstTest);
  const testRows = rows.filter((r) => r.day >= firstTest);
  const walk = walkForwardEnsemble(trainRows, testRows, options);
  return { ...scoreEnsemble(walk.predictions), seasons: walk.seasons, artifact: walk.last, dc: report };
}
