/**
 * The value finder for NFL player props: across the upcoming games that have projections, every book price
 * whose expected value under the model is at least `minEdge` per unit staked, best first. Each entry carries
 * what a bettor needs to act and to check it: the game, player, market, book, line and side, the price, the
 * model's P(win / lose / push) and fair price at that line, and the book's own margin-free probability.
 * Built on `fixtureProps` (the same projections, model choice and current quotes as a game's props panel), so
 * the two can never disagree.
 */
import { projections } from '@fairline/db';
import { ALL_MARKETS, type MarketName } from '@fairline/ml/props/index';
import { inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Ctx } from '../../context.ts';
import { AppError } from '../../lib/errors.ts';
import { inChunks, MAX_FIXTURES, upcomingNflFixtures, valueWindow } from '../value/window.ts';
import { fixtureProps } from './fixture-props.ts';

export const propValueBetsInput = valueWindow.extend({
  markets: z.array(z.enum(ALL_MARKETS as unknown as [MarketName, ...MarketName[]])).min(1).optional(),
});

export interface PropValueBet {
  fixtureId: number;
  kickoffAt: Date;
  homeTeam: string;
  awayTeam: string;
  playerId: number;
  player: string;
  team: string | null;
  market: MarketName;
  bookmaker: string;
  line: number;
  side: 'over' | 'under';
  price: number;
  capturedAt: Date;
  expectedValue: number;
  /** Model probabilities of this side winning, losing and pushing at this line, and its fair (zero-EV) price. */
  model: { win: number; lose: number; push: number; fairPrice: number };
  /** The book's margin-free probability of this side given no push (both sides quoted), else null. */
  bookFair: number | null;
  modelVersion: { id: number; version: number; status: string; simulated: boolean };
}

export interface PropValueBets {
  asOf: Date;
  /** Upcoming games with projections that were searched. */
  fixtures: number;
  bets: PropValueBet[];
}

export async function propValueBets({ ctx, input }: { ctx: Ctx; input: z.input<typeof propValueBetsInput> }): Promise<PropValueBets> {
  const parsed = propValueBetsInput.safeParse(input ?? {});
  if (!parsed.success) throw new AppError('BAD_REQUEST', `invalid value query: ${parsed.error.issues[0]?.path.join('.')} ${parsed.error.issues[0]?.message}`);
  const { minEdge, days, limit, markets } = parsed.data;
  const now = ctx.clock();
  const upcoming = await upcomingNflFixtures(ctx, days);
  const withProjections = upcoming.length
    ? new Set((await ctx.read.selectDistinct({ id: projections.fixtureId }).from(projections).where(inArray(projections.fixtureId, upcoming.map((f) => f.id)))).map((r) => r.id))
    : new Set<number>();
  const games = upcoming.filter((f) => withProjections.has(f.id)).slice(0, MAX_FIXTURES);

  const props = await inChunks(games, 4, (f) => fixtureProps({ ctx, input: markets ? { fixtureId: f.id, markets } : { fixtureId: f.id } }));
  const bets: PropValueBet[] = [];
  games.forEach((f, g) => {
    for (const p of props[g]!.players) {
      for (const m of p.markets) {
        for (const q of m.quotes) {
          for (const side of ['over', 'under'] as const) {
            const s = q[side];
            if (!s || !(s.expectedValue >= minEdge)) continue;
            const win = side === 'over' ? q.model.over : q.model.under;
            const lose = side === 'over' ? q.model.under : q.model.over;
            bets.push({
              fixtureId: f.id, kickoffAt: f.kickoffAt, homeTeam: f.homeTeam, awayTeam: f.awayTeam,
              playerId: p.playerId, player: p.name, team: p.team, market: m.market,
              bookmaker: q.bookmaker, line: q.line, side, price: s.price, capturedAt: q.capturedAt, expectedValue: s.expectedValue,
              model: { win, lose, push: q.model.push, fairPrice: side === 'over' ? q.model.fairOver : q.model.fairUnder },
              bookFair: q.fair ? q.fair[side] : null,
              modelVersion: m.modelVersion,
            });
          }
        }
      }
    }
  });
  bets.sort((a, b) => b.expectedValue - a.expectedValue || a.kickoffAt.getTime() - b.kickoffAt.getTime() || a.fixtureId - b.fixtureId || a.player.localeCompare(b.player));
  return { asOf: now, fixtures: games.length, bets: bets.slice(0, limit) };
}
