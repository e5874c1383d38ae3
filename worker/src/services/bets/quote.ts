/**
 * The price the platform quotes for a selection right now, through the same verbs and queries the quote pages use:
 *  - a book's current price (odds.currentPrices: what the fixture pages show, withdrawn lines excluded);
 *  - the model's probability of each settlement and its version: soccer from the fixture's one Dixon–Coles answer
 *    (soccerFairPrices), NFL props from the active prop model at the bet's line (pricePropLine), NFL spreads and totals
 *    from the game-lines model at the bet's line (nflPriceGameLine), NFL moneylines from its fair moneyline
 *    (nflGameLines). A model that cannot price (no version, too little history, no projection for the player) gives
 *    no model quote rather than an error: the bet is still a bet, without a model probability.
 */
import { currentPrices, type FixtureKeys } from '@fairline/db';
import { pricing } from '@fairline/ml';
import type { Ctx } from '../../context.ts';
import { AppError } from '../../lib/errors.ts';
import { nflGameLines, nflPriceGameLine } from '../nfl/game-lines/index.ts';
import { pricePropLine } from '../nfl/props/index.ts';
import { soccerFairPrices } from '../soccer/fair-prices.ts';
import { oddsLineOf, type CheckedSelection } from './selection.ts';

/** A book's current price of the selection. */
export interface BookQuote {
  bookmaker: string;
  price: number;
  capturedAt: Date;
}

/** The model's view of the selection. */
export interface ModelQuote {
  /** P(win) + ½·P(half win): the expected share of a win (ml's expected wins count it the same way). */
  probability: number;
  /** Every settlement's probability (a whole line can push, a quarter line can half-win or half-lose). */
  settlement: pricing.SettlementProbabilities;
  /** The registry version that priced it; null for a one-off soccer fit. */
  versionId: number | null;
  /** The zero-EV decimal price (a push refunds, half results count half). */
  fairPrice: number;
}

const sameLine = (a: number | null, b: number | null) => (a === null || b === null ? a === b : Math.abs(a - b) < 1e-6);

/** Book `bookmaker`'s current price of selection `s` of fixture `fx`, or null when it does not quote it now. */
export async function bookQuote(ctx: Pick<Ctx, 'read'>, fx: Pick<FixtureKeys, 'id'>, s: CheckedSelection, bookmaker: string): Promise<BookQuote | null> {
  const prices = await currentPrices(ctx.read, fx.id, [s.market]);
  const binaryProp = s.market === 'player_prop' && (s.selection === 'yes' || s.selection === 'no');
  const line = oddsLineOf(s);
  const p = prices.find(
    (q) => q.bookmaker === bookmaker && q.selection === s.selection && q.playerId === s.playerId && q.prop === s.prop && (binaryProp || sameLine(q.line, line)),
  );
  return p ? { bookmaker: p.bookmaker, price: p.price, capturedAt: p.capturedAt } : null;
}

const winOrLose = (p: number): pricing.SettlementProbabilities => ({ win: p, halfWin: 0, push: 0, halfLoss: 0, loss: 1 - p });
const withPush = (win: number, push: number, lose: number): pricing.SettlementProbabilities => ({ win, halfWin: 0, push, halfLoss: 0, loss: lose });

function modelQuoteOf(settlement: pricing.SettlementProbabilities, versionId: number | null): ModelQuote | null {
  const won = settlement.win + settlement.halfWin / 2;
  if (!(won > 0) || !Number.isFinite(won)) return null;
  return { probability: Math.min(1, won), settlement, versionId, fairPrice: pricing.fairPrice(settlement) };
}

/** The model's quote of selection `s` of fixture `fx` (see the file comment), or null when no model prices it. */
export async function modelQuote(ctx: Ctx, fx: FixtureKeys, s: CheckedSelection): Promise<ModelQuote | null> {
  try {
    return await lookUp(ctx, fx, s);
  } catch (err) {
    // A model that cannot price is an answer ("no model quote"), not a failure of the bet.
    if (err instanceof AppError && (err.code === 'UNAVAILABLE' || err.code === 'NOT_AVAILABLE' || err.code === 'NOT_FOUND')) return null;
    throw err;
  }
}

async function lookUp(ctx: Ctx, fx: FixtureKeys, s: CheckedSelection): Promise<ModelQuote | null> {
  const b = s.parsed;
  if (fx.sport === 'soccer') {
    const { book, model } = await soccerFairPrices({ ctx, input: { fixtureId: fx.id } });
    const v = model.versionId;
    switch (b.market) {
      case '1x2':
        return modelQuoteOf(winOrLose(book.matchOdds[b.selection].p), v);
      case 'draw_no_bet': {
        const { home, draw, away } = book.matchOdds;
        return modelQuoteOf(b.selection === 'home' ? withPush(home.p, draw.p, away.p) : withPush(away.p, draw.p, home.p), v);
      }
      case 'btts':
        return modelQuoteOf(winOrLose(book.bothTeamsToScore[b.selection].p), v);
      case 'correct_score': {
        const sel = b.selection;
        const p = sel === 'other' ? book.correctScore.other.p : book.correctScore.scores.find((c) => c.home === sel.home && c.away === sel.away)?.p;
        return p === undefined ? null : modelQuoteOf(winOrLose(p), v);
      }
      case 'totals': {
        const o = book.totals[String(b.line)];
        return o ? modelQuoteOf(o[b.selection], v) : null;
      }
      case 'asian_handicap': {
        const o = book.asianHandicap[String(b.line)];
        return o ? modelQuoteOf(o[b.selection], v) : null;
      }
      default:
        return null;
    }
  }
  switch (b.market) {
    case 'player_prop': {
      const line = 'line' in b ? b.line : 0.5;
      const r = await pricePropLine({ ctx, input: { fixtureId: fx.id, playerId: s.playerId!, market: s.propMarket!, line } });
      const over = b.selection === 'over' || b.selection === 'yes';
      return modelQuoteOf(over ? withPush(r.price.over, r.price.push, r.price.under) : withPush(r.price.under, r.price.push, r.price.over), r.modelVersion.id);
    }
    case 'spread':
    case 'game_total': {
      const r = await nflPriceGameLine({ ctx, input: { fixtureId: fx.id, market: b.market === 'spread' ? 'spread' : 'total', line: b.line } });
      const first = b.selection === 'home' || b.selection === 'over';
      const [a, c] = r.sides;
      return modelQuoteOf(first ? withPush(a.probability, r.push, c.probability) : withPush(c.probability, r.push, a.probability), r.model.id);
    }
    case 'moneyline': {
      const r = await nflGameLines({ ctx, input: { fixtureId: fx.id } });
      const ml = r.prices.moneyline;
      if (!ml) return null;
      return modelQuoteOf(b.selection === 'home' ? withPush(ml.home, ml.tie, ml.away) : withPush(ml.away, ml.tie, ml.home), r.model.id);
    }
    default:
      return null;
  }
}
