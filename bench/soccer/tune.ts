/**
 * Hyperparameter selection for the soccer walk-forward model — on EARLIER seasons only.
 *
 * Tuning set (never the 2018/19–2019/20 EPL test seasons):
 *   EPL  history 2009/10–2011/12, walk-forward 2012/13–2017/18 (Pinnacle closing available → model/market RPS)
 *   SP1, D1, I1 history 2005/06–2007/08, walk-forward 2008/09–2014/15 (no closing odds in these copies → model RPS)
 *   F1   same, 2008/09–2014/15
 * Criterion: the mean model RPS over all tuning matches (market RPS is fixed, so this is the same ordering as
 * the model/market ratio), with the EPL ratio printed alongside.
 *
 * Run: npx tsx bench/soccer/tune.ts '<json array of option objects>'   (each is a BacktestOptions subset)
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseFootballDataCsv } from '../../ml/src/data/football-data.ts';
import { backtestMatchFromFootballData, backtestSoccer, type BacktestMatch, type BacktestOptions } from '../../ml/src/soccer/index.ts';

const DATA = path.resolve(import.meta.dirname, '../../../shared/data/soccer_football_data');
const seasons = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => `${from + i}-${String((from + i + 1) % 100).padStart(2, '0')}`);
const load = (lg: string, s: string): BacktestMatch[] =>
  parseFootballDataCsv(readFileSync(path.join(DATA, lg, `${lg}_${s}.csv`), 'utf8')).matches.map(backtestMatchFromFootballData);

export const TUNING_SETS = [
  { league: 'E0', history: seasons(2009, 2011), test: seasons(2012, 2017) },
  ...['SP1', 'D1', 'I1', 'F1'].map((league) => ({ league, history: seasons(2005, 2007), test: seasons(2008, 2014) })),
];

function evaluate(opts: BacktestOptions) {
  let sum = 0;
  let n = 0;
  const per: Record<string, number> = {};
  let eplRatio = NaN;
  for (const set of TUNING_SETS) {
    const r = backtestSoccer(set.history.flatMap((s) => load(set.league, s)), set.test.flatMap((s) => load(set.league, s)), opts);
    per[set.league] = Number(r.modelAll.rps.toFixed(5));
    sum += r.modelAll.rps * r.matches;
    n += r.matches;
    if (set.league === 'E0') eplRatio = r.model.rps / r.market.rps;
  }
  return { meanRps: sum / n, eplRatio, per };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const configs = JSON.parse(process.argv[2] ?? '[{}]') as BacktestOptions[];
  for (const c of configs) {
    const t = performance.now();
    const r = evaluate(c);
    console.log(JSON.stringify({ ...c, meanRps: Number(r.meanRps.toFixed(6)), eplRatio: Number(r.eplRatio.toFixed(5)), per: r.per, s: ((performance.now() - t) / 1000).toFixed(1) }));
  }
}
