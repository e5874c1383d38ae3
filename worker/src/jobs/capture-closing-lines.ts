/**
 * The closing-line tick (every 5 minutes, after the fixture push): pending bets on fixtures that kicked off get their
 * closing price, margin-free closing probability and CLV (services/bets/capture-closing), and each owner is told in
 * their private room. Skipped (no work) when no bet is waiting for its close.
 */
import { captureClosingLines } from '../services/bets/capture-closing.ts';
import { ran, type Job } from './job.ts';
import { closingEvent, publishToOwners } from './portfolio-events.ts';

/** Captures due closing lines and pushes a `closing` event per bet to its owner. */
export const captureClosingLinesJob: Job = {
  name: 'capture-closing-lines',
  async run({ ctx, rooms }) {
    const r = await captureClosingLines({ ctx });
    if (r.captured.length === 0 && r.missing === 0) return { status: 'skipped', reason: 'no pending bet past kick-off without a closing line' };
    const users = await publishToOwners(rooms, r.captured.map((c) => ({ userId: c.userId, event: closingEvent(c) })));
    return ran({ captured: r.captured.length, missing: r.missing, users });
  },
};
