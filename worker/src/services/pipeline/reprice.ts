/**
 * The pipeline's repricing: the model's fair probabilities of changed fixtures, from the active model versions, as the
 * API serves them — soccer the stored Dixon–Coles 1X2 (what `soccer.fairPrices` prices its grid from, written by the
 * hourly refresh), NFL the active game-lines model at the books' consensus lines (`priceFixtureGameLines`, the verb
 * behind `nfl.gameLines`), player props at each changed book line (`pricePropLine`). No pricing of its own: it reads the same verbs and rows the API answers from.
 */
import { fixtureUpdatesOf, latestPredictions, type FixtureUpdate } from '@fairline/db';
import type { Ctx } from '../../context.ts';
import { AppError } from '../../lib/errors.ts';
import { priceFixtureGameLines } from '../nfl/game-lines/fixture-game-lines.ts';
import { gameLinesVersion } from '../nfl/game-lines/model-version.ts';
import { pricePropLine } from '../nfl/props/fixture-props.ts';
import { marketOfPropKey } from '../nfl/props/prop-keys.ts';
import { SOCCER_KIND } from '../soccer/model.ts';

/** One fair probability of a fixture's market and selection (at a line, for a player's prop), as a `prediction` event carries it. */
export interface FairProbability {
  fixtureId: number;
  market: string;
  selection: string;
  probability: number;
  line?: number | null;
  playerId?: number | null;
  prop?: string | null;
}

/** A book's player-prop line that changed: the model prices it at that line (`prop` as odds_snapshots stores it). */
export interface PropLine {
  fixtureId: number;
  playerId: number;
  prop: string;
  line: number;
}

/** Most changed prop lines repriced per delivery (each is one pricePropLine: a few reads); the newest are kept. */
export const MAX_PROP_LINES = 200;

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
 * P(away), when a game-lines version is active and books quote the game; and each changed player-prop line priced by
 * the market's active props model (P(over), P(under) at that line: `pricePropLine`, the verb behind nfl.props.priceLine).
 */
export async function repriceFixtures({ ctx, input }: { ctx: Ctx; input: { fixtures: readonly FixtureUpdate[]; propLines?: readonly PropLine[] } }): Promise<Repriced> {
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
      const spread = priced.consensus.spread?.line ?? null;
      const total = priced.consensus.total?.line ?? null;
      const add = (market: string, selection: string, probability: number | undefined, line: number | null) => {
        if (probability !== undefined && Number.isFinite(probability)) probabilities.push({ fixtureId, market, selection, probability, line });
      };
      add('spread', 'home', homeCover?.over, spread);
      add('spread', 'away', homeCover?.under, spread === null ? null : -spread);
      add('game_total', 'over', gameTotal?.over, total);
      add('game_total', 'under', gameTotal?.under, total);
      add('moneyline', 'home', moneyline?.home, null);
      add('moneyline', 'away', moneyline?.away, null);
    }
  }
  probabilities.push(...(await repricePropLines(ctx, input.propLines ?? [])));
  return { fixtures, probabilities };
}

/** The changed prop lines (deduplicated, the newest MAX_PROP_LINES) priced; a line without a priceable projection is left out. */
async function repricePropLines(ctx: Ctx, lines: readonly PropLine[]): Promise<FairProbability[]> {
  const distinct = new Map(lines.map((l) => [`${l.fixtureId}|${l.playerId}|${l.prop}|${l.line}`, l]));
  const out: FairProbability[] = [];
  for (const l of [...distinct.values()].slice(-MAX_PROP_LINES)) {
    const market = marketOfPropKey(l.prop);
    if (!market) continue; // a market we do not model
    try {
      const { price } = await pricePropLine({ ctx, input: { fixtureId: l.fixtureId, playerId: l.playerId, market, line: l.line } });
      const at = { fixtureId: l.fixtureId, market: 'player_prop', line: l.line, playerId: l.playerId, prop: l.prop };
      out.push({ ...at, selection: 'over', probability: price.over }, { ...at, selection: 'under', probability: price.under });
    } catch (err) {
      // No projection for this player, no usable model, or a line the model refuses: nothing to publish for it.
      if (!(err instanceof AppError)) throw err;
    }
  }
  return out;
}
