/**
 * What a bet is on: a market, a selection in it and, where the market has one, a line — for every market the
 * platform quotes. The market names are the platform's market vocabulary (`MARKETS` of @fairline/db's odds
 * schema, repeated here because ml imports nothing from the repository).
 *
 * Line conventions (the same as the pricing code's, ml/src/pricing/handicap.ts):
 *  - `totals`, `game_total`, `player_prop`: the total (goals, points, the prop's stat) the bet is over or under.
 *  - `asian_handicap`, `spread`: the HOME team's handicap whichever side is backed (−0.25 = home gives a quarter
 *    goal; NFL −3 = home favoured by 3), as football-data's `AHh` and the pricing module's `asianHandicap`.
 *    The away side's own handicap is `flipHandicap(line)`.
 * Soccer lines are multiples of ¼ (quarter lines split the stake over the two neighbouring lines); NFL spreads,
 * totals and props are whole or half points, which the same rule settles.
 */
import { splitLine } from '../soccer/markets.ts';

/** The markets a bet can be settled on (the platform's market vocabulary). */
export const BET_MARKETS = [
  '1x2',
  'totals',
  'asian_handicap',
  'btts',
  'draw_no_bet',
  'correct_score',
  'moneyline',
  'spread',
  'game_total',
  'player_prop',
] as const;
/** One market of `BET_MARKETS`. */
export type BetMarket = (typeof BET_MARKETS)[number];

/**
 * Goals per side up to which the platform quotes exact correct scores (`correctScore(grid, 5)` in the market
 * book); the selection `other` is every score with a side above it.
 */
export const CORRECT_SCORE_MAX_GOALS = 5;

/** A market, selection and line, checked: the input of settlement. */
export type BetSelection =
  | { market: '1x2'; selection: 'home' | 'draw' | 'away' }
  | { market: 'totals' | 'game_total'; selection: 'over' | 'under'; line: number }
  | { market: 'asian_handicap' | 'spread'; selection: 'home' | 'away'; line: number }
  | { market: 'btts'; selection: 'yes' | 'no' }
  | { market: 'draw_no_bet' | 'moneyline'; selection: 'home' | 'away' }
  | { market: 'correct_score'; selection: 'other' | { home: number; away: number } }
  | { market: 'player_prop'; selection: 'over' | 'under'; line: number }
  | { market: 'player_prop'; selection: 'yes' | 'no' };

/** A bet's market, selection and line as stored or typed (strings, line null when the market has none). */
export interface RawBetSelection {
  market: string;
  selection: string;
  line: number | null | undefined;
}

const SIDES: Record<string, readonly string[]> = {
  '1x2': ['home', 'draw', 'away'],
  totals: ['over', 'under'],
  game_total: ['over', 'under'],
  asian_handicap: ['home', 'away'],
  spread: ['home', 'away'],
  btts: ['yes', 'no'],
  draw_no_bet: ['home', 'away'],
  moneyline: ['home', 'away'],
  player_prop: ['over', 'under', 'yes', 'no'],
};

const hasLine = (line: number | null | undefined): line is number => line !== null && line !== undefined;

/**
 * Checks a market, selection and line and returns the typed selection. Throws a RangeError naming what is wrong:
 * an unknown market or selection, a missing line (totals, handicaps, over/under props), a line on a market
 * without one, a soccer line that is not a multiple of ¼, an NFL line that is not a multiple of ½, a correct
 * score that is not `h-a` (0..CORRECT_SCORE_MAX_GOALS each) or `other`.
 */
export function parseBetSelection(raw: RawBetSelection): BetSelection {
  const { market, selection, line } = raw;
  if (!(BET_MARKETS as readonly string[]).includes(market)) throw new RangeError(`unknown market "${market}"`);
  const m = market as BetMarket;
  if (m === 'correct_score') {
    if (hasLine(line)) throw new RangeError('correct_score takes no line');
    return { market: m, selection: parseCorrectScore(selection) };
  }
  if (!SIDES[m]!.includes(selection)) throw new RangeError(`unknown selection "${selection}" for ${m} (one of ${SIDES[m]!.join(', ')})`);
  switch (m) {
    case '1x2':
    case 'btts':
    case 'draw_no_bet':
    case 'moneyline':
      if (hasLine(line)) throw new RangeError(`${m} takes no line, got ${line}`);
      return { market: m, selection } as BetSelection;
    case 'player_prop':
      if (selection === 'yes' || selection === 'no') {
        if (hasLine(line)) throw new RangeError(`a yes/no player prop takes no line, got ${line}`);
        return { market: m, selection };
      }
      return { market: m, selection: selection as 'over' | 'under', line: checkLine(m, line, 0.5) };
    case 'totals':
    case 'asian_handicap':
      return { market: m, selection, line: checkLine(m, line, 0.25) } as BetSelection;
    case 'game_total':
    case 'spread':
      return { market: m, selection, line: checkLine(m, line, 0.5) } as BetSelection;
  }
}

function checkLine(market: BetMarket, line: number | null | undefined, step: 0.25 | 0.5): number {
  if (!hasLine(line)) throw new RangeError(`${market} needs a line`);
  if (!Number.isFinite(line)) throw new RangeError(`${market} line must be a finite number, got ${line}`);
  const steps = line / step;
  if (Math.abs(steps - Math.round(steps)) > 1e-9) throw new RangeError(`${market} line must be a multiple of ${step}, got ${line}`);
  if ((market === 'totals' || market === 'game_total') && line < 0) throw new RangeError(`${market} line must not be negative, got ${line}`);
  splitLine(line);
  return line === 0 ? 0 : line;
}

function parseCorrectScore(selection: string): 'other' | { home: number; away: number } {
  if (selection === 'other') return 'other';
  const m = /^(\d+)-(\d+)$/.exec(selection);
  const max = CORRECT_SCORE_MAX_GOALS;
  if (!m || Number(m[1]) > max || Number(m[2]) > max) {
    throw new RangeError(`unknown correct score "${selection}" (home-away goals, each 0..${max}, or "other")`);
  }
  return { home: Number(m[1]), away: Number(m[2]) };
}

/** The selection as stored: `home`, `over`, `2-1`, `other` … (the inverse of `parseBetSelection` for it). */
export function selectionName(bet: BetSelection): string {
  const s = bet.selection;
  return typeof s === 'string' ? s : `${s.home}-${s.away}`;
}
