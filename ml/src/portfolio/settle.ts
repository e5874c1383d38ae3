/**
 * Settling a bet on the event's result: which of the six settled results it gets.
 *
 * Every market reduces to one rule, the Asian one (ml/src/soccer/markets.ts): a bet on the "over" side of a
 * quantity v at line L wins when v > L, pushes (stake back) when v = L and loses when v < L; a quarter line
 * (L = n ± ¼) is two half-stakes at the neighbouring lines L − ¼ and L + ¼, so it can also half-win (one half
 * won, one pushed) or half-lose (one half lost, one pushed). The markets map onto it as follows:
 *  - totals / game_total / player_prop: v = the total (goals, points, the player's stat) over L; under mirrors.
 *  - asian_handicap / spread: v = home − away over the line −h for a home handicap h (home covers when
 *    home − away + h > 0); the away side mirrors. Whole lines push; half lines cannot.
 *  - draw_no_bet (soccer) and moneyline (NFL): handicap 0 — a draw or tie pushes.
 *  - 1x2: won or lost, never a push. btts: yes wins when both sides score. Yes/no props: yes = over 0.5.
 *  - correct_score: won on the exact score; `other` wins when a side scores more than CORRECT_SCORE_MAX_GOALS.
 * A void result (fixture cancelled or abandoned, a prop's player not taking part) voids every bet.
 */
import { flipHandicap } from '../pricing/index.ts';
import { splitLine } from '../soccer/markets.ts';
import { CORRECT_SCORE_MAX_GOALS, type BetSelection } from './bet.ts';
import { profitMinor } from './money.ts';

/** How a settled bet ended (db's BET_RESULTS without `pending`). */
export const SETTLED_RESULTS = ['won', 'lost', 'push', 'half_won', 'half_lost', 'void'] as const;
/** One of `SETTLED_RESULTS`. */
export type SettledResult = (typeof SETTLED_RESULTS)[number];

/**
 * What a bet is settled on. `score`: the final score the market counts (soccer: goals after 90 minutes plus
 * stoppage time; NFL: points including overtime). `stat`: a player's final value of the prop's statistic.
 * `void`: the event did not count (cancelled, abandoned, the player did not take part).
 */
export type EventResult = { kind: 'score'; home: number; away: number } | { kind: 'stat'; value: number } | { kind: 'void' };

/** Half-stakes won minus half-stakes lost (−2..2) → the settled result. */
const BY_HALVES: Record<string, SettledResult> = { '2': 'won', '1': 'half_won', '0': 'push', '-1': 'half_lost', '-2': 'lost' };

/**
 * The "over" side of quantity `value` at `line`, in half-stakes won (2) … lost (−2): each half of the stake
 * is settled on its own line of `splitLine` (the same line twice unless a quarter line).
 */
export function overLineHalves(value: number, line: number): number {
  const [l1, l2] = splitLine(line);
  return Math.sign(value - l1) + Math.sign(value - l2);
}

const fromHalves = (halves: number): SettledResult => BY_HALVES[String(halves === 0 ? 0 : halves)]!;
const wonOrLost = (won: boolean): SettledResult => (won ? 'won' : 'lost');

/** The settled result of a bet (checked by `parseBetSelection`) on the event's result. */
export function settleSelection(bet: BetSelection, result: EventResult): SettledResult {
  if (result.kind === 'void') return 'void';
  if (bet.market === 'player_prop') {
    if (result.kind !== 'stat') throw new RangeError('a player prop settles on the player\'s stat, not a score');
    checkFinite(result.value, 'stat value');
    if (!('line' in bet)) {
      const yes = overLineHalves(result.value, 0.5);
      return fromHalves(bet.selection === 'yes' ? yes : -yes);
    }
    const over = overLineHalves(result.value, bet.line);
    return fromHalves(bet.selection === 'over' ? over : -over);
  }
  if (result.kind !== 'score') throw new RangeError(`a ${bet.market} bet settles on the final score, not a stat`);
  const { home, away } = result;
  checkScore(home, 'home');
  checkScore(away, 'away');
  switch (bet.market) {
    case '1x2':
      return wonOrLost(bet.selection === 'home' ? home > away : bet.selection === 'away' ? away > home : home === away);
    case 'totals':
    case 'game_total': {
      const over = overLineHalves(home + away, bet.line);
      return fromHalves(bet.selection === 'over' ? over : -over);
    }
    case 'asian_handicap':
    case 'spread': {
      const homeCovers = overLineHalves(home - away, flipHandicap(bet.line));
      return fromHalves(bet.selection === 'home' ? homeCovers : -homeCovers);
    }
    case 'draw_no_bet':
    case 'moneyline': {
      const homeWins = overLineHalves(home - away, 0);
      return fromHalves(bet.selection === 'home' ? homeWins : -homeWins);
    }
    case 'btts':
      return wonOrLost((home > 0 && away > 0) === (bet.selection === 'yes'));
    case 'correct_score': {
      const s = bet.selection;
      if (s === 'other') return wonOrLost(home > CORRECT_SCORE_MAX_GOALS || away > CORRECT_SCORE_MAX_GOALS);
      return wonOrLost(home === s.home && away === s.away);
    }
  }
}

function checkScore(x: number, side: string): void {
  if (!Number.isInteger(x) || x < 0) throw new RangeError(`the ${side} score must be a whole number ≥ 0, got ${x}`);
}

function checkFinite(x: number, what: string): void {
  if (!Number.isFinite(x)) throw new RangeError(`${what} must be a finite number, got ${x}`);
}

/** A bet as settlement needs it: what it is on, the decimal price taken and the stake in minor units. */
export interface BetToSettle {
  selection: BetSelection;
  price: number;
  stake: number;
}

/** A settled bet: its result and its profit or loss in minor units (money.ts). */
export interface Settlement {
  result: SettledResult;
  pnl: number;
}

/**
 * THE settlement of a bet — the one rule the offline analysis, the results cron and re-settlement share: the
 * result (`settleSelection`) and the P&L in minor units (`profitMinor`). Throws a RangeError for a stake that is
 * not a positive whole number, a price ≤ 1, or a result of the wrong kind for the market.
 */
export function settleBet(bet: BetToSettle, result: EventResult): Settlement {
  const settled = settleSelection(bet.selection, result);
  return { result: settled, pnl: profitMinor(bet.stake, bet.price, settled) };
}
