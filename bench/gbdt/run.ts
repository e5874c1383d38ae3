/**
 * GBDT benchmark: our engine against XGBoost (tree_method=hist, depth-wise, nthread=1) and scikit-learn's
 * HistGradientBoosting (one thread), same CSVs, same hyperparameters, one run each.
 *
 *   npx tsx bench/gbdt/run.ts [--trees 200] [--depth 6] [--lr 0.1] [--bins 256] [--lambda 1] [--regen]
 *
 * Data: bench/gbdt/gen.ts (seeded Friedman #1 regression and a binary task, 200k train / 50k test rows), written
 * to bench/.out/gbdt/ on first use. Peers run from Debian's python3 (bench/gbdt/peers.py); a missing
 * xgboost/sklearn is installed with apt-get. Timings: train = fit on data already in memory (binning included
 * for every engine); predict = best of 3 calls on the test matrix already in memory. Both as wall time and as
 * process CPU time: on a shared machine other jobs inflate wall time unevenly between the runs, CPU time much
 * less. Targets (issue 4): train time ≤ 1.0× XGBoost, predict throughput ≥ 1.5× XGBoost, test error within 1%.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { trainGbdt } from '../../ml/src/gbdt/index.ts';
import { generate, OUT_DIR } from './gen.ts';

const { values: a } = parseArgs({
  options: {
    trees: { type: 'string', default: '200' },
    depth: { type: 'string', default: '6' },
    lr: { type: 'string', default: '0.1' },
    bins: { type: 'string', default: '256' },
    lambda: { type: 'string', default: '1' },
    regen: { type: 'boolean', default: false },
    tasks: { type: 'string', default: 'regression,binary' },
  },
});
const PY = '/usr/bin/python3';

interface EngineResult {
  engine: string;
  trainSec: number;
  /** Process CPU seconds of the fit: less sensitive than wall time to other jobs on a shared machine. */
  trainCpuSec: number;
  predictSec: number;
  predictCpuSec: number;
  error: number;
}

