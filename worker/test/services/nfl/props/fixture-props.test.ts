/**
 * Reading and pricing stored prop projections against real Postgres: 2019 games and player-weeks are ingested,
 * small receptions and receiving-yards models are trained on 2017–2018 and their 2019 projections stored; book
 * prices are written as the odds ingestion stores player props (market player_prop, prop = feed key).
 * Every model probability is checked against the full model loaded from its stored artifact (pOver).
 */
import { appendChangedOdds, bookmakers, fixtures, OddsBatch, oddsSightings, oddsSnapshots, players } from '@fairline/db';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildEnv, fitPropModel, loadPropModel, MARKETS, offeredRows, pOver, PROP_DEFAULTS, projectionRecords, serializePropModel,
  type MarketName, type PropModel,
} from '@fairline/ml/nfl/props/index';
import type { FreshDb } from '../../../../../scripts/test/fresh-db.ts';
import type { Ctx } from '../../../../src/context.ts';
import { gamesText, weeklyText } from './data.ts';
import { freshDatabaseWith2019 } from './database.ts';
import { rowsOf as rowsIn } from '../../../support/database.ts';
import { activate, rollback } from '../../../../src/services/models/registry.ts';
import { fixtureProps, pricePropLine, recordTrainingRun } from '../../../../src/services/nfl/props/index.ts';


const env = buildEnv([2017, 2018, 2019].map(weeklyText), [gamesText]);
const fast = (m: MarketName, seed = 1) => ({ ...PROP_DEFAULTS[m], gbdt: { ...PROP_DEFAULTS[m].gbdt, trees: 25, seed } });
const trained: Record<string, PropModel> = {
  receptions: fitPropModel(env, 'receptions', [2017, 2018], fast('receptions')),
  receiving_yards: fitPropModel(env, 'receiving_yards', [2017, 2018], fast('receiving_yards')),
};
const recordCache = new Map<PropModel, ReturnType<typeof projectionRecords>>();
/** The model's 2019 projection records (built once per model: feature building is the slow part). */
const recordsOf = (m: PropModel) => {
  if (!recordCache.has(m)) recordCache.set(m, projectionRecords(m, env, offeredRows(MARKETS[m.market], env.table, new Set([2019]))));
  return recordCache.get(m)!;
};

let fresh: FreshDb;
let ctx: Ctx;
/** A 2019 game with projections in both markets, and its busiest receiver. */
let gameId: number;
let playerId: number;
let receptionsMean: number;
let yardsMean: number;
const versionIds: Record<string, number> = {};

const rowsOf = <T>(q: ReturnType<typeof sql>) => rowsIn<T>(fresh.db, q);

beforeAll(async () => {
  ({ fresh, ctx } = await freshDatabaseWith2019());
  const r = await recordTrainingRun({
    ctx,
    input: {
      models: Object.values(trained).map((m) => ({ market: m.market, artifact: serializePropModel(m), metrics: {} })),
      projections: Object.values(trained).flatMap(recordsOf),
    },
  });
  for (const m of r.models) versionIds[m.market] = m.id;
  // Training files candidates; the API serves active versions only.
  for (const m of r.models) await activate({ ctx, input: { id: m.id } });
  const rec = [...recordsOf(trained.receptions!)].sort((a, b) => b.mean - a.mean)[0]!;
  const [fx] = await fresh.db.select({ id: fixtures.id }).from(fixtures).where(eq(fixtures.naturalKey, rec.gameId));
  const [pl] = await fresh.db.select({ id: players.id }).from(players).where(eq(players.externalId, rec.playerExternalId));
  gameId = fx!.id;
  playerId = pl!.id;
  receptionsMean = rec.mean;
  yardsMean = recordsOf(trained.receiving_yards!).find((x) => x.gameId === rec.gameId && x.playerExternalId === rec.playerExternalId)!.mean;

  const books = await fresh.db.insert(bookmakers).values([{ key: 'book_a', name: 'Book A' }, { key: 'book_b', name: 'Book B' }]).returning();
  const [a, b] = books;
  const t0 = new Date('2019-09-01T12:00:00Z');
  const later = new Date('2019-09-01T15:00:00Z');
  const quote = (bookmakerId: number, prop: string, selection: string, line: number | null, price: number, capturedAt = t0) => ({
    fixtureId: gameId, bookmakerId, market: 'player_prop' as const, selection, line, playerId, prop, price, capturedAt, source: 'test',
  });
  const [, underRow] = await fresh.db.insert(oddsSnapshots).values([
    quote(a!.id, 'receptions', 'over', 6.5, 1.91),
    quote(a!.id, 'receptions', 'under', 6.5, 1.91), // unchanged at the later update (its sighting below): still quoted
    quote(a!.id, 'receptions', 'over', 6.5, 2.05, later), // the book moved: this is the price to quote
    quote(b!.id, 'receptions', 'over', 7, 2.2), // a whole line: a push is possible
    quote(b!.id, 'receptions', 'under', 7, 1.75),
    quote(b!.id, 'reception_yds', 'over', 80.5, 1.87), // one side only: no margin to remove
    quote(b!.id, 'kicking_points', 'over', 7.5, 1.9), // a prop we do not model: ignored
  ]).returning({ id: oddsSnapshots.id });
  await fresh.db.insert(oddsSightings).values({ snapshotId: underRow!.id, seenAt: later });
});
afterAll(async () => {
  await fresh?.drop();
});

