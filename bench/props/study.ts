/**
 * Calibration and spread study on rolling-origin predictions inside the training seasons (2015–2018 only;
 * 2019 is never read). Each season s ∈ {2016, 2017, 2018} is predicted by a centre (the market's default
 * config) fitted on the seasons before it. Fold →2017 fits the distribution and calibration on 2016's
 * predictions and is scored on 2017's; fold →2018 fits them on 2016–2017 (or on 2017 alone, to see what a
 * second out-of-sample season buys) and is scored on 2018 — what fitPropModel + scoreMarket do, with the
 * centres fitted once so the distribution/calibration variants are compared on identical predictions.
 * The 2016 row of the first table is the →2016 fold (trained on 2015 alone): centre MAE only, since no
 * earlier season exists for out-of-sample calibration.
 *
 * Printed per market: per-season MAE of μ vs the rolling-8 baseline; for each P(over) variant (continuous
 * or whole-unit continuity correction × calibration map) the mean over the two folds of ECE, its sampling
 * floor (the mean ECE of perfectly calibrated forecasts with the same probabilities, 200 simulations), log
 * loss and coverage80; and the coverage/log loss of one vs two out-of-sample seasons on fold →2018.
 *
 *   npx tsx bench/props/study.ts [market...]
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fitIsotonic, predictIsotonic } from '../../ml/src/calibration/index.ts';
import { eceSamplingFloor, expectedCalibrationError } from '../../ml/src/metrics/index.ts';
import { buildEnv } from '../../ml/src/nfl/props/env.ts';
import { baselineAt } from '../../ml/src/nfl/props/baseline.ts';
import { buildFeatures } from '../../ml/src/nfl/props/features/index.ts';
import { MAIN_MARKETS, MARKETS, offeredRows, outcomes, type MarketName } from '../../ml/src/nfl/props/markets.ts';
import { PROP_DEFAULTS } from '../../ml/src/nfl/props/config.ts';
import { fitCentre, predictCentre, trainingRows } from '../../ml/src/nfl/props/model.ts';
import { fitScaledResidual, probOver, quantile, type ScaledResidual } from '../../ml/src/nfl/props/distributions/scaled-residual.ts';
import { fitOverCalibration, applyOverCalibration } from '../../ml/src/nfl/props/calibrate.ts';

const DATA = path.resolve(import.meta.dirname, '../../../shared/data');
const weekly = [2015, 2016, 2017, 2018].map((y) => readFileSync(path.join(DATA, `nfl_player_weekly/weekly_${y}.csv`), 'utf8'));
const env = buildEnv(weekly, [readFileSync(path.join(DATA, 'nfl_games/games_1999-2019.csv'), 'utf8')]);
const args = process.argv.slice(2);
const markets = (args.length ? args : MAIN_MARKETS) as MarketName[];

interface Pred { mu: number[]; y: number[]; line: number[]; base: number[] }

function rollingPredictions(market: MarketName, s: number): Pred {
  const spec = MARKETS[market], config = PROP_DEFAULTS[market];
  const fits = fitCentre(spec, env, trainingRows(spec, env, new Set([2015, 2016, 2017, 2018].filter((x) => x < s)), config.trainVolumeFraction), config);
  const rows = offeredRows(spec, env.table, new Set([s]));
  const mu = predictCentre(fits, buildFeatures(env, spec.family, rows));
  const out: Pred = { mu: [], y: [], line: [], base: [] };
  rows.forEach((i, r) => {
    const b = baselineAt(spec, env.table, i);
    if (!b) return;
    out.mu.push(mu[r]!);
    out.y.push(spec.outcome(env.table, i));
    out.line.push(b.line);
    out.base.push(b.mean);
  });
  return out;
}

const cat = (ps: Pred[]): Pred => ({ mu: ps.flatMap((p) => p.mu), y: ps.flatMap((p) => p.y), line: ps.flatMap((p) => p.line), base: ps.flatMap((p) => p.base) });
const clamp = (p: number) => Math.min(1 - 1e-6, Math.max(1e-6, p));
const ll = (p: number, o: number) => -Math.log(o ? p : 1 - p);


/** Logistic (Platt 1999) recalibration p' = σ(a + b·logit p), fitted by Newton's method. */
function fitPlatt(p: number[], o: number[]): (q: number) => number {
  const logit = (q: number) => Math.log(clamp(q) / (1 - clamp(q)));
  const x = p.map(logit);
  let a = 0, b = 1;
  for (let it = 0; it < 50; it++) {
    let ga = 0, gb = 0, haa = 0, hab = 0, hbb = 0;
    for (let i = 0; i < x.length; i++) {
      const m = 1 / (1 + Math.exp(-(a + b * x[i]!)));
      const r = m - o[i]!, w = m * (1 - m);
      ga += r; gb += r * x[i]!; haa += w; hab += w * x[i]!; hbb += w * x[i]! * x[i]!;
    }
    const det = haa * hbb - hab * hab;
    a -= (hbb * ga - hab * gb) / det;
    b -= (haa * gb - hab * ga) / det;
  }
  return (q) => 1 / (1 + Math.exp(-(a + b * logit(q))));
}

