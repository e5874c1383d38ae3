/**
 * The data behind the choice of predictive distribution (ml/src/nfl/props/distributions/scaled-residual.ts).
 * On the two walk-forward folds inside the training seasons (2015–16 → 2017, 2015–17 → 2018; 2019 never read),
 * every candidate is fitted on the same out-of-sample residuals of the training period and scored on the
 * validation season around the same GBDT centre:
 *   normal        N(μ, σ²), σ = RMS of out-of-sample residuals
 *   normal-scaled N(μ, (c·s(μ))²) with the scale model of the chosen law
 *   negbin        negative binomial, mean μ, size r by maximum likelihood (count markets only)
 *   scaled-resid  the chosen law: μ + s(μ)·E with the empirical standardised-residual shape
 * Scores: coverage of the 10–90% interval, mean log score of the integer outcome (P(Y = y) = F(y+½) − F(y−½)),
 * and the ECE of uncalibrated P(over L) at the baseline line.  Usage: npx tsx bench/props/distributions.ts
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expectedCalibrationError } from '../../ml/src/metrics/index.ts';
import { logGamma } from '../../ml/src/numerics/index.ts';
import {
  baselineAt, buildEnv, fitPropModel, MARKETS, offeredRows, outOfSample, project, scaledResidual as sr, type MarketName,
} from '../../ml/src/nfl/props/index.ts';
import { gameLines } from '../../ml/src/nfl/index.ts';

const DATA = path.resolve(import.meta.dirname, '../../../shared/data');
const env = buildEnv(
  [2015, 2016, 2017, 2018].map((y) => readFileSync(path.join(DATA, `nfl_player_weekly/weekly_${y}.csv`), 'utf8')),
  [readFileSync(path.join(DATA, 'nfl_games/games_1999-2019.csv'), 'utf8')],
);
const Phi = gameLines.normalCdf;
const FOLDS: Array<[number[], number]> = [[[2015, 2016], 2017], [[2015, 2016, 2017], 2018]];
const MARKET_LIST: MarketName[] = ['passing_yards', 'rushing_yards', 'receiving_yards', 'receptions', 'completions', 'carries'];

interface Law {
  cdf(mu: number, x: number): number;
  quantile(mu: number, p: number): number;
}

function normalLaw(sigma: (mu: number) => number): Law {
  return {
    cdf: (mu, x) => Phi((x - mu) / sigma(mu)),
    quantile: (mu, p) => {
      let lo = mu - 20 * sigma(mu), hi = mu + 20 * sigma(mu);
      for (let k = 0; k < 80; k++) {
        const mid = (lo + hi) / 2;
        if (Phi((mid - mu) / sigma(mu)) < p) lo = mid;
        else hi = mid;
      }
      return (lo + hi) / 2;
    },
  };
}

const nbLogPmf = (y: number, mu: number, r: number) =>
  logGamma(y + r) - logGamma(r) - logGamma(y + 1) + r * Math.log(r / (r + mu)) + y * Math.log(Math.max(mu, 1e-9) / (r + mu));

function negbinLaw(mu: number[], y: number[]): { law: Law; r: number } {
  const ll = (r: number) => y.reduce((s, v, i) => s + nbLogPmf(v, Math.max(mu[i]!, 0.05), r), 0);
  let lo = Math.log(0.1), hi = Math.log(1e4);
  for (let k = 0; k < 60; k++) {
    const a = lo + (hi - lo) / 3, b = hi - (hi - lo) / 3;
    if (ll(Math.exp(a)) < ll(Math.exp(b))) lo = a;
    else hi = b;
  }
  const r = Math.exp((lo + hi) / 2);
  const cdf = (m: number, x: number) => {
    let s = 0;
    for (let k = 0; k <= Math.floor(x); k++) s += Math.exp(nbLogPmf(k, Math.max(m, 0.05), r));
    return Math.min(1, s);
  };
  return {
    r,
    law: {
      cdf,
      quantile: (m, p) => {
        let k = 0;
        while (cdf(m, k) < p && k < 500) k++;
        return k;
      },
    },
  };
}

const f = (x: number, d = 3) => x.toFixed(d);
for (const market of MARKET_LIST) {
  const spec = MARKETS[market];
  const discrete = spec.kind === 'count';
  const acc = new Map<string, { cov: number; ls: number; ece: number }>();
  for (const [train, valid] of FOLDS) {
    const oos = outOfSample(env, market, train);
    const model = fitPropModel(env, market, train);
    const d = model.distribution!;
    const rms = Math.sqrt(oos.y.reduce((s, v, i) => s + (v - oos.mu[i]!) ** 2, 0) / oos.y.length);
    const zr = Math.sqrt(oos.y.reduce((s, v, i) => s + ((v - oos.mu[i]!) / sr.scaleAt(d, oos.mu[i]!)) ** 2, 0) / oos.y.length);
    const laws: Record<string, Law> = {
      normal: normalLaw(() => rms),
      'normal-scaled': normalLaw((m) => zr * sr.scaleAt(d, m)),
      'scaled-resid': { cdf: (m, x) => sr.cdf(d, m, x), quantile: (m, p) => sr.quantile(d, m, p) },
    };
    if (discrete) laws.negbin = negbinLaw(oos.mu, oos.y).law;
    const rows = offeredRows(spec, env.table, new Set([valid]));
    const proj = project(model, env, rows);
    for (const [name, law] of Object.entries(laws)) {
      let cov = 0, ls = 0;
      const p: number[] = [], o: number[] = [];
      rows.forEach((i, k) => {
        const y = spec.outcome(env.table, i);
        const mu = proj[k]!.mu;
        if (y >= law.quantile(mu, 0.1) && y <= law.quantile(mu, 0.9)) cov++;
        const mass = name === 'negbin' ? Math.exp(nbLogPmf(y, Math.max(mu, 0.05), (law as unknown as { r?: number }).r ?? 1)) : law.cdf(mu, y + 0.5) - law.cdf(mu, y - 0.5);
        ls += Math.log(Math.max(name === 'negbin' ? law.cdf(mu, y) - (y > 0 ? law.cdf(mu, y - 1) : 0) : mass, 1e-12));
        const line = baselineAt(spec, env.table, i)!.line;
        const x = discrete ? Math.floor(line) + 0.5 : line;
        p.push(Math.min(1, Math.max(0, 1 - law.cdf(mu, x))));
        o.push(y > line ? 1 : 0);
      });
      const a = acc.get(name) ?? { cov: 0, ls: 0, ece: 0 };
      a.cov += cov / rows.length / FOLDS.length;
      a.ls += ls / rows.length / FOLDS.length;
      a.ece += expectedCalibrationError(p, o) / FOLDS.length;
      acc.set(name, a);
    }
  }
  console.log(market);
  for (const [name, a] of acc) console.log(`  ${name.padEnd(14)} coverage80 ${f(a.cov)}   log score ${f(a.ls, 4)}   ECE(raw) ${f(a.ece, 4)}`);
}
