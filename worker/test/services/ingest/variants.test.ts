/**
 * Source variants that are not damage: football-data's fixtures file (rows without a score yet) becoming
 * scheduled fixtures that the results file later completes in place, and the newer nflverse weekly column
 * names (`team`, `passing_interceptions`).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freshDatabase, type FreshDb } from '../../../../scripts/test/fresh-db.ts';
import { ingestFootballData } from '../../../src/services/ingest/football-data/ingest.ts';
import { ingestNflverseGames } from '../../../src/services/ingest/nflverse/games.ts';
import { ingestNflverseWeekly } from '../../../src/services/ingest/nflverse/weekly.ts';
import { ctxFor, SHARED, sharedFiles } from './helpers.ts';

let fresh: FreshDb;
beforeAll(async () => {
  fresh = await freshDatabase(inject('stack'));
});
afterAll(async () => {
  await fresh?.drop();
});
const q = async <T>(query: ReturnType<typeof sql>) => ((await fresh.db.execute(query)) as unknown as { rows: T[] }).rows;
const read = (rel: string) => readFileSync(join(SHARED, rel), 'utf8');

describe('football-data fixtures file', () => {
  it('stores unplayed rows as scheduled and completes the same rows from the results file', async () => {
    const text = read('soccer_football_data/E0/E0_2019-20.csv');
    const lines = text.split('\r\n');
    const header = lines[0]!.split(',');
    const blank = ['FTHG', 'FTAG', 'FTR', 'HTHG', 'HTAG', 'HTR'].map((c) => header.indexOf(c));
    const upcoming = lines.slice(1, 4).map((l) => {
      const cells = l.split(',');
      for (const i of blank) cells[i] = '';
      return cells.join(',');
    });
    const ctx = ctxFor(fresh);
    const a = await ingestFootballData({ ctx, input: { files: [{ name: 'fixtures.csv', text: [lines[0], ...upcoming, ''].join('\r\n') }] } });
    expect(a).toMatchObject({ failedFiles: 0, rejected: 0 });
    const sched = await q<{ status: string; hs: number | null; n: number }>(sql`
      SELECT status, home_score AS hs, count(*)::int AS n FROM fixtures GROUP BY 1, 2`);
    expect(sched).toEqual([{ status: 'scheduled', hs: null, n: 3 }]);
    const ids = await q<{ id: number }>(sql`SELECT id FROM fixtures ORDER BY id`);

    const b = await ingestFootballData({ ctx, input: { files: [{ name: 'E0_2019-20.csv', text }] } });
    expect(b.failedFiles).toBe(0);
    const after = await q<{ status: string; n: number }>(sql`SELECT status, count(*)::int AS n FROM fixtures GROUP BY 1`);
    expect(after).toEqual([{ status: 'final', n: 380 }]);
    const same = await q<{ id: number; hs: number }>(sql`
      SELECT id, home_score AS hs FROM fixtures WHERE id = ANY(${sql.param(ids.map((r) => r.id))}::int[]) ORDER BY id`);
    // Liverpool 4-1 Norwich, West Ham 0-5 Man City, Bournemouth 1-1 Sheffield United: first three rows.
    expect(same.map((r) => r.hs)).toEqual([4, 0, 1]);
  });
});

describe('football-data file mixing divisions', () => {
  it('files each row under its own division (the fixtures file lists every league)', async () => {
    const e0 = read('soccer_football_data/E0/E0_2018-19.csv').split('\r\n');
    const sp1 = read('soccer_football_data/SP1/SP1_2014-15.csv').split('\r\n');
    // Both generations share Div..AR; keep those 22-23 columns only, by name.
    const keep = ['Div', 'Date', 'HomeTeam', 'AwayTeam', 'FTHG', 'FTAG', 'FTR', 'HTHG', 'HTAG', 'HTR', 'B365H', 'B365D', 'B365A'];
    const pick = (lines: string[], from: number, to: number) => {
      const h = lines[0]!.split(',');
      return lines.slice(from, to).map((l) => {
        const c = l.split(',');
        return keep.map((k) => c[h.indexOf(k)]!).join(',');
      });
    };
    const text = [keep.join(','), ...pick(e0, 1, 6), ...pick(sp1, 1, 4), ''].join('\r\n');
    const s = await ingestFootballData({ ctx: ctxFor(fresh), input: { files: [{ name: 'mixed.csv', text }] } });
    expect(s).toMatchObject({ failedFiles: 0, rejected: 0 });
    const per = await q<{ code: string; label: string; n: number }>(sql`
      SELECT c.code, s.label, count(*)::int AS n FROM fixtures f JOIN competitions c ON c.id = f.competition_id
      JOIN seasons s ON s.id = f.season_id WHERE s.label IN ('2018/19', '2014/15') GROUP BY 1, 2 ORDER BY 1`);
    expect(per).toEqual([
      { code: 'E0', label: '2018/19', n: 5 },
      { code: 'SP1', label: '2014/15', n: 3 },
    ]);
  });
});

describe('nflverse weekly column names', () => {
  it('reads `team` and `passing_interceptions` like `recent_team` and `interceptions`', async () => {
    const ctx = ctxFor(fresh);
    await ingestNflverseGames({ ctx, input: { files: sharedFiles('nfl_games') } });
    const text = read('nfl_player_weekly/weekly_2019.csv');
    const [head, ...rest] = text.split('\n');
    const renamed = head!.replace(',recent_team,', ',team,').replace(',interceptions,', ',passing_interceptions,');
    expect(renamed).not.toBe(head);
    const s = await ingestNflverseWeekly({ ctx, input: { files: [{ name: 'player_stats_2019.csv', text: [renamed, ...rest].join('\n') }] } });
    expect(s).toMatchObject({ failedFiles: 0, rejected: 0 });
    const [row] = await q<{ n: number; ints: number }>(sql`
      SELECT count(*)::int AS n, sum(interceptions)::int AS ints FROM player_game_stats`);
    // Independent count of the source: data lines of the file, and the interceptions column summed from the raw text.
    const col = head!.split(',').indexOf('interceptions');
    const dataLines = rest.filter((l) => l.trim() !== '');
    // The headshot URL is the only quoted field and contains one comma, so columns after it shift by one.
    const ints = dataLines.reduce((n, l) => n + Number(l.split(',')[col + 1]), 0);
    expect(row).toEqual({ n: dataLines.length, ints });
  });
});
