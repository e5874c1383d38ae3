/**
 * Walk-forward tuning inside the training seasons: fold A trains 2015–2016 and validates on 2017, fold B
 * trains 2015–2017 and validates on 2018; choices are made on the two folds together. Season 2019 (the test
 * season of bench/props/run.ts) is never read here.
 *
 *   npx tsx bench/props/tune.ts [market...] ['{"gbdt":{"trees":500}}'] [--seeds 7,8,9]
 *   (JSON = config override; "{market}" = the market's name; --seeds repeats the folds with each GBDT seed and
 *   adds a line with the mean over seeds, since seed noise of fold Δmae is ≈ ±0.3 points)
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildEnv } from '../../ml/src/nfl/props/env.ts';
import { backtestProps, type MarketReport } from '../../ml/src/nfl/props/evaluate.ts';
import { MAIN_MARKETS, type MarketName } from '../../ml/src/nfl/props/markets.ts';
import { PROP_DEFAULTS, type PropModelConfig } from '../../ml/src/nfl/props/config.ts';

const DATA = path.resolve(import.meta.dirname, '../../../shared/data');
const weekly = [2015, 2016, 2017, 2018].map((y) => readFileSync(path.join(DATA, `nfl_player_weekly/weekly_${y}.csv`), 'utf8'));
const env = buildEnv(weekly, [readFileSync(path.join(DATA, 'nfl_games/games_1999-2019.csv'), 'utf8')]);
const args = process.argv.slice(2);
const seedsAt = args.indexOf('--seeds');
const seeds = seedsAt >= 0 ? args[seedsAt + 1]!.split(',').map(Number) : [null];
const rest = seedsAt >= 0 ? args.filter((_, k) => k !== seedsAt && k !== seedsAt + 1) : args;
const markets = rest.filter((a) => !a.startsWith('{')) as MarketName[];
const overrideText = rest.find((a) => a.startsWith('{')) ?? '{}';
const chosen = markets.length ? markets : MAIN_MARKETS;
// "{market}" in the override stands for each market's name (e.g. {"centreOffset":"{market}_ewma"}).
const configsFor = (seed: number | null) => Object.fromEntries(chosen.map((m) => {
  const override = JSON.parse(overrideText.replaceAll('{market}', m)) as Partial<PropModelConfig>;
  const gbdt = { ...PROP_DEFAULTS[m].gbdt, ...override.gbdt, ...(seed === null ? {} : { seed }) };
  return [m, { ...PROP_DEFAULTS[m], ...override, gbdt }];
}));
const folds: Array<[number[], number]> = [[[2015, 2016], 2017], [[2015, 2016, 2017], 2018]];
const t0 = performance.now();
const f = (x: number, d = 4) => x.toFixed(d);
const gain = (r: MarketReport) => 100 * (1 - r.mae / r.baselineMae);
/** Per market, per seed: the two folds' reports. */
const all = new Map<MarketName, MarketReport[][]>(chosen.map((m) => [m, []]));
for (const seed of seeds) {
  const configs = configsFor(seed);
  const results = folds.map(([train, valid]) => backtestProps(env, train, [valid], { markets: chosen, configs }));
  if (seeds.length > 1) console.log(`seed ${seed}`);
  for (const m of chosen) {
    const rs = results.map((r) => r[m]!) as MarketReport[];
    all.get(m)!.push(rs);
    const avg = (g: (r: MarketReport) => number) => rs.reduce((s, r) => s + g(r), 0) / rs.length;
    const per = rs.map((r) => `${gain(r).toFixed(2)}%/${f(r.ece, 3)}/${f(r.coverage80, 3)}`).join(' ');
    console.log(
      `${m.padEnd(16)} Δmae ${avg(gain).toFixed(2)}%  ece ${f(avg((r) => r.ece))} (raw ${f(avg((r) => r.uncalibrated.ece))})  ` +
        `cov ${f(avg((r) => r.coverage80), 3)}  ll ${f(avg((r) => r.logLoss))} (raw ${f(avg((r) => r.uncalibrated.logLoss))}, base ${f(avg((r) => r.baseline.logLoss))})  [${per}]`,
    );
  }
}
if (seeds.length > 1) {
  console.log(`mean over seeds ${seeds.join(', ')}`);
  for (const m of chosen) {
    const runs = all.get(m)!;
    const foldMean = (k: number, g: (r: MarketReport) => number) => runs.reduce((s, rs) => s + g(rs[k]!), 0) / runs.length;
    const both = (g: (r: MarketReport) => number) => (foldMean(0, g) + foldMean(1, g)) / 2;
    console.log(
      `${m.padEnd(16)} Δmae ${both(gain).toFixed(2)}%  ece ${f(both((r) => r.ece))} (raw ${f(both((r) => r.uncalibrated.ece))})  cov ${f(both((r) => r.coverage80), 3)}  ` +
        `ll ${f(both((r) => r.logLoss))} (raw ${f(both((r) => r.uncalibrated.logLoss))})  ` +
        `[fold A ${foldMean(0, gain).toFixed(2)}%  fold B ${foldMean(1, gain).toFixed(2)}%]`,
    );
  }
}
console.log(`${((performance.now() - t0) / 1000).toFixed(1)} s`);
