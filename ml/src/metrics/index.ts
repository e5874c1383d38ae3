// Metrics: proper scoring rules and calibration diagnostics (generic: probability vectors + outcome indices).
export { rps, logLoss, brier, meanRps, meanLogLoss, meanBrier } from './scoring-rules.ts';
export { reliabilityBins, expectedCalibrationError, eceSamplingFloor, oneVsRest, type ReliabilityBin } from './reliability.ts';
export { clusterBootstrap, clusterIndex, type Interval } from './bootstrap.ts';
