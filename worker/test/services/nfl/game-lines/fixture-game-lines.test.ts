/**
 * NFL game lines against real Postgres: the game-lines model is fitted and recorded from the shared nflverse
 * games file (trainGameLines), NFL fixtures are given books' spread/total/moneyline prices as the odds
 * ingestion stores them, and every probability the API returns is checked against the ml module
 * (priceGame / lineOdds) at the consensus line, or against sums of the law's point masses.
 */
import { activate, rollback } from '../../../../src/services/models/registry.ts';
import { bookmakers, competitions, fixtures, modelVersions, oddsSnapshots, seasons, teams } from '@fairline/db';
import { parseGames } from '@fairline/ml/nfl/games';
import { fitGameLines, lineOdds, loadGameLines, marginLaw, priceGame, scoreGameLines, serializeGameLines, totalLaw, type GameLinesModel } from '@fairline/ml/nfl/game-lines/index';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freshDatabase, type FreshDb } from '../../../../../scripts/test/fresh-db.ts';
import type { Ctx } from '../../../../src/context.ts';
import { silentLogger } from '../../../../src/lib/logger.ts';
import { nflGameLines, nflPriceGameLine, recordGameLines, trainGameLines, type GameLineQuote } from '../../../../src/services/nfl/game-lines/index.ts';
import { gamesText } from '../props/data.ts';

const TRAIN = [2016, 2017, 2018];
const games = parseGames([gamesText]);
/** The reference: the same fit done here, independently of the verb. */
const reference = fitGameLines(games, TRAIN);

let fresh: FreshDb;
let ctx: Ctx;
const fx: Record<'main' | 'onlyMoneyline' | 'onlyTotal' | 'empty' | 'soccer', number> = { main: 0, onlyMoneyline: 0, onlyTotal: 0, empty: 0, soccer: 0 };
let v1 = 0;
let v2 = 0;

const rowsOf = async <T>(q: ReturnType<typeof sql>) => ((await fresh.db.execute(q)) as unknown as { rows: T[] }).rows;
const code = (p: Promise<unknown>) => p.then(() => 'resolved', (e: unknown) => (e as { code?: string }).code ?? String(e));

/** P(margin > x), P(margin = x), P(margin < x) summed point by point from the law (not via `above`). */
function sidesBySum(law: ReturnType<typeof marginLaw>, x: number) {
  let win = 0, push = 0, lose = 0;
  for (let m = -150; m <= 150; m++) {
    const p = law.pmf(m);
    if (m > x) win += p;
    else if (m === x) push += p;
    else lose += p;
  }
  return { win, push, lose };
}

