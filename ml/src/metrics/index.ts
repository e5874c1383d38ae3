// Metrics: proper scoring rules and calibration diagnostics (generic: probability vectors + outcome indices).
export { rps, logLoss, brier, meanRps, meanLogLoss, meanBrier } from './scoring-rules.ts';
export { reliabilityBins, expectedCalibrationError, eceSamplingFloor, oneVsRest, type ReliabilityBin } from './reliability.ts';
export { clusterBootstrap, clusterIndex, type Interval } from './bootstrap.ts';
export { featureProfile, psi, psiByFeature, psiExpected, psiLevel, binOf, binShares, quantileEdges, PSI_THRESHOLDS, PSI_EPSILON, type FeatureProfile, type FeaturePsi, type DriftLevel } from './psi.ts';
export { calibrationDrift, CALIBRATION_THRESHOLDS, type CalibrationDrift } from './calibration-drift.ts';