/** The full model as loaded from the artifact that was stored (trees and all): the reference pricing path. */
const full = (market: string) => loadPropModel(JSON.parse(JSON.stringify(serializePropModel(trained[market]!))));

describe('nfl.props.byFixture', () => {
  it('lists every projected player of the game with median and interval, markets in a fixed order', async () => {
    const r = await fixtureProps({ ctx, input: { fixtureId: gameId } });
    const expected = (await rowsOf<{ n: string }>(sql`SELECT count(DISTINCT player_id) AS n FROM projections WHERE fixture_id = ${gameId}`))[0]!;
    expect(r.players.length).toBe(Number(expected.n));
    const p = r.players.find((x) => x.playerId === playerId)!;
    expect(p.markets.map((m) => m.market)).toEqual(['receiving_yards', 'receptions']);
    const rec = p.markets.find((m) => m.market === 'receptions')!;
    expect(rec.mean).toBeCloseTo(receptionsMean, 10);
    expect(rec.modelVersion).toEqual({ id: versionIds.receptions, version: 1, status: 'active', simulated: false });
    expect(rec.q10!).toBeLessThanOrEqual(rec.median);
    expect(rec.median).toBeLessThanOrEqual(rec.q90!);
    expect(Number.isInteger(rec.median)).toBe(true); // counts have an integer median
  });

  it('prices each book’s latest line with the stored model: P(over) equals the full model’s, EV and margin-free odds', async () => {
    const r = await fixtureProps({ ctx, input: { fixtureId: gameId, markets: ['receptions', 'receiving_yards'] } });
    const rec = r.players.find((x) => x.playerId === playerId)!.markets.find((m) => m.market === 'receptions')!;
    expect(rec.quotes.map((q) => [q.bookmaker, q.line])).toEqual([['book_a', 6.5], ['book_b', 7]]);
    const model = full('receptions');
    const [qa, qb] = rec.quotes as [typeof rec.quotes[0], typeof rec.quotes[0]];
    // book_a moved its over to 2.05; the under is still 1.91.
    expect(qa.over!.price).toBe(2.05);
    expect(qa.under!.price).toBe(1.91);
    expect(qa.model.over).toBe(pOver(model, receptionsMean, 6.5));
    expect(qa.model.push).toBe(0);
    expect(qa.over!.expectedValue).toBeCloseTo(qa.model.over * 2.05 - 1, 12);
    expect(qa.margin).toBeCloseTo(1 / 2.05 + 1 / 1.91 - 1, 12);
    expect(qa.fair!.over + qa.fair!.under).toBeCloseTo(1, 12);
    expect(qa.fair!.over).toBeCloseTo(1 / 2.05 / (1 / 2.05 + 1 / 1.91), 12);
    // Whole line 7: over wins on ≥ 8 (= P(over 7.5)), under on ≤ 6 (= 1 − P(over 6.5)), the rest pushes.
    expect(qb.model.over).toBe(pOver(model, receptionsMean, 7.5));
    expect(qb.model.under).toBeCloseTo(1 - pOver(model, receptionsMean, 6.5), 12);
    expect(qb.model.push).toBeGreaterThan(0);
    expect(qb.under!.expectedValue).toBeCloseTo(qb.model.under * 0.75 - qb.model.over, 12);

    const yards = r.players.find((x) => x.playerId === playerId)!.markets.find((m) => m.market === 'receiving_yards')!;
    expect(yards.quotes).toHaveLength(1);
    expect(yards.quotes[0]).toMatchObject({ bookmaker: 'book_b', line: 80.5, under: null, margin: null, fair: null });
    expect(yards.quotes[0]!.model.over).toBe(pOver(full('receiving_yards'), yardsMean, 80.5));
  });

  it('filters by market, and a game without projections has no players', async () => {
    const r = await fixtureProps({ ctx, input: { fixtureId: gameId, markets: ['receptions'] } });
    expect(r.players.every((p) => p.markets.length === 1 && p.markets[0]!.market === 'receptions')).toBe(true);
    // Every 2019 game has projections: a new game (same teams, a later date) has none.
    const [other] = await rowsOf<{ id: number }>(sql`
      INSERT INTO fixtures (sport, competition_id, season_id, home_team_id, away_team_id, kickoff_at, natural_key)
      SELECT sport, competition_id, season_id, home_team_id, away_team_id, kickoff_at + interval '400 days', natural_key || '-later'
      FROM fixtures WHERE id = ${gameId} RETURNING id`);
    expect(await fixtureProps({ ctx, input: { fixtureId: other!.id } })).toEqual({ fixtureId: other!.id, players: [] });
  });

  it('serves the active version only: a newer candidate waits for activation, and a rollback returns to the previous one', async () => {
    // A second version of the model (its artifact differs in a config field) with the game's projections.
    const artifact = serializePropModel(trained.receptions!);
    const again = { ...artifact, config: { ...artifact.config, calibrationPriorWeight: artifact.config.calibrationPriorWeight + 1 } };
    const game = [...recordsOf(trained.receptions!)].sort((a, b) => b.mean - a.mean)[0]!.gameId;
    const rec = recordsOf(trained.receptions!).filter((x) => x.gameId === game);
    const run = await recordTrainingRun({ ctx, input: { models: [{ market: 'receptions', artifact: again, metrics: {} }], projections: rec } });
    const v2 = run.models[0]!.id;
    const pick = async () => (await fixtureProps({ ctx, input: { fixtureId: gameId, markets: ['receptions'] } })).players.find((p) => p.playerId === playerId)!.markets[0]!.modelVersion;
    try {
      expect(await pick()).toMatchObject({ id: versionIds.receptions, version: 1, status: 'active' });
      await activate({ ctx, input: { id: v2 } });
      expect(await pick()).toMatchObject({ id: v2, version: 2, status: 'active' });
      const [old] = await rowsOf<{ status: string }>(sql`SELECT status FROM model_versions WHERE id = ${versionIds.receptions}`);
      expect(old!.status).toBe('retired');
    } finally {
      expect(await rollback({ ctx, input: { kind: 'nfl_props', scope: 'nfl:receptions', reason: 'test: back to the previous version' } })).toMatchObject({ id: versionIds.receptions, status: 'active' });
    }
    expect(await pick()).toMatchObject({ id: versionIds.receptions, version: 1, status: 'active' });
  });

  it('quotes a book that moved its line at its new line only, and skips quotes without a usable line', async () => {
    const [a] = await fresh.db.select().from(bookmakers).where(eq(bookmakers.key, 'book_a'));
    const t2 = new Date('2019-09-01T18:00:00Z');
    const row = (prop: string, selection: string, line: number | null, price: number) => ({
      fixtureId: gameId, bookmakerId: a!.id, market: 'player_prop' as const, selection, line, playerId, prop, price, capturedAt: t2, source: 'test',
    });
    await fresh.db.insert(oddsSnapshots).values([
      row('receptions', 'over', 7.5, 2.3), row('receptions', 'under', 7.5, 1.62), // 6.5 → 7.5
      row('reception_yds', 'over', null, 1.9), // no line: not a quote
      row('reception_yds', 'under', -2.5, 1.9), // a negative line for yards received: not a quote
    ]);
    const r = await fixtureProps({ ctx, input: { fixtureId: gameId } });
    const markets = r.players.find((x) => x.playerId === playerId)!.markets;
    const rec = markets.find((m) => m.market === 'receptions')!;
    expect(rec.quotes.map((q) => [q.bookmaker, q.line, q.over?.price, q.under?.price])).toEqual([['book_a', 7.5, 2.3, 1.62], ['book_b', 7, 2.2, 1.75]]);
    expect(rec.quotes[0]!.model.over).toBe(pOver(full('receptions'), receptionsMean, 7.5));
    expect(markets.find((m) => m.market === 'receiving_yards')!.quotes.map((q) => q.bookmaker)).toEqual(['book_b']);
  });

  it('quotes a line again when the book moves back to it with unchanged prices (nothing appended, seen again)', async () => {
    const [a] = await fresh.db.select().from(bookmakers).where(eq(bookmakers.key, 'book_a'));
    const batch = new OddsBatch('odds-api');
    const t3 = '2019-09-01T20:00:00.000Z';
    batch.push(gameId, a!.id, 'player_prop', 'over', 6.5, 2.05, t3, false, playerId, 'receptions');
    batch.push(gameId, a!.id, 'player_prop', 'under', 6.5, 1.91, t3, false, playerId, 'receptions');
    const counts = await fresh.db.transaction((tx) => appendChangedOdds(tx as never, batch));
    expect(counts).toMatchObject({ inserted: 0, unchanged: 2 }); // the same prices as the last 6.5 rows
    const r = await fixtureProps({ ctx, input: { fixtureId: gameId, markets: ['receptions'] } });
    const quotes = r.players.find((x) => x.playerId === playerId)!.markets[0]!.quotes;
    expect(quotes.filter((q) => q.bookmaker === 'book_a').map((q) => [q.line, q.over?.price, q.under?.price])).toEqual([[6.5, 2.05, 1.91]]);
  });

  it('leaves out a market whose active version cannot price, and priceLine says so; a rollback restores it', async () => {
    const artifact = serializePropModel(trained.receiving_yards!);
    // A copy without its predictive law (and a different config, so it is stored as a new version).
    const broken: Record<string, unknown> = { ...artifact, config: { ...artifact.config, note: 'broken copy' } };
    delete broken.distribution;
    const top = [...recordsOf(trained.receptions!)].sort((p, q) => q.mean - p.mean)[0]!;
    const game = recordsOf(trained.receiving_yards!).filter((x) => x.playerExternalId === top.playerExternalId && x.gameId === top.gameId);
    const run = await recordTrainingRun({ ctx, input: { models: [{ market: 'receiving_yards', artifact: broken as never, metrics: {} }], projections: game } });
    const bad = run.models[0]!.id;
    const ask = () => pricePropLine({ ctx, input: { fixtureId: gameId, playerId, market: 'receiving_yards', line: 60.5 } });
    const yardsVersion = async () =>
      (await fixtureProps({ ctx, input: { fixtureId: gameId } })).players.find((x) => x.playerId === playerId)!.markets.find((m) => m.market === 'receiving_yards')?.modelVersion.id;
    try {
      // Filed but not active: the working version still serves.
      expect(await yardsVersion()).toBe(versionIds.receiving_yards);
      await activate({ ctx, input: { id: bad } });
      expect(await yardsVersion()).toBeUndefined();
      await expect(ask()).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    } finally {
      await rollback({ ctx, input: { kind: 'nfl_props', scope: 'nfl:receiving_yards', reason: 'test: back to the previous version' } });
    }
    expect((await ask()).modelVersion.id).toBe(versionIds.receiving_yards);
  });

  it('rejects an unknown fixture, a non-NFL fixture and an unknown market with clear errors', async () => {
    await expect(fixtureProps({ ctx, input: { fixtureId: 2 ** 40 } })).rejects.toMatchObject({ code: 'BAD_REQUEST' }); // not an int4 id
    await expect(fixtureProps({ ctx, input: { fixtureId: 987654321 } })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(fixtureProps({ ctx, input: { fixtureId: gameId, markets: ['goals' as MarketName] } })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    const [comp] = await rowsOf<{ id: number }>(sql`INSERT INTO competitions (sport, code, name) VALUES ('soccer', 'T-SOC', 'Test league') RETURNING id`);
    const [h] = await rowsOf<{ id: number }>(sql`INSERT INTO teams (sport, name) VALUES ('soccer', 'Test Home') RETURNING id`);
    const [aw] = await rowsOf<{ id: number }>(sql`INSERT INTO teams (sport, name) VALUES ('soccer', 'Test Away') RETURNING id`);
    const [season] = await rowsOf<{ id: number }>(sql`INSERT INTO seasons (competition_id, label) VALUES (${comp!.id}, '2019/20') RETURNING id`);
    const [soc] = await rowsOf<{ id: number }>(sql`
      INSERT INTO fixtures (sport, competition_id, season_id, home_team_id, away_team_id, kickoff_at, natural_key)
      VALUES ('soccer', ${comp!.id}, ${season!.id}, ${h!.id}, ${aw!.id}, now(), 'T-SOC:1') RETURNING id`);
    await expect(fixtureProps({ ctx, input: { fixtureId: soc!.id } })).rejects.toThrow(/not an NFL game/);
  });
});

describe('props.priceLine', () => {
  it('prices any whole or half line for a projected player', async () => {
    const model = full('receiving_yards');
    for (const line of [0, 37.5, 64, 120.5]) {
      const r = await pricePropLine({ ctx, input: { fixtureId: gameId, playerId, market: 'receiving_yards', line } });
      expect(r.mean).toBeCloseTo(yardsMean, 10);
      const half = Number.isInteger(line) ? line + 0.5 : line;
      expect(r.price.over).toBe(pOver(model, yardsMean, half));
      expect(r.price.over + r.price.under + r.price.push).toBeCloseTo(1, 12);
    }
  });

  it('rejects bad lines and answers NOT_FOUND for a player without a projection', async () => {
    const ask = (line: number, market: MarketName = 'receptions', pid = playerId) => pricePropLine({ ctx, input: { fixtureId: gameId, playerId: pid, market, line } });
    await expect(ask(4.3)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(ask(-1)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(ask(Number.NaN)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(ask(4.5, 'passing_yards')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