beforeAll(async () => {
  fresh = await freshDatabase(inject('stack'));
  ctx = { db: fresh.db, read: fresh.db, cache: null, clock: () => new Date(), logger: silentLogger, fetch };
  const db = fresh.db;
  const [nfl] = await db.insert(competitions).values({ sport: 'nfl', code: 'T-NFL', name: 'Test NFL' }).returning();
  const [soc] = await db.insert(competitions).values({ sport: 'soccer', code: 'T-SOC', name: 'Test Soccer' }).returning();
  const [ns] = await db.insert(seasons).values({ competitionId: nfl!.id, label: '2026' }).returning();
  const [ss] = await db.insert(seasons).values({ competitionId: soc!.id, label: '2026' }).returning();
  const [h, a] = await db.insert(teams).values([{ sport: 'nfl', name: 'Home' }, { sport: 'nfl', name: 'Away' }]).returning();
  const [sh, sa] = await db.insert(teams).values([{ sport: 'soccer', name: 'SH' }, { sport: 'soccer', name: 'SA' }]).returning();
  const kickoffAt = new Date('2026-12-01T18:00:00Z');
  const game = async (key: string, sport: 'nfl' | 'soccer' = 'nfl') =>
    (await db.insert(fixtures).values({
      sport, competitionId: sport === 'nfl' ? nfl!.id : soc!.id, seasonId: sport === 'nfl' ? ns!.id : ss!.id, naturalKey: key,
      homeTeamId: sport === 'nfl' ? h!.id : sh!.id, awayTeamId: sport === 'nfl' ? a!.id : sa!.id, kickoffAt,
    }).returning({ id: fixtures.id }))[0]!.id;
  fx.main = await game('g-main');
  fx.onlyMoneyline = await game('g-ml');
  fx.onlyTotal = await game('g-total');
  fx.empty = await game('g-empty');
  fx.soccer = await game('s-1', 'soccer');

  const books = await db.insert(bookmakers).values([{ key: 'book_a', name: 'A' }, { key: 'book_b', name: 'B' }, { key: 'book_c', name: 'C' }]).returning();
  const [A, B, C] = books.map((b) => b.id) as [number, number, number];
  const t0 = new Date('2026-11-30T12:00:00Z');
  const t1 = new Date('2026-11-30T15:00:00Z');
  type Row = typeof oddsSnapshots.$inferInsert;
  const q = (fixtureId: number, bookmakerId: number, market: Row['market'], selection: string, line: number | null, price: number, capturedAt = t0): Row =>
    ({ fixtureId, bookmakerId, market, selection, line, price, capturedAt, source: 'test' });
  const spread = (f: number, b: number, homeHandicap: number, home: number, away: number, at = t0) =>
    [q(f, b, 'spread', 'home', homeHandicap, home, at), q(f, b, 'spread', 'away', -homeHandicap, away, at)];
  const total = (f: number, b: number, line: number, over: number, under: number) => [q(f, b, 'game_total', 'over', line, over), q(f, b, 'game_total', 'under', line, under)];
  await db.insert(oddsSnapshots).values([
    // Book A: main −3 (even), alternates −2.5 and −7; main total 47.5, alternate 44.5; a moneyline.
    ...spread(fx.main, A, -3, 1.91, 1.91), ...spread(fx.main, A, -2.5, 1.8, 2.05), ...spread(fx.main, A, -7, 2.6, 1.5),
    ...total(fx.main, A, 47.5, 1.91, 1.91), ...total(fx.main, A, 44.5, 1.6, 2.4),
    q(fx.main, A, 'moneyline', 'home', null, 1.65), q(fx.main, A, 'moneyline', 'away', null, 2.35),
    // Book B quoted −3 first, then moved to −3.5: only the −3.5 prices were seen at its latest update.
    ...spread(fx.main, B, -3, 1.91, 1.91), ...spread(fx.main, B, -3.5, 1.95, 1.87, t1),
    ...total(fx.main, B, 48, 1.9, 1.92),
    q(fx.main, B, 'moneyline', 'home', null, 1.7), q(fx.main, B, 'moneyline', 'away', null, 2.25),
    // Book C: main −4, total 47; its under only.
    ...spread(fx.main, C, -4, 1.91, 1.91), q(fx.main, C, 'game_total', 'over', 47, 1.91), q(fx.main, C, 'game_total', 'under', 47, 1.91), q(fx.main, C, 'game_total', 'under', 50, 1.8),
    // Partial games.
    q(fx.onlyMoneyline, A, 'moneyline', 'home', null, 1.5), q(fx.onlyMoneyline, A, 'moneyline', 'away', null, 2.7),
    ...total(fx.onlyTotal, A, 41, 1.95, 1.87), ...total(fx.onlyTotal, B, 41.5, 1.91, 1.91),
    // A soccer game's prices never reach the NFL API.
    q(fx.soccer, A, 'spread', 'home', -0.5, 1.9),
  ]);
}, 120_000);
afterAll(async () => {
  await fresh?.drop();
});

