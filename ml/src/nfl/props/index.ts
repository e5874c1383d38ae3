// NFL player props: data tables, leakage-free features per market family, per-market GBDT
// centres with a fitted predictive distribution and isotonic P(over) calibration, artifacts, and backtests.
export { parseWeekly, buildWeeklyTable, tableRows, STATS, type RawRow, type StatName, type WeeklyTable } from './weekly.ts';
export { buildTeamRolling, positionGroup, type PositionGroup, type TeamRolling } from './team-games.ts';
export { buildEnv, repairOpponents } from './env.ts';
export { withUpcoming, type UpcomingGame } from './live.ts';
export { buildFeatures, featureNames, featureVersion, type FeatureBlock, type FeatureEnv } from './features/index.ts';
export { historyBlock, lastMean, lastValues, gamesPlayed, EWMA_HALF_LIFE } from './rolling.ts';
export {
  MARKETS, MAIN_MARKETS, ALL_MARKETS, MIN_PRIOR_GAMES, isOffered, offeredRows, outcomes,
  type MarketName, type MarketSpec, type OutcomeKind, type FeatureFamily,
} from './markets.ts';
export { baselineAt, roundToHalf, BASELINE_GAMES, type Baseline } from './baseline.ts';
export { PROP_DEFAULTS, type PropModelConfig } from './config.ts';
export * as scaledResidual from './distributions/scaled-residual.ts';
export { fitPropModel, outOfSample, predictCentre, project, pOver, pOverUncalibrated, trainingRows, type PropModel, type Projection, type OutOfSample } from './model.ts';
export { serializePropModel, loadPropModel, PROP_MODEL_TAG, PROP_MODEL_VERSION, type PropModelArtifact } from './artifact.ts';
export { projectionRecords, type ProjectionRecord, type ProjectionDistribution } from './projections.ts';
export { backtestProps, scoreMarket, scoresOnly, type MarketScores, type MarketReport, type PropsBacktestOptions } from './evaluate.ts';
export { scoreIntervals, type ScoreIntervals } from './intervals.ts';
export { propExplainer, explainPropRow, propFeatureLabel } from './explain.ts';
