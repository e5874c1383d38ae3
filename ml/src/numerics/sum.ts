/**
 * Compensated summation (Neumaier's improvement of Kahan's algorithm; Neumaier 1974, "Rundungsfehleranalyse
 * einiger Verfahren zur Summation endlicher Summen"). Keeps the rounding error independent of the number of
 * terms, which matters when a log-likelihood adds thousands of terms of mixed magnitude.
 */

/** Compensated sum of an array-like of numbers. */
export function sum(values: ArrayLike<number>): number {
  let s = 0;
  let c = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    const t = s + v;
    c += Math.abs(s) >= Math.abs(v) ? s - t + v : v - t + s;
    s = t;
  }
  return s + c;
}

/** Streaming compensated accumulator for sums built incrementally. */
export class CompensatedSum {
  private s = 0;
  private c = 0;
  add(v: number): this {
    const t = this.s + v;
    this.c += Math.abs(this.s) >= Math.abs(v) ? this.s - t + v : v - t + this.s;
    this.s = t;
    return this;
  }
  get value(): number {
    return this.s + this.c;
  }
}

/** Compensated mean. */
export function mean(values: ArrayLike<number>): number {
  if (values.length === 0) throw new RangeError('mean: empty input');
  return sum(values) / values.length;
}
