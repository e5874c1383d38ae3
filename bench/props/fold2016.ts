/**
 * Centre-only check on the one-season fold 2015 → 2016 (no earlier season to fit a distribution or calibration
 * out of sample): MAE of the GBDT centre μ against the rolling-8 baseline on the 2016 rows a book would offer,
 * for GBDT seeds 7–11. A generalisation check for feature changes chosen on the two main folds. 2019 is never read.
 *
 *   npx tsx bench/props/fold2016.ts
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { baselineAt } from '../../ml/src/nfl/props/baseline.ts';
import { PROP_DEFAULTS } from '../../ml/src/nfl/props/config.ts';
import { buildEnv } from '../../ml/src/nfl/props/env.ts';
import { buildFeatures } from '../../ml/src/nfl/props/features/index.ts';
import { MAIN_MARKETS, MARKETS, offeredRows } from '../../ml/src/nfl/props/markets.ts';
import { fitCentre, predictCentre, trainingRows } from '../../ml/src/nfl/props/model.ts';

const DATA = path.resolve(import.meta.dirname, '../../../shared/data');
const weekly = [2015, 2016].map((y) => readFileSync(path.join(DATA, `nfl_player_weekly/weekly_${y}.csv`), 'utf8'));
const env = buildEnv(weekly, [readFileSync(path.join(DATA, 'nfl_games/games_1999-2019.csv'), 'utf8')]);
const SEEDS = [7, 8, 9, 10, 11];
console.log(`market            Δmae of μ, mean over seeds ${SEEDS.join(', ')}   (per seed)`);
for (const m of MAIN_MARKETS) {
  const spec = MARKETS[m];
  const rows = offeredRows(spec, env.table, new Set([2016]));
  const gains = SEEDS.map((seed) => {
    const config = { ...PROP_DEFAULTS[m], gbdt: { ...PROP_DEFAULTS[m].gbdt, seed } };
    const fit = fitCentre(spec, env, trainingRows(spec, env, new Set([2015]), config.trainVolumeFraction), config);
    const mu = predictCentre(fit, buildFeatures(env, spec.family, rows));
    let ae = 0, be = 0;
    rows.forEach((i, r) => {
      const y = spec.outcome(env.table, i);
      ae += Math.abs(mu[r]! - y);
      be += Math.abs(baselineAt(spec, env.table, i)!.mean - y);
    });
    return 100 * (1 - ae / be);
  });
  console.log(`${m.padEnd(16)}  ${(gains.reduce((a, b) => a + b) / gains.length).toFixed(2)}%   (${gains.map((g) => g.toFixed(2)).join(' ')})`);
}
