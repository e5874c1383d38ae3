/**
 * The hook for retraining the soccer GBDT variants (`soccer_model`: no market inputs; `soccer_ensemble`: with the
 * margin-free pre-close prices), one slot per competition like Dixon–Coles. Until the serving path builds their
 * feature rows from the database (ml/src/soccer/ensemble's featureRowsForFixtures over stored shots and pre-close
 * prices), each slot reports `no-trainer` — visibly, in every retrain report — rather than filing an untested model.
 * To wire it: load the competition's BacktestMatch history, `trainSoccerEnsemble({ rows, variant })`, gate score
 * `backtestSoccerEnsemble(history, latest GATE_POLICY window, { variant }).rps`, file the artifact.
 */
import { soccerCompetitionsWithResults } from '@fairline/db';
import type { ModelKind } from '@fairline/db';
import { MIN_HISTORY } from '../../soccer/model.ts';
import { soccerScope } from '../../soccer/model-version.ts';
import type { KindTrainer } from './types.ts';

function gbdtTrainer(kind: Extract<ModelKind, 'soccer_model' | 'soccer_ensemble'>): KindTrainer {
  return {
    kind,
    async targets(ctx) {
      return (await soccerCompetitionsWithResults(ctx.read, ctx.clock(), MIN_HISTORY)).map((c) => ({ scope: soccerScope(c.code), ref: { competitionId: c.id, code: c.code } }));
    },
    async train() {
      return { skip: 'no-trainer', detail: `${kind}: the database does not yet feed the ensemble's features (shots on target, pre-close prices) to a trainer` };
    },
  };
}

/** soccer_model (no market inputs). */
export const soccerModelTrainer = gbdtTrainer('soccer_model');
/** soccer_ensemble (with margin-free pre-close prices). */
export const soccerEnsembleTrainer = gbdtTrainer('soccer_ensemble');
