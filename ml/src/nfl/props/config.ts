/**
 * Per-market training configuration. Chosen by walk-forward inside the training seasons only (folds
 * 2015–16 → 2017 and 2015–17 → 2018; bench/props/tune.ts for the whole pipeline, bench/props/study.ts for
 * the distribution/calibration variants on identical rolling-origin predictions; figures in
 * bench/props/README.md) — never on a test season.
 */
import type { GbdtParams, ObjectiveName } from '../../gbdt/index.ts';
import type { MarketName } from './markets.ts';

export interface PropModelConfig {
  /** GBDT parameters shared by the centre models (the objective comes from `objectives`). */
  gbdt: Partial<GbdtParams>;
  /** One centre GBDT per objective; μ is their mean (e.g. squared + absolute: mean and median pulls). */
  objectives: ObjectiveName[];
  /** Rows trained on: position matches and 3-game volume ≥ this fraction of the market's offer threshold. */
  trainVolumeFraction: number;
  /**
   * How many of the latest training seasons supply out-of-sample rows for the distribution and calibration
   * (rolling origin: at most every season but the first). 8 = all of them in practice: on fold →2018 two
   * seasons gave coverage80 nearer 0.80 than one in 3 of 4 main markets and a lower mean log loss.
   */
  oosSeasons: number;
  /**
   * 'rolling': season s is predicted by a model of the seasons before it; 'loso': by a model of all other
   * training seasons (closer in strength to the final model, still never touching a test season).
   */
  oosScheme: 'rolling' | 'loso';
  /**
   * Weight of the pull of the isotonic P(over) map toward the uncalibrated probability (calibrate.ts): the map
   * keeps 1/(1 + w) of the isotonic correction. 4 had the lowest fold log loss of {0, 0.5, 1, 2, 4, 8} in
   * passing and rushing yards and within 0.0003 of the best in the other markets (bench/props/study.ts).
   */
  calibrationPriorWeight: number;
}

const BASE: Partial<GbdtParams> = {
  trees: 300, maxDepth: 3, learningRate: 0.03, minChildWeight: 20, subsample: 0.8, colsample: 0.8, lambda: 5, seed: 7,
};

const centre = (...objectives: ObjectiveName[]): PropModelConfig => ({
  gbdt: BASE,
  objectives,
  trainVolumeFraction: 0.5,
  oosSeasons: 8,
  oosScheme: 'rolling',
  calibrationPriorWeight: 4,
});

/** The training configuration of each market as chosen on the training-season folds (see the file comment). */
export const PROP_DEFAULTS: Record<MarketName, PropModelConfig> = {
  passing_yards: centre('squared', 'absolute'),
  rushing_yards: centre('squared', 'absolute'),
  receiving_yards: centre('squared', 'absolute'),
  receptions: centre('squared'),
  completions: centre('squared'),
  attempts: centre('squared'),
  passing_tds: centre('poisson'),
  carries: centre('squared'),
  anytime_td: centre('logistic'),
};