function ensurePeers(): void {
  const check = () => {
    try {
      execFileSync(PY, ['-c', 'import xgboost, sklearn, numpy'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  };
  if (check()) return;
  console.error('installing python peers: apt-get install -y python3-xgboost python3-sklearn python3-numpy');
  execFileSync('apt-get', ['install', '-y', 'python3-xgboost', 'python3-sklearn', 'python3-numpy'], { stdio: 'inherit' });
  if (!check()) throw new Error('python3 cannot import xgboost/sklearn even after apt-get install');
}

/** Numeric CSV (header, last column = label) into a row-major matrix. Not timed. */
function load(file: string) {
  const lines = readFileSync(file, 'utf8').trim().split('\n');
  const F = lines[0]!.split(',').length - 1;
  const n = lines.length - 1;
  const values = new Float64Array(n * F);
  const y = new Float64Array(n);
  for (let r = 0; r < n; r++) {
    const c = lines[r + 1]!.split(',');
    for (let j = 0; j < F; j++) values[r * F + j] = c[j] === '' ? NaN : Number(c[j]);
    y[r] = Number(c[F]);
  }
  return { X: { values, rows: n, cols: F }, y };
}

function testError(task: string, y: Float64Array, p: Float64Array): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) {
    if (task === 'regression') s += (p[i]! - y[i]!) ** 2;
    else {
      const q = Math.min(1 - 1e-15, Math.max(1e-15, p[i]!));
      s -= y[i]! * Math.log(q) + (1 - y[i]!) * Math.log(1 - q);
    }
  }
  return task === 'regression' ? Math.sqrt(s / y.length) : s / y.length;
}

function ours(task: string, trainFile: string, testFile: string): EngineResult {
  const tr = load(trainFile);
  const te = load(testFile);
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const model = trainGbdt({
    features: tr.X,
    label: tr.y,
    params: {
      objective: task === 'regression' ? 'squared' : 'logistic',
      trees: Number(a.trees),
      maxDepth: Number(a.depth),
      learningRate: Number(a.lr),
      maxBins: Number(a.bins),
      lambda: Number(a.lambda),
      minChildWeight: 1,
    },
  });
  const trainSec = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(c0);
  const trainCpuSec = (cpu.user + cpu.system) / 1e6;
  let predictSec = Infinity;
  let predictCpuSec = Infinity;
  let p: Float64Array = new Float64Array(0);
  for (let k = 0; k < 3; k++) {
    const t = performance.now();
    const c = process.cpuUsage();
    p = model.predict(te.X);
    const u = process.cpuUsage(c);
    predictSec = Math.min(predictSec, (performance.now() - t) / 1000);
    predictCpuSec = Math.min(predictCpuSec, (u.user + u.system) / 1e6);
  }
  return { engine: 'fairline (TS)', trainSec, trainCpuSec, predictSec, predictCpuSec, error: testError(task, te.y, p) };
}

function peers(task: string, trainFile: string, testFile: string): { results: EngineResult[]; versions: string } {
  const out = execFileSync(
    PY,
    [path.join(import.meta.dirname, 'peers.py'), trainFile, testFile, task, '--trees', a.trees!, '--depth', a.depth!, '--lr', a.lr!, '--bins', a.bins!, '--lambda', a.lambda!],
    { env: { ...process.env, OMP_NUM_THREADS: '1' }, encoding: 'utf8', maxBuffer: 1 << 24 },
  );
  const j = JSON.parse(out);
  return {
    results: [
      { engine: `xgboost ${j.xgboost.version} hist`, ...pick(j.xgboost) },
      { engine: `sklearn ${j.sklearn.version} HGB`, ...pick(j.sklearn) },
    ],
    versions: `xgboost ${j.xgboost.version}, sklearn ${j.sklearn.version}`,
  };
}

function pick(r: { trainSec: number; trainCpuSec: number; predictSec: number; predictCpuSec: number; error: number }) {
  return { trainSec: r.trainSec, trainCpuSec: r.trainCpuSec, predictSec: r.predictSec, predictCpuSec: r.predictCpuSec, error: r.error };
}

function main(): void {
  ensurePeers();
  const files = ['regression', 'binary'].flatMap((t) => ['train', 'test'].map((p) => path.join(OUT_DIR, `${t}-${p}.csv`)));
  if (a.regen || !files.every((f) => existsSync(f))) generate();
  console.log(`GBDT benchmark: ${a.trees} trees, depth ${a.depth}, lr ${a.lr}, ${a.bins} bins, lambda ${a.lambda}, one thread each`);
  for (const task of a.tasks!.split(',')) {
    const trainFile = path.join(OUT_DIR, `${task}-train.csv`);
    const testFile = path.join(OUT_DIR, `${task}-test.csv`);
    const testRows = readFileSync(testFile, 'utf8').trim().split('\n').length - 1;
    const { results } = peers(task, trainFile, testFile);
    results.unshift(ours(task, trainFile, testFile));
    const xgb = results[1]!;
    const metric = task === 'regression' ? 'test RMSE' : 'test logloss';
    console.log(`\n${task}: wall and process-CPU seconds; ratios vs XGBoost (train time ×, predict throughput ×, error Δ%)`);
    console.log(
      [
        'engine'.padEnd(22),
        'train s'.padStart(8),
        'cpu s'.padStart(6),
        'pred rows/s'.padStart(12),
        'cpu rows/s'.padStart(11),
        metric.padStart(13),
        'train×'.padStart(7),
        'cpu×'.padStart(5),
        'pred×'.padStart(6),
        'cpu×'.padStart(5),
        'errorΔ%'.padStart(8),
      ].join(' '),
    );
    for (const r of results) {
      console.log(
        [
          r.engine.padEnd(22),
          r.trainSec.toFixed(2).padStart(8),
          r.trainCpuSec.toFixed(2).padStart(6),
          Math.round(testRows / r.predictSec).toLocaleString('en-US').padStart(12),
          Math.round(testRows / r.predictCpuSec).toLocaleString('en-US').padStart(11),
          r.error.toFixed(5).padStart(13),
          (r.trainSec / xgb.trainSec).toFixed(2).padStart(7),
          (r.trainCpuSec / xgb.trainCpuSec).toFixed(2).padStart(5),
          (xgb.predictSec / r.predictSec).toFixed(2).padStart(6),
          (xgb.predictCpuSec / r.predictCpuSec).toFixed(2).padStart(5),
          ((100 * (r.error - xgb.error)) / xgb.error).toFixed(2).padStart(8),
        ].join(' '),
      );
    }
    const o = results[0]!;
    const ok = (b: boolean) => (b ? 'met' : 'NOT met');
    console.log(
      `targets: train ≤ 1.0× XGBoost: ${ok(o.trainSec <= xgb.trainSec)} (wall), ${ok(o.trainCpuSec <= xgb.trainCpuSec)} (CPU); predict ≥ 1.5× XGBoost: ${ok(xgb.predictSec / o.predictSec >= 1.5)} (wall), ${ok(xgb.predictCpuSec / o.predictCpuSec >= 1.5)} (CPU); ` +
        `error within 1%: ${ok(o.error <= xgb.error * 1.01)}`,
    );
  }
}

main();
