/**
 * The pipeline's repricing: the model's fair probabilities of changed fixtures, from the active model versions, as the
 * API serves them — soccer the stored Dixon–Coles 1X2 (what `soccer.fairPrices` prices its grid from, written by the
 * hourly refresh), NFL the active game-lines model at the books' consensus lines (`priceFixtureGameLines`, the verb
 * behind `nfl.gameLines`). No pricing of its own: it reads the same verbs and rows the API answers from.
 */
import { fixtureUpdatesOf, latestPredictions, type FixtureUpdate } from '@fairline/db';
import type { Ctx } from '../../context.ts';
import { priceFixtureGameLines } from '../nfl/game-lines/fixture-game-lines.ts';
import { gameLinesVersion } from '../nfl/game-lines/model-version.ts';
import { SOCCER_KIND } from '../soccer/model.ts';

/** One fair probability of a fixture's market and selection, as a `prediction` room event carries it. */
export interface FairProbability {
  fixtureId: number;
  market: string;
  selection: string;
  probability: number;
}

/** What repricing found: the fixtures' live state (those that exist) and their fair probabilities. */
export interface Repriced {
  fixtures: FixtureUpdate[];
  probabilities: FairProbability[];
}

/** The live state (sport, status, score) of those of `fixtureIds` that exist: what a delivery publishes and reprices. */
export async function changedFixtures({ ctx, input }: { ctx: Pick<Ctx, 'read'>; input: { fixtureIds: readonly number[] } }): Promise<FixtureUpdate[]> {
  return input.fixtureIds.length === 0 ? [] : fixtureUpdatesOf(ctx.read, [...new Set(input.fixtureIds)]);
}

/**
 * The current fair probabilities of `fixtures` (changedFixtures' rows): soccer 1X2 from the newest stored Dixon–Coles
 * prediction; NFL P(home covers the consensus spread), P(over the consensus total) and the fair moneyline P(home),
 * P(away), when a game-lines version is active and books quote the game.
 */
export async function repriceFixtures({ ctx, input }: { ctx: Ctx; input: { fixtures: readonly FixtureUpdate[] } }): Promise<Repriced> {
  const fixtures = [...input.fixtures];
  const probabilities: FairProbability[] = [];
  const soccer = fixtures.filter((f) => f.sport === 'soccer').map((f) => f.id);
  for (const p of await latestPredictions(ctx.read, soccer, '1x2', SOCCER_KIND)) {
    probabilities.push({ fixtureId: p.fixtureId, market: '1x2', selection: p.selection, probability: p.probability });
  }
  const nfl = fixtures.filter((f) => f.sport === 'nfl').map((f) => f.id);
  const version = nfl.length > 0 ? await gameLinesVersion(ctx) : null;
  if (version) {
    for (const fixtureId of nfl) {
      const priced = await priceFixtureGameLines(ctx, fixtureId, version);
      if (!priced) continue;
      const { homeCover, gameTotal, moneyline } = priced.prices;
      const add = (market: string, selection: string, probability: number | undefined) => {
        if (probability !== undefined && Number.isFinite(probability)) probabilities.push({ fixtureId, market, selection, probability });
      };
      add('spread', 'home', homeCover?.over);
      add('spread', 'away', homeCover?.under);
      add('game_total', 'over', gameTotal?.over);
      add('game_total', 'under', gameTotal?.under);
      add('moneyline', 'home', moneyline?.home);
      add('moneyline', 'away', moneyline?.away);
    }
  }
  return { fixtures, probabilities };
}
