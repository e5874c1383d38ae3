/**
 * The value finder for NFL game lines: across the upcoming games, every spread, total and moneyline price whose
 * expected value under the game-lines model (centred on each game's consensus line) is at least `minEdge` per
 * unit staked, best first. Main lines sit at the consensus, where the model says 50/50, so what this finds is
 * a book's line off the consensus, an alternate line priced too long, or a moneyline that disagrees with the
 * spread. Built on `nflGameLines`, so it can never disagree with a game's panel.
 */
import { z } from 'zod';
import type { Ctx } from '../../../context.ts';
import { AppError } from '../../../lib/errors.ts';
import { bestBets, gameOf, inChunks, MAX_FIXTURES, parseValueQuery, upcomingNflFixtures, valueWindow, type ValueBetCommon, type ValueBets } from '../../value/window.ts';
import { priceFixtureGameLines, type GameLineSide, type NflGameLines } from './fixture-game-lines.ts';
import type { LineMarket } from './book-lines.ts';
import { gameLinesVersion } from './model-version.ts';

/**
 * Input of `nfl.gameLines.valueBets`: the value window (services/value/window.ts) — `minEdge`, the least EV per unit
 * staked (0–10, default 0.02), `days` ahead (1–14, default 7), `limit` rows (1–500, default 100).
 */
export const gameLineValueBetsInput = valueWindow;

export interface GameLineValueBet extends ValueBetCommon {
  market: LineMarket;
  /** Home handicap (spread), the total (total), null (moneyline). */
  line: number | null;
  /** The same market's consensus line (same convention), null for a moneyline. */
  consensus: number | null;
  /** Whether this is the book's main line. */
  main: boolean;
  selection: GameLineSide['selection'];
  model: { win: number; push: number; lose: number; fairPrice: number };
}

/** `fixtures`: upcoming games searched (with at least one quote). */
export type GameLineValueBets = ValueBets<GameLineValueBet>;

/**
 * Spread, total and moneyline prices of the upcoming NFL games (kicking off within `days`, at most MAX_FIXTURES)
 * whose EV per unit staked under the active game-lines model is at least `minEdge`, best first; reference lines are
 * never bets. UNAVAILABLE without a usable model.
 */
export async function gameLineValueBets({ ctx, input }: { ctx: Ctx; input: z.input<typeof gameLineValueBetsInput> }): Promise<GameLineValueBets> {
  const { minEdge, days, limit } = parseValueQuery(gameLineValueBetsInput, input);
  const version = await gameLinesVersion(ctx);
  if (!version) throw new AppError('UNAVAILABLE', 'no usable game-lines model version (train one with `fairline train game-lines`)');
  const games = (await upcomingNflFixtures(ctx, days)).slice(0, MAX_FIXTURES);
  // A game nobody quotes yet (null) is simply not searched.
  const priced = await inChunks(games, 4, (f) => priceFixtureGameLines(ctx, f.id, version));
  const bets: GameLineValueBet[] = [];
  let searched = 0;
  games.forEach((f, g) => {
    const r: NflGameLines | null = priced[g]!;
    if (!r) return;
    searched++;
    for (const q of r.quotes) {
      if (q.reference) continue; // not a book one can bet at
      const consensus = q.market === 'spread' ? r.consensus.spread?.line ?? null : q.market === 'total' ? r.consensus.total?.line ?? null : null;
      q.sides.forEach((s, k) => {
        if (s.price === null || s.model === null || s.expectedValue === null || !(s.expectedValue >= minEdge)) return;
        bets.push({
          ...gameOf(f),
          market: q.market, bookmaker: q.bookmaker, line: q.line, consensus, main: q.main, selection: s.selection,
          price: s.price, capturedAt: q.capturedAt, expectedValue: s.expectedValue, model: s.model,
          bookFair: q.fair ? q.fair[k]! : null,
          modelVersion: { id: r.model.id, version: r.model.version, status: r.model.status, simulated: r.model.simulated },
        });
      });
    }
  });
  return { asOf: ctx.clock(), fixtures: searched, bets: bestBets(bets, limit, (a, b) => a.bookmaker.localeCompare(b.bookmaker)) };
}
