/**
 * Retraining the soccer GBDT variants (`soccer_model`: no market inputs; `soccer_ensemble`: with the margin-free
 * pre-close prices), one slot per competition like Dixon–Coles, from the database's finished results and Pinnacle
 * quotes (services/soccer/gbdt.ts). The candidate's gate score is the walk-forward RPS over the latest GATE_POLICY
 * window matches (an ensemble trained on every earlier row predicts them); the active version's procedure — its
 * stored GBDT parameters — is scored on the same matches.
 */
import { soccerCompetitionsWithResults, soccerResultsStamp } from '@fairline/db';
import type { ModelKind, ModelVersionMeta } from '@fairline/db';
import { z } from 'zod';
import { fitSoccerGbdt, GBDT_DC, gbdtMatches, MIN_GBDT_ROWS } from '../../soccer/gbdt.ts';
import { MIN_HISTORY } from '../../soccer/model.ts';
import { soccerScope } from '../../soccer/model-version.ts';
import { GATE_POLICY } from '../gate-policy.ts';
import type { KindTrainer, TrainedCandidate, TrainSkip } from './types.ts';

const DAY_MS = 86_400_000;

/** GBDT parameter overrides as stored in a version's config (numbers only). */
const storedParams = z.record(z.string(), z.number()).optional();

function gbdtTrainer(kind: Extract<ModelKind, 'soccer_model' | 'soccer_ensemble'>): KindTrainer {
  const variant = kind === 'soccer_model' ? 'model' : 'ensemble';
  return {
    kind,
    async targets(ctx) {
      return (await soccerCompetitionsWithResults(ctx.read, ctx.clock(), MIN_HISTORY)).map((c) => ({ scope: soccerScope(c.code), ref: { competitionId: c.id, code: c.code } }));
    },
    async train(ctx, target, options): Promise<TrainedCandidate | TrainSkip> {
      const now = ctx.clock();
      const competitionId = Number(target.ref.competitionId);
      const params = storedParams.parse(options.config?.params);
      const matches = await gbdtMatches(ctx, competitionId, now);
      const window = GATE_POLICY[kind].window;
      const fit = fitSoccerGbdt(matches, variant, window, params ? { params } : {});
      if (!fit) return { skip: 'too-few', detail: `${matches.length} results (a year of warm-up, ≥ ${MIN_GBDT_ROWS} training rows and the ${window}-match gate window are needed)` };
      const dataStamp = await soccerResultsStamp(ctx.read, competitionId, now);
      const scoreActive = async (active: ModelVersionMeta): Promise<number | { note: string }> => {
        if (active.simulated) return { note: 'the active version is a demo model' };
        const theirs = storedParams.safeParse(active.config.params);
        if (!theirs.success) return { note: 'the active version has no GBDT parameters' };
        if (JSON.stringify(theirs.data ?? null) === JSON.stringify(params ?? null)) return fit.gate.rps;
        const again = fitSoccerGbdt(matches, variant, window, theirs.data ? { params: theirs.data } : {});
        return again ? again.gate.rps : { note: 'the active procedure cannot be refitted on these matches' };
      };
      return {
        score: fit.gate.rps,
        scoreActive,
        version: {
          kind,
          scope: target.scope,
          config: { dataStamp, variant, dc: GBDT_DC, ...(params ? { params } : {}), source: 'database (retrain)' },
          featureColumns: fit.artifact.featureNames,
          metrics: {
            gateScore: fit.gate.rps, gateN: fit.gate.n, gateWindowEnd: fit.gate.windowEnd, rps: fit.gate.rps, logLoss: fit.gate.logLoss, brier: fit.gate.brier,
            ...(Number.isFinite(fit.gate.preCloseRps) ? { preCloseRps: fit.gate.preCloseRps } : {}), rows: fit.rows,
          },
          artifact: fit.artifact,
          trainedFrom: new Date(fit.artifact.trainedOn.fromDay * DAY_MS),
          trainedTo: new Date(fit.artifact.trainedOn.toDay * DAY_MS),
        },
      };
    },
  };
}

/** soccer_model (no market inputs). */
export const soccerModelTrainer = gbdtTrainer('soccer_model');
/** soccer_ensemble (with margin-free pre-close prices). */
export const soccerEnsembleTrainer = gbdtTrainer('soccer_ensemble');
