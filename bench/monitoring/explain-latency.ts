/**
 * What explanations add to a props request: TreeSHAP of a projection's centre under the production configuration
 * (PROP_DEFAULTS: receiving yards = two GBDTs of 300 depth-3 trees, squared + absolute), against the centre's own
 * prediction for the same rows, and the cost per game (every projection of a 2019 game across the nine markets, the
 * heaviest market's cost per row). Also the drift cron's PSI over a week of a market's live rows. Model trained on
 * 2016–2018, rows of 2019 (real nflverse data in ../shared/data).
 *
 *   nice -n 10 npx tsx bench/monitoring/explain-latency.ts
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { featureProfile, psiByFeature } from '../../ml/src/metrics/index.ts';
import {
  ALL_MARKETS, buildEnv, explainPropRow, fitPropModel, MARKETS, offeredRows, predictCentre, projectionRecords, propExplainer, PROP_DEFAULTS,
  serializePropModel,
} from '../../ml/src/nfl/props/index.ts';

const DATA = path.resolve(import.meta.dirname, '../../../shared/data');
const weekly = (s: number) => readFileSync(path.join(DATA, `nfl_player_weekly/weekly_${s}.csv`), 'utf8');
const games = readFileSync(path.join(DATA, 'nfl_games/games_1999-2019.csv'), 'utf8');

const env = buildEnv([2016, 2017, 2018, 2019].map(weekly), [games]);
let t = performance.now();
const model = fitPropModel(env, 'receiving_yards', [2016, 2017, 2018], PROP_DEFAULTS.receiving_yards);
console.log(`fit receiving_yards (PROP_DEFAULTS, ${model.centre.length} GBDTs × ${model.centre[0]!.numTrees} trees): ${((performance.now() - t) / 1000).toFixed(1)} s`);
const rows = offeredRows(MARKETS.receiving_yards, env.table, new Set([2019]));
const records = projectionRecords(model, env, rows);
const artifact = JSON.parse(JSON.stringify(serializePropModel(model)));
console.log(`artifact ${(JSON.stringify(artifact).length / 1024).toFixed(0)} KiB (featureProfile ${(JSON.stringify(artifact.featureProfile).length / 1024).toFixed(1)} KiB); 2019 rows: ${records.length}`);

t = performance.now();
const explainer = propExplainer(artifact);
console.log(`explainer built from the stored artifact (once per isolate): ${(performance.now() - t).toFixed(1)} ms`);

const X = { values: Float64Array.from(records.flatMap((r) => r.features.map((x) => (x === null ? NaN : x)))), rows: records.length, cols: records[0]!.features.length };
const REPS = 5;
const time = (fn: () => void) => {
  fn(); // warm up
  const t0 = performance.now();
  for (let k = 0; k < REPS; k++) fn();
  return (performance.now() - t0) / REPS / records.length; // ms per row
};
const predictMs = time(() => void predictCentre(model.centre, X));
const explainMs = time(() => { for (const r of records) explainPropRow(explainer, r.features); });
console.log(`per projection: predict μ ${(predictMs * 1000).toFixed(1)} µs, explain (TreeSHAP, top 5) ${(explainMs * 1000).toFixed(1)} µs`);

// Projections per 2019 game: every market's offered rows, grouped by game.
const perGame = new Map<string, number>();
for (const m of ALL_MARKETS) {
  for (const i of offeredRows(MARKETS[m], env.table, new Set([2019]))) {
    const key = `${env.table.week[i]}|${[env.table.team[i], env.table.opponent[i]].sort().join('-')}`;
    perGame.set(key, (perGame.get(key) ?? 0) + 1);
  }
}
const counts = [...perGame.values()].sort((a, b) => a - b);
const mean = counts.reduce((a, b) => a + b, 0) / counts.length;
const max = counts.at(-1)!;
console.log(`projections per 2019 game (9 markets): mean ${mean.toFixed(0)}, max ${max} → explanations add ≈ ${(mean * explainMs).toFixed(1)} ms (mean game), ${(max * explainMs).toFixed(1)} ms (largest) of CPU per nfl.props.byFixture, at the heaviest market's cost per row`);

// The drift cron: a week of live rows (one 2019 week of this market, repeated to 1000 rows) against the profile.
const profile = artifact.featureProfile ?? featureProfile(X, model.featureNames);
const week = records.filter((r) => env.table.week[rows[records.indexOf(r)]!] === 1).map((r) => r.features);
const live = Array.from({ length: 1000 }, (_, i) => week[i % week.length]!);
t = performance.now();
const psi = psiByFeature(profile, live);
console.log(`PSI of ${psi.length} features over 1000 live rows: ${(performance.now() - t).toFixed(1)} ms; week-1 2019 median PSI ${psi.map((p) => p.psi).sort((a, b) => a - b)[Math.floor(psi.length / 2)]!.toFixed(3)}, max ${Math.max(...psi.map((p) => p.psi)).toFixed(3)} (${psi.reduce((a, b) => (b.psi > a.psi ? b : a)).feature})`);
