/**
 * Damaged copies of real files, written to a temp dir and ingested through the CLI (`fairline ingest … --json`
 * against a fresh database via DATABASE_URL): row-level damage produces the documented rejects, file-level
 * damage aborts the file with a clear error and leaves none of its rows.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { freshDatabase, type FreshDb } from '../../../../scripts/test/fresh-db.ts';
import { run } from '../../../src/cli/commands/ingest.ts';
import { listIngestionRejects, listIngestionRuns } from '../../../src/services/ingest/runs.ts';
import { ctxFor, SHARED } from './helpers.ts';

let fresh: FreshDb;
let dir: string;
const saved = { url: process.env.DATABASE_URL, proxy: process.env.NEON_LOCAL_PROXY };

beforeAll(async () => {
  fresh = await freshDatabase(inject('stack'));
  dir = mkdtempSync(join(tmpdir(), 'fairline-damaged-'));
  process.env.DATABASE_URL = fresh.url;
  process.env.NEON_LOCAL_PROXY = fresh.localProxy;
});
afterAll(async () => {
  process.env.DATABASE_URL = saved.url;
  process.env.NEON_LOCAL_PROXY = saved.proxy;
  if (saved.url === undefined) delete process.env.DATABASE_URL;
  if (saved.proxy === undefined) delete process.env.NEON_LOCAL_PROXY;
  rmSync(dir, { recursive: true, force: true });
  await fresh?.drop();
});

const read = (rel: string) => readFileSync(join(SHARED, rel), 'utf8');
function write(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

/** Edit cells of a CRLF CSV by 1-based line number and column name. */
function edit(text: string, edits: [line: number, column: string, value: string][]): string {
  const lines = text.split('\r\n');
  const header = lines[0]!.split(',');
  for (const [line, col, value] of edits) {
    const cells = lines[line - 1]!.split(',');
    const i = header.indexOf(col);
    if (i < 0) throw new Error(`no column ${col}`);
    cells[i] = value;
    lines[line - 1] = cells.join(',');
  }
  return lines.join('\r\n');
}

async function cli(args: string[]): Promise<{ code: number; json: Record<string, number> | null }> {
  const logs: string[] = [];
  const spy = vi.spyOn(console, 'log').mockImplementation((m: unknown) => void logs.push(String(m)));
  const err = vi.spyOn(console, 'error').mockImplementation(() => {});
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    const code = await run([...args, '--json']);
    return { code, json: logs.length ? (JSON.parse(logs[logs.length - 1]!) as Record<string, number>) : null };
  } finally {
    spy.mockRestore();
    err.mockRestore();
    stderr.mockRestore();
  }
}

const q = async <T>(query: ReturnType<typeof sql>) => ((await fresh.db.execute(query)) as unknown as { rows: T[] }).rows;
const fixturesOf = async (code: string, season: string) =>
  (
    await q<{ n: number }>(sql`SELECT count(*)::int AS n FROM fixtures f JOIN competitions c ON c.id = f.competition_id
      JOIN seasons s ON s.id = f.season_id WHERE c.code = ${code} AND s.label = ${season}`)
  )[0]!.n;
const latestRun = async () => (await listIngestionRuns({ ctx: ctxFor(fresh), input: { limit: 1 } }))[0]!;
const rejectsOf = async (runId: number) =>
  (await listIngestionRejects({ ctx: ctxFor(fresh), input: { runId, limit: 100 } })).map((r) => ({ row: r.rowNumber, reason: r.reason }));

describe('file-level damage aborts the file and keeps none of its rows', () => {
  it('a truncated file', async () => {
    const text = read('soccer_football_data/E0/E0_2018-19.csv');
    const p = write('E0_2018-19.truncated.csv', text.slice(0, Math.floor(text.length * 0.6)));
    const { code, json } = await cli(['football-data', '--file', p]);
    expect(code).toBe(1);
    expect(json).toMatchObject({ files: 1, inserted: 0, updated: 0, rejected: 1 });
    const r = await latestRun();
    expect(r.status).toBe('failed');
    expect(await rejectsOf(r.id)).toEqual([{ row: null, reason: expect.stringMatching(/^file aborted: the file looks truncated/) }]);
    expect(await fixturesOf('E0', '2018/19')).toBe(0);
  });

  it('a shuffled header', async () => {
    const text = read('soccer_football_data/E0/E0_2018-19.csv');
    const [head, ...rest] = text.split('\r\n');
    const h = head!.split(',');
    [h[1], h[2], h[3], h[4], h[5]] = [h[5]!, h[3]!, h[1]!, h[2]!, h[4]!]; // Date,HomeTeam,AwayTeam,FTHG,FTAG rotated
    const p = write('E0_2018-19.shuffled.csv', [h.join(','), ...rest].join('\r\n'));
    const { code } = await cli(['football-data', '--file', p]);
    expect(code).toBe(1);
    const r = await latestRun();
    expect(await rejectsOf(r.id)).toEqual([{ row: null, reason: expect.stringMatching(/rows failed validation.*shuffled or wrong header/) }]);
    expect(await fixturesOf('E0', '2018/19')).toBe(0);
  });

  it('a file of another source, and a source given the wrong kind of file', async () => {
    const games = write('games.csv', read('nfl_games/games_1999-2019.csv'));
    const soccer = write('E0_2018-19.csv', read('soccer_football_data/E0/E0_2018-19.csv'));
    expect((await cli(['football-data', '--file', games])).code).toBe(1);
    expect(await rejectsOf((await latestRun()).id)).toEqual([
      { row: null, reason: expect.stringMatching(/not a football-data.co.uk file: .*missing required column\(s\): Date, HomeTeam, AwayTeam, FTHG, FTAG/) },
    ]);
    expect((await cli(['nflverse-games', '--file', soccer])).code).toBe(1);
    expect(await rejectsOf((await latestRun()).id)).toEqual([
      { row: null, reason: expect.stringMatching(/not an nflverse games file: .*missing required column/) },
    ]);
    expect((await cli(['nflverse-weekly', '--file', soccer])).code).toBe(1);
    const [n] = await q<{ n: number }>(sql`SELECT count(*)::int AS n FROM fixtures`);
    expect(n!.n).toBe(0);
  });

  it('keeps the good files of a run when one file is aborted', async () => {
    const good = write('E0_2017-18.csv', read('soccer_football_data/E0/E0_2017-18.csv'));
    const bad = write('E0_2016-17.cut.csv', read('soccer_football_data/E0/E0_2016-17.csv').slice(0, 5000));
    const { code, json } = await cli(['football-data', '--file', good, bad]);
    expect(code).toBe(1);
    expect(json!.files).toBe(2);
    expect(await fixturesOf('E0', '2017/18')).toBe(380);
    expect(await fixturesOf('E0', '2016/17')).toBe(0);
    const r = await latestRun();
    expect(r.status).toBe('failed');
    expect(r.error).toMatch(/1 of 2 file\(s\) aborted: .*E0_2016-17\.cut\.csv: the file looks truncated/);
  });
});

