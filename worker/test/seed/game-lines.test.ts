/**
 * The demo seed's NFL game lines: a game-lines model version labelled simulated that the API can load, and
 * spread, total and moneyline quotes from two books on every upcoming simulated NFL game — the same on every
 * machine (fixed seed).
 */
import { loadGameLines } from '@fairline/ml/nfl/game-lines/index';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freshDatabase, type FreshDb } from '../../../scripts/test/fresh-db.ts';
import { seedSimulatedData } from '../../src/seed/index.ts';

const NOW = Date.UTC(2026, 10, 21, 12);
let a: FreshDb;
let b: FreshDb;
const rowsOf = async <T>(db: FreshDb, q: ReturnType<typeof sql>) => ((await db.db.execute(q)) as unknown as { rows: T[] }).rows;

beforeAll(async () => {
  [a, b] = await Promise.all([freshDatabase(inject('stack')), freshDatabase(inject('stack'))]);
  await seedSimulatedData(a.db, NOW);
  await seedSimulatedData(b.db, NOW);
});
afterAll(async () => {
  await a?.drop();
  await b?.drop();
});

describe('simulated game lines', () => {
  it('seeds one active game-lines model, labelled simulated everywhere, fitted on at least 200 games', async () => {
    const versions = await rowsOf<{ status: string; config: { simulated?: boolean }; metrics: Record<string, number>; artifact: { simulated?: boolean } }>(
      a, sql`SELECT status, config, metrics, artifact FROM model_versions WHERE kind = 'nfl_game_lines' AND scope = 'nfl'`,
    );
    expect(versions).toHaveLength(1);
    const [v] = versions;
    expect(v).toMatchObject({ status: 'active', config: { simulated: true }, metrics: { simulated: 1 }, artifact: { simulated: true } });
    const model = loadGameLines(v!.artifact);
    expect(model.games).toBeGreaterThanOrEqual(200);
    expect(v!.metrics.trainGames).toBe(model.games);
  });

  it('quotes spread, total and moneyline from two books on every upcoming NFL game', async () => {
    const counts = await rowsOf<{ fixture_id: number; market: string; books: number }>(a, sql`
      SELECT f.id AS fixture_id, o.market, count(DISTINCT o.bookmaker_id)::int AS books
      FROM fixtures f JOIN odds_snapshots o ON o.fixture_id = f.id
      WHERE f.sport = 'nfl' AND f.status = 'scheduled' AND o.market IN ('spread', 'game_total', 'moneyline')
      GROUP BY f.id, o.market`);
    const upcoming = await rowsOf<{ n: number }>(a, sql`SELECT count(*)::int AS n FROM fixtures WHERE sport = 'nfl' AND status = 'scheduled'`);
    expect(upcoming[0]!.n).toBeGreaterThan(0);
    expect(counts).toHaveLength(3 * upcoming[0]!.n);
    expect(counts.every((c) => c.books === 2)).toBe(true);
  });

  it('is deterministic: two seeded databases hold the same game-line prices and model', async () => {
    const prices = (db: FreshDb) => rowsOf<object>(db, sql`
      SELECT f.natural_key, bk.key, o.market, o.selection, o.line, o.price FROM odds_snapshots o
      JOIN fixtures f ON f.id = o.fixture_id JOIN bookmakers bk ON bk.id = o.bookmaker_id
      WHERE o.market IN ('spread', 'game_total', 'moneyline') ORDER BY 1, 2, 3, 4, 5, 6`);
    const model = (db: FreshDb) => rowsOf<object>(db, sql`SELECT artifact FROM model_versions WHERE kind = 'nfl_game_lines'`);
    expect(await prices(b)).toEqual(await prices(a));
    expect(await model(b)).toEqual(await model(a));
  });
});
