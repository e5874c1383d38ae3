// Migration odds_sightings_append_only moves each odds row's seen_at into odds_sightings before the next migration
// drops the column: a database migrated up to the one before, holding live rows with and without later sightings,
// answers currentPrices after the upgrade exactly as the column said (seen = seen_at, else the capture time).
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import ws from 'ws';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { dropDatabase, ensureDatabase } from '@fairline/local/postgres';
import { createPoolDb, currentPrices, type PoolDb } from '../src/index.ts';
import { migrationsFolder } from '../src/migrate.ts';

const name = `t_mig_${randomBytes(5).toString('hex')}`;
let url: string;
let pool: pg.Pool;
let before: string;
let app: { db: PoolDb; close(): Promise<void> } | undefined;

/** db/migrations with the journal cut before `tag`: what a deployment that had not yet taken it had applied. */
function migrationsBefore(tag: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'fairline-migrations-'));
  cpSync(migrationsFolder, dir, { recursive: true });
  const journal = JSON.parse(readFileSync(join(dir, 'meta', '_journal.json'), 'utf8')) as { entries: { tag: string }[] };
  const at = journal.entries.findIndex((e) => e.tag.endsWith(tag));
  expect(at).toBeGreaterThan(0);
  writeFileSync(join(dir, 'meta', '_journal.json'), JSON.stringify({ ...journal, entries: journal.entries.slice(0, at) }));
  return dir;
}

beforeAll(async () => {
  const stack = inject('stack');
  await ensureDatabase(stack.adminUrl, name);
  url = stack.adminUrl.replace(/\/postgres$/, `/${name}`);
  pool = new pg.Pool({ connectionString: url, max: 1 });
  before = migrationsBefore('_odds_sightings_append_only');
  await migrate(drizzle(pool), { migrationsFolder: before });
  const one = async (q: string, params: unknown[] = []) => (await pool.query<{ id: number }>(q, params)).rows[0]!.id;
  const comp = await one(`INSERT INTO competitions (sport, code, name) VALUES ('soccer', 'T1', 'Test') RETURNING id`);
  const season = await one(`INSERT INTO seasons (competition_id, label) VALUES ($1, '2026') RETURNING id`, [comp]);
  const home = await one(`INSERT INTO teams (sport, name) VALUES ('soccer', 'Home FC') RETURNING id`);
  const away = await one(`INSERT INTO teams (sport, name) VALUES ('soccer', 'Away FC') RETURNING id`);
  const fixture = await one(`INSERT INTO fixtures (sport, competition_id, season_id, natural_key, home_team_id, away_team_id, kickoff_at)
    VALUES ('soccer', $1, $2, 'mig:1', $3, $4, '2026-12-10T15:00:00Z') RETURNING id`, [comp, season, home, away]);
  const book = await one(`INSERT INTO bookmakers (key, name) VALUES ('live_book', 'Live') RETURNING id`);
  // The live feed's state as the column held it: home and draw still quoted at 10:15 (home moved at 10:15, draw
  // seen again), away last quoted at 10:00 (withdrawn), the older home row seen when captured only.
  const row = (selection: string, price: number, captured: string, seen: string | null) => pool.query(
    `INSERT INTO odds_snapshots (fixture_id, bookmaker_id, market, selection, price, captured_at, seen_at, source)
     VALUES ($1, $2, '1x2', $3, $4, $5, $6, 'odds-api')`, [fixture, book, selection, price, captured, seen]);
  await row('home', 2.1, '2026-12-09T10:00:00Z', null);
  await row('draw', 3.4, '2026-12-09T10:00:00Z', '2026-12-09T10:15:00Z');
  await row('away', 3.6, '2026-12-09T10:00:00Z', '2026-12-09T10:00:00Z');
  await row('home', 2.2, '2026-12-09T10:15:00Z', '2026-12-09T10:15:00Z');
  await migrate(drizzle(pool), { migrationsFolder });
  app = createPoolDb({ url, localProxy: stack.neonProxy, webSocketConstructor: ws });
});
afterAll(async () => {
  await app?.close();
  await pool?.end();
  if (before) rmSync(before, { recursive: true, force: true });
  await dropDatabase(inject('stack').adminUrl, name);
});

describe('the seen_at → odds_sightings migration', () => {
  it('keeps every sighting that said more than the capture time, and drops the column', async () => {
    const sightings = await pool.query(`SELECT o.selection, o.price, s.seen_at FROM odds_sightings s JOIN odds_snapshots o ON o.id = s.snapshot_id`);
    expect(sightings.rows).toEqual([{ selection: 'draw', price: 3.4, seen_at: new Date('2026-12-09T10:15:00Z') }]);
    const column = await pool.query(`SELECT 1 FROM information_schema.columns WHERE table_name = 'odds_snapshots' AND column_name = 'seen_at'`);
    expect(column.rowCount).toBe(0);
  });

  it('currentPrices answers as the column did: the prices seen at the book’s latest update', async () => {
    const fixtureId = (await pool.query<{ id: number }>(`SELECT id FROM fixtures WHERE natural_key = 'mig:1'`)).rows[0]!.id;
    const quotes = (await currentPrices(app!.db, fixtureId, ['1x2'])).map((p) => [p.selection, p.price, p.seenAt.toISOString()]);
    expect(quotes).toEqual([['draw', 3.4, '2026-12-09T10:15:00.000Z'], ['home', 2.2, '2026-12-09T10:15:00.000Z']]);
  });
});
