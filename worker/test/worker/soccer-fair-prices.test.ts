import { bookmakers, fixtures, oddsSightings, oddsSnapshots, predictions } from '@fairline/db';
import { seedSimulatedData } from '../../src/seed/index.ts';
import { and, asc, desc, eq, inArray, lt } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/env.ts';
import { silentLogger } from '../../src/lib/logger.ts';
import { buildCtx } from '../../src/runtime.ts';
import { refreshSoccerPredictions } from '../../src/services/soccer/refresh-predictions.ts';
import { createCallerFactory, inProcessContext } from '../../src/trpc/init.ts';
import { appRouter } from '../../src/trpc/router.ts';
import { suiteDatabase, testEnv, type SuiteDb } from './support/fresh-db.ts';

const NOW = Date.UTC(2026, 10, 21, 12);
let suite: SuiteDb;
let built: ReturnType<typeof buildCtx>;
const makeCaller = createCallerFactory(appRouter);
let caller: ReturnType<typeof makeCaller>;

beforeAll(async () => {
  suite = await suiteDatabase();
  await seedSimulatedData(suite.db, NOW);
  built = buildCtx(loadConfig(suite.env), silentLogger);
  caller = makeCaller(inProcessContext(built.ctx));
});
afterAll(async () => {
  await built?.dispose();
  await suite?.drop();
});

const soccerFixtures = () =>
  suite.db.select().from(fixtures).where(eq(fixtures.sport, 'soccer')).orderBy(asc(fixtures.kickoffAt), asc(fixtures.id));

