import type { GbdtParams } from './types.ts';

/** Reject out-of-range hyperparameters with a message naming the parameter. */
export function validateParams(p: GbdtParams, numFeatures: number): void {
  const bad = (name: string, v: unknown, want: string) => {
    throw new Error(`gbdt: parameter ${name} must be ${want}, got ${String(v)}`);
  };
  const int = (name: keyof GbdtParams, min: number) => {
    const v = p[name] as number;
    if (!(Number.isInteger(v) && v >= min)) bad(name, v, `an integer ≥ ${min}`);
  };
  int('trees', 1);
  int('maxDepth', 0);
  int('maxLeaves', 0);
  int('maxBins', 2);
  int('earlyStoppingRounds', 0);
  if (p.maxBins > 256) bad('maxBins', p.maxBins, '≤ 256');
  if (p.maxDepth === 0 && p.maxLeaves === 0) bad('maxDepth', 0, '> 0 unless maxLeaves > 0');
  if (p.maxLeaves === 1) bad('maxLeaves', 1, '0 or ≥ 2');
  if (!(p.learningRate > 0)) bad('learningRate', p.learningRate, '> 0');
  if (!(p.lambda >= 0)) bad('lambda', p.lambda, '≥ 0');
  if (!(p.minChildWeight >= 0)) bad('minChildWeight', p.minChildWeight, '≥ 0');
  if (!(p.gamma >= 0)) bad('gamma', p.gamma, '≥ 0');
  if (!(p.subsample > 0 && p.subsample <= 1)) bad('subsample', p.subsample, 'in (0, 1]');
  if (!(p.colsample > 0 && p.colsample <= 1)) bad('colsample', p.colsample, 'in (0, 1]');
  if (!Number.isInteger(p.seed)) bad('seed', p.seed, 'an integer');
  if (p.monotone.length !== 0 && p.monotone.length !== numFeatures) {
    bad('monotone', `${p.monotone.length} entries`, `empty or one entry per feature (${numFeatures})`);
  }
  if (!['auto', 'exact', 'quantized'].includes(p.histogram)) bad('histogram', p.histogram, "'auto', 'exact' or 'quantized'");
  if (p.monotone.some((c) => c !== -1 && c !== 0 && c !== 1)) bad('monotone', p.monotone, 'entries in {-1, 0, 1}');
}
