import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseFootballDataCsv } from '@fairline/ml/data/football-data';
import { PURE_DC_DEFAULTS, SOCCER_DEFAULTS, backtestMatchFromFootballData, backtestSoccer } from '@fairline/ml/soccer/index';
import { meanRps } from '@fairline/ml/metrics/index';
import { removeVig } from '@fairline/ml/pricing/index';
import { run } from '../../src/cli/commands/backtest-soccer.ts';
import { captureRun } from '../support/cli.ts';

const E0 = path.resolve(import.meta.dirname, '../../../../shared/data/soccer_football_data/E0');

/** First 30 matches of EPL 2018/19 rewritten with a BOM, CR CR LF line ends, and 3 rows without closing odds. */
function makeTestFile(dir: string): string {
  const lines = readFileSync(path.join(E0, 'E0_2018-19.csv'), 'utf8').split(/\r?\n/).slice(0, 31);
  const header = lines[0]!.split(',');
  const closing = ['PSCH', 'PSCD', 'PSCA'].map((c) => header.indexOf(c));
  const rows = lines.slice(1).map((l, i) => {
    if (i >= 3) return l;
    const cells = l.split(',');
    for (const c of closing) cells[c] = '';
    return cells.join(',');
  });
  const file = path.join(dir, 'E0_2018-19_head.csv');
  writeFileSync(file, '\ufeff' + [lines[0], ...rows].join('\r\r\n') + '\r\r\n');
  return file;
}

const capture = (argv: string[]) => captureRun(run, argv);

afterEach(() => vi.restoreAllMocks());

