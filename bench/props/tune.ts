/**
 * Walk-forward tuning inside the training seasons: train 2015–2017, validate on 2018. Season 2019 (the test
 * season of bench/props/run.ts) is never read here. Usage: npx tsx bench/props/tune.ts [market...]
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildEnv } from '../../ml/src/props/env.ts';
import { backtestProps } from '../../ml/src/props/evaluate.ts';
import { MAIN_MARKETS, type MarketName } from '../../ml/src/props/markets.ts';
import { PROP_DEFAULTS, type PropModelConfig } from '../../ml/src/props/config.ts';

const DATA = path.resolve(import.meta.dirname, '../../../shared/data');
const weekly = [2015, 2016, 2017, 2018].map((y) => readFileSync(path.join(DATA, `nfl_player_weekly/weekly_${y}.csv`), 'utf8'));
const env = buildEnv(weekly, [readFileSync(path.join(DATA, 'nfl_games/games_1999-2019.csv'), 'utf8')]);
const markets = (process.argv.slice(2).filter((a) => !a.startsWith('{')) as MarketName[]);
const override = JSON.parse(process.argv.find((a) => a.startsWith('{')) ?? '{}') as Partial<PropModelConfig> & { gbdt?: object };
const configs = Object.fromEntries(
  (markets.length ? markets : MAIN_MARKETS).map((m) => [m, { ...PROP_DEFAULTS[m], ...override, gbdt: { ...PROP_DEFAULTS[m].gbdt, ...override.gbdt } }]),
);
const t0 = performance.now();
backtestProps(env, [2015, 2016, 2017], [2018], {
  markets: markets.length ? markets : MAIN_MARKETS,
  configs,
  onMarket: (m, r) =>
    console.log(
      `${m.padEnd(16)} n=${r.n} mae=${r.mae.toFixed(3)} base=${r.baselineMae.toFixed(3)} (${(100 * (1 - r.mae / r.baselineMae)).toFixed(1)}%) ` +
        `ece=${r.ece.toFixed(4)} cov80=${r.coverage80.toFixed(3)} ll=${r.logLoss.toFixed(4)} | base ece=${r.baseline.ece.toFixed(4)} cov=${r.baseline.coverage80.toFixed(3)} ll=${r.baseline.logLoss.toFixed(4)}`,
    ),
});
console.log(`${((performance.now() - t0) / 1000).toFixed(1)} s`);
