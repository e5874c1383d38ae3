/**
 * The soccer ensemble (issue 14): features known before kickoff → a softmax GBDT (our engine) boosted from the
 * Dixon–Coles (model) or pre-close market (ensemble) forecast → out-of-sample one-vs-rest isotonic calibration;
 * a JSON artifact for the registry; the score grid reweighted to the ensemble's 1X2 so every market agrees.
 */
export { ELO_DEFAULTS, eloExpected, eloUpdate, goalMultiplier, type EloParams } from './elo.ts';
export { ResultsState, type StateOptions, type TeamSnapshot } from './state.ts';
export {
  FEATURE_NAMES,
  MARKET_FEATURES,
  MODEL_FEATURES,
  featureNamesOf,
  featureRow,
  type EnsembleVariant,
  type FeatureFixture,
  type FeatureRow,
} from './features.ts';
export { walkForwardFeatures, featureRowsForFixtures, type WalkForwardFeatureOptions } from './walk-forward.ts';
export { fitDixonColesAsOf } from './serving-fit.ts';
export {
  SOCCER_ENSEMBLE_TAG,
  SOCCER_ENSEMBLE_VERSION,
  loadSoccerEnsemble,
  type EnsembleMetrics,
  type LoadedSoccerEnsemble,
  type OffsetKind,
  type SoccerEnsembleArtifact,
} from './artifact.ts';
export { CALIBRATION_WEIGHT, GBDT_BASE, GBDT_DEFAULTS, trainSoccerEnsemble, type EnsembleTrainInput } from './train.ts';
export { predictSoccerEnsemble, explainSoccerEnsemble, rawProbabilities, calibrate, offsetOf, type OutcomeExplanation } from './predict.ts';
export { adjustGridTo1x2 } from './grid.ts';
export {
  backtestSoccerEnsemble,
  walkForwardEnsemble,
  scoreEnsemble,
  calibration1x2,
  type EnsembleBacktestOptions,
  type EnsembleBacktestReport,
  type EnsemblePrediction,
  type EnsembleWalkOptions,
  type OutcomeCalibration,
} from './backtest.ts';
