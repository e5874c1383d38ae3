import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { run } from '../../src/cli/commands/backtest-props.ts';
import { captureRun } from '../support/cli.ts';

const DATA = path.resolve(import.meta.dirname, '../../../../shared/data');
const weekly = (y: number) => path.join(DATA, `nfl_player_weekly/weekly_${y}.csv`);
const GAMES = path.join(DATA, 'nfl_games/games_1999-2019.csv');

const capture = (argv: string[]) => captureRun(run, argv);

/**
 * Independent recomputation of the receptions population and its rolling-8 baseline MAE straight from the
 * CSV text (naive split — the weekly files quote only headshot_url, which precedes the columns used here
 * only via a fixed comma count, so it is parsed by hand below).
 */
function receptionsBaseline(years: number[], testYear: number): { n: number; baselineMae: number } {
  const games = new Map<string, Array<{ t: number; rec: number; tgt: number; pos: string; season: number }>>();
  for (const y of years) {
    const [head, ...lines] = readFileSync(weekly(y), 'utf8').trim().split('\n');
    const h = head!.split(',');
    for (const line of lines) {
      // headshot_url is the only quoted field and may contain commas: drop it before splitting.
      const cells = line.replace(/"[^"]*"/g, '').split(',');
      const v = (c: string) => cells[h.indexOf(c)]!;
      const id = v('player_id');
      const list = games.get(id) ?? [];
      list.push({ t: Number(v('season')) * 100 + Number(v('week')), rec: Number(v('receptions')), tgt: Number(v('targets')), pos: v('position'), season: Number(v('season')) });
      games.set(id, list);
    }
  }
  let n = 0, ae = 0;
  for (const list of games.values()) {
    list.sort((a, b) => a.t - b.t);
    list.forEach((g, k) => {
      if (g.season !== testYear || !['WR', 'TE', 'RB', 'HB', 'FB'].includes(g.pos) || k < 3) return;
      const tgt3 = (list[k - 1]!.tgt + list[k - 2]!.tgt + list[k - 3]!.tgt) / 3;
      if (tgt3 < 4) return;
      const past = list.slice(Math.max(0, k - 8), k).map((p) => p.rec);
      n++;
      ae += Math.abs(past.reduce((s, x) => s + x, 0) / past.length - g.rec);
    });
  }
  return { n, baselineMae: ae / n };
}

afterEach(() => vi.restoreAllMocks());

describe('fairline backtest props', () => {
  it('prints one JSON object keyed by market with exactly {n, mae, baselineMae, ece, coverage80, logLoss}', async () => {
    const { code, out } = await capture(['--train', weekly(2016), weekly(2017), '--test', weekly(2018), '--games', GAMES, '--markets', 'receptions,anytime_td', '--json']);
    expect(code).toBe(0);
    const r = JSON.parse(out);
    expect(Object.keys(r)).toEqual(['receptions', 'anytime_td']);
    for (const m of Object.values(r) as Array<Record<string, number | null>>) {
      expect(Object.keys(m)).toEqual(['n', 'mae', 'baselineMae', 'ece', 'coverage80', 'logLoss']);
      expect(m.ece).toBeGreaterThanOrEqual(0);
      expect(m.ece).toBeLessThan(0.2);
      expect(m.logLoss).toBeGreaterThan(0.3);
      expect(m.logLoss).toBeLessThan(0.8);
    }
    const expected = receptionsBaseline([2016, 2017, 2018], 2018);
    expect(r.receptions.n).toBe(expected.n);
    expect(r.receptions.baselineMae).toBeCloseTo(expected.baselineMae, 10);
    expect(r.receptions.mae).toBeLessThan(r.receptions.baselineMae);
    expect(r.receptions.coverage80).toBeGreaterThan(0.7);
    expect(r.receptions.coverage80).toBeLessThan(0.9);
    expect(r.anytime_td.coverage80).toBeNull(); // no interval for a yes/no market
  });

  it('prints a human table without --json', async () => {
    const { code, out } = await capture(['--train', weekly(2016), weekly(2017), '--test', weekly(2018), '--games', GAMES, '--markets', 'carries']);
    expect(code).toBe(0);
    expect(out).toMatch(/market\s+n\s+MAE/);
    expect(out).toMatch(/^carries\s+\d+/m);
  });

  it('exits 2 with usage on missing inputs or an unknown market, and refuses overlapping seasons', async () => {
    expect((await capture(['--train', weekly(2016), '--test', weekly(2017)])).code).toBe(2);
    const bad = await capture(['--train', weekly(2016), '--test', weekly(2017), '--games', GAMES, '--markets', 'kicking_points']);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/unknown market\(s\): kicking_points/);
    const overlap = await capture(['--train', weekly(2016), weekly(2017), '--test', weekly(2017), '--games', GAMES, '--markets', 'carries']);
    expect(overlap.code).toBe(1);
    expect(overlap.err).toMatch(/^fairline backtest props: .*both training and test/);
  });
});
