/** Builds a feature block of rolling player history (prev, mean3, mean8, mean16, EWMA, season mean) for several stats. */
import { HISTORY_COLUMNS, historyBlock, historyNames } from '../rolling.ts';
import type { StatName } from '../weekly.ts';
import type { FeatureBlock } from './types.ts';

/**
 * A feature block `id`@`version` of the player's rolling history (rolling.ts: previous game, 3/8/16-game means,
 * EWMA, season mean, 8-game median) for each of `stats`, from games strictly before the row's.
 */
export function historyFeatures(id: string, version: number, stats: readonly StatName[]): FeatureBlock {
  return {
    id,
    version,
    names: stats.flatMap(historyNames),
    fill({ table }, i, out, o) {
      for (let k = 0; k < stats.length; k++) historyBlock(table, table.stats[stats[k]!], i, out, o + HISTORY_COLUMNS * k);
    },
  };
}
