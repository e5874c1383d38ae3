/** A bet as the API answers it: its fixture, what it is on, amounts in the portfolio's currency units, closing and result. */
import type { BetResult, BetRow, BetSource, ClosingSource, Market, Sport } from '@fairline/db';
import type { MarketName } from '@fairline/ml/nfl/props/index';
import { toAmount } from '../portfolios/money.ts';
import { propMarketOf } from './selection.ts';

/** A bet's closing line: the closing price, whose it was, its margin-free probability, and CLV. */
export interface ClosingView {
  price: number;
  source: ClosingSource;
  /** The book whose closing quote it was; null for the consensus. */
  bookmaker: string | null;
  fairProbability: number;
  /** price taken ÷ fair closing price − 1. */
  clv: number;
  capturedAt: Date;
}

/** A bet. `stake` and `pnl` in currency units of `currency`. */
export interface BetView {
  id: string;
  portfolioId: string;
  clientRef: string;
  source: BetSource;
  fixture: { id: number; sport: Sport; competition: string; homeTeam: string; awayTeam: string; kickoffAt: Date };
  market: Market;
  selection: string;
  /** Totals and props: the total; Asian handicap and spread: the HOME handicap whichever side was backed. */
  line: number | null;
  player: { id: number; name: string | null } | null;
  /** Our prop market (e.g. passing_yards) for player props. */
  prop: MarketName | null;
  bookmaker: string | null;
  price: number;
  stake: number;
  currency: string;
  modelProbability: number | null;
  modelVersionId: number | null;
  placedAt: Date;
  closing: ClosingView | null;
  result: BetResult;
  pnl: number | null;
  settledAt: Date | null;
}

/** `row` as answered, its amounts in `currency` units. */
export function betView(row: BetRow, currency: string): BetView {
  const closing: ClosingView | null =
    row.closingPrice !== null && row.closingSource !== null && row.fairClosingProbability !== null && row.clv !== null && row.closingCapturedAt !== null
      ? {
          price: row.closingPrice, source: row.closingSource, bookmaker: row.closingBookmaker, fairProbability: row.fairClosingProbability, clv: row.clv,
          capturedAt: row.closingCapturedAt,
        }
      : null;
  return {
    id: row.id,
    portfolioId: row.portfolioId,
    clientRef: row.clientRef,
    source: row.source,
    fixture: { id: row.fixtureId, sport: row.sport, competition: row.competition, homeTeam: row.homeTeam, awayTeam: row.awayTeam, kickoffAt: row.kickoffAt },
    market: row.market,
    selection: row.selection,
    line: row.line,
    player: row.playerId === null ? null : { id: row.playerId, name: row.playerName },
    prop: propMarketOf(row.prop),
    bookmaker: row.bookmaker,
    price: row.priceTaken,
    stake: toAmount(row.stake, currency),
    currency,
    modelProbability: row.modelProbability,
    modelVersionId: row.modelVersionId,
    placedAt: row.placedAt,
    closing,
    result: row.result,
    pnl: row.pnl === null ? null : toAmount(row.pnl, currency),
    settledAt: row.settledAt,
  };
}