describe('soccer.fairPrices (Dixon–Coles inside workerd)', () => {
  it('prices an upcoming fixture: one grid, coherent markets, quotes with margin and EV', async () => {
    const next = (await soccerFixtures()).find((f) => f.status === 'scheduled')!;
    const r = await caller.soccer.fairPrices({ fixtureId: next.id });
    const { home, draw, away } = r.book.matchOdds;
    expect(home.p + draw.p + away.p).toBeCloseTo(1, 9);
    expect(home.fairPrice).toBeCloseTo(1 / home.p, 9);
    // Draw-no-bet is the 1X2 without the draw; AH 0 equals DNB — both from the same grid.
    expect(r.book.drawNoBet.home.p).toBeCloseTo(home.p / (home.p + away.p), 9);
    // Over 2.5 wins exactly when under 2.5 loses.
    const t = r.book.totals['2.5']!;
    expect(t.over.win + t.under.win).toBeCloseTo(1, 9);
    expect(t.over.push).toBe(0);
    expect(r.model.matches).toBeGreaterThanOrEqual(30);

    const quote = r.quotes.find((q) => q.bookmaker === 'sim_book')!;
    expect(quote).toBeDefined();
    expect(quote.margin).toBeGreaterThan(0.02);
    expect(quote.fair!.home + quote.fair!.draw + quote.fair!.away).toBeCloseTo(1, 9);
    expect(quote.expectedValue.home).toBeCloseTo(home.p * quote.prices.home - 1, 9);
  });

  it('quotes the latest price of each selection when a book has moved', async () => {
    const next = (await soccerFixtures()).filter((f) => f.status === 'scheduled')[2]!;
    // The book's newest home price (the seed also stores an earlier price history).
    // sim_book's (other simulated books quote the same match too).
    const [sim] = await suite.db.select().from(bookmakers).where(eq(bookmakers.key, 'sim_book'));
    const [old] = await suite.db.select().from(oddsSnapshots)
      .where(and(eq(oddsSnapshots.fixtureId, next.id), eq(oddsSnapshots.bookmakerId, sim!.id), eq(oddsSnapshots.market, '1x2'), eq(oddsSnapshots.selection, 'home')))
      .orderBy(desc(oddsSnapshots.capturedAt), desc(oddsSnapshots.id)).limit(1);
    // As a live feed records a move: the new home price is appended, and the book's unchanged prices (their latest
    // rows) are seen again at this update.
    const move = async (price: number, hours: number) => {
      const at = new Date(old!.capturedAt.getTime() + hours * 3_600_000);
      await suite.db.insert(oddsSnapshots).values({ ...old!, id: undefined, price, capturedAt: at });
      const unchanged = await suite.db.selectDistinctOn([oddsSnapshots.selection], { id: oddsSnapshots.id }).from(oddsSnapshots)
        .where(and(eq(oddsSnapshots.fixtureId, next.id), eq(oddsSnapshots.bookmakerId, old!.bookmakerId), eq(oddsSnapshots.market, '1x2'), inArray(oddsSnapshots.selection, ['draw', 'away'])))
        .orderBy(oddsSnapshots.selection, desc(oddsSnapshots.capturedAt), desc(oddsSnapshots.id));
      await suite.db.insert(oddsSightings).values(unchanged.map((r) => ({ snapshotId: r.id, seenAt: at })))
        .onConflictDoUpdate({ target: oddsSightings.snapshotId, set: { seenAt: at } });
    };
    await move(old!.price + 0.05, 1);
    const r = await caller.soccer.fairPrices({ fixtureId: next.id });
    const quote = r.quotes.find((q) => q.bookmaker === 'sim_book')!;
    expect(quote.prices.home).toBeCloseTo(old!.price + 0.05, 9);
    expect(quote.fair).not.toBeNull();

    // Moved so far that the three prices now sum below 100 %: still quoted, with EV, but no margin-free view.
    await move(old!.price * 3, 2);
    const arb = (await caller.soccer.fairPrices({ fixtureId: next.id })).quotes.find((q) => q.bookmaker === 'sim_book')!;
    expect(arb.margin).toBeLessThan(0);
    expect(arb.fair).toBeNull();
    expect(arb.expectedValue.home).toBeGreaterThan(0);
  });

  it('uses only results strictly before kickoff, even for a finished match', async () => {
    const all = await soccerFixtures();
    const finished = all.filter((f) => f.status === 'final');
    const target = finished[finished.length - 1]!;
    const before = await suite.db
      .select()
      .from(fixtures)
      .where(and(eq(fixtures.competitionId, target.competitionId), eq(fixtures.status, 'final'), lt(fixtures.kickoffAt, target.kickoffAt)));
    const r = await caller.soccer.fairPrices({ fixtureId: target.id });
    expect(r.model.matches).toBe(before.length);
  });

  it('refuses fixtures it cannot price honestly, with clear errors', async () => {
    const all = await soccerFixtures();
    // Too little history is a missing-data state (PRECONDITION_FAILED, HTTP 412), not an outage (SERVICE_UNAVAILABLE).
    await expect(caller.soccer.fairPrices({ fixtureId: all[0]!.id })).rejects.toMatchObject({
      code: 'PRECONDITION_FAILED', message: expect.stringMatching(/^not enough results before this fixture to price it \(\d+ of the \d+ needed\)$/),
    });
    const [nfl] = await suite.db.select().from(fixtures).where(eq(fixtures.sport, 'nfl')).limit(1);
    await expect(caller.soccer.fairPrices({ fixtureId: nfl!.id })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(caller.soccer.fairPrices({ fixtureId: 99_999 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('no longer quotes a price the book withdrew (odds_sightings), like every other market', async () => {
    const target = (await soccerFixtures()).filter((f) => f.status === 'scheduled')[3]!;
    const [live] = await suite.db.insert(bookmakers).values({ key: 'live_book', name: 'Live Book' }).returning();
    const t1 = new Date(NOW - 2 * 3_600_000), t2 = new Date(NOW - 3_600_000);
    const row = (selection: string, price: number) =>
      ({ fixtureId: target.id, bookmakerId: live!.id, market: '1x2' as const, selection, price, capturedAt: t1, source: 'odds-api' });
    const [home, draw] = await suite.db.insert(oddsSnapshots).values([row('home', 2.1), row('draw', 3.4), row('away', 3.6)]).returning({ id: oddsSnapshots.id });
    const quoted = async () => (await caller.soccer.fairPrices({ fixtureId: target.id })).quotes.find((q) => q.bookmaker === 'live_book');
    expect((await quoted())?.prices).toEqual({ home: 2.1, draw: 3.4, away: 3.6 });
    // The feed's next update still quotes home and draw (seen again) but no longer the away price.
    await suite.db.insert(oddsSightings).values([home!, draw!].map((r) => ({ snapshotId: r.id, seenAt: t2 })));
    expect(await quoted()).toBeUndefined();
  });

  it('gives one answer: the API prices a predicted fixture with the stored prediction’s version, to the same probabilities', async () => {
    const atNow = { ...built.ctx, clock: () => new Date(NOW) };
    const refreshed = await refreshSoccerPredictions({ ctx: atNow });
    const fixtureId = refreshed.changes[0]!.fixtureId;
    const stored = await suite.db.select().from(predictions).where(and(eq(predictions.fixtureId, fixtureId), eq(predictions.market, '1x2')));
    expect(stored).toHaveLength(3);
    const r = await makeCaller(inProcessContext(atNow)).soccer.fairPrices({ fixtureId });
    expect(r.model.versionId).toBe(stored[0]!.modelVersionId);
    for (const p of stored) {
      expect(r.book.matchOdds[p.selection as 'home' | 'draw' | 'away'].p).toBeCloseTo(p.probability, 12);
    }
  });

  it.runIf(Boolean(testEnv.UPSTASH_REDIS_REST_URL))('caches the fitted book in Redis and serves the same answer from it', async () => {
    const next = (await soccerFixtures()).filter((f) => f.status === 'scheduled')[1]!;
    const first = await caller.soccer.fairPrices({ fixtureId: next.id });
    const keys = await built.ctx.cache!.redis.keys(`fair:soccer:v3:${next.id}:*`);
    expect(keys.length).toBe(1);
    const second = await caller.soccer.fairPrices({ fixtureId: next.id });
    expect(second.book).toEqual(first.book);
  });
});
