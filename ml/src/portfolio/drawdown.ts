/**
 * Maximum drawdown: the largest peak-to-trough fall of cumulative P&L, the running sum of the bets' P&L in
 * order, starting from 0 before the first bet (so a losing start counts from the starting bankroll). As a
 * fraction it is that fall over the bankroll at the peak (starting bankroll + cumulative P&L at the peak).
 */

/** The largest fall of cumulative P&L: how much, as a fraction of the peak bankroll, and where. */
export interface Drawdown {
  /** Peak minus trough of cumulative P&L, in the P&L's units (0 when it never fell). */
  amount: number;
  /** `amount` ÷ the bankroll at the peak; null without a starting bankroll (or a peak bankroll ≤ 0). */
  fractionOfPeak: number | null;
  /** Index of the bet after which the peak was reached (−1: the start, before any bet). */
  peakIndex: number;
  /** Index of the bet after which the trough was reached (−1 when there was no fall). */
  troughIndex: number;
}

/**
 * The maximum drawdown of a sequence of per-bet P&L (in order; any unit, e.g. minor units or stake units),
 * with `startingBankroll` in the same unit for the fraction. Ties keep the earliest episode.
 */
export function maxDrawdown(pnl: readonly number[], startingBankroll: number | null = null): Drawdown {
  let cumulative = 0;
  let peak = 0;
  let peakIndex = -1;
  let best = { amount: 0, peak: 0, peakIndex: -1, troughIndex: -1 };
  pnl.forEach((x, i) => {
    cumulative += x;
    if (cumulative > peak) {
      peak = cumulative;
      peakIndex = i;
    } else if (peak - cumulative > best.amount) {
      best = { amount: peak - cumulative, peak, peakIndex, troughIndex: i };
    }
  });
  const peakBankroll = startingBankroll === null ? null : startingBankroll + best.peak;
  return {
    amount: best.amount,
    fractionOfPeak: peakBankroll !== null && peakBankroll > 0 ? best.amount / peakBankroll : null,
    peakIndex: best.troughIndex < 0 ? -1 : best.peakIndex,
    troughIndex: best.troughIndex,
  };
}
