/**
 * Soccer benchmark: quality and speed of the Dixon–Coles core, each side by side with a peer in the same run.
 *
 *   npx tsx bench/soccer/run.ts [--quick]
 *
 * Quality — EPL from ../shared/data: history 2015/16–2017/18, walk-forward test 2018/19 + 2019/20 (760
 *   matches), refit before every match date; RPS / log loss / Brier of the model next to the margin-free
 *   (multiplicative) Pinnacle closing odds on the same matches. Rows: the reference configuration
 *   (ξ = 0.0019, 1,100-day window, no shrinkage), our tuned pure Dixon–Coles, the tuned model with the
 *   shots-on-target rating blend (still no market input), and the independent scipy walk-forward peer.
 *   Hyperparameters were chosen on earlier seasons only (bench/soccer/tune.ts, TUNING.md).
 * Ensemble — EPL and four more leagues, each on its last two seasons with Pinnacle pre-close prices: pure DC,
 *   default, the GBDT model and ensemble variants, pre-close and closing side by side, with calibration per 1X2
 *   outcome (ensemble-bench.ts; settings from tune-ensemble.ts on earlier seasons).
 * Speed — one time-decayed fit on the last 1,100 matches of EPL 2015/16–2017/18: our cold and warm-started
 *   median vs scipy L-BFGS-B with analytic gradient (bench/soccer/peer_dixon_coles.py) on identical data;
 *   and the wall time of a whole walk-forward EPL season (2018/19, 380 matches).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseFootballDataCsv } from '../../ml/src/data/football-data.ts';
import {
  PURE_DC_DEFAULTS,
  SOCCER_DEFAULTS,
  backtestMatchFromFootballData,
  backtestSoccer,
  fitDixonColes,
  type BacktestMatch,
  type BacktestReport,
} from '../../ml/src/soccer/index.ts';
import { meanBrier, meanLogLoss, meanRps } from '../../ml/src/metrics/index.ts';
import { ensembleBench } from './ensemble-bench.ts';

const HERE = import.meta.dirname;
const E0 = path.resolve(HERE, '../../../shared/data/soccer_football_data/E0');
const PY = '/usr/bin/python3';
const PEER = path.join(HERE, 'peer_dixon_coles.py');
const quick = process.argv.includes('--quick');

const load = (s: string): BacktestMatch[] =>
  parseFootballDataCsv(readFileSync(path.join(E0, `E0_${s}.csv`), 'utf8')).matches.map(backtestMatchFromFootballData);

function ensurePython(): void {
  try {
    execFileSync(PY, ['-c', 'import numpy, scipy'], { stdio: 'ignore' });
  } catch {
    console.log('installing python3-numpy python3-scipy (peer dependencies) …');
    execFileSync('apt-get', ['install', '-y', 'python3-numpy', 'python3-scipy'], { stdio: 'inherit' });
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
const f4 = (x: number) => x.toFixed(4);

function quality() {
  const history = ['2015-16', '2016-17', '2017-18'].flatMap(load);
  const test = ['2018-19', '2019-20'].flatMap(load);
  const rows: { name: string; r: { rps: number; logLoss: number; brier: number }; market: BacktestReport['market']; n: number }[] = [];
  const configs = [
    { name: 'reference DC (ξ 0.0019, 1100 d, no shrinkage)', opts: { xi: 0.0019, windowDays: 1100 } },
    { name: 'tuned pure DC (ξ 0.0019, shrinkage 7, newcomer prior)', opts: { ...PURE_DC_DEFAULTS } },
    { name: 'tuned DC + shots-on-target ratings (default)', opts: { ...SOCCER_DEFAULTS } },
  ];
  let market: BacktestReport['market'] | undefined;
  const betting: string[] = [];
  const perSeason: string[] = [];
  let outcomes: number[] = [];
  for (const c of configs) {
    const r = backtestSoccer(history, test, c.opts);
    market = r.market;
    outcomes = r.predictions.map((p) => p.outcome);
    rows.push({ name: c.name, r: r.model, market: r.market, n: r.compared });
    // Per test season (split at the first 2019/20 match day).
    const split = Math.min(...load('2019-20').map((m) => m.day));
    const part = (pred: typeof r.predictions) => {
      const o = pred.map((p) => p.outcome);
      return meanRps(pred.map((p) => p.model), o) / meanRps(pred.map((p) => p.market!), o);
    };
    const cmp = r.predictions.filter((p) => p.market);
    perSeason.push(
      `  ${c.name.padEnd(64)} 2018/19 ${part(cmp.filter((p) => p.day < split)).toFixed(4)}   2019/20 ${part(cmp.filter((p) => p.day >= split)).toFixed(4)}`,
    );
    betting.push(
      `  ${c.name.padEnd(64)} ${String(r.betting.bets).padStart(4)} bets  ROI ${(100 * r.betting.roi).toFixed(2).padStart(6)}%  ` +
        `max drawdown ${(100 * r.betting.maxDrawdown).toFixed(1)}%  CLV ${(100 * r.betting.clv).toFixed(2)}%`,
    );
  }
  // Independent scipy walk-forward (cold refit every match date).
  const all = [...history.map((m) => ({ m, t: 0 })), ...test.map((m) => ({ m, t: 1 }))].sort((a, b) => a.m.day - b.m.day);
  const dir = mkdtempSync(path.join(tmpdir(), 'fairline-bench-'));
  const spec = path.join(dir, 'wf.json');
  writeFileSync(spec, JSON.stringify({ xi: 0.0019, window: 1100, matches: all.map(({ m, t }) => [m.home, m.away, m.homeGoals, m.awayGoals, m.day, t]) }));
  const peer = JSON.parse(execFileSync(PY, [PEER, 'walkforward', spec], { encoding: 'utf8', maxBuffer: 1 << 26 }));
  // Test matches in the same (stable, by day) order as the backtest's predictions.
  const peerProbs = peer.probs as [number, number, number][];
  if (peerProbs.length !== outcomes.length) throw new Error('peer and backtest disagree on the number of test matches');
  rows.push({
    name: `scipy DC peer (ξ 0.0019, 1100 d; ${peer.fits} fits, ${peer.failures.length} failed, ${peer.seconds.toFixed(1)} s)`,
    r: { rps: meanRps(peerProbs, outcomes), logLoss: meanLogLoss(peerProbs, outcomes), brier: meanBrier(peerProbs, outcomes) },
    market: market!,
    n: outcomes.length,
  });
  console.log(`\nQuality — EPL 2018/19 + 2019/20 walk-forward (${rows[0]!.n} matches), vs margin-free Pinnacle closing`);
  console.log(`  ${'model'.padEnd(64)} RPS      ratio    log loss  Brier`);
  console.log(`  ${'Pinnacle closing, margin removed'.padEnd(64)} ${f4(market!.rps)}   1.0000   ${f4(market!.logLoss)}    ${f4(market!.brier)}`);
  for (const row of rows)
    console.log(`  ${row.name.padEnd(64)} ${f4(row.r.rps)}   ${f4(row.r.rps / row.market.rps)}   ${f4(row.r.logLoss)}    ${f4(row.r.brier)}`);
  console.log('\n  Model/market RPS ratio per test season');
  for (const l of perSeason) console.log(l);
  console.log('\n  Value betting at Pinnacle pre-match prices (edge > 3 %, quarter Kelly, stake cap 5 %; CLV vs the fair close)');
  for (const b of betting) console.log(b);
  return rows;
}

function speed() {
  const all = ['2015-16', '2016-17', '2017-18'].flatMap(load).sort((a, b) => a.day - b.day);
  const data = all.slice(all.length - 1100);
  const asOfDay = data[data.length - 1]!.day + 1;
  const opts = { xi: 0.0019, windowDays: 100000, asOfDay };
  const reps = quick ? 20 : 60;
  for (let i = 0; i < 10; i++) fitDixonColes(data, opts); // JIT warm-up
  const cold: number[] = [];
  let model = fitDixonColes(data, opts);
  for (let i = 0; i < reps; i++) {
    const t = performance.now();
    model = fitDixonColes(data, opts);
    cold.push(performance.now() - t);
  }
  // Warm start as the walk-forward uses it: at each of the last 20 match dates of the data, refit warm-started
  // from the previous date's fit (and, for comparison, cold) — medians over dates × 3 repetitions.
  const days = [...new Set(data.map((m) => m.day)), asOfDay].slice(-21);
  const warm: number[] = [];
  const coldSameDates: number[] = [];
  let warmIters = 0;
  let coldIters = 0;
  for (let k = 1; k < days.length; k++) {
    const prev = fitDixonColes(data, { ...opts, asOfDay: days[k - 1]! });
    for (let r = 0; r < 3; r++) {
      let t = performance.now();
      const w = fitDixonColes(data, { ...opts, asOfDay: days[k]!, warmStart: prev });
      warm.push(performance.now() - t);
      t = performance.now();
      const c = fitDixonColes(data, { ...opts, asOfDay: days[k]! });
      coldSameDates.push(performance.now() - t);
      if (r === 0) {
        warmIters += w.iterations;
        coldIters += c.iterations;
      }
    }
  }
  // Same data and weights for scipy.
  const teams = model.teams;
  const idx = new Map(teams.map((t, i) => [t, i]));
  const dir = mkdtempSync(path.join(tmpdir(), 'fairline-bench-'));
  const file = path.join(dir, 'fit.json');
  writeFileSync(
    file,
    JSON.stringify({
      teams,
      home: data.map((m) => idx.get(m.home)),
      away: data.map((m) => idx.get(m.away)),
      hg: data.map((m) => m.homeGoals),
      ag: data.map((m) => m.awayGoals),
      w: data.map((m) => Math.exp(-0.0019 * (asOfDay - m.day))),
    }),
  );
  const peer = JSON.parse(execFileSync(PY, [PEER, 'fit', file, String(quick ? 10 : 30)], { encoding: 'utf8' }));
  const coldMs = median(cold);
  const warmMs = median(warm);
  console.log(`\nSpeed — one fit, ${data.length} matches, ${teams.length} teams, ξ = 0.0019 (median of ${reps}; scipy median of ${peer.repeats})`);
  console.log(`  fairline cold start  ${coldMs.toFixed(2)} ms  (${model.iterations} iterations, NLL ${model.negLogLikelihood.toFixed(4)})`);
  console.log(
    `  fairline warm start  ${warmMs.toFixed(2)} ms  (median over the last 20 match dates, ${(warmIters / 20).toFixed(1)} iterations on average; ` +
      `cold on the same dates ${median(coldSameDates).toFixed(2)} ms, ${(coldIters / 20).toFixed(1)} iterations)`,
  );
  console.log(`  scipy L-BFGS-B       ${peer.medianMs.toFixed(2)} ms  (${peer.iterations} iterations, NLL ${peer.nll.toFixed(4)}; scipy ${peer.scipy}, numpy ${peer.numpy})`);
  console.log(`  ratio cold/scipy     ${(coldMs / peer.medianMs).toFixed(3)}×   target ≤ 0.3× and ≤ 10 ms`);
  return { coldMs, warmMs, scipyMs: peer.medianMs };
}

function walkForwardSeason() {
  const history = ['2015-16', '2016-17', '2017-18'].flatMap(load);
  const season = load('2018-19');
  backtestSoccer(history, season.slice(0, 40), SOCCER_DEFAULTS); // JIT warm-up
  const out: Record<string, number> = {};
  for (const [name, opts] of [
    ['tuned pure DC', PURE_DC_DEFAULTS],
    ['DC + shots-on-target (default)', SOCCER_DEFAULTS],
  ] as const) {
    const t = performance.now();
    const r = backtestSoccer(history, season, opts);
    out[name] = (performance.now() - t) / 1000;
    console.log(`  ${name.padEnd(32)} ${out[name]!.toFixed(3)} s  (${r.fit.count} refits, median fit ${r.fit.medianMs.toFixed(2)} ms)`);
  }
  return out;
}

ensurePython();
console.log(`Fairline soccer benchmark — node ${process.version}, ${new Date().toISOString()}`);
quality();
ensembleBench();
speed();
console.log('\nWalk-forward season — EPL 2018/19, 380 matches, refit before every match date (target ≤ 1.5 s)');
walkForwardSeason();
