/**
 * Every book's current quote of a soccer match's markets — 1X2, totals (quarter lines too), Asian handicap, both
 * teams to score, draw-no-bet — priced against the model's one score grid: per selection the model's settlement
 * probabilities (win, half win, push, half loss, loss), its fair price and the expected value at the book's price
 * (ml pricing: `expectedValueAsian`, which is p·o − 1 for a win-or-lose bet and counts a push as nothing and a half
 * result as half); per book and line the margin and the margin-free probabilities (`removeVig`, multiplicative).
 *
 * Lines: a total's line is the goal line; an Asian market is keyed by the HOME handicap (the bets' convention), its
 * away side stored by the feeds at its own handicap −h. Any quarter or half line is priced from the grid, so a book
 * quoting a line the market book does not list is still priced.
 */
import type { CurrentPrice } from '@fairline/db';
import { pricing, soccer } from '@fairline/ml';

/** The soccer markets a book's quotes are priced in (correct score is priced by the model, not quoted here). */
export const SOCCER_QUOTED_MARKETS = ['1x2', 'totals', 'asian_handicap', 'btts', 'draw_no_bet'] as const;
export type SoccerQuotedMarket = (typeof SOCCER_QUOTED_MARKETS)[number];

/** The selections of each market, in display order. */
export const SOCCER_SELECTIONS: Record<SoccerQuotedMarket, readonly string[]> = {
  '1x2': ['home', 'draw', 'away'],
  totals: ['over', 'under'],
  asian_handicap: ['home', 'away'],
  btts: ['yes', 'no'],
  draw_no_bet: ['home', 'away'],
};

/** One selection of a book's quote, priced by the model. */
export interface PricedSelection {
  selection: string;
  /** Decimal odds. */
  price: number;
  /** The model's settlement probabilities of this selection at this line (they sum to 1). */
  model: pricing.SettlementProbabilities;
  /** The model's zero-EV decimal price (a push refunds, half results count half). */
  fairPrice: number;
  /** The book's margin-free probability of this selection (null when the book's market is incomplete or has no margin). */
  bookFair: number | null;
  /** Model EV per unit staked at the book's price. */
  expectedValue: number;
}

/** One book's quote of one market (and line). */
export interface BookMarketQuote {
  market: SoccerQuotedMarket;
  /** Totals: the goal line; Asian handicap: the HOME handicap; otherwise null. */
  line: number | null;
  bookmaker: string;
  capturedAt: Date;
  closing: boolean;
  /** Sum of implied probabilities − 1 over the market's selections; null when the book lacks one of them. */
  margin: number | null;
  selections: PricedSelection[];
}

const winOrLose = (p: number): pricing.SettlementProbabilities => ({ win: p, halfWin: 0, push: 0, halfLoss: 0, loss: 1 - p });
const withPush = (win: number, push: number, loss: number): pricing.SettlementProbabilities => ({ win, halfWin: 0, push, halfLoss: 0, loss });
const settlementOf = (o: soccer.AsianOutcome): pricing.SettlementProbabilities => ({ win: o.win, halfWin: o.halfWin, push: o.push, halfLoss: o.halfLoss, loss: o.loss });

/** The model's settlement probabilities of a selection, or null for an unknown selection or a line off the quarter grid. */
export function modelSettlement(grid: soccer.ScoreGrid, market: SoccerQuotedMarket, selection: string, line: number | null): pricing.SettlementProbabilities | null {
  const x12 = soccer.matchOdds(grid);
  try {
    switch (market) {
      case '1x2':
        return selection === 'home' || selection === 'draw' || selection === 'away' ? winOrLose(x12[selection]) : null;
      case 'draw_no_bet':
        return selection === 'home' ? withPush(x12.home, x12.draw, x12.away) : selection === 'away' ? withPush(x12.away, x12.draw, x12.home) : null;
      case 'btts': {
        const b = soccer.bothTeamsToScore(grid);
        return selection === 'yes' || selection === 'no' ? winOrLose(b[selection]) : null;
      }
      case 'totals': {
        if (line === null || (selection !== 'over' && selection !== 'under')) return null;
        return settlementOf(soccer.totals(grid, line)[selection]);
      }
      case 'asian_handicap': {
        if (line === null || (selection !== 'home' && selection !== 'away')) return null;
        return settlementOf(soccer.asianHandicap(grid, line)[selection]);
      }
    }
  } catch (err) {
    if (err instanceof RangeError) return null; // a line that is not a multiple of ¼
    throw err;
  }
}

/** The line a stored price belongs to in our terms: an Asian away price is stored at its own handicap −h. */
const marketLine = (p: CurrentPrice): number | null => {
  if (p.market === 'asian_handicap' && p.line !== null) return p.selection === 'away' ? pricing.flipHandicap(p.line) : p.line;
  return p.market === 'totals' ? p.line : null;
};

/**
 * Every book's quotes in `prices` (current prices of the soccer markets) priced against `grid`: one entry per book,
 * market and line, books and markets in a stable order (market, line, book). Selections the model cannot price are
 * left out; a quote with none left is dropped.
 */
export function priceBookMarkets(grid: soccer.ScoreGrid, prices: readonly CurrentPrice[]): BookMarketQuote[] {
  const groups = new Map<string, CurrentPrice[]>();
  for (const p of prices) {
    if (!(SOCCER_QUOTED_MARKETS as readonly string[]).includes(p.market)) continue;
    const key = `${p.market}|${marketLine(p)}|${p.bookmaker}`;
    groups.set(key, [...(groups.get(key) ?? []), p]);
  }
  const out: BookMarketQuote[] = [];
  for (const ps of groups.values()) {
    const market = ps[0]!.market as SoccerQuotedMarket;
    const line = marketLine(ps[0]!);
    const order = SOCCER_SELECTIONS[market];
    const bySel = order.map((s) => ps.find((p) => p.selection === s));
    const complete = bySel.every((p) => p !== undefined);
    const odds = bySel.map((p) => p?.price);
    const margin = complete ? pricing.margin(odds) : null;
    const fair = margin !== null && margin > 0 ? pricing.removeVig(odds, 'multiplicative') : null;
    const selections: PricedSelection[] = [];
    order.forEach((selection, i) => {
      const p = bySel[i];
      if (!p) return;
      const model = modelSettlement(grid, market, selection, line);
      if (!model) return;
      selections.push({
        selection, price: p.price, model, fairPrice: pricing.fairPrice(model), bookFair: fair ? fair[i]! : null,
        expectedValue: pricing.expectedValueAsian(model, p.price),
      });
    });
    if (selections.length === 0) continue;
    out.push({
      market, line, bookmaker: ps[0]!.bookmaker, capturedAt: new Date(Math.max(...ps.map((p) => p.capturedAt.getTime()))),
      closing: ps.every((p) => p.closing), margin, selections,
    });
  }
  const rank = (m: SoccerQuotedMarket) => SOCCER_QUOTED_MARKETS.indexOf(m);
  return out.sort((a, b) => rank(a.market) - rank(b.market) || (a.line ?? 0) - (b.line ?? 0) || a.bookmaker.localeCompare(b.bookmaker));
}
