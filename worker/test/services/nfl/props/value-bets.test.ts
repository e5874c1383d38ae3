/**
 * The props value finder against real Postgres: 2019 games and player-weeks ingested, a small receptions model
 * trained on 2017–2018 with its 2019 projections stored; two games are made upcoming (status scheduled) relative
 * to the request clock and given book prices whose expected value is computed here from the full model loaded
 * from the stored artifact.
 */
import { activate } from '../../../../src/services/models/registry.ts';
import { bookmakers, fixtures, oddsSnapshots, players } from '@fairline/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildEnv, fitPropModel, loadPropModel, MARKETS, offeredRows, pOver, PROP_DEFAULTS, projectionRecords, serializePropModel,
} from '@fairline/ml/nfl/props/index';
import type { FreshDb } from '../../../../../scripts/test/fresh-db.ts';
import type { Ctx } from '../../../../src/context.ts';
import { propValueBets, recordTrainingRun } from '../../../../src/services/nfl/props/index.ts';
import { gamesText, weeklyText } from './data.ts';
import { freshDatabaseWith2019 } from './database.ts';

const env = buildEnv([2017, 2018, 2019].map(weeklyText), [gamesText]);
const model = fitPropModel(env, 'receptions', [2017, 2018], { ...PROP_DEFAULTS.receptions, gbdt: { ...PROP_DEFAULTS.receptions.gbdt, trees: 25, seed: 1 } });
const records = projectionRecords(model, env, offeredRows(MARKETS.receptions, env.table, new Set([2019])));
/** The reference pricing path: the full model as stored (trees and all). */
const full = loadPropModel(JSON.parse(JSON.stringify(serializePropModel(model))));

let fresh: FreshDb;
let ctx: Ctx;
const DAY = 86_400_000;
/** Three receivers' projections in three different games, and the games' ids. */
let soon: { fixtureId: number; playerId: number; mean: number; line: number };
let later: { fixtureId: number; playerId: number; mean: number };
let finished: { fixtureId: number; playerId: number };

async function ids(gameId: string, playerExternalId: string) {
  const [fx] = await fresh.db.select({ id: fixtures.id }).from(fixtures).where(eq(fixtures.naturalKey, gameId));
  const [pl] = await fresh.db.select({ id: players.id }).from(players).where(eq(players.externalId, playerExternalId));
  return { fixtureId: fx!.id, playerId: pl!.id };
}

beforeAll(async () => {
  const setup = await freshDatabaseWith2019();
  fresh = setup.fresh;
  const setupCtx = setup.ctx;
  const run = await recordTrainingRun({ ctx: setupCtx, input: { models: [{ market: 'receptions', artifact: serializePropModel(model), metrics: {} }], projections: records } });
  await activate({ ctx: setupCtx, input: { id: run.models[0]!.id } });

  // Three different games: one a day ahead of the clock, one ten days ahead, one already final.
  // The top-projected player of each game, games in order of that projection.
  const byGame: typeof records = [];
  for (const r of [...records].sort((x, y) => y.mean - x.mean)) if (!byGame.some((g) => g.gameId === r.gameId)) byGame.push(r);
  const [a, b, c] = byGame as [typeof records[0], typeof records[0], typeof records[0]];
  const now = new Date('2019-12-01T12:00:00Z');
  ctx = { ...setupCtx, clock: () => now };
  soon = { ...(await ids(a.gameId, a.playerExternalId)), mean: a.mean, line: 0 };
  later = { ...(await ids(b.gameId, b.playerExternalId)), mean: b.mean };
  finished = await ids(c.gameId, c.playerExternalId);
  await fresh.db.update(fixtures).set({ status: 'scheduled', kickoffAt: new Date(now.getTime() + DAY) }).where(eq(fixtures.id, soon.fixtureId));
  await fresh.db.update(fixtures).set({ status: 'scheduled', kickoffAt: new Date(now.getTime() + 10 * DAY) }).where(eq(fixtures.id, later.fixtureId));
  await fresh.db.update(fixtures).set({ status: 'final', kickoffAt: new Date(now.getTime() + 2 * DAY) }).where(eq(fixtures.id, finished.fixtureId));

  const [bookA, bookB] = await fresh.db.insert(bookmakers).values([{ key: 'book_a', name: 'Book A' }, { key: 'book_b', name: 'Book B' }]).returning();
  const at = new Date(now.getTime() - 3_600_000);
  const q = (g: { fixtureId: number; playerId: number }, bookmakerId: number, selection: string, line: number, price: number) => ({
    fixtureId: g.fixtureId, bookmakerId, market: 'player_prop' as const, selection, line, playerId: g.playerId, prop: 'receptions', price, capturedAt: at, source: 'test',
  });
  // Half a catch under the projected median: the over is likelier than not, so 3.0 is generous and 1.2 on the under is not.
  soon.line = Math.floor(a.mean) - 0.5;
  await fresh.db.insert(oddsSnapshots).values([
    q(soon, bookA!.id, 'over', soon.line, 3.0),
    q(soon, bookA!.id, 'under', soon.line, 1.2),
    q(soon, bookB!.id, 'over', soon.line + 2, 1.5),
    q(soon, bookB!.id, 'under', soon.line + 2, 2.5),
    q(later, bookA!.id, 'over', 0.5, 10),
    q(finished, bookA!.id, 'over', 0.5, 10),
  ]);
});
afterAll(async () => {
  await fresh?.drop();
});

