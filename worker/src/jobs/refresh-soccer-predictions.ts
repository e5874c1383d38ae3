import { refreshSoccerPredictions } from '../services/soccer/refresh-predictions.ts';
import { ran, type Job } from './job.ts';

/** Refit (when results changed) and re-predict upcoming soccer fixtures; push moved 1X2 probabilities live. */
export const refreshSoccerPredictionsJob: Job = {
  name: 'refresh-soccer-predictions',
  async run({ ctx, rooms }) {
    const r = await refreshSoccerPredictions({ ctx });
    for (const c of r.changes) {
      const event = { kind: 'prediction' as const, fixtureId: c.fixtureId, market: '1x2', selection: c.selection, probability: c.probability };
      await rooms.publish('soccer', event);
      await rooms.publish(`fixture:${c.fixtureId}`, event);
    }
    return ran({ competitions: r.competitions, refitted: r.refitted, inserted: r.inserted, pushed: r.changes.length, skipped: r.skipped.join('; ') || null });
  },
};
