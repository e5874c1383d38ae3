/**
 * Every file of ../shared/data ingested into a real Postgres: row counts match the counts SOURCES.md states
 * (minus the documented rejects below), spot values match the raw CSV text, identities resolve across files
 * and seasons, and a second ingest of everything changes nothing.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freshDatabase, type FreshDb } from '../../../../scripts/test/fresh-db.ts';
import { ingestFootballData } from '../../../src/services/ingest/football-data/ingest.ts';
import { ingestNflverseGames } from '../../../src/services/ingest/nflverse/games.ts';
import { ingestNflverseWeekly } from '../../../src/services/ingest/nflverse/weekly.ts';
import { listIngestionRejects, listIngestionRuns } from '../../../src/services/ingest/runs.ts';
import type { RunSummary } from '../../../src/services/ingest/types.ts';
import { ctxFor, SHARED, sharedFiles } from './helpers.ts';

/**
 * Documented rejects of the real data: one bad aggregate price in the 2015 copy of SP1 2013/14 (the over/under
 * average pair of that match is dropped; the match itself is kept). No whole row of any shared file is rejected.
 */
const DOCUMENTED_REJECTS = [{ file: 'soccer_football_data/SP1/SP1_2013-14.csv', row: 224, reason: 'dropped invalid price BbAv<2.5="0.277"' }];

/** Row counts per file as stated in SOURCES.md (counted there with Python's csv module). */
function statedRowCounts(): Map<string, number> {
  const text = readFileSync(join(SHARED, 'SOURCES.md'), 'utf8');
  const out = new Map<string, number>();
  for (const m of text.matchAll(/^\| (\S+\.csv) \| (\d+) \|/gm)) out.set(m[1]!, Number(m[2]));
  return out;
}

let fresh: FreshDb;
let first: { fd: RunSummary; games: RunSummary; weekly: RunSummary };
const q = async <T>(query: ReturnType<typeof sql>) => ((await fresh.db.execute(query)) as unknown as { rows: T[] }).rows;

beforeAll(async () => {
  fresh = await freshDatabase(inject('stack'));
  const ctx = ctxFor(fresh);
  first = {
    fd: await ingestFootballData({ ctx, input: { files: sharedFiles('soccer_football_data') } }),
    games: await ingestNflverseGames({ ctx, input: { files: sharedFiles('nfl_games') } }),
    weekly: await ingestNflverseWeekly({ ctx, input: { files: sharedFiles('nfl_player_weekly') } }),
  };
});
afterAll(async () => {
  await fresh?.drop();
});