describe('fairline backtest soccer', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'fairline-bt-'));
  const testFile = makeTestFile(dir);
  const train = [path.join(E0, 'E0_2016-17.csv'), path.join(E0, 'E0_2017-18.csv')];

  it('prints one JSON object with the documented shape, counting matches without closing odds', async () => {
    const { code, out } = await capture(['--train', ...train, '--test', testFile, '--json']);
    expect(code).toBe(0);
    const r = JSON.parse(out);
    expect(Object.keys(r).sort()).toEqual(['betting', 'calibration', 'compared', 'fit', 'market', 'matches', 'model', 'modelName', 'preClose', 'skippedNoClosing']);
    expect(r.modelName).toBe('default');
    expect(r.matches).toBe(30);
    expect(r.skippedNoClosing).toBe(3);
    expect(r.compared).toBe(27);
    for (const k of ['rps', 'logLoss', 'brier']) {
      expect(r.model[k]).toBeGreaterThan(0);
      expect(r.market[k]).toBeGreaterThan(0);
    }
    expect(Object.keys(r.betting).sort()).toEqual(['bets', 'clv', 'maxDrawdown', 'roi']);
    expect(r.fit.count).toBeGreaterThan(0);
    expect(r.fit.medianMs).toBeGreaterThan(0);

    // Same figures as calling the library directly on the same files with the same defaults.
    const load = (f: string) => parseFootballDataCsv(readFileSync(f, 'utf8')).matches.map(backtestMatchFromFootballData);
    const direct = backtestSoccer(train.flatMap(load), load(testFile), {
      xi: SOCCER_DEFAULTS.xi,
      windowDays: SOCCER_DEFAULTS.windowDays,
      shrinkage: SOCCER_DEFAULTS.shrinkage,
      newcomer: SOCCER_DEFAULTS.newcomer,
      shotsOnTargetWeight: SOCCER_DEFAULTS.shotsOnTargetWeight,
    });
    expect(r.model.rps).toBeCloseTo(direct.model.rps, 12);
    expect(r.market.rps).toBeCloseTo(direct.market.rps, 12);
    expect(r.betting.bets).toBe(direct.betting.bets);
  });

  it('adds the margin-free pre-close price, scored on the same matches as the model beside it', async () => {
    const r = JSON.parse((await capture(['--train', ...train, '--test', testFile, '--json'])).out);
    // Every row of the file has Pinnacle pre-close odds (PSH/PSD/PSA), also the three without closing odds.
    expect(r.preClose.compared).toBe(30);
    const rows = parseFootballDataCsv(readFileSync(testFile, 'utf8')).matches;
    const fair = rows.map((m) => removeVig([m.pinnacle!.home, m.pinnacle!.draw, m.pinnacle!.away], 'multiplicative'));
    const outcomes = rows.map((m) => (m.homeGoals > m.awayGoals ? 0 : m.homeGoals === m.awayGoals ? 1 : 2));
    expect(r.preClose.rps).toBeCloseTo(meanRps(fair, outcomes), 12);
    expect(r.preClose.model.rps).toBeGreaterThan(0);
    expect(r.preClose.rps).not.toBeCloseTo(r.market.rps, 8);
  });

  it('--model dc runs the tuned pure Dixon–Coles (no shots)', async () => {
    const r = JSON.parse((await capture(['--train', ...train, '--test', testFile, '--json', '--model', 'dc'])).out);
    const load = (f: string) => parseFootballDataCsv(readFileSync(f, 'utf8')).matches.map(backtestMatchFromFootballData);
    const direct = backtestSoccer(train.flatMap(load), load(testFile), { ...PURE_DC_DEFAULTS, shotsOnTargetWeight: 0 });
    expect(r.modelName).toBe('dc');
    expect(r.model.rps).toBeCloseTo(direct.model.rps, 12);
  });

  it('--model model and --model ensemble train the GBDT on the history after a warm-up year and predict the test file', async () => {
    const m = JSON.parse((await capture(['--train', ...train, '--test', testFile, '--json', '--model', 'model'])).out);
    const e = JSON.parse((await capture(['--train', ...train, '--test', testFile, '--json', '--model', 'ensemble'])).out);
    for (const r of [m, e]) {
      expect(r.matches).toBe(30);
      expect(r.compared).toBe(27);
      expect(r.preClose.compared).toBe(30);
      expect(r.betting).toBeNull();
      expect(r.calibration.map((c: { outcome: string }) => c.outcome)).toEqual(['home', 'draw', 'away']);
      for (const c of r.calibration) expect(c.floor).toBeGreaterThan(0);
      expect(r.model.rps).toBeGreaterThan(0.1);
      expect(r.model.rps).toBeLessThan(0.3);
    }
    expect(m.modelName).toBe('model');
    expect(e.modelName).toBe('ensemble');
    // Same matches and benchmarks, different forecasts.
    expect(e.market.rps).toBeCloseTo(m.market.rps, 12);
    expect(e.model.rps).not.toBeCloseTo(m.model.rps, 8);
  }, 120_000);

  it('honours --xi and --window-days', async () => {
    const a = JSON.parse((await capture(['--train', ...train, '--test', testFile, '--json', '--xi', '0.0019'])).out);
    const b = JSON.parse((await capture(['--train', ...train, '--test', testFile, '--json', '--xi', '0.01', '--window-days', '300'])).out);
    expect(b.model.rps).not.toBeCloseTo(a.model.rps, 6);
    expect(b.market.rps).toBeCloseTo(a.market.rps, 12);
  });

  it('prints a human summary', async () => {
    const { code, out } = await capture(['--train', ...train, '--test', testFile]);
    expect(code).toBe(0);
    expect(out).toMatch(/30 matches predicted, 27 compared with closing odds \(3 skipped: no closing odds\)/);
    expect(out).toMatch(/model\/market RPS ratio: \d\.\d{4}/);
  });

  it('exits 2 with usage when --train or --test is missing, and rejects a bad number', async () => {
    const { code, err } = await capture(['--test', testFile]);
    expect(code).toBe(2);
    expect(err).toMatch(/usage: fairline backtest soccer --train/);
    const bad = await capture(['--train', ...train, '--test', testFile, '--xi', 'abc']);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--xi must be a number, got 'abc'\nusage: fairline backtest soccer --train/);
    const model = await capture(['--train', ...train, '--test', testFile, '--model', 'xgb']);
    expect(model.code).toBe(2);
    expect(model.err).toMatch(/--model must be one of dc, default, model, ensemble, got 'xgb'/);
  });
});