describe('with no game-lines model', () => {
  it('the API answers UNAVAILABLE, not a 500', async () => {
    await expect(nflGameLines({ ctx, input: { fixtureId: fx.main } })).rejects.toMatchObject({ code: 'UNAVAILABLE', message: expect.stringMatching(/no usable game-lines model/) });
    expect(await code(nflPriceGameLine({ ctx, input: { fixtureId: fx.main, market: 'spread', line: -3 } }))).toBe('UNAVAILABLE');
  });
});

describe('trainGameLines / recordGameLines', () => {
  it('records ONE candidate version: the artifact is the fit, metrics are the held-out season’s scores', async () => {
    const r = await trainGameLines({ ctx, input: { gamesCsvs: [gamesText], trainSeasons: TRAIN, testSeasons: [2019] } });
    expect(r).toMatchObject({ version: 1, created: true, trainSeasons: TRAIN, testSeasons: [2019] });
    v1 = r.id;
    const [mv] = await rowsOf<{ kind: string; scope: string; status: string; artifact: object; metrics: Record<string, number>; config: { trainSeasons: number[] } }>(
      sql`SELECT kind, scope, status, artifact, metrics, config FROM model_versions WHERE id = ${v1}`,
    );
    expect(mv).toMatchObject({ kind: 'nfl_game_lines', scope: 'nfl', status: 'candidate', config: { trainSeasons: TRAIN } });
    expect(mv!.artifact).toEqual(JSON.parse(JSON.stringify(serializeGameLines(reference))));
    const score = scoreGameLines(reference, games.filter((g) => g.season === 2019));
    expect(mv!.metrics.trainGames).toBe(reference.games);
    expect(mv!.metrics['test.games']).toBe(score.games);
    expect(mv!.metrics['test.spread.sideLogLoss']).toBeCloseTo(score.spread.sideLogLoss, 12);
    expect(mv!.metrics['test.moneyline.logLoss']).toBeCloseTo(score.moneyline.logLoss, 12);
    expect(mv!.metrics['test.spread.pushObserved']).toBeCloseTo(score.spread.pushObserved, 12);
  });

  it('is idempotent (an identical fit reuses its version), numbers a different fit 2, and writes nothing on bad input', async () => {
    const again = await trainGameLines({ ctx, input: { gamesCsvs: [gamesText], trainSeasons: [2018, 2016, 2017] } });
    expect(again).toMatchObject({ id: v1, version: 1, created: false });
    const other = await trainGameLines({ ctx, input: { gamesCsvs: [gamesText], trainSeasons: [2017, 2018] } });
    expect(other).toMatchObject({ version: 2, created: true });
    v2 = other.id;
    const count = async () => (await rowsOf<{ n: number }>(sql`SELECT count(*)::int AS n FROM model_versions`))[0]!.n;
    expect(await count()).toBe(2);
    await expect(trainGameLines({ ctx, input: { gamesCsvs: [gamesText], trainSeasons: [2018], testSeasons: [2018] } })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/overlap/) });
    await expect(trainGameLines({ ctx, input: { gamesCsvs: [gamesText], trainSeasons: [1950] } })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/at least 200/) });
    await expect(recordGameLines({ ctx, input: { artifact: { ...serializeGameLines(reference), marginSigma: -1 }, metrics: {} } })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(recordGameLines({ ctx, input: { artifact: { tag: 'fairline.gbdt', version: 2 }, metrics: {} } as never })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect(await count()).toBe(2);
  });

  it('files candidates, which are not served until one is activated', async () => {
    expect(await code(nflGameLines({ ctx, input: { fixtureId: fx.main } }))).toBe('UNAVAILABLE');
    await activate({ ctx, input: { id: v2 } });
  });
});

