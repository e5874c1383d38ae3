/**
 * The value finder for NFL player props: across the upcoming games that have projections, every book price
 * whose expected value under the model is at least `minEdge` per unit staked, best first. Each entry carries
 * what a bettor needs to act and to check it: the game, player, market, book, line and side, the price, the
 * model's P(win / lose / push) and fair price at that line, and the book's own margin-free probability.
 * Built on `propsOfFixture` (the same projections, model choice and current quotes as a game's props panel), so
 * the two can never disagree.
 */
import { fixturesWithActiveProjections } from '@fairline/db';
import { ALL_MARKETS, type MarketName } from '@fairline/ml/nfl/props/index';
import { z } from 'zod';
import type { Ctx } from '../../../context.ts';
import { bestBets, gameOf, inChunks, MAX_FIXTURES, parseValueQuery, upcomingNflFixtures, valueWindow, type ValueBetCommon, type ValueBets } from '../../value/window.ts';
import { propsOfFixture } from './fixture-props.ts';

/**
 * Input of `nfl.props.valueBets`: the value window (services/value/window.ts: `minEdge` 0–10 EV per unit staked,
 * default 0.02; `days` 1–14, default 7; `limit` 1–500 rows, default 100) and optionally `markets`, a non-empty list
 * of prop markets (ALL_MARKETS).
 */
export const propValueBetsInput = valueWindow.extend({
  markets: z.array(z.enum(ALL_MARKETS as unknown as [MarketName, ...MarketName[]])).min(1).optional(),
});

export interface PropValueBet extends ValueBetCommon {
  playerId: number;
  player: string;
  team: string | null;
  market: MarketName;
  line: number;
  side: 'over' | 'under';
  /** Model probabilities of this side winning, losing and pushing at this line, and its fair (zero-EV) price. */
  model: { win: number; lose: number; push: number; fairPrice: number };
}

/** `fixtures`: upcoming games with projections that were searched. */
export type PropValueBets = ValueBets<PropValueBet>;

/**
 * Over/under prices of the upcoming NFL games with active projections (kicking off within `days`, at most
 * MAX_FIXTURES) whose model EV per unit staked is at least `minEdge`, best first (see the file comment).
 */
export async function propValueBets({ ctx, input }: { ctx: Ctx; input: z.input<typeof propValueBetsInput> }): Promise<PropValueBets> {
  const { minEdge, days, limit, markets } = parseValueQuery(propValueBetsInput, input);
  const now = ctx.clock();
  const upcoming = await upcomingNflFixtures(ctx, days);
  const withProjections = await fixturesWithActiveProjections(ctx.read, upcoming.map((f) => f.id));
  const games = upcoming.filter((f) => withProjections.has(f.id)).slice(0, MAX_FIXTURES);

  const props = await inChunks(games, 4, (f) => propsOfFixture(ctx, f.id, markets));
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
              ...gameOf(f),
              playerId: p.playerId, player: p.name, team: p.team, market: m.market,
              bookmaker: q.bookmaker, line: q.line, side, price: s.price, capturedAt: q.capturedAt, expectedValue: s.expectedValue,
              model: { win, lose, push: q.model.push, fairPrice: side === 'over' ? q.model.fairPrice.over : q.model.fairPrice.under },
              bookFair: q.fair ? q.fair[side] : null,
              modelVersion: m.modelVersion,
            });
          }
        }
      }
    }
  });
  return { asOf: now, fixtures: games.length, bets: bestBets(bets, limit, (a, b) => a.player.localeCompare(b.player)) };
}
