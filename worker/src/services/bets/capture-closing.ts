/**
 * The closing-line capture: for every pending bet whose fixture has kicked off (within CLOSING_WINDOW_MS), its closing
 * price, margin-free closing probability and CLV (closing-line.ts), stored with a `bet.close` audit entry in one
 * transaction per bet. A bet whose market has no closing quote yet stays open for a later tick — football-data's
 * closing prices arrive with the next morning's results file, and the settlement job captures again before settling.
 * Idempotent: a captured bet is never captured again.
 */
import { betsAwaitingClose, closingPrices, setBetClosing, type BetAwaitingClose, type ClosingPriceRow } from '@fairline/db';
import type { Ctx } from '../../context.ts';
import { appendAudit, SYSTEM_ACTOR } from '../audit/index.ts';
import { chooseClosing } from './closing-line.ts';

/** How long after kick-off a bet's closing line is still looked for. */
export const CLOSING_WINDOW_MS = 7 * 86_400_000;
/** Bets read per page. */
const PAGE = 500;

/** A captured closing line, for the owner's room (`closing` event). */
export interface ClosingCaptured {
  userId: string;
  betId: string;
  portfolioId: string;
  fixtureId: number;
  closingPrice: number;
  closingSource: 'own_book' | 'sharpest' | 'consensus';
  fairProbability: number;
  clv: number;
}

/** What a capture did: the lines captured, and the bets still without a closing quote. */
export interface CaptureReport {
  captured: ClosingCaptured[];
  missing: number;
}

const marketKey = (b: BetAwaitingClose) => `${b.fixtureId}|${b.market}|${b.playerId}|${b.prop}`;

/** Captures the closing line of every bet that needs one (see the file comment). */
export async function captureClosingLines({ ctx }: { ctx: Pick<Ctx, 'db' | 'read' | 'clock'> }): Promise<CaptureReport> {
  const now = ctx.clock();
  const captured: ClosingCaptured[] = [];
  let missing = 0;
  const quotes = new Map<string, Promise<ClosingPriceRow[]>>();
  let afterId: string | null = null;
  for (;;) {
    const page: BetAwaitingClose[] = await betsAwaitingClose(ctx.read, { since: new Date(now.getTime() - CLOSING_WINDOW_MS), now }, { afterId, limit: PAGE });
    for (const bet of page) {
      const key = marketKey(bet);
      if (!quotes.has(key)) quotes.set(key, closingPrices(ctx.read, bet));
      const chosen = chooseClosing(bet, await quotes.get(key)!);
      if (!chosen) {
        missing++;
        continue;
      }
      const wrote = await ctx.db.transaction(async (tx) => {
        if (!(await setBetClosing(tx, bet.id, { ...chosen, capturedAt: now }))) return false;
        await appendAudit(tx, { kind: 'bet.close', actor: SYSTEM_ACTOR, subject: `bet:${bet.id}`, payload: { ...chosen } }, now);
        return true;
      });
      if (wrote) {
        captured.push({
          userId: bet.userId, betId: bet.id, portfolioId: bet.portfolioId, fixtureId: bet.fixtureId, closingPrice: chosen.closingPrice,
          closingSource: chosen.closingSource, fairProbability: chosen.fairClosingProbability, clv: chosen.clv,
        });
      }
    }
    if (page.length < PAGE) break;
    afterId = page[page.length - 1]!.id;
  }
  return { captured, missing };
}