describe('nfl.gameLines.byFixture', () => {
  /** The version in use is the active one (v2, fitted on 2017–2018) unless a test changes it. */
  const modelOf = async (id: number): Promise<GameLinesModel> => {
    const [row] = await fresh.db.select({ artifact: modelVersions.artifact }).from(modelVersions).where(eq(modelVersions.id, id));
    return loadGameLines(row!.artifact as object);
  };
  const side = (q: GameLineQuote | undefined, i: 0 | 1) => q!.sides[i];

  it('centres on the median of the books’ main lines and prices the game there exactly as priceGame does', async () => {
    const r = await nflGameLines({ ctx, input: { fixtureId: fx.main } });
    expect(r.model).toMatchObject({ id: v2, version: 2, status: 'active', simulated: false, trainSeasons: [2017, 2018] });
    expect(r.method).toMatch(/median/);
    // Main lines −3 (A), −3.5 (B: its −3 is no longer current), −4 (C) → −3.5; totals 47.5, 48, 47 → 47.5.
    expect(r.consensus.spread).toEqual({ line: -3.5, marginLine: 3.5, books: 3, mainLines: [
      { bookmaker: 'book_a', line: -3 }, { bookmaker: 'book_b', line: -3.5 }, { bookmaker: 'book_c', line: -4 }] });
    expect(r.consensus.total).toMatchObject({ line: 47.5, books: 3 });
    const g = priceGame(await modelOf(v2), 3.5, 47.5);
    expect(r.prices).toEqual({ homeCover: g.homeCover, gameTotal: g.gameTotal, moneyline: g.moneyline, expectedMargin: g.expectedMargin, expectedTotal: g.expectedTotal });
    expect(r.prices.moneyline!.home).toBeGreaterThan(0.5); // home favoured by 3.5
  });

  it('prices every quote at its own line under the consensus law, with EV incl. pushes and the book’s margin-free odds', async () => {
    const r = await nflGameLines({ ctx, input: { fixtureId: fx.main } });
    const model = await modelOf(v2);
    const law = marginLaw(model, 3.5);
    const quote = (b: string, m: string, line: number | null) => r.quotes.find((q) => q.bookmaker === b && q.market === m && q.line === line);
    expect(r.quotes.filter((q) => q.bookmaker === 'book_b' && q.market === 'spread').map((q) => q.line)).toEqual([-3.5]);
    expect(r.quotes.filter((q) => q.market === 'spread' && q.bookmaker === 'book_a').map((q) => [q.line, q.main])).toEqual([[-7, false], [-3, true], [-2.5, false]]);

    // Home −3 (a whole line: home wins by 4+, pushes on 3).
    const a3 = quote('book_a', 'spread', -3);
    const s3 = sidesBySum(law, 3);
    expect(side(a3, 0).model!.win).toBeCloseTo(s3.win, 12);
    expect(side(a3, 0).model!.push).toBeCloseTo(s3.push, 12);
    expect(side(a3, 0).model!.lose).toBeCloseTo(s3.lose, 12);
    expect(s3.push).toBeGreaterThan(0.05); // 3 is the key number
    expect(side(a3, 0).expectedValue).toBeCloseTo(s3.win * 0.91 - s3.lose, 12);
    expect(side(a3, 1).expectedValue).toBeCloseTo(s3.lose * 0.91 - s3.win, 12);
    expect(side(a3, 0).model!.fairPrice).toBeCloseTo((s3.win + s3.lose) / s3.win, 12);
    expect(a3!.fair).toEqual([0.5, 0.5]);
    expect(a3!.margin).toBeCloseTo(2 / 1.91 - 1, 12);

    // Home −7 at 2.60 (an alternate): P(margin > 7), push on 7.
    const a7 = quote('book_a', 'spread', -7);
    const s7 = sidesBySum(law, 7);
    expect(side(a7, 0).expectedValue).toBeCloseTo(s7.win * 1.6 - s7.lose, 12);
    expect(side(a7, 1).expectedValue).toBeCloseTo(s7.lose * 0.5 - s7.win, 12);
    // book_b’s −3.5: the consensus itself, so home and away split the law evenly.
    const b35 = quote('book_b', 'spread', -3.5);
    expect(side(b35, 0).model!.win).toBeCloseTo(0.5, 9);
    expect(side(b35, 0).model!.push).toBe(0);
    const f = [1 / 1.95, 1 / 1.87];
    expect(b35!.fair![0]).toBeCloseTo(f[0]! / (f[0]! + f[1]!), 12);

    // Totals under the total law centred on 47.5: book C's one-sided under 50 has no margin to remove.
    const tl = totalLaw(model, 47.5);
    const c50 = quote('book_c', 'total', 50);
    expect(c50!.sides[0].price).toBeNull();
    expect(c50!.sides[0].expectedValue).toBeNull();
    expect(c50!.fair).toBeNull();
    const u = sidesBySum(tl, 50);
    expect(side(c50, 1).model).toMatchObject({ push: expect.closeTo(u.push, 12), lose: expect.closeTo(u.win, 12) });
    expect(side(c50, 1).expectedValue).toBeCloseTo(u.lose * 0.8 - u.win, 12);
    expect(quote('book_a', 'total', 44.5)!.sides[0].model!.win).toBe(lineOdds(tl, 44.5).over);

    // Moneylines at handicap 0: a tie (margin 0) refunds.
    const s0 = sidesBySum(law, 0);
    const mlA = quote('book_a', 'moneyline', null);
    expect(mlA!.main).toBe(true);
    expect(side(mlA, 0).expectedValue).toBeCloseTo(s0.win * 0.65 - s0.lose, 12);
    expect(side(mlA, 1).expectedValue).toBeCloseTo(s0.lose * 1.35 - s0.win, 12);
    expect(side(mlA, 0).model!.win).toBeCloseTo(r.prices.moneyline!.home, 12);
  });

  it('gives partial output when pieces are missing: only a moneyline, only a total', async () => {
    const ml = await nflGameLines({ ctx, input: { fixtureId: fx.onlyMoneyline } });
    expect(ml.consensus).toEqual({ spread: null, total: null });
    expect(ml.prices).toEqual({ homeCover: null, gameTotal: null, moneyline: null, expectedMargin: null, expectedTotal: null });
    expect(ml.quotes).toHaveLength(1);
    expect(ml.quotes[0]!.sides.map((s) => [s.price, s.model, s.expectedValue])).toEqual([[1.5, null, null], [2.7, null, null]]);
    expect(ml.quotes[0]!.fair![0]).toBeCloseTo((1 / 1.5) / (1 / 1.5 + 1 / 2.7), 12);

    const tot = await nflGameLines({ ctx, input: { fixtureId: fx.onlyTotal } });
    expect(tot.consensus.spread).toBeNull();
    expect(tot.consensus.total).toMatchObject({ line: 41, books: 2 }); // 41 and 41.5 → 41.25 → the whole number
    const g = priceGame(await modelOf(v2), NaN, 41);
    expect(tot.prices).toEqual({ homeCover: null, gameTotal: g.gameTotal, moneyline: null, expectedMargin: null, expectedTotal: g.expectedTotal });
    expect(await code(nflPriceGameLine({ ctx, input: { fixtureId: fx.onlyTotal, market: 'spread', line: -3 } }))).toBe('UNAVAILABLE');
  });

  it('answers clear errors: no lines quoted, not an NFL game, unknown fixture, bad ids', async () => {
    await expect(nflGameLines({ ctx, input: { fixtureId: fx.empty } })).rejects.toMatchObject({ code: 'UNAVAILABLE', message: expect.stringMatching(/no spread, total or moneyline/) });
    await expect(nflGameLines({ ctx, input: { fixtureId: fx.soccer } })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/not an NFL game/) });
    expect(await code(nflGameLines({ ctx, input: { fixtureId: 99_999_999 } }))).toBe('NOT_FOUND');
    expect(await code(nflGameLines({ ctx, input: { fixtureId: 2 ** 31 } }))).toBe('BAD_REQUEST');
    expect(await code(nflGameLines({ ctx, input: { fixtureId: 1.5 } }))).toBe('BAD_REQUEST');
  });

  it('serves the active version only, follows activation and rollback, and answers UNAVAILABLE for a corrupt active artifact', async () => {
    await activate({ ctx, input: { id: v1 } });
    expect((await nflGameLines({ ctx, input: { fixtureId: fx.main } })).model).toMatchObject({ id: v1, status: 'active', trainSeasons: TRAIN });
    expect(await rollback({ ctx, input: { kind: 'nfl_game_lines', scope: 'nfl', reason: 'test: back to the previous version' } })).toMatchObject({ id: v2, status: 'active' });
    expect((await nflGameLines({ ctx, input: { fixtureId: fx.main } })).model.id).toBe(v2);
    // A version whose artifact does not load (weights missing): made active, it cannot price — UNAVAILABLE, not a 500.
    const [bad] = await fresh.db.insert(modelVersions).values({
      kind: 'nfl_game_lines', scope: 'nfl', version: 3, status: 'candidate', config: {},
      artifact: { ...serializeGameLines(reference), marginWeights: [1, 2] },
    }).returning({ id: modelVersions.id });
    await activate({ ctx, input: { id: bad!.id } });
    expect(await code(nflGameLines({ ctx, input: { fixtureId: fx.main } }))).toBe('UNAVAILABLE');
    await rollback({ ctx, input: { kind: 'nfl_game_lines', scope: 'nfl', reason: 'test: back to the previous version' } });
    expect((await nflGameLines({ ctx, input: { fixtureId: fx.main } })).model.id).toBe(v2);
    await fresh.db.delete(modelVersions).where(eq(modelVersions.id, bad!.id));
  });
});

