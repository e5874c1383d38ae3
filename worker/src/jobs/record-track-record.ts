/**
 * The track record tick, right after the odds poll (so picks are taken at the prices just stored): every value bet
 * the NFL finders flag at the stated edge that is not recorded yet goes into the system portfolio
 * (services/track-record). Skipped when no finder has a usable model, or nothing is flagged.
 */
import { recordPicks } from '../services/track-record/index.ts';
import { ran, type Job } from './job.ts';

/** Records new track record picks. */
export const recordTrackRecordJob: Job = {
  name: 'record-track-record',
  async run({ ctx }) {
    const r = await recordPicks(ctx);
    if (r.unavailable.length === 2) return { status: 'skipped', reason: `no usable model (${r.unavailable.join(', ')})` };
    return ran({ flagged: r.flagged, recorded: r.recorded, known: r.known, unavailable: r.unavailable.join(',') || null });
  },
};
