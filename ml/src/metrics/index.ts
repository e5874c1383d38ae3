// Metrics: proper scoring rules and calibration diagnostics (generic: probability vectors + outcome indices).
export { rps, logLoss, brier, meanRps, meanLogLoss, meanBrier } from './scoring-rules.ts';
export { reliabilityBins, expectedCalibrationError, oneVsRest, type ReliabilityBin } from './reliability.ts';
