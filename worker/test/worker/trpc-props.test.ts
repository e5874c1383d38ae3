import { TRPCClientError } from '@trpc/client';
import { modelVersions } from '@fairline/db';
import { seedSimulatedData } from '../../src/seed/index.ts';
import { priceLine, type LinePricingModel } from '@fairline/ml/nfl/props/price';
import { pricing } from '@fairline/ml';
import { inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppRouter } from '../../src/trpc/router.ts';
import { nextGame as nextScheduled, suiteDatabase, type SuiteDb } from './support/fresh-db.ts';
import { errorCode, trpcClient } from './support/worker-http.ts';

// Seeded relative to the real clock: props.valueBets looks for games kicking off after the worker’s now.
const NOW = Date.now();
let suite: SuiteDb;

const client = (env: object) => trpcClient(env);

beforeAll(async () => {
  suite = await suiteDatabase();
  await seedSimulatedData(suite.db, NOW);
});
afterAll(async () => {
  await suite?.drop();
});

const nextGame = (sport: 'nfl' | 'soccer') => nextScheduled(suite.db, sport);


describe('props over HTTP inside workerd', () => {
  it('byFixture lists both teams’ projected players with the book’s lines priced by the stored model', async () => {
    const api = client(suite.env);
    const game = await nextGame('nfl');
    const r = await api.nfl.props.byFixture.query({ fixtureId: game.id });
    // The simulated seed projects a QB (passing yards) and a WR (receiving yards, receptions) per side.
    expect(r.players).toHaveLength(4);
    const qb = r.players.find((p) => p.position === 'QB')!;
    expect(qb.markets.map((m) => m.market)).toEqual(['passing_yards']);
    const wr = r.players.find((p) => p.position === 'WR')!;
    expect(wr.markets.map((m) => m.market)).toEqual(['receiving_yards', 'receptions']);

    const ids = [...new Set(r.players.flatMap((p) => p.markets.map((m) => m.modelVersion.id)))];
    const parts = await suite.db
      .select({ id: modelVersions.id, artifact: modelVersions.artifact })
      .from(modelVersions)
      .where(inArray(modelVersions.id, ids));
    const model = (id: number) => parts.find((p) => p.id === id)!.artifact as LinePricingModel;
    for (const p of r.players) {
      for (const m of p.markets) {
        expect(m.modelVersion).toMatchObject({ status: 'active', simulated: true });
        expect(m.q10!).toBeLessThan(m.q90!);
        // Two simulated books quote the same line: sim_book at 1.91/1.91, sim_book_b at its own prices.
        expect(m.quotes.map((q) => q.bookmaker)).toEqual(['sim_book', 'sim_book_b']);
        expect(m.quotes[1]!.line).toBe(m.quotes[0]!.line);
        for (const q of m.quotes) {
          expect(q.capturedAt).toBeInstanceOf(Date);
          expect(q.model).toEqual(priceLine(model(m.modelVersion.id), m.mean, q.line));
          expect(q.over!.expectedValue).toBeCloseTo(q.model.over * q.over!.price - 1, 12);
          expect(q.under!.expectedValue).toBeCloseTo(q.model.under * q.under!.price - 1, 12);
          const [over, under] = pricing.removeVig([q.over!.price, q.under!.price], 'multiplicative');
          expect(q.fair!.over).toBeCloseTo(over!, 12);
          expect(q.fair!.under).toBeCloseTo(under!, 12);
        }
        expect(m.quotes[0]!.fair).toEqual({ over: 0.5, under: 0.5 }); // 1.91 / 1.91: the margin splits evenly
      }
    }
  });

  it('priceLine prices any line; bad lines, unknown players and non-NFL games are clear client errors', async () => {
    const api = client(suite.env);
    const game = await nextGame('nfl');
    const r = await api.nfl.props.byFixture.query({ fixtureId: game.id, markets: ['receptions'] });
    const wr = r.players[0]!;
    const priced = await api.nfl.props.priceLine.query({ fixtureId: game.id, playerId: wr.playerId, market: 'receptions', line: 5 });
    expect(priced.price.push).toBeGreaterThan(0);
    expect(priced.price.over + priced.price.under + priced.price.push).toBeCloseTo(1, 12);

    const bad = await api.nfl.props.priceLine.query({ fixtureId: game.id, playerId: wr.playerId, market: 'receptions', line: 5.25 }).catch((e: unknown) => e);
    expect(errorCode(bad)).toBe('BAD_REQUEST');
    // A readable message and the issues as data, not the validator's JSON.
    expect((bad as Error).message).toBe('invalid input: line: a line is a whole or half number (e.g. 4 or 4.5)');
    expect((bad as TRPCClientError<AppRouter>).data).toMatchObject({ issues: [{ path: 'line', message: 'a line is a whole or half number (e.g. 4 or 4.5)' }] });
    expect(errorCode(await api.nfl.props.priceLine.query({ fixtureId: game.id, playerId: wr.playerId, market: 'passing_yards', line: 250.5 }).catch((e) => e))).toBe('NOT_FOUND');
    expect(errorCode(await api.nfl.props.byFixture.query({ fixtureId: 99_999_999 }).catch((e) => e))).toBe('NOT_FOUND');
    const soccer = await nextGame('soccer');
    const err = await api.nfl.props.byFixture.query({ fixtureId: soccer.id }).catch((e: unknown) => e);
    expect(errorCode(err)).toBe('BAD_REQUEST');
    expect((err as Error).message).toMatch(/not an NFL game/);
  });

  it('valueBets lists the seeded games’ +EV prices, best first, each EV recomputed from the stored law', async () => {
    const api = client(suite.env);
    const r = await api.nfl.props.valueBets.query({ minEdge: 0, days: 14 });
    expect(r.fixtures).toBeGreaterThan(0);
    expect(r.bets.length).toBeGreaterThan(0);
    const parts = await suite.db
      .select({ id: modelVersions.id, artifact: modelVersions.artifact })
      .from(modelVersions)
      .where(inArray(modelVersions.id, [...new Set(r.bets.map((b) => b.modelVersion.id))]));
    const projections = new Map<string, number>();
    for (const fixtureId of new Set(r.bets.map((b) => b.fixtureId))) {
      for (const p of (await api.nfl.props.byFixture.query({ fixtureId })).players) for (const m of p.markets) projections.set(`${fixtureId}|${p.playerId}|${m.market}`, m.mean);
    }
    let prev = Infinity;
    for (const b of r.bets) {
      const law = parts.find((x) => x.id === b.modelVersion.id)!.artifact as LinePricingModel;
      const price = priceLine(law, projections.get(`${b.fixtureId}|${b.playerId}|${b.market}`)!, b.line);
      const [win, lose] = b.side === 'over' ? [price.over, price.under] : [price.under, price.over];
      expect(b.expectedValue).toBeCloseTo(win * (b.price - 1) - lose, 12);
      expect(b.expectedValue).toBeGreaterThanOrEqual(0);
      expect(b.expectedValue).toBeLessThanOrEqual(prev);
      prev = b.expectedValue;
      expect(b.kickoffAt.getTime()).toBeGreaterThan(Date.now());
    }
    const bad = await api.nfl.props.valueBets.query({ minEdge: -1 }).catch((e: unknown) => e);
    expect(errorCode(bad)).toBe('BAD_REQUEST');
    expect((bad as Error).message).toMatch(/minEdge/);
  });

  it('nfl.gameLines.valueBets lists the seeded games’ +EV spread/total/moneyline prices as each game’s panel prices them', async () => {
    const api = client(suite.env);
    const r = await api.nfl.gameLines.valueBets.query({ minEdge: 0, days: 14 });
    expect(r.fixtures).toBeGreaterThan(0);
    expect(r.bets.length).toBeGreaterThan(0);
    let prev = Infinity;
    for (const b of r.bets) {
      expect(b.expectedValue).toBeGreaterThanOrEqual(0);
      expect(b.expectedValue).toBeLessThanOrEqual(prev);
      prev = b.expectedValue;
      const panel = await api.nfl.gameLines.byFixture.query({ fixtureId: b.fixtureId });
      const q = panel.quotes.find((x) => x.bookmaker === b.bookmaker && x.market === b.market && x.line === b.line)!;
      const side = q.sides.find((s) => s.selection === b.selection)!;
      expect(side.price).toBe(b.price);
      expect(side.expectedValue).toBe(b.expectedValue);
      expect(side.model!.win * (b.price - 1) - side.model!.lose).toBeCloseTo(b.expectedValue, 12);
    }
  });
});
