/**
 * Per-market training configuration. Chosen by walk-forward inside the training seasons only (train
 * 2015–2017, validate 2018; bench/props/tune.ts) — never on a test season.
 */
import type { GbdtParams } from '../gbdt/index.ts';
import type { MarketName } from './markets.ts';

export interface PropModelConfig {
  gbdt: Partial<GbdtParams>;
  /** Rows trained on: position matches and 3-game volume ≥ this fraction of the market's offer threshold. */
  trainVolumeFraction: number;
  /** How many of the latest training seasons supply out-of-sample rows for the distribution and calibration. */
  oosSeasons: number;
  /**
   * 'rolling': season s is predicted by a model of the seasons before it; 'loso': by a model of all other
   * training seasons (closer in strength to the final model, still never touching a test season).
   */
  oosScheme: 'rolling' | 'loso';
}

const BASE: Partial<GbdtParams> = {
  trees: 300, maxDepth: 3, learningRate: 0.03, minChildWeight: 20, subsample: 0.8, colsample: 0.8, lambda: 5, seed: 7,
};

const centre = (objective: GbdtParams['objective']): PropModelConfig => ({
  gbdt: { ...BASE, objective },
  trainVolumeFraction: 0.5,
  oosSeasons: 2,
  oosScheme: 'rolling',
});

export const PROP_DEFAULTS: Record<MarketName, PropModelConfig> = {
  passing_yards: centre('squared'),
  rushing_yards: centre('squared'),
  receiving_yards: centre('squared'),
  receptions: centre('squared'),
  completions: centre('squared'),
  attempts: centre('squared'),
  passing_tds: centre('poisson'),
  carries: centre('squared'),
  anytime_td: centre('logistic'),
};
