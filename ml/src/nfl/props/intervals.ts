/**
 * How far a test season's figures could move by chance: 90 % player-cluster bootstrap intervals of the MAE
 * improvement over the rolling-8 baseline and of coverage80. A player's games share his bias, so whole players
 * are resampled (metrics/bootstrap.ts). A target that sits inside the interval is not decided by that season.
 */
import { clusterBootstrap, clusterIndex, type Interval } from '../../metrics/index.ts';
import type { MarketReport } from './evaluate.ts';

export interface ScoreIntervals {
  /** 1 − MAE / baseline MAE (0.05 = 5 % better). */
  maeImprovement: Interval;
  coverage80: Interval;
}

/** 90 % player-cluster bootstrap intervals (`reps` resamples) of a market's MAE improvement and coverage80. */
export function scoreIntervals(r: Pick<MarketReport, 'scored'>, reps = 1000): ScoreIntervals {
  const { player, absError, baselineAbsError, covered } = r.scored;
  const clusters = clusterIndex(player);
  const n = player.length;
  const maeImprovement = clusterBootstrap(clusters, (w) => {
    let a = 0, b = 0;
    for (let i = 0; i < n; i++) {
      a += w[i]! * absError[i]!;
      b += w[i]! * baselineAbsError[i]!;
    }
    return 1 - a / b;
  }, { reps, seed: 11 });
  const coverage80 = clusterBootstrap(clusters, (w) => {
    let c = 0, t = 0;
    for (let i = 0; i < n; i++) {
      c += w[i]! * covered[i]!;
      t += w[i]!;
    }
    return c / t;
  }, { reps, seed: 12 });
  return { maeImprovement, coverage80 };
}
