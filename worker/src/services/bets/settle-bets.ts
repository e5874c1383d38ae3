/**
 * The settlement run, after results arrive: every pending bet on a fixture with an outcome is settled with ml's
 * settleBet (THE settlement rule: result and P&L in minor units) on the final score — or, for a player prop, the
 * player's stat line; a cancelled fixture voids. A bet already settled is settled again when what it was settled on
 * changed (a corrected score or stat): a NEW `resettle` entry in bet_settlements, never an overwrite, and a
 * `bet.resettle` audit entry. Idempotent: a run that finds nothing changed writes nothing. One transaction per bet,
 * which re-checks (under the bet's row lock) that nobody settled or voided it since it was read.
 *
 * A prop bet whose player has no stat line waits PROP_STAT_GRACE_MS after kick-off for the stats file, then voids
 * (the player did not take part). Bets on fixtures that kicked off more than RESETTLE_WINDOW_MS ago are not
 * re-examined once settled.
 */
import { appendSettlement, lockBetForSettlement, settlementCandidates, type PlayerStatLine, type SettlementCandidate } from '@fairline/db';
import { portfolio } from '@fairline/ml';
import type { Ctx } from '../../context.ts';
import { appendAudit, SYSTEM_ACTOR } from '../audit/index.ts';
import { toAmount } from '../portfolios/money.ts';
import { propMarketOf } from './selection.ts';

/** How long a settled bet keeps being compared with its fixture's result (corrections come within days). */
export const RESETTLE_WINDOW_MS = 30 * 86_400_000;
/** How long after kick-off a prop bet waits for its player's stat line before it is void. */
export const PROP_STAT_GRACE_MS = 3 * 86_400_000;
/** Bets read per page. */
const PAGE = 500;

/** A settlement written, for the owner's room (`settled` event); `pnl` in currency units of `currency`. */
export interface BetSettled {
  userId: string;
  betId: string;
  portfolioId: string;
  fixtureId: number;
  result: portfolio.SettledResult;
  pnl: number;
  currency: string;
  /** True for a re-settlement after a corrected result. */
  resettled: boolean;
  sequence: number;
}

/** What a run did. */
export interface SettleReport {
  settled: BetSettled[];
  /** Bets whose settlement input is not there yet (a prop's stat line within its grace period). */
  waiting: number;
  /** Bets that could not be settled (a stored selection the engine refuses): logged, left pending. */
  failed: number;
}

type Basis = { homeScore: number | null; awayScore: number | null; statValue: number | null };

/** A prop's settling statistic from the player's stat line, by the stored prop key (null: not recorded). */
export function propStat(prop: string | null, s: PlayerStatLine): number | null {
  switch (propMarketOf(prop)) {
    case 'passing_yards':
      return s.passingYards;
    case 'rushing_yards':
      return s.rushingYards;
    case 'receiving_yards':
      return s.receivingYards;
    case 'receptions':
      return s.receptions;
    case 'completions':
      return s.completions;
    case 'attempts':
      return s.passAttempts;
    case 'passing_tds':
      return s.passingTds;
    case 'carries':
      return s.carries;
    case 'anytime_td':
      return s.rushingTds === null && s.receivingTds === null ? null : (s.rushingTds ?? 0) + (s.receivingTds ?? 0);
    default:
      return null;
  }
}

/** What bet `c` settles on now, or 'wait' when its input is not there yet. */
export function eventResultOf(c: SettlementCandidate, now: Date): { result: portfolio.EventResult; basis: Basis } | 'wait' {
  const none: Basis = { homeScore: null, awayScore: null, statValue: null };
  if (c.fixtureStatus === 'cancelled') return { result: { kind: 'void' }, basis: none };
  if (c.market === 'player_prop') {
    const value = c.stats ? propStat(c.prop, c.stats) : null;
    if (value !== null) return { result: { kind: 'stat', value }, basis: { ...none, statValue: value } };
    return now.getTime() - c.kickoffAt.getTime() > PROP_STAT_GRACE_MS ? { result: { kind: 'void' }, basis: none } : 'wait';
  }
  if (c.homeScore === null || c.awayScore === null) return 'wait';
  return { result: { kind: 'score', home: c.homeScore, away: c.awayScore }, basis: { homeScore: c.homeScore, awayScore: c.awayScore, statValue: null } };
}

const sameBasis = (a: Basis, b: Basis) => a.homeScore === b.homeScore && a.awayScore === b.awayScore && a.statValue === b.statValue;

/** Settles and re-settles what needs it (see the file comment). */
export async function settleBets({ ctx }: { ctx: Pick<Ctx, 'db' | 'read' | 'clock' | 'logger'> }): Promise<SettleReport> {
  const now = ctx.clock();
  const report: SettleReport = { settled: [], waiting: 0, failed: 0 };
  let afterId: string | null = null;
  for (;;) {
    const page: SettlementCandidate[] = await settlementCandidates(ctx.read, { resettleSince: new Date(now.getTime() - RESETTLE_WINDOW_MS), afterId, limit: PAGE });
    for (const c of page) {
      const input = eventResultOf(c, now);
      if (input === 'wait') {
        report.waiting++;
        continue;
      }
      let settlement: portfolio.Settlement;
      try {
        const selection = portfolio.parseBetSelection({ market: c.market, selection: c.selection, line: c.line });
        settlement = portfolio.settleBet({ selection, price: c.priceTaken, stake: c.stake }, input.result);
      } catch (err) {
        ctx.logger.error('settlement: bet cannot be settled', { betId: c.id, error: String(err) });
        report.failed++;
        continue;
      }
      const last = c.last;
      if (last && last.result === settlement.result && last.pnl === settlement.pnl && sameBasis(last, input.basis)) continue;
      const kind = c.result === 'pending' ? 'settle' : 'resettle';
      const entry = await ctx.db.transaction(async (tx) => {
        const locked = await lockBetForSettlement(tx, c.id);
        // Someone settled, re-settled or voided it since it was read: the next run looks again.
        if (!locked || locked.result !== c.result || locked.lastSequence !== (last?.sequence ?? 0)) return null;
        const e = await appendSettlement(tx, { betId: c.id, kind, result: settlement.result, pnl: settlement.pnl, ...input.basis, settledAt: now });
        await appendAudit(
          tx,
          {
            kind: `bet.${kind}`, actor: SYSTEM_ACTOR, subject: `bet:${c.id}`,
            payload: { sequence: e.sequence, result: settlement.result, pnl: settlement.pnl, ...input.basis, previous: last ? { result: last.result, pnl: last.pnl } : null },
          },
          now,
        );
        return e;
      });
      if (entry) {
        report.settled.push({
          userId: c.userId, betId: c.id, portfolioId: c.portfolioId, fixtureId: c.fixtureId, result: settlement.result, pnl: toAmount(settlement.pnl, c.currency),
          currency: c.currency, resettled: kind === 'resettle', sequence: entry.sequence,
        });
      }
    }
    if (page.length < PAGE) break;
    afterId = page[page.length - 1]!.id;
  }
  return report;
}
