/**
 * `trackRecord.summary`, public: the system portfolio's record — ROI, mean CLV, picks and settled picks, the full
 * statistics, the picks themselves (newest first) — and the audit chain's head hash and length, which anyone can
 * note and compare later: `fairline audit verify` recomputes the chain, so a pick added or edited after the fact
 * would break it or change the head.
 */
import { allBetsOf, auditHead, countAuditEntries } from '@fairline/db';
import type { Ctx } from '../../context.ts';
import { betView, type BetView } from '../bets/view.ts';
import { statsOfPortfolio, type PortfolioStatsView } from '../portfolios/index.ts';
import { TRACK_RECORD_DAYS, TRACK_RECORD_MIN_EDGE } from './record-picks.ts';
import { findSystemPortfolio, PICK_STAKE } from './system-portfolio.ts';
import { toAmount } from '../portfolios/money.ts';

/** Picks listed at most (newest first). */
export const MAX_LISTED_PICKS = 500;

/** The public track record. Amounts in `currency` units. */
export interface TrackRecordSummary {
  /** The stated edge: picks are value bets with model EV per unit staked at least this. */
  minEdge: number;
  /** How far ahead picks are taken (days before kick-off at most). */
  horizonDays: number;
  /** Every pick's flat stake, in currency units. */
  stake: number;
  currency: string;
  portfolioId: string | null;
  /** Picks recorded, and how many are settled. */
  bets: number;
  settled: number;
  pending: number;
  pnl: number;
  /** P&L ÷ staked over settled picks; null before any settles. */
  roi: number | null;
  /** Mean CLV over picks with a closing line; null without one. */
  clv: number | null;
  stats: PortfolioStatsView | null;
  audit: { head: string | null; length: number };
  /** Newest first, at most MAX_LISTED_PICKS. */
  picks: BetView[];
}

/** The track record (see the file comment); before the first pick, empty figures and the chain's head. */
export async function trackRecordSummary({ ctx }: { ctx: Ctx }): Promise<TrackRecordSummary> {
  const [sys, head, length] = await Promise.all([findSystemPortfolio(ctx), auditHead(ctx.read), countAuditEntries(ctx.read)]);
  const base = { minEdge: TRACK_RECORD_MIN_EDGE, horizonDays: TRACK_RECORD_DAYS, audit: { head: head?.hash ?? null, length } };
  if (!sys) {
    return { ...base, stake: toAmount(PICK_STAKE, 'USD'), currency: 'USD', portfolioId: null, bets: 0, settled: 0, pending: 0, pnl: 0, roi: null, clv: null, stats: null, picks: [] };
  }
  const { userId, portfolio: p } = sys;
  const [stats, rows] = await Promise.all([statsOfPortfolio(ctx.read, userId, p), allBetsOf(ctx.read, userId, p.id)]);
  const picks = rows.map((r) => betView(r, p.currency)).reverse();
  const withClv = picks.filter((b) => b.closing !== null);
  return {
    ...base,
    stake: toAmount(PICK_STAKE, p.currency),
    currency: p.currency,
    portfolioId: p.id,
    bets: picks.length,
    settled: picks.filter((b) => b.result !== 'pending').length,
    pending: picks.filter((b) => b.result === 'pending').length,
    pnl: stats.pnl,
    roi: stats.roi,
    clv: withClv.length ? withClv.reduce((a, b) => a + b.closing!.clv, 0) / withClv.length : null,
    stats,
    picks: picks.slice(0, MAX_LISTED_PICKS),
  };
}
