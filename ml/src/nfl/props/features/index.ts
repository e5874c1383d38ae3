/**
 * Feature matrices per market family. The column list and its version string are part of every model
 * artifact, and the same `buildFeatures` call serves training rows and live rows (a live row is a weekly-table
 * row whose stats are not yet known: builders never read the stats of the row they describe).
 */
import type { DenseMatrix } from '../../../gbdt/index.ts';
import type { FeatureFamily } from '../markets.ts';
import { commonFeatures } from './common.ts';
import { passingOpportunity, receivingOpportunity } from './opportunity.ts';
import { passingFeatures } from './passing.ts';
import { receivingFeatures } from './receiving.ts';
import { rushingFeatures } from './rushing.ts';
import { availability, script } from './situation.ts';
import { touchdownFeatures } from './touchdown.ts';
import type { FeatureBlock, FeatureEnv } from './types.ts';

export type { FeatureBlock, FeatureEnv } from './types.ts';

const FAMILIES: Record<FeatureFamily, readonly FeatureBlock[]> = {
  passing: [commonFeatures, ...passingFeatures, passingOpportunity, availability, script],
  rushing: [commonFeatures, ...rushingFeatures],
  receiving: [commonFeatures, ...receivingFeatures, receivingOpportunity, availability, script],
  touchdown: [commonFeatures, ...touchdownFeatures],
};

/** Column names of a family's feature matrix, in the order `buildFeatures` writes them. */
export function featureNames(family: FeatureFamily): string[] {
  return FAMILIES[family].flatMap((b) => [...b.names]);
}

/** e.g. "receiving:common@1+receiving_history@1+receiving_context@1" — changes whenever a block changes. */
export function featureVersion(family: FeatureFamily): string {
  return `${family}:${FAMILIES[family].map((b) => `${b.id}@${b.version}`).join('+')}`;
}

/** Row-major feature matrix for the given weekly-table rows. */
export function buildFeatures(env: FeatureEnv, family: FeatureFamily, rows: ArrayLike<number>): DenseMatrix {
  const blocks = FAMILIES[family];
  const cols = blocks.reduce((s, b) => s + b.names.length, 0);
  const values = new Float64Array(rows.length * cols);
  for (let r = 0; r < rows.length; r++) {
    let o = r * cols;
    for (const b of blocks) {
      b.fill(env, rows[r]!, values, o);
      o += b.names.length;
    }
  }
  return { values, rows: rows.length, cols };
}