describe('nfl.gameLines.priceLine', () => {
  const model = () => fitGameLines(games, [2017, 2018]); // v2's fit, redone here

  it('prices any spread (home handicap) and total under the consensus law', async () => {
    const m = model();
    const s = await nflPriceGameLine({ ctx, input: { fixtureId: fx.main, market: 'spread', line: -6 } });
    const o = lineOdds(marginLaw(m, 3.5), 6);
    expect(s).toMatchObject({ market: 'spread', line: -6, consensus: -3.5 });
    expect(s.sides).toEqual([{ selection: 'home', probability: o.over, fairPrice: o.fairPrice.over }, { selection: 'away', probability: o.under, fairPrice: o.fairPrice.under }]);
    expect(s.push).toBe(o.push);
    expect(s.push).toBeGreaterThan(0.02); // 6 is a key number
    const plus = await nflPriceGameLine({ ctx, input: { fixtureId: fx.main, market: 'spread', line: 2.5 } }); // home getting 2.5
    expect(plus.sides[0].probability).toBeCloseTo(sidesBySum(marginLaw(m, 3.5), -2.5).win, 12);
    const t = await nflPriceGameLine({ ctx, input: { fixtureId: fx.main, market: 'total', line: 51 } });
    const ot = lineOdds(totalLaw(m, 47.5), 51);
    expect(t.sides).toEqual([{ selection: 'over', probability: ot.over, fairPrice: ot.fairPrice.over }, { selection: 'under', probability: ot.under, fairPrice: ot.fairPrice.under }]);
    expect(t.sides[0].probability + t.sides[1].probability + t.push).toBeCloseTo(1, 12);
  });

  it('rejects lines that are not whole or half points, out of range or not finite, with a readable message', async () => {
    const bad = (market: 'spread' | 'total', line: number) => nflPriceGameLine({ ctx, input: { fixtureId: fx.main, market, line } });
    await expect(bad('spread', -3.25)).rejects.toMatchObject({ code: 'BAD_REQUEST', message: 'invalid line query: line: a line is a whole or half number (e.g. -3 or 44.5)' });
    await expect(bad('spread', 61)).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/between −60 and 60/) });
    await expect(bad('total', 0)).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/above 0/) });
    await expect(bad('total', Number.POSITIVE_INFINITY)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(bad('moneyline' as never, 0)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});
