import { publishToRoom } from '../rooms/publish.ts';
import { refreshSoccerPredictions } from '../services/soccer/refresh-predictions.ts';
import type { Job } from './job.ts';

/** Refit (when results changed) and re-predict upcoming soccer fixtures; push moved 1X2 probabilities live. */
export const refreshSoccerPredictionsJob: Job = {
  name: 'refresh-soccer-predictions',
  async run({ ctx, env }) {
    const r = await refreshSoccerPredictions({ ctx });
    for (const c of r.changes) {
      const event = { kind: 'prediction' as const, fixtureId: c.fixtureId, market: '1x2', selection: c.selection, probability: c.probability };
      await publishToRoom(env, 'soccer', event);
      await publishToRoom(env, `fixture:${c.fixtureId}`, event);
    }
    return { competitions: r.competitions, refitted: r.refitted, inserted: r.inserted, pushed: r.changes.length, skipped: r.skipped.join('; ') || null };
  },
};
