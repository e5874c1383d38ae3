/**
 * Split-based feature importance, the three kinds XGBoost's `get_score` reports: total and mean gain (loss
 * change of the splits on the feature), total and mean cover (hessian sum reaching those splits) and the
 * number of splits ("weight").
 */
import type { Forest } from './forest.ts';

export interface Importance {
  feature: string;
  splits: number;
  totalGain: number;
  gain: number;
  totalCover: number;
  cover: number;
}

/** One entry per feature, in feature order (features never split on have zeros). */
export function forestImportance(f: Forest, names: readonly string[]): Importance[] {
  const F = f.numFeatures;
  const splits = new Float64Array(F);
  const gain = new Float64Array(F);
  const cover = new Float64Array(F);
  for (let i = 0; i < f.feature.length; i++) {
    const j = f.feature[i]!;
    if (j < 0) continue;
    splits[j] = splits[j]! + 1;
    gain[j] = gain[j]! + f.gain[i]!;
    cover[j] = cover[j]! + f.cover[i]!;
  }
  return names.map((feature, j) => {
    const s = splits[j]!;
    return {
      feature,
      splits: s,
      totalGain: gain[j]!,
      gain: s > 0 ? gain[j]! / s : 0,
      totalCover: cover[j]!,
      cover: s > 0 ? cover[j]! / s : 0,
    };
  });
}
