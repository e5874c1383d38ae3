/**
 * The value finder for NFL game lines: across the upcoming games, every spread, total and moneyline price whose
 * expected value under the game-lines model (centred on each game's consensus line) is at least `minEdge` per
 * unit staked, best first. Main lines sit at the consensus, where the model says 50/50, so what this finds is
 * a book's line off the consensus, an alternate line priced too long, or a moneyline that disagrees with the
 * spread. Built on `nflGameLines`, so it can never disagree with a game's panel.
 */
import { z } from 'zod';
import type { Ctx } from '../../context.ts';
import { AppError } from '../../lib/errors.ts';
import { inChunks, MAX_FIXTURES, upcomingNflFixtures, valueWindow } from '../value/window.ts';
import { nflGameLines, type GameLineSide, type NflGameLines } from './fixture-game-lines.ts';
import type { LineMarket } from './book-lines.ts';
import { gameLinesVersion } from './model-version.ts';

export const gameLineValueBetsInput = valueWindow;

export interface GameLineValueBet {
  fixtureId: number;
  kickoffAt: Date;
  homeTeam: string;
  awayTeam: string;
  market: LineMarket;
  bookmaker: string;
  /** Home handicap (spread), the total (total), null (moneyline). */
  line: number | null;
  /** The same market's consensus line (same convention), null for a moneyline. */
  consensus: number | null;
  /** Whether this is the book's main line. */
  main: boolean;
  selection: GameLineSide['selection'];
  price: number;
  capturedAt: Date;
  expectedValue: number;
  model: { win: number; push: number; lose: number; fairOdds: number };
  /** The book's margin-free probability of this side (both sides quoted), else null. */
  bookFair: number | null;
  modelVersion: { id: number; version: number; status: string; simulated: boolean };
}

export interface GameLineValueBets {
  asOf: Date;
  /** Upcoming games searched (with at least one quote). */
  fixtures: number;
  bets: GameLineValueBet[];
}

export async function gameLineValueBets({ ctx, input }: { ctx: Ctx; input: z.input<typeof gameLineValueBetsInput> }): Promise<GameLineValueBets> {
  const parsed = gameLineValueBetsInput.safeParse(input ?? {});
  if (!parsed.success) throw new AppError('BAD_REQUEST', `invalid value query: ${parsed.error.issues[0]?.path.join('.')} ${parsed.error.issues[0]?.message}`);
  const { minEdge, days, limit } = parsed.data;
  if (!(await gameLinesVersion(ctx.read, ctx.logger))) {
    throw new AppError('UNAVAILABLE', 'no usable game-lines model version (train one with `fairline train game-lines`)');
  }
  const games = (await upcomingNflFixtures(ctx, days)).slice(0, MAX_FIXTURES);
  // A game nobody quotes yet answers UNAVAILABLE: it is simply not searched.
  const priced = await inChunks(games, 4, (f) =>
    nflGameLines({ ctx, input: { fixtureId: f.id } }).catch((e: unknown) => {
      if (e instanceof AppError && e.code === 'UNAVAILABLE') return null;
      throw e;
    }),
  );
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
          fixtureId: f.id, kickoffAt: f.kickoffAt, homeTeam: f.homeTeam, awayTeam: f.awayTeam,
          market: q.market, bookmaker: q.bookmaker, line: q.line, consensus, main: q.main, selection: s.selection,
          price: s.price, capturedAt: q.capturedAt, expectedValue: s.expectedValue, model: s.model,
          bookFair: q.fair ? q.fair[k]! : null,
          modelVersion: { id: r.model.id, version: r.model.version, status: r.model.status, simulated: r.model.simulated },
        });
      });
    }
  });
  bets.sort((a, b) => b.expectedValue - a.expectedValue || a.kickoffAt.getTime() - b.kickoffAt.getTime() || a.fixtureId - b.fixtureId || a.bookmaker.localeCompare(b.bookmaker));
  return { asOf: ctx.clock(), fixtures: searched, bets: bets.slice(0, limit) };
}
