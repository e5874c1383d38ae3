/**
 * Walk-forward tuning inside the training seasons: fold A trains 2015–2016 and validates on 2017, fold B
 * trains 2015–2017 and validates on 2018; choices are made on the two folds together. Season 2019 (the test
 * season of bench/props/run.ts) is never read here.
 *
 *   npx tsx bench/props/tune.ts [market...] ['{"gbdt":{"trees":500}}']   (JSON = config override; "{market}" = the market's name)
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildEnv } from '../../ml/src/props/env.ts';
import { backtestProps, type MarketReport } from '../../ml/src/props/evaluate.ts';
import { MAIN_MARKETS, type MarketName } from '../../ml/src/props/markets.ts';
import { PROP_DEFAULTS, type PropModelConfig } from '../../ml/src/props/config.ts';

const DATA = path.resolve(import.meta.dirname, '../../../shared/data');
const weekly = [2015, 2016, 2017, 2018].map((y) => readFileSync(path.join(DATA, `nfl_player_weekly/weekly_${y}.csv`), 'utf8'));
const env = buildEnv(weekly, [readFileSync(path.join(DATA, 'nfl_games/games_1999-2019.csv'), 'utf8')]);
const args = process.argv.slice(2);
const markets = args.filter((a) => !a.startsWith('{')) as MarketName[];
const overrideText = args.find((a) => a.startsWith('{')) ?? '{}';
const chosen = markets.length ? markets : MAIN_MARKETS;
// "{market}" in the override stands for each market's name (e.g. {"centreOffset":"{market}_ewma"}).
const configs = Object.fromEntries(chosen.map((m) => {
  const override = JSON.parse(overrideText.replaceAll('{market}', m)) as Partial<PropModelConfig>;
  return [m, { ...PROP_DEFAULTS[m], ...override, gbdt: { ...PROP_DEFAULTS[m].gbdt, ...override.gbdt } }];
}));
const folds: Array<[number[], number]> = [[[2015, 2016], 2017], [[2015, 2016, 2017], 2018]];
const t0 = performance.now();
const results = folds.map(([train, valid]) => backtestProps(env, train, [valid], { markets: chosen, configs }));
const f = (x: number, d = 4) => x.toFixed(d);
for (const m of chosen) {
  const rs = results.map((r) => r[m]!) as MarketReport[];
  const avg = (g: (r: MarketReport) => number) => rs.reduce((s, r) => s + g(r), 0) / rs.length;
  const per = rs.map((r) => `${(100 * (1 - r.mae / r.baselineMae)).toFixed(1)}%/${f(r.ece, 3)}/${f(r.coverage80, 3)}`).join(' ');
  console.log(
    `${m.padEnd(16)} Δmae ${(100 * avg((r) => 1 - r.mae / r.baselineMae)).toFixed(2)}%  ece ${f(avg((r) => r.ece))} (raw ${f(avg((r) => r.uncalibrated.ece))})  ` +
      `cov ${f(avg((r) => r.coverage80), 3)}  ll ${f(avg((r) => r.logLoss))} (raw ${f(avg((r) => r.uncalibrated.logLoss))}, base ${f(avg((r) => r.baseline.logLoss))})  [${per}]`,
  );
}
console.log(`${((performance.now() - t0) / 1000).toFixed(1)} s`);
