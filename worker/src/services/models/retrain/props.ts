/**
 * Retraining the NFL prop models, one slot per market. Placeholder until the weekly columns the features need are
 * stored (see the retrain report's detail).
 */
import { ALL_MARKETS } from '@fairline/ml/nfl/props/index';
import { propsScope } from '../../nfl/props/pricing-models.ts';
import type { KindTrainer } from './types.ts';

/** NFL props: one slot per market. */
export const propsTrainer: KindTrainer = {
  kind: 'nfl_props',
  async targets() {
    return ALL_MARKETS.map((m) => ({ scope: propsScope(m), ref: { market: m } }));
  },
  async train() {
    return { skip: 'no-trainer', detail: 'nfl_props: training from the database is not wired yet' };
  },
};
