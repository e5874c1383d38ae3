import { retrainModels } from '../services/models/retrain/retrain.ts';
import { ran, type Job } from './job.ts';

/**
 * After the daily results: retrain every model kind from the database and pass each candidate through the promotion
 * gate (services/models/retrain). The summary counts slots by outcome and the CPU they used.
 */
export const retrainModelsJob: Job = {
  name: 'retrain-models',
  async run({ ctx }) {
    const { runs } = await retrainModels({ ctx });
    const count = (o: string) => runs.filter((r) => r.outcome === o).length;
    const cpu = runs.reduce((s, r) => s + (r.cpuMs ?? 0), 0);
    return ran({ slots: runs.length, promoted: count('promoted'), refused: count('refused'), unchanged: count('unchanged'), tooFew: count('too-few'), noTrainer: count('no-trainer'), failed: count('failed'), cpuMs: cpu });
  },
};
