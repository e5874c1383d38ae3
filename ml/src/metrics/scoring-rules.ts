/**
 * Proper scoring rules for probability forecasts of categorical outcomes (Gneiting & Raftery 2007, JASA 102).
 *  - Ranked probability score (Epstein 1969; Constantinou & Fenton 2012 for football): for K ordered classes,
 *    RPS = 1/(K−1) · Σ_{k<K} (Σ_{j≤k} p_j − Σ_{j≤k} o_j)².
 *  - Log loss: −ln p_outcome (clamped at 1e-15 so a zero probability gives a large finite loss).
 *  - Brier score (Brier 1950), multi-class form: Σ_k (p_k − o_k)².
 * Each takes one probability vector and the observed class index; the `mean*` forms average over a sample.
 */

function check(p: ArrayLike<number>, outcome: number): void {
  if (p.length < 2) throw new RangeError('scoring rule: need at least two classes');
  if (!Number.isInteger(outcome) || outcome < 0 || outcome >= p.length)
    throw new RangeError(`scoring rule: outcome ${outcome} is not a class index in 0..${p.length - 1}`);
}

/** Ranked probability score of one forecast over ordered classes (Epstein 1969): 0 is perfect, lower is better. */
export function rps(p: ArrayLike<number>, outcome: number): number {
  check(p, outcome);
  let cumP = 0;
  let s = 0;
  for (let k = 0; k < p.length - 1; k++) {
    cumP += p[k]!;
    const cumO = k >= outcome ? 1 : 0;
    s += (cumP - cumO) ** 2;
  }
  return s / (p.length - 1);
}

/** Log loss −ln p_outcome in nats, p clamped at 1e-15 (lower is better). */
export function logLoss(p: ArrayLike<number>, outcome: number): number {
  check(p, outcome);
  return -Math.log(Math.max(p[outcome]!, 1e-15));
}

/** Multi-class Brier score Σ_k (p_k − o_k)² of one forecast (Brier 1950), in [0, 2]. */
export function brier(p: ArrayLike<number>, outcome: number): number {
  check(p, outcome);
  let s = 0;
  for (let k = 0; k < p.length; k++) s += (p[k]! - (k === outcome ? 1 : 0)) ** 2;
  return s;
}

function meanOf(fn: (p: ArrayLike<number>, o: number) => number) {
  return (probs: readonly ArrayLike<number>[], outcomes: ArrayLike<number>): number => {
    if (probs.length === 0) throw new RangeError('scoring rule: empty sample');
    if (probs.length !== outcomes.length) throw new RangeError('scoring rule: probs and outcomes differ in length');
    let s = 0;
    for (let i = 0; i < probs.length; i++) s += fn(probs[i]!, outcomes[i]!);
    return s / probs.length;
  };
}

/** Mean ranked probability score over a sample of forecasts and observed classes. */
export const meanRps = meanOf(rps);
/** Mean log loss (nats) over a sample of forecasts and observed classes. */
export const meanLogLoss = meanOf(logLoss);
/** Mean multi-class Brier score over a sample of forecasts and observed classes. */
export const meanBrier = meanOf(brier);
