/**
 * One player-prop model per market: a GBDT for the centre μ, a predictive distribution around it
 * (distributions/scaled-residual.ts; for the binary anytime-TD market the GBDT's probability itself), and an
 * isotonic calibration of P(over) (Zadrozny & Elkan 2002; calibrate.ts). Distribution and calibration are fitted on
 * out-of-sample predictions from the training period only: for each of the last `oosSeasons` training seasons
 * (by default every season after the first, so the spread and the calibration see several seasons'
 * variation) a GBDT trained on the earlier seasons (rolling origin; or on all other training seasons,
 * `oosScheme: 'loso'`) predicts that season, and P(over) is calibrated at the book-style line (rolling-8 mean
 * rounded to .5) those rows would have been offered. Yards and counts are whole numbers, so P(over L) carries
 * the continuity correction 1 − F(⌊L⌋ + ½) (distributions/scaled-residual.ts).
 */
import type { IsotonicModel } from '../../calibration/index.ts';
import { applyOverCalibration, fitOverCalibration } from './calibrate.ts';
import { trainGbdt, type DenseMatrix, type GbdtModel } from '../../gbdt/index.ts';
import { featureProfile, type FeatureProfile } from '../../metrics/psi.ts';
import { baselineAt } from './baseline.ts';
import { PROP_DEFAULTS, type PropModelConfig } from './config.ts';
import { fitScaledResidual, median, probOver, quantile, type ScaledResidual } from './distributions/scaled-residual.ts';
import { buildFeatures, featureNames, featureVersion, type FeatureEnv } from './features/index.ts';
import { isOffered, MARKETS, outcomes, type MarketName, type MarketSpec } from './markets.ts';

export interface PropModel {
  market: MarketName;
  featureVersion: string;
  featureNames: string[];
  config: PropModelConfig;
  trainSeasons: number[];
  /** The centre μ is the mean of these GBDTs' predictions (one per objective in the config). */
  centre: GbdtModel[];
  /** null for binary markets, whose centre is already P(yes). */
  distribution: ScaledResidual | null;
  calibration: IsotonicModel;
  /** Out-of-sample rows the distribution and calibration were fitted on. */
  oosRows: number;
  /** The training rows' feature distribution (deciles per column), for drift monitoring (metrics/psi.ts); absent in older artifacts. */
  featureProfile?: FeatureProfile;
}

/** Training-period rows: position matches, ≥ 3 earlier games, 3-game volume ≥ fraction × offer threshold. */
export function trainingRows(spec: MarketSpec, env: FeatureEnv, seasons: ReadonlySet<number>, fraction: number): Int32Array {
  const loose = { ...spec, volumeMin: spec.volumeMin * fraction };
  const out: number[] = [];
  for (let i = 0; i < env.table.n; i++) if (seasons.has(env.table.season[i]!) && isOffered(loose, env.table, i)) out.push(i);
  return Int32Array.from(out);
}

/**
 * Trains the centre ensemble of a market on `rows`: one GBDT per objective in `config` (their mean is μ), with a
 * fixed `createdAt` so the artifact is reproducible. `features`: the rows' matrix when the caller has built it.
 */
export function fitCentre(spec: MarketSpec, env: FeatureEnv, rows: Int32Array, config: PropModelConfig, features: DenseMatrix = buildFeatures(env, spec.family, rows)): GbdtModel[] {
  const label = outcomes(spec, env.table, rows);
  return config.objectives.map((objective) =>
    trainGbdt({
      features, featureNames: featureNames(spec.family), label, params: { ...config.gbdt, objective }, createdAt: '1970-01-01T00:00:00.000Z',
    }),
  );
}

/** Mean prediction of the centre ensemble. */
export function predictCentre(centre: readonly GbdtModel[], X: DenseMatrix): Float64Array {
  const mu = new Float64Array(X.rows);
  for (const m of centre) {
    const p = m.predict(X);
    for (let i = 0; i < mu.length; i++) mu[i] = mu[i]! + p[i]! / centre.length;
  }
  return mu;
}

/** P(over line) before calibration. */
function rawOver(dist: ScaledResidual | null, mu: number, line: number): number {
  return dist ? probOver(dist, mu, line) : mu;
}

/** Out-of-sample centres, outcomes and book-style lines from the training period (see the file comment). */
export interface OutOfSample {
  mu: number[];
  y: number[];
  line: number[];
}

/**
 * Out-of-sample centres, outcomes and baseline lines over the training period (rolling origin, or leave one season
 * out): what the distribution and the calibration are fitted on.
 */