const ev = (win: number, lose: number, price: number) => win * (price - 1) - lose;

describe('props.valueBets', () => {
  it('lists exactly the upcoming prices with EV ≥ minEdge, priced by the stored model, best first', async () => {
    const r = await propValueBets({ ctx, input: { minEdge: 0, days: 7 } });
    expect(r.fixtures).toBe(1);
    const pOverA = pOver(full, soon.mean, soon.line);
    const pOverB = pOver(full, soon.mean, soon.line + 2);
    const expected = [
      { bookmaker: 'book_a', side: 'over', line: soon.line, price: 3.0, expectedValue: ev(pOverA, 1 - pOverA, 3.0) },
      { bookmaker: 'book_a', side: 'under', line: soon.line, price: 1.2, expectedValue: ev(1 - pOverA, pOverA, 1.2) },
      { bookmaker: 'book_b', side: 'over', line: soon.line + 2, price: 1.5, expectedValue: ev(pOverB, 1 - pOverB, 1.5) },
      { bookmaker: 'book_b', side: 'under', line: soon.line + 2, price: 2.5, expectedValue: ev(1 - pOverB, pOverB, 2.5) },
    ].filter((e) => e.expectedValue >= 0).sort((x, y) => y.expectedValue - x.expectedValue);
    expect(expected.length).toBeGreaterThanOrEqual(2); // the generous prices are +EV under any sensible model
    expect(r.bets.map((b) => ({ bookmaker: b.bookmaker, side: b.side, line: b.line, price: b.price }))).toEqual(
      expected.map(({ bookmaker, side, line, price }) => ({ bookmaker, side, line, price })),
    );
    r.bets.forEach((b, k) => {
      expect(b.expectedValue).toBeCloseTo(expected[k]!.expectedValue, 12);
      expect(b).toMatchObject({ fixtureId: soon.fixtureId, playerId: soon.playerId, market: 'receptions' });
      expect(b.model.win * (b.model.fairPrice - 1) - b.model.lose).toBeCloseTo(0, 12);
      expect(b.bookFair).toBeGreaterThan(0);
    });
  });

  it('applies minEdge, limit, the window and the market filter; never a finished game', async () => {
    const all = await propValueBets({ ctx, input: { minEdge: 0, days: 14 } });
    expect(all.fixtures).toBe(2);
    expect(all.bets[0]).toMatchObject({ fixtureId: later.fixtureId, price: 10, side: 'over' }); // P(over 0.5) ≈ 1 at 10.0
    expect(all.bets.some((b) => b.fixtureId === finished.fixtureId)).toBe(false);
    const top = all.bets.filter((b) => b.fixtureId === soon.fixtureId)[0]!;
    const strict = await propValueBets({ ctx, input: { minEdge: top.expectedValue, days: 7 } });
    expect(strict.bets.map((b) => b.expectedValue)).toEqual([top.expectedValue]);
    expect((await propValueBets({ ctx, input: { minEdge: 0, days: 14, limit: 1 } })).bets).toHaveLength(1);
    expect((await propValueBets({ ctx, input: { minEdge: 0, days: 14, markets: ['receiving_yards'] } })).bets).toEqual([]);
  });

  it('answers BAD_REQUEST for a query it cannot run', async () => {
    await expect(propValueBets({ ctx, input: { minEdge: -0.1 } })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(propValueBets({ ctx, input: { days: 30 } })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: /days/ });
    await expect(propValueBets({ ctx, input: { markets: ['kicking_points' as never] } })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('finds nothing when no upcoming game has projections', async () => {
    const past: Ctx = { ...ctx, clock: () => new Date('2030-01-01T00:00:00Z') };
    expect(await propValueBets({ ctx: past, input: {} })).toMatchObject({ fixtures: 0, bets: [] });
  });
});
