// odds_snapshots, predictions and projections are append-only for every role, the tables' owner and a superuser
// included (migration 0015's triggers): UPDATE, DELETE and TRUNCATE are refused, INSERT still works. A live feed's
// sightings live in odds_sightings, so polling moves no history row; a corrected price is a new row (the next
// revision) and the readers take it.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freshDatabase, type FreshDb } from '../../scripts/test/fresh-db.ts';
import {
  appendChangedOdds, currentPrices, insertPredictions, insertProjections, latestPredictions, OddsBatch, oddsHistory, upsertOddsSnapshots,
} from '../src/index.ts';

let fresh: FreshDb;
let fixtureId: number;
let playerId: number;
let v1: number;
let v2: number;
let live: number;
let file: number;

const rowsOf = async <T>(q: ReturnType<typeof sql>) => ((await fresh.db.execute(q)) as unknown as { rows: T[] }).rows;
const one = async <T>(q: ReturnType<typeof sql>) => (await rowsOf<T>(q))[0]!;
/** A timestamptz column as an ISO instant (raw rows come back as Postgres text). */
const iso = (column: ReturnType<typeof sql>) => sql`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const count = async (table: string) => Number((await one<{ n: string }>(sql`SELECT count(*) AS n FROM ${sql.identifier(table)}`)).n);

/** The Postgres error a statement raised (code and message), or null when it succeeded. */
async function refusal(run: () => Promise<unknown>): Promise<{ code: string; message: string } | null> {
  try {
    await run();
    return null;
  } catch (err) {
    const e = (err as { cause?: { code?: string; message?: string } }).cause ?? (err as { code?: string; message?: string });
    return { code: String(e.code), message: String(e.message) };
  }
}

beforeAll(async () => {
  fresh = await freshDatabase(inject('stack'));
  const comp = await one<{ id: number }>(sql`INSERT INTO competitions (sport, code, name) VALUES ('soccer', 'T1', 'Test') RETURNING id`);
  const season = await one<{ id: number }>(sql`INSERT INTO seasons (competition_id, label) VALUES (${comp.id}, '2026') RETURNING id`);
  const home = await one<{ id: number }>(sql`INSERT INTO teams (sport, name) VALUES ('soccer', 'Home FC') RETURNING id`);
  const away = await one<{ id: number }>(sql`INSERT INTO teams (sport, name) VALUES ('soccer', 'Away FC') RETURNING id`);
  fixtureId = (await one<{ id: number }>(sql`
    INSERT INTO fixtures (sport, competition_id, season_id, natural_key, home_team_id, away_team_id, kickoff_at)
    VALUES ('soccer', ${comp.id}, ${season.id}, 'test:1', ${home.id}, ${away.id}, ${'2026-12-10T15:00:00Z'}) RETURNING id`)).id;
  playerId = (await one<{ id: number }>(sql`INSERT INTO players (sport, external_id, name) VALUES ('soccer', 'p-1', 'A Player') RETURNING id`)).id;
  const version = async (n: number) => (await one<{ id: number }>(sql`
    INSERT INTO model_versions (kind, scope, version, config, artifact) VALUES ('soccer_dixon_coles', 'soccer:T1', ${n}, '{}', '{}') RETURNING id`)).id;
  v1 = await version(1);
  v2 = await version(2);
  live = (await one<{ id: number }>(sql`INSERT INTO bookmakers (key, name) VALUES ('live_book', 'Live') RETURNING id`)).id;
  file = (await one<{ id: number }>(sql`INSERT INTO bookmakers (key, name) VALUES ('file_book', 'File') RETURNING id`)).id;
  await insertPredictions(fresh.db, [{ modelVersionId: v1, fixtureId, market: '1x2', selection: 'home', probability: 0.5 }]);
  await insertProjections(fresh.db, [{ modelVersionId: v1, fixtureId, playerId, market: 'shots', mean: 1.5, distribution: { kind: 'poisson' } }]);
  const batch = new OddsBatch('file');
  batch.push(fixtureId, file, '1x2', 'draw', null, 3.3, '2026-12-09T12:00:00.000Z', false);
  await upsertOddsSnapshots(fresh.db, batch);
});
afterAll(async () => {
  await fresh?.drop();
});

describe('the append-only tables', () => {
  const tables = [
    { table: 'odds_snapshots', update: sql`UPDATE odds_snapshots SET price = price + 1`, insert: () => sql`
      INSERT INTO odds_snapshots (fixture_id, bookmaker_id, market, selection, price, captured_at, source)
      VALUES (${fixtureId}, ${file}, '1x2', 'away', 4.1, now(), 'test')` },
    { table: 'predictions', update: sql`UPDATE predictions SET probability = 0.9`, insert: () => sql`
      INSERT INTO predictions (model_version_id, fixture_id, market, selection, probability) VALUES (${v1}, ${fixtureId}, '1x2', 'draw', 0.3)` },
    { table: 'projections', update: sql`UPDATE projections SET mean = 9`, insert: () => sql`
      INSERT INTO projections (model_version_id, fixture_id, player_id, market, mean, distribution)
      VALUES (${v1}, ${fixtureId}, ${playerId}, 'goals', 0.4, '{}')` },
  ];

  for (const t of tables) {
    it(`${t.table} refuses UPDATE, DELETE and TRUNCATE (insufficient_privilege) for a superuser owner, and still takes inserts`, async () => {
      expect((await one<{ s: string }>(sql`SELECT current_setting('is_superuser') AS s`)).s).toBe('on');
      const before = await count(t.table);
      expect(before).toBeGreaterThan(0);
      for (const [op, statement] of [
        ['UPDATE', t.update],
        ['DELETE', sql`DELETE FROM ${sql.identifier(t.table)}`],
        // CASCADE: odds_sightings references odds_snapshots, and a plain TRUNCATE would stop at that foreign key first.
        ['TRUNCATE', sql`TRUNCATE ${sql.identifier(t.table)} CASCADE`],
      ] as const) {
        expect(await refusal(() => fresh.db.execute(statement))).toEqual({ code: '42501', message: `${t.table} is append-only: ${op} refused` });
      }
      expect(await count(t.table)).toBe(before);
      await fresh.db.execute(t.insert()); // the ids exist once beforeAll ran
      expect(await count(t.table)).toBe(before + 1);
    });
  }
});

describe('live sightings', () => {
  const t0 = '2026-12-09T10:00:00.000Z', t1 = '2026-12-09T10:15:00.000Z', t2 = '2026-12-09T10:30:00.000Z';
  const poll = (at: string, prices: Record<string, number>) => {
    const batch = new OddsBatch('odds-api');
    for (const [selection, price] of Object.entries(prices)) batch.push(fixtureId, live, '1x2', selection, null, price, at, false);
    return fresh.db.transaction((tx) => appendChangedOdds(tx, batch));
  };
  const liveRows = () => rowsOf<{ id: number; selection: string; price: number; captured_at: string }>(sql`
    SELECT id::int AS id, selection, price, captured_at::text FROM odds_snapshots WHERE bookmaker_id = ${live} ORDER BY id`);
  const quotes = async () => (await currentPrices(fresh.db, fixtureId, ['1x2'])).filter((p) => p.bookmaker === 'live_book')
    .map((p) => ({ selection: p.selection, price: p.price, seenAt: p.seenAt.toISOString() }));

  it('go to odds_sightings: the history is never rewritten, and the current prices are those seen at the latest update', async () => {
    expect(await poll(t0, { home: 2.1, draw: 3.4, away: 3.6 })).toMatchObject({ inserted: 3, unchanged: 0 });
    const first = await liveRows();
    expect(await count('odds_sightings')).toBe(0); // seen when captured: no sighting needed
    // The next update: home moved, draw unchanged, away no longer quoted.
    expect(await poll(t1, { home: 2.2, draw: 3.4 })).toMatchObject({ inserted: 1, unchanged: 1 });
    const after = await liveRows();
    expect(after.slice(0, 3)).toEqual(first); // the rows already stored are untouched
    expect(after.map((r) => [r.selection, r.price])).toEqual([['home', 2.1], ['draw', 3.4], ['away', 3.6], ['home', 2.2]]);
    const drawId = first.find((r) => r.selection === 'draw')!.id;
    expect(await rowsOf(sql`SELECT snapshot_id::int AS id, ${iso(sql`seen_at`)} AS seen_at FROM odds_sightings`)).toEqual([{ id: drawId, seen_at: t1 }]);
    expect(await quotes()).toEqual([
      { selection: 'draw', price: 3.4, seenAt: t1 },
      { selection: 'home', price: 2.2, seenAt: t1 },
    ]);
  });

  it('move forward only, once per row, and a repeated poll changes nothing', async () => {
    await poll(t2, { home: 2.2, draw: 3.4 });
    await poll(t2, { home: 2.2, draw: 3.4 });
    await poll(t1, { home: 2.2, draw: 3.4 }); // a late, older update does not move a sighting back
    const sightings = await rowsOf<{ selection: string; seen_at: string }>(sql`
      SELECT o.selection, ${iso(sql`s.seen_at`)} AS seen_at FROM odds_sightings s JOIN odds_snapshots o ON o.id = s.snapshot_id ORDER BY o.selection`);
    expect(sightings).toEqual([{ selection: 'draw', seen_at: t2 }, { selection: 'home', seen_at: t2 }]);
    expect((await liveRows()).length).toBe(4);
    expect(await quotes()).toEqual([
      { selection: 'draw', price: 3.4, seenAt: t2 },
      { selection: 'home', price: 2.2, seenAt: t2 },
    ]);
  });
});

describe('corrections are new rows', () => {
  const at = '2026-12-09T12:00:00.000Z';
  const file1x2 = (draw: number) => {
    const batch = new OddsBatch('file');
    batch.push(fixtureId, file, '1x2', 'draw', null, draw, at, false);
    return fresh.db.transaction((tx) => upsertOddsSnapshots(tx, batch));
  };
  const fileRows = () => rowsOf<{ price: number; revision: number }>(sql`
    SELECT price, revision FROM odds_snapshots WHERE bookmaker_id = ${file} AND selection = 'draw' ORDER BY id`);

  it('a results file re-issued with a corrected price appends the next revision; readers take it', async () => {
    expect(await file1x2(3.3)).toMatchObject({ inserted: 0, updated: 0, unchanged: 1 });
    expect(await file1x2(3.25)).toMatchObject({ inserted: 0, updated: 1, unchanged: 0 });
    expect(await fileRows()).toEqual([{ price: 3.3, revision: 0 }, { price: 3.25, revision: 1 }]);
    expect((await currentPrices(fresh.db, fixtureId, ['1x2'])).find((p) => p.bookmaker === 'file_book' && p.selection === 'draw')?.price).toBe(3.25);
    expect((await oddsHistory(fresh.db, fixtureId, '1x2')).filter((r) => r.bookmaker === 'file_book' && r.selection === 'draw'))
      .toEqual([{ bookmaker: 'file_book', selection: 'draw', line: null, price: 3.25, capturedAt: new Date(at) }]);
    // The same file again is a no-op; the original price back is one more revision.
    expect(await file1x2(3.25)).toMatchObject({ updated: 0, unchanged: 1 });
    expect(await file1x2(3.3)).toMatchObject({ updated: 1 });
    expect((await fileRows()).map((r) => r.revision)).toEqual([0, 1, 2]);
  });

  it('a model version’s prediction is fixed; a newer version’s row is the answer readers take', async () => {
    expect(await insertPredictions(fresh.db, [{ modelVersionId: v1, fixtureId, market: '1x2', selection: 'home', probability: 0.7 }])).toBe(0);
    expect((await latestPredictions(fresh.db, [fixtureId], '1x2')).find((p) => p.selection === 'home')?.probability).toBe(0.5);
    expect(await insertPredictions(fresh.db, [{ modelVersionId: v2, fixtureId, market: '1x2', selection: 'home', probability: 0.55 }])).toBe(1);
    expect((await latestPredictions(fresh.db, [fixtureId], '1x2')).find((p) => p.selection === 'home')?.probability).toBe(0.55);
    expect(await count('predictions')).toBe(3); // v1 home, v1 draw (the insert test), v2 home: nothing replaced
  });
});