describe('all of ../shared/data', () => {
  it('ingests every file without aborting, with only the documented rejects', async () => {
    const stated = statedRowCounts();
    expect(first.fd.files + first.games.files + first.weekly.files).toBe(stated.size);
    for (const s of Object.values(first)) expect(s.failedFiles).toBe(0);
    const rejects = await listIngestionRejects({ ctx: ctxFor(fresh), input: { runId: first.fd.runId, limit: 100 } });
    expect(rejects.map((r) => ({ file: r.file, row: r.rowNumber, reason: r.reason }))).toEqual(DOCUMENTED_REJECTS);
    expect(first.games.rejected + first.weekly.rejected).toBe(0);
    const runs = await listIngestionRuns({ ctx: ctxFor(fresh), input: { limit: 10 } });
    expect(runs.map((r) => [r.source, r.status])).toEqual([
      ['nflverse-weekly', 'succeeded'],
      ['nflverse-games', 'succeeded'],
      ['football-data', 'succeeded'],
    ]);
    expect(runs[2]!.inserted).toBe(first.fd.inserted);
  });

  it('has one fixture per soccer row, per competition and season, as SOURCES.md counts them', async () => {
    const stated = statedRowCounts();
    const got = await q<{ code: string; label: string; n: number }>(sql`
      SELECT c.code, s.label, count(*)::int AS n FROM fixtures f
      JOIN competitions c ON c.id = f.competition_id JOIN seasons s ON s.id = f.season_id
      WHERE f.sport = 'soccer' GROUP BY 1, 2`);
    const byKey = new Map(got.map((r) => [`${r.code}_${r.label.replace('/', '-')}.csv`, r.n]));
    for (const [file, rows] of stated) {
      if (!/^[A-Z]+\d_/.test(file)) continue;
      expect([file, byKey.get(file)]).toEqual([file, rows]);
    }
    expect(got.length).toBe([...stated.keys()].filter((f) => /^[A-Z]+\d_/.test(f)).length);
  });

  it('has every NFL game and every weekly stat line', async () => {
    const stated = statedRowCounts();
    const [g] = await q<{ n: number }>(sql`SELECT count(*)::int AS n FROM fixtures WHERE sport = 'nfl'`);
    expect(g!.n).toBe(stated.get('games_1999-2019.csv'));
    const perSeason = await q<{ label: string; n: number }>(sql`
      SELECT s.label, count(*)::int AS n FROM player_game_stats p JOIN fixtures f ON f.id = p.fixture_id
      JOIN seasons s ON s.id = f.season_id GROUP BY 1 ORDER BY 1`);
    expect(perSeason).toEqual(
      ['2015', '2016', '2017', '2018', '2019'].map((y) => ({ label: y, n: stated.get(`weekly_${y}.csv`) })),
    );
  });

  it('stores football-data prices, closing flags, lines and the UK kick-off as in the raw file', async () => {
    const text = readFileSync(join(SHARED, 'soccer_football_data/E0/E0_2019-20.csv'), 'utf8');
    const lines = text.split(/\r?\n/);
    const header = lines[0]!.split(',');
    const row = lines.find((l) => l.startsWith('E0,09/08/2019,20:00,Liverpool,Norwich'))!.split(',');
    const cell = (c: string) => Number(row[header.indexOf(c)]);
    const [fx] = await q<{ id: number; kickoff: string; hs: number; as: number; home: string }>(sql`
      SELECT f.id, to_char(f.kickoff_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI') AS kickoff, f.home_score AS hs,
        f.away_score AS as, t.name AS home
      FROM fixtures f JOIN teams t ON t.id = f.home_team_id JOIN team_aliases a ON a.team_id = f.away_team_id
      WHERE t.name = 'Liverpool' AND a.alias = 'Norwich' AND f.kickoff_at::date = '2019-08-09'`);
    expect(fx).toMatchObject({ kickoff: '2019-08-09T19:00', hs: 4, as: 1 }); // 20:00 BST
    const price = async (book: string, market: string, selection: string, closing: boolean) => {
      const r = await q<{ price: number; line: number | null }>(sql`
        SELECT o.price, o.line FROM odds_snapshots o JOIN bookmakers b ON b.id = o.bookmaker_id
        WHERE o.fixture_id = ${fx!.id} AND b.key = ${book} AND o.market = ${market} AND o.selection = ${selection}
          AND o.closing = ${closing}`);
      expect(r).toHaveLength(1);
      return r[0]!;
    };
    expect((await price('pinnacle', '1x2', 'home', true)).price).toBe(cell('PSCH'));
    expect((await price('pinnacle', '1x2', 'away', false)).price).toBe(cell('PSA'));
    expect((await price('bet365', 'totals', 'over', false)).price).toBe(cell('B365>2.5'));
    expect((await price('market_avg', '1x2', 'draw', true)).price).toBe(cell('AvgCD'));
    const ah = await price('pinnacle', 'asian_handicap', 'home', true);
    expect(ah).toEqual({ price: cell('PCAHH'), line: cell('AHCh') });
    expect((await price('pinnacle', 'asian_handicap', 'away', false)).line).toBe(-cell('AHh'));
  });

  it('converts nflverse lines and American prices, and reads kick-off as US Eastern time', async () => {
    const [g] = await q<{ id: number; kickoff: string; week: number; status: string }>(sql`
      SELECT id, to_char(kickoff_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI') AS kickoff, week, status
      FROM fixtures WHERE natural_key = '2019_01_GB_CHI'`);
    // Raw row: gametime 20:20 (EDT), away_moneyline 160, home_moneyline -178, spread_line 3.5,
    // away_spread_odds -113, home_spread_odds 103, total_line 47, under_odds 102, over_odds -113.
    expect(g).toMatchObject({ kickoff: '2019-09-06T00:20', week: 1, status: 'final' });
    const odds = await q<{ market: string; selection: string; line: number | null; price: number }>(sql`
      SELECT market, selection, line, price FROM odds_snapshots WHERE fixture_id = ${g!.id} ORDER BY market, selection`);
    const close = (a: number, b: number) => Math.abs(a - b) < 1e-9;
    const want = [
      ['game_total', 'over', 47, 1 + 100 / 113],
      ['game_total', 'under', 47, 2.02],
      ['moneyline', 'away', null, 2.6],
      ['moneyline', 'home', null, 1 + 100 / 178],
      ['spread', 'away', 3.5, 1 + 100 / 113],
      ['spread', 'home', -3.5, 2.03],
    ] as const;
    expect(odds).toHaveLength(want.length);
    want.forEach(([m, s, l, p], i) => {
      expect([odds[i]!.market, odds[i]!.selection, odds[i]!.line]).toEqual([m, s, l]);
      expect(close(odds[i]!.price, p)).toBe(true);
    });
  });

  it('resolves identities: canonical names, one franchise across relocations, stats on the right game', async () => {
    const [mu] = await q<{ n: number; name: string }>(sql`
      SELECT count(DISTINCT f.home_team_id)::int AS n, min(t.name) AS name FROM fixtures f
      JOIN team_aliases a ON a.team_id = f.home_team_id AND a.source = 'football-data' AND a.alias = 'Man United'
      JOIN teams t ON t.id = f.home_team_id`);
    expect(mu).toEqual({ n: 1, name: 'Manchester United' });
    const [nfl] = await q<{ n: number }>(sql`SELECT count(*)::int AS n FROM teams WHERE sport = 'nfl'`);
    expect(nfl!.n).toBe(32);
    // Chargers: away in 2016 as SD and in 2017 as LAC. Rams: home in 2015 as STL, away in 2016 as LA.
    const [moves] = await q<{ sd: number; lac: number; stl: number; la: number; rams: string }>(sql`
      SELECT (SELECT away_team_id FROM fixtures WHERE natural_key = '2016_01_SD_KC') AS sd,
             (SELECT away_team_id FROM fixtures WHERE natural_key = '2017_01_LAC_DEN') AS lac,
             (SELECT home_team_id FROM fixtures WHERE natural_key = '2015_01_SEA_STL') AS stl,
             (SELECT away_team_id FROM fixtures WHERE natural_key = '2016_01_LA_SF') AS la,
             (SELECT t.name FROM fixtures f JOIN teams t ON t.id = f.home_team_id WHERE natural_key = '2015_01_SEA_STL') AS rams`);
    expect(moves!.sd).toBe(moves!.lac);
    expect(moves!.stl).toBe(moves!.la);
    expect(moves!.rams).toBe('Los Angeles Rams');
    const [brady] = await q<{ yards: number; att: number; opp: string; key: string }>(sql`
      SELECT s.passing_yards AS yards, s.pass_attempts AS att, o.name AS opp, f.natural_key AS key
      FROM player_game_stats s JOIN players p ON p.id = s.player_id JOIN fixtures f ON f.id = s.fixture_id
      JOIN teams o ON o.id = s.opponent_team_id
      WHERE p.external_id = '00-0019596' AND f.natural_key LIKE '2019\\_01\\_%'`);
    expect(brady).toEqual({ yards: 341, att: 36, opp: 'Pittsburgh Steelers', key: '2019_01_PIT_NE' });
  });

  it('re-ingesting everything changes no row', async () => {
    const before = await q<{ t: string; n: number }>(sql`
      SELECT 'fixtures' AS t, count(*)::int AS n FROM fixtures UNION ALL SELECT 'odds', count(*)::int FROM odds_snapshots
      UNION ALL SELECT 'stats', count(*)::int FROM player_game_stats UNION ALL SELECT 'players', count(*)::int FROM players
      UNION ALL SELECT 'teams', count(*)::int FROM teams ORDER BY 1`);
    const ctx = ctxFor(fresh);
    const again = [
      await ingestFootballData({ ctx, input: { files: sharedFiles('soccer_football_data') } }),
      await ingestNflverseGames({ ctx, input: { files: sharedFiles('nfl_games') } }),
      await ingestNflverseWeekly({ ctx, input: { files: sharedFiles('nfl_player_weekly') } }),
    ];
    for (const s of again) {
      expect([s.source, s.inserted, s.updated, s.failedFiles]).toEqual([s.source, 0, 0, 0]);
      expect(s.unchanged).toBeGreaterThan(0);
    }
    const after = await q<{ t: string; n: number }>(sql`
      SELECT 'fixtures' AS t, count(*)::int AS n FROM fixtures UNION ALL SELECT 'odds', count(*)::int FROM odds_snapshots
      UNION ALL SELECT 'stats', count(*)::int FROM player_game_stats UNION ALL SELECT 'players', count(*)::int FROM players
      UNION ALL SELECT 'teams', count(*)::int FROM teams ORDER BY 1`);
    expect(after).toEqual(before);
    // Nothing was rewritten either: no fixture row carries a new version from the second pass.
    const [touched] = await q<{ n: number }>(sql`
      SELECT count(*)::int AS n FROM fixtures WHERE updated_at > (SELECT started_at FROM ingestion_runs WHERE id = ${again[0]!.runId})`);
    expect(touched!.n).toBe(0);
  });
});
