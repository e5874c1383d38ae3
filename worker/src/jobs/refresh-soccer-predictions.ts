import { refreshSoccerPredictions } from '../services/soccer/refresh-predictions.ts';
import { ran, type Job } from './job.ts';

/**
 * Refit (when results changed) and re-predict upcoming soccer fixtures; the fixtures whose 1X2 moved are enqueued for
 * the event pipeline (whose consumer publishes their stored 1X2), or without a queue their moves pushed here.
 */
export const refreshSoccerPredictionsJob: Job = {
  name: 'refresh-soccer-predictions',
  async run({ ctx, rooms, changes }) {
    const r = await refreshSoccerPredictions({ ctx });
    const figures = { competitions: r.competitions, refitted: r.refitted, inserted: r.inserted, pushed: r.changes.length, skipped: r.skipped.join('; ') || null };
    if (changes) {
      const messages = await changes.enqueue('predictions', r.changes.map((c) => c.fixtureId), ctx.clock());
      return ran({ ...figures, messages });
    }
    for (const c of r.changes) {
      const event = { kind: 'prediction' as const, fixtureId: c.fixtureId, market: '1x2', selection: c.selection, probability: c.probability };
      await rooms.publish('soccer', event);
      await rooms.publish(`fixture:${c.fixtureId}`, event);
    }
    return ran(figures);
  },
};