describe('row-level damage becomes documented rejects', () => {
  it('bad dates, a negative score, odds <= 1 and a missing team in a football-data file', async () => {
    const base = read('soccer_football_data/E0/E0_2015-16.csv');
    const p = write(
      'E0_2015-16.damaged.csv',
      edit(base, [
        [2, 'Date', '31/02/2016'],
        [3, 'Date', 'yesterday'],
        [4, 'FTHG', '-1'],
        [5, 'B365H', '1.0'],
        [6, 'AwayTeam', ''],
      ]),
    );
    const { code, json } = await cli(['football-data', '--file', p]);
    expect(code).toBe(0);
    expect(json!.rejected).toBe(5);
    expect(await rejectsOf((await latestRun()).id)).toEqual([
      { row: 2, reason: 'invalid date "31/02/2016"' },
      { row: 3, reason: 'invalid date "yesterday" (expected dd/mm/yy or dd/mm/yyyy)' },
      { row: 4, reason: expect.stringMatching(/^invalid full-time score "-1-/) },
      { row: 5, reason: 'dropped invalid price B365H="1.0"' },
      { row: 6, reason: 'missing team name' },
    ]);
    expect(await fixturesOf('E0', '2015/16')).toBe(380 - 4);
    // Row 5's match is kept, without Bet365's 1X2 (the triple needs all three prices) but with Pinnacle's.
    const line5 = base.split('\r\n')[4]!.split(',');
    const books = await q<{ key: string }>(sql`
      SELECT DISTINCT b.key FROM odds_snapshots o JOIN bookmakers b ON b.id = o.bookmaker_id JOIN fixtures f ON f.id = o.fixture_id
      JOIN team_aliases h ON h.team_id = f.home_team_id AND h.source = 'football-data' AND h.alias = ${line5[2]!}
      JOIN team_aliases a ON a.team_id = f.away_team_id AND a.source = 'football-data' AND a.alias = ${line5[3]!}
      WHERE o.market = '1x2' ORDER BY 1`);
    expect(books.map((b) => b.key)).toContain('pinnacle');
    expect(books.map((b) => b.key)).not.toContain('bet365');
    // The same damaged file again: nothing changes, the same rejects are recorded for the new run.
    const again = await cli(['football-data', '--file', p]);
    expect(again.json).toMatchObject({ inserted: 0, updated: 0, rejected: 5 });
  });

  it('a negative score, a bad date and an invalid moneyline in nflverse games', async () => {
    const text = read('nfl_games/games_1999-2019.csv');
    const lines = text.split('\n');
    const header = lines[0]!.split(',');
    const season2019 = [lines[0]!, ...lines.filter((l) => l.startsWith('2019_'))];
    const set = (i: number, col: string, v: string) => {
      const c = season2019[i]!.split(',');
      c[header.indexOf(col)] = v;
      season2019[i] = c.join(',');
    };
    set(1, 'home_score', '-3');
    set(2, 'gameday', '2019-13-45');
    set(3, 'home_moneyline', '50');
    const p = write('games_2019.damaged.csv', season2019.join('\n') + '\n');
    const { code, json } = await cli(['nflverse-games', '--file', p]);
    expect(code).toBe(0);
    expect(await rejectsOf((await latestRun()).id)).toEqual([
      { row: 2, reason: 'invalid home_score "-3" (must be a non-negative integer)' },
      { row: 3, reason: 'invalid date "2019-13-45"' },
      { row: 4, reason: 'dropped invalid price home_moneyline="50" (decimal odds must be > 1)' },
    ]);
    expect(json!.rejected).toBe(3);
    const [n] = await q<{ n: number }>(sql`SELECT count(*)::int AS n FROM fixtures WHERE sport = 'nfl'`);
    expect(n!.n).toBe(season2019.length - 1 - 2);
  });
});
