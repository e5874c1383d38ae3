/**
 * Calibration diagnostics for binary probability forecasts: reliability bins (DeGroot & Fienberg 1983) and
 * the expected calibration error ECE = Σ_b (n_b/N)·|mean p_b − frequency_b| (Naeini, Cooper & Hauskrecht
 * 2015) with equal-width bins on [0, 1]. For multi-class forecasts apply per class (one-vs-rest), e.g. with
 * `oneVsRest`.
 */

export interface ReliabilityBin {
  lower: number;
  upper: number;
  count: number;
  meanPredicted: number;
  observedFrequency: number;
}

/** Equal-width reliability bins (empty bins are kept with count 0 and NaN means). */
export function reliabilityBins(p: ArrayLike<number>, y: ArrayLike<number>, bins = 10): ReliabilityBin[] {
  if (p.length !== y.length) throw new RangeError('reliability: p and y differ in length');
  if (!Number.isInteger(bins) || bins < 1) throw new RangeError('reliability: bins must be a positive integer');
  const cnt = new Float64Array(bins), sp = new Float64Array(bins), sy = new Float64Array(bins);
  for (let i = 0; i < p.length; i++) {
    const v = p[i]!;
    const o = y[i]!;
    if (!(v >= 0 && v <= 1)) throw new RangeError(`reliability: probability ${v} at index ${i} is outside [0, 1]`);
    if (o !== 0 && o !== 1) throw new RangeError(`reliability: outcome at index ${i} must be 0 or 1, got ${o}`);
    const b = Math.min(bins - 1, Math.floor(v * bins));
    cnt[b]!++;
    sp[b]! += v;
    sy[b]! += o;
  }
  return Array.from({ length: bins }, (_, b) => ({
    lower: b / bins,
    upper: (b + 1) / bins,
    count: cnt[b]!,
    meanPredicted: cnt[b]! > 0 ? sp[b]! / cnt[b]! : NaN,
    observedFrequency: cnt[b]! > 0 ? sy[b]! / cnt[b]! : NaN,
  }));
}

/** Expected calibration error over equal-width bins. */
export function expectedCalibrationError(p: ArrayLike<number>, y: ArrayLike<number>, bins = 10): number {
  if (p.length === 0) throw new RangeError('ECE: empty sample');
  const rb = reliabilityBins(p, y, bins);
  let e = 0;
  for (const b of rb) if (b.count > 0) e += (b.count / p.length) * Math.abs(b.meanPredicted - b.observedFrequency);
  return e;
}

/**
 * The sampling floor of ECE: its mean over `sims` samples of outcomes drawn from the forecasts themselves
 * (y ~ Bernoulli(p)), i.e. what a perfectly calibrated forecaster with these probabilities shows at this n.
 * ECE is biased upward at small n; a figure near this floor is as calibrated as the sample can show.
 */
export function eceSamplingFloor(p: ArrayLike<number>, sims = 200, bins = 10, seed = 12345): number {
  let state = seed >>> 0;
  const u = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 4294967296;
  const y = new Float64Array(p.length);
  let s = 0;
  for (let k = 0; k < sims; k++) {
    for (let i = 0; i < p.length; i++) y[i] = u() < p[i]! ? 1 : 0;
    s += expectedCalibrationError(p, y, bins);
  }
  return s / sims;
}

/** Split multi-class forecasts into per-class binary (p, y) pairs for the functions above. */
export function oneVsRest(probs: readonly ArrayLike<number>[], outcomes: ArrayLike<number>, cls: number): { p: Float64Array; y: Float64Array } {
  const p = new Float64Array(probs.length);
  const y = new Float64Array(probs.length);
  for (let i = 0; i < probs.length; i++) {
    p[i] = probs[i]![cls]!;
    y[i] = outcomes[i] === cls ? 1 : 0;
  }
  return { p, y };
}