export function outOfSample(env: FeatureEnv, market: MarketName, trainSeasons: readonly number[], config: PropModelConfig = PROP_DEFAULTS[market]): OutOfSample {
  const spec: MarketSpec = MARKETS[market];
  const seasons = [...new Set(trainSeasons)].sort((a, b) => a - b);
  if (seasons.length < 2) throw new Error('props: need at least two training seasons (one for out-of-sample calibration)');
  const loso = config.oosScheme === 'loso';
  const oosSeasons = seasons.slice(Math.max(loso ? 0 : 1, seasons.length - config.oosSeasons));
  const oos: OutOfSample = { mu: [], y: [], line: [] };
  for (const s of oosSeasons) {
    const fit = fitCentre(spec, env, trainingRows(spec, env, new Set(seasons.filter((x) => (loso ? x !== s : x < s))), config.trainVolumeFraction), config);
    const rows = trainingRows(spec, env, new Set([s]), 1);
    const mu = predictCentre(fit, buildFeatures(env, spec.family, rows));
    for (let r = 0; r < rows.length; r++) {
      const b = baselineAt(spec, env.table, rows[r]!);
      if (!b) continue;
      oos.mu.push(mu[r]!);
      oos.y.push(spec.outcome(env.table, rows[r]!));
      oos.line.push(b.line);
    }
  }
  return oos;
}

/**
 * Fits a market's full prop model on `trainSeasons`: out-of-sample distribution and P(over) calibration, then the
 * centre refitted on every training season (see the file comment).
 */
export function fitPropModel(env: FeatureEnv, market: MarketName, trainSeasons: readonly number[], config: PropModelConfig = PROP_DEFAULTS[market]): PropModel {
  const spec: MarketSpec = MARKETS[market];
  const seasons = [...new Set(trainSeasons)].sort((a, b) => a - b);
  const { mu: oosMu, y: oosY, line: oosLine } = outOfSample(env, market, seasons, config);
  const distribution = spec.kind === 'binary' ? null : fitScaledResidual(oosMu, oosY, spec.kind === 'count', true);
  const p = oosMu.map((m, k) => rawOver(distribution, m, oosLine[k]!));
  const calibration = fitOverCalibration(p, oosY.map((y, k) => (y > oosLine[k]! ? 1 : 0)), config.calibrationPriorWeight);
  const rows = trainingRows(spec, env, new Set(seasons), config.trainVolumeFraction);
  const X = buildFeatures(env, spec.family, rows);
  const centre = fitCentre(spec, env, rows, config, X);
  return {
    market, featureVersion: featureVersion(spec.family), featureNames: featureNames(spec.family), config,
    trainSeasons: seasons, centre, distribution, calibration, oosRows: oosMu.length, featureProfile: offeredProfile(spec, env, rows, X),
  };
}

/**
 * The feature profile (metrics/psi.ts) of the training rows a book would have offered: the population live rows come
 * from. The training rows also hold lower-volume players (trainVolumeFraction), whose features differ so much that a
 * profile of all of them puts every live week at PSI ≈ 0.2 on 2018 data with no drift at all.
 */
function offeredProfile(spec: MarketSpec, env: FeatureEnv, rows: Int32Array, X: DenseMatrix): FeatureProfile {
  const keep: number[] = [];
  for (let r = 0; r < rows.length; r++) if (isOffered(spec, env.table, rows[r]!)) keep.push(r);
  const values = new Float64Array(keep.length * X.cols);
  keep.forEach((r, k) => values.set(X.values.subarray(r * X.cols, (r + 1) * X.cols), k * X.cols));
  return featureProfile({ values, rows: keep.length, cols: X.cols }, featureNames(spec.family));
}

/** Projection of one player-game: centre, median (the point forecast), 10%/90% quantiles. */
export interface Projection {
  mu: number;
  median: number;
  q10: number;
  q90: number;
}

/**
 * Projections (centre, median, 10 % and 90 % quantiles) of the rows `rows` of the environment's table; for the
 * binary market the centre is P(yes) and the quantiles are NaN. `features`: the rows' matrix when already built.
 */
export function project(model: PropModel, env: FeatureEnv, rows: ArrayLike<number>, features: DenseMatrix = buildFeatures(env, MARKETS[model.market].family, rows)): Projection[] {
  const mu = predictCentre(model.centre, features);
  const d = model.distribution;
  return Array.from(mu, (m) =>
    d ? { mu: m, median: median(d, m), q10: quantile(d, m, 0.1), q90: quantile(d, m, 0.9) } : { mu: m, median: m, q10: NaN, q90: NaN },
  );
}

/** P(outcome > line) from the distribution alone, before isotonic calibration (a diagnostic). */
export function pOverUncalibrated(model: PropModel, mu: number, line: number): number {
  return Math.min(1 - 1e-6, Math.max(1e-6, rawOver(model.distribution, mu, line)));
}

/** Calibrated P(outcome > line) for a projection; any line (binary markets: the line is 0.5). */
export function pOver(model: PropModel, mu: number, line: number): number {
  return applyOverCalibration(model.calibration, rawOver(model.distribution, mu, line));
}
