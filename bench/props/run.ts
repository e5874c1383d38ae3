/**
 * NFL player-prop benchmark: train 2015–2018, score 2019 (once; tuning happens in tune.ts on 2015–2018 only).
 * Prints per market n, MAE of the model's point forecast (predictive median) vs the rolling-8 baseline and the
 * % improvement, ECE and log loss of P(over L) at L = baseline rounded to .5, and coverage of the 10–90%
 * interval — each beside the baseline's figure — and whether the targets are met:
 * MAE ≥ 5% below baseline, ECE ≤ 0.03, coverage80 in [0.77, 0.83] (four main markets). Beside ECE, its sampling
 * floor: the mean ECE of a perfectly calibrated forecaster with the model's own probabilities at this n.
 *
 *   npx tsx bench/props/run.ts [--markets a,b] [--json]
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { eceSamplingFloor } from '../../ml/src/metrics/index.ts';
import { gameLines, parseGames } from '../../ml/src/nfl/index.ts';
import { ALL_MARKETS, backtestProps, buildEnv, MAIN_MARKETS, scoreIntervals, type MarketName, type MarketReport } from '../../ml/src/nfl/props/index.ts';

const DATA = path.resolve(import.meta.dirname, '../../../shared/data');
const TRAIN = [2015, 2016, 2017, 2018];
const TEST = [2019];

const { values } = parseArgs({ options: { markets: { type: 'string' }, json: { type: 'boolean', default: false } } });
const markets = (values.markets ? values.markets.split(',') : ALL_MARKETS) as MarketName[];

const t0 = performance.now();
const weekly = [...TRAIN, ...TEST].map((y) => readFileSync(path.join(DATA, `nfl_player_weekly/weekly_${y}.csv`), 'utf8'));
const gamesCsv = readFileSync(path.join(DATA, 'nfl_games/games_1999-2019.csv'), 'utf8');
const env = buildEnv(weekly, [gamesCsv]);
const tLoad = performance.now();
const reports = backtestProps(env, TRAIN, TEST, { markets });
const tFit = performance.now();
// Game lines use the whole games file: train on 2002–2018, price 2019.
const GAME_TRAIN = Array.from({ length: 2018 - 2002 + 1 }, (_, k) => 2002 + k);
const lines = gameLines.backtestGameLines(parseGames([gamesCsv]), GAME_TRAIN, TEST);
const tLines = performance.now();

const targets = (r: MarketReport) => {
  const improvement = 1 - r.mae / r.baselineMae;
  return { mae: improvement >= 0.05, ece: r.ece <= 0.03, coverage80: r.coverage80 >= 0.77 && r.coverage80 <= 0.83 };
};

if (values.json) {
  const out = Object.fromEntries(
    Object.entries(reports).map(([m, r]) => [m, {
      n: r.n, mae: r.mae, baselineMae: r.baselineMae, ece: r.ece, eceFloor: eceSamplingFloor(r.pOver), coverage80: r.coverage80, logLoss: r.logLoss,
      baseline: r.baseline, intervals90: r.coverage80 === r.coverage80 ? scoreIntervals(r) : null, targets: MAIN_MARKETS.includes(m as MarketName) ? targets(r) : null,
    }]),
  );
  console.log(JSON.stringify({ train: TRAIN, test: TEST, seconds: (tFit - t0) / 1000, markets: out, gameLines: lines }));
} else {
  const f = (x: number, d: number, w = 8) => (Number.isFinite(x) ? x.toFixed(d) : '–').padStart(w);
  const yes = (b: boolean) => (b ? ' ✓' : ' ✗');
  console.log(`NFL props: train ${TRAIN.join(',')} → test ${TEST.join(',')}  (load ${((tLoad - t0) / 1000).toFixed(1)} s, fit+score ${((tFit - tLoad) / 1000).toFixed(1)} s)`);
  console.log(`${'market'.padEnd(16)}${'n'.padStart(6)}   ${'MAE'.padStart(8)}${'base'.padStart(8)}${'Δ%'.padStart(7)}    ` +
    `${'ECE'.padStart(7)}${'floor'.padStart(7)}${'base'.padStart(8)}    ${'cov80'.padStart(6)}${'base'.padStart(7)}    ${'logloss'.padStart(8)}${'base'.padStart(8)}`);
  for (const [m, r] of Object.entries(reports)) {
    const main = MAIN_MARKETS.includes(m as MarketName);
    const t = targets(r);
    console.log(`${m.padEnd(16)}${String(r.n).padStart(6)}   ${f(r.mae, 3)}${f(r.baselineMae, 3)}${f(100 * (1 - r.mae / r.baselineMae), 1, 7)}${main ? yes(t.mae) : '  '}  ` +
      `${f(r.ece, 4, 7)}${f(eceSamplingFloor(r.pOver), 3, 7)}${f(r.baseline.ece, 4)}${main ? yes(t.ece) : '  '}  ${f(r.coverage80, 3, 6)}${f(r.baseline.coverage80, 3, 7)}${main ? yes(t.coverage80) : '  '}  ` +
      `${f(r.logLoss, 4)}${f(r.baseline.logLoss, 4)}`);
  }
  console.log('targets (main markets): MAE ≥ 5% below the rolling-8 baseline, ECE ≤ 0.03, coverage80 in [0.77, 0.83]');
  console.log('90% player-cluster bootstrap intervals (1000 resamples of whole players): how far this season\'s figures could fall by chance');
  for (const m of MAIN_MARKETS) {
    const r = reports[m];
    if (!r) continue;
    const iv = scoreIntervals(r);
    console.log(`  ${m.padEnd(16)} Δ% ${(100 * (1 - r.mae / r.baselineMae)).toFixed(1)} [${(100 * iv.maeImprovement.lo).toFixed(1)}, ${(100 * iv.maeImprovement.hi).toFixed(1)}]` +
      `   cov80 ${r.coverage80.toFixed(3)} [${iv.coverage80.lo.toFixed(3)}, ${iv.coverage80.hi.toFixed(3)}]`);
  }
  console.log('floor: mean ECE of a perfectly calibrated forecaster with the same probabilities at this n (200 simulations)');
  const L = lines;
  console.log(`\nNFL game lines: train ${GAME_TRAIN[0]}–${GAME_TRAIN.at(-1)} → test ${TEST.join(',')}, ${L.games} games (${((tLines - tFit) / 1000).toFixed(1)} s)`);
  const side = (name: string, x: gameLines.LineScore) =>
    console.log(`  ${name.padEnd(7)} n=${x.n}  log loss (pushes out) ${x.sideLogLoss.toFixed(4)} (ln 2 = 0.6931)  exact-score log loss ${x.exactLogScore.toFixed(3)}` +
      ` vs normal ${x.normalExactLogScore.toFixed(3)}  push on whole lines ${(100 * x.pushPredicted).toFixed(1)}% predicted, ${(100 * x.pushNormal).toFixed(1)}% normal,` +
      ` ${(100 * x.pushObserved).toFixed(1)}% observed (n=${x.wholeLines})`);
  console.log(`  σ margin ${L.marginSigma.toFixed(2)}, σ total ${L.totalSigma.toFixed(2)}`);
  side('spread', L.spread);
  side('total', L.total);
  console.log(`  P(home win) from the spread: log loss ${L.moneyline.logLoss.toFixed(4)} vs the books' de-vigged moneyline ${L.moneyline.marketLogLoss.toFixed(4)} (n=${L.moneyline.n})`);
}
