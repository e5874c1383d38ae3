/**
 * The settlement tick, right after the daily results ingestion: closing lines first (football-data's closing prices
 * arrive in the same results files), then every bet with an outcome settled — or re-settled after a corrected result —
 * by services/bets/settle-bets, and each owner told in their private room (`closing`, `settled`). Fails the tick when
 * a bet could not be settled (it stays pending, the next tick tries again).
 */
import { captureClosingLines } from '../services/bets/capture-closing.ts';
import { settleBets } from '../services/bets/settle-bets.ts';
import { ran, type Job } from './job.ts';
import { closingEvent, publishToOwners, settledEvent } from './portfolio-events.ts';

/** Captures closing lines, settles and re-settles, and pushes the events to the bets' owners. */
export const settleBetsJob: Job = {
  name: 'settle-bets',
  async run({ ctx, rooms }) {
    const closing = await captureClosingLines({ ctx });
    const s = await settleBets({ ctx });
    const users = await publishToOwners(rooms, [
      ...closing.captured.map((c) => ({ userId: c.userId, event: closingEvent(c) })),
      ...s.settled.map((x) => ({ userId: x.userId, event: settledEvent(x) })),
    ]);
    const summary = {
      closing: closing.captured.length, settled: s.settled.filter((x) => !x.resettled).length, resettled: s.settled.filter((x) => x.resettled).length,
      waiting: s.waiting, failed: s.failed, users,
    };
    if (s.failed > 0) return { status: 'failed', error: `${s.failed} bet(s) could not be settled (see the log)`, summary };
    return ran(summary);
  },
};