type RawOver = (d: ScaledResidual, mu: number, line: number) => number;
const RAW: Record<string, RawOver> = {
  continuous: (d, mu, line) => probOver({ ...d, wholeUnits: false }, mu, line),
  'whole-unit': (d, mu, line) => probOver({ ...d, wholeUnits: true }, mu, line),
};

/** Calibration maps: none, isotonic with prior weight w (calibrate.ts; w = 0 is plain isotonic), Platt. */
const CALIBRATORS: Record<string, (p: number[], o: number[]) => (q: number) => number> = {
  none: () => clamp,
  'isotonic w=0': (p, o) => { const m = fitIsotonic(p, o); return (q) => clamp(predictIsotonic(m, q)); },
  ...Object.fromEntries([0.5, 1, 2, 4, 8].map((w) => [`isotonic w=${w}`, (p: number[], o: number[]) => {
    const m = fitOverCalibration(p, o, w);
    return (q: number) => applyOverCalibration(m, q);
  }])),
  platt: fitPlatt,
};

interface Score { ece: number; floor: number; ll: number; cov: number }

function evaluate(fit: Pred, test: Pred, discrete: boolean, raw: RawOver, calibrate: (p: number[], o: number[]) => (q: number) => number): Score {
  const d = fitScaledResidual(fit.mu, fit.y, discrete);
  const cal = calibrate(fit.mu.map((m, k) => raw(d, m, fit.line[k]!)), fit.y.map((y, k) => (y > fit.line[k]! ? 1 : 0)));
  const p = test.mu.map((m, k) => cal(raw(d, m, test.line[k]!)));
  const o = test.y.map((y, k) => (y > test.line[k]! ? 1 : 0));
  let cov = 0;
  test.mu.forEach((m, k) => void (test.y[k]! >= quantile(d, m, 0.1) && test.y[k]! <= quantile(d, m, 0.9) && cov++));
  return { ece: expectedCalibrationError(p, o), floor: eceSamplingFloor(p), ll: p.reduce((s, q, k) => s + ll(q, o[k]!), 0) / p.length, cov: cov / p.length };
}

const f = (x: number, d = 4) => x.toFixed(d);
for (const market of markets) {
  const spec = MARKETS[market];
  const discrete = spec.kind === 'count';
  const P = new Map([2016, 2017, 2018].map((s) => [s, rollingPredictions(market, s)]));
  console.log(`\n${market}`);
  for (const [s, p] of P) {
    const mae = p.y.reduce((a, y, k) => a + Math.abs(y - p.mu[k]!), 0) / p.y.length;
    const bmae = p.y.reduce((a, y, k) => a + Math.abs(y - p.base[k]!), 0) / p.y.length;
    console.log(`  →${s} (n ${p.y.length}, centre fitted on ${s - 2015} season${s > 2016 ? 's' : ''}): MAE(μ) ${f(mae, 3)} vs baseline ${f(bmae, 3)}  Δ ${(100 * (1 - mae / bmae)).toFixed(1)}%`);
  }
  const folds = [{ fit: P.get(2016)!, test: P.get(2017)! }, { fit: cat([P.get(2016)!, P.get(2017)!]), test: P.get(2018)! }];
  console.log(`  ${'P(over)'.padEnd(11)}${'calibration'.padEnd(15)}${'ECE'.padStart(7)}${'floor'.padStart(8)}${'logloss'.padStart(9)}${'cov80'.padStart(7)}   (mean of folds →2017, →2018)`);
  for (const [rn, raw] of Object.entries(RAW)) {
    if (discrete && rn === 'continuous') continue; // counts always use the correction
    for (const [cn, cal] of Object.entries(CALIBRATORS)) {
      const rs = folds.map((fo) => evaluate(fo.fit, fo.test, discrete, raw, cal));
      const av = (g: (r: Score) => number) => rs.reduce((a, r) => a + g(r), 0) / rs.length;
      console.log(`  ${rn.padEnd(11)}${cn.padEnd(15)}${f(av((r) => r.ece), 4).padStart(7)}${f(av((r) => r.floor), 4).padStart(8)}${f(av((r) => r.ll), 5).padStart(9)}${f(av((r) => r.cov), 3).padStart(7)}`);
    }
  }
  const one = evaluate(P.get(2017)!, P.get(2018)!, discrete, RAW['whole-unit']!, CALIBRATORS['isotonic w=4']!);
  const two = evaluate(folds[1]!.fit, folds[1]!.test, discrete, RAW['whole-unit']!, CALIBRATORS['isotonic w=4']!);
  console.log(`  fold →2018, out-of-sample 2017 only: cov80 ${f(one.cov, 3)} logloss ${f(one.ll, 5)} ECE ${f(one.ece)} | 2016–2017: cov80 ${f(two.cov, 3)} logloss ${f(two.ll, 5)} ECE ${f(two.ece)}`);
}
