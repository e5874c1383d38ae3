// `fairline gbdt train|predict` — train a gradient-boosted tree model on a CSV, or predict with a saved model.
// CSV: a header row, numeric cells, an empty cell = missing. Model code lives in @fairline/ml/gbdt; this file
// only reads files, checks input and reports.
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parseCsv } from '@fairline/ml/data/csv';
import { importXgboost, loadGbdt, trainGbdt, type GbdtModel, type GbdtParams } from '@fairline/ml/gbdt/index';

const USAGE = [
  'usage: fairline gbdt train --csv <file> --target <column> --out <model.json> [--objective squared|absolute|quantile:0.9|poisson|logistic|softmax]',
  '         [--trees 200] [--depth 6] [--leaves 0] [--learning-rate 0.1] [--max-bins 256] [--lambda 1] [--min-child-weight 1]',
  '         [--gamma 0] [--subsample 1] [--colsample 1] [--seed 0] [--monotone <column>:<1|-1>,…] [--valid <file>] [--early-stopping 0] [--json]',
  '       fairline gbdt predict --model <model.json> --csv <file> --out <preds.csv> [--shap] [--json]',
].join('\n');

class UsageError extends Error {}

export async function run(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  try {
    if (sub === 'train') return train(rest);
    if (sub === 'predict') return predict(rest);
    console.error(USAGE);
    return 2;
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(`fairline gbdt: ${err.message}\n${USAGE}`);
      return 2;
    }
    console.error(`fairline gbdt: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
}

/** A numeric CSV: header, row-major values (NaN = empty cell) and the 1-based line of each row. */
interface NumericTable {
  header: string[];
  values: Float64Array;
  rows: number;
  lines: number[];
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function readNumericCsv(file: string): NumericTable {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new Error(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  if (text.trim() === '') throw new Error(`${file} is empty`);
  const table = parseCsv(text);
  if (table.rows.length === 0) throw new Error(`${file} has a header but no data rows`);
  const cols = table.header.length;
  const values = new Float64Array(table.rows.length * cols);
  table.rows.forEach((row, r) => {
    for (let j = 0; j < cols; j++) {
      const cell = row[j]!.trim();
      if (cell === '') {
        values[r * cols + j] = NaN;
        continue;
      }
      if (!NUMBER.test(cell)) {
        throw new Error(`${file} line ${table.lineNumbers[r]}: column '${table.header[j]}' has a non-numeric cell '${cell}'`);
      }
      values[r * cols + j] = Number(cell);
    }
  });
  return { header: table.header, values, rows: table.rows.length, lines: table.lineNumbers };
}

/** Split a table into the feature matrix (all columns but the target) and the label column. */
function featuresAndLabel(t: NumericTable, target: string, file: string, names?: string[]) {
  const ti = t.header.indexOf(target);
  if (ti < 0) throw new Error(`${file}: unknown target column '${target}' (columns: ${t.header.join(', ')})`);
  const featureNames = names ?? t.header.filter((_, j) => j !== ti);
  const idx = featureNames.map((name) => {
    const j = t.header.indexOf(name);
    if (j < 0 || j === ti) throw new Error(`${file}: missing feature column '${name}'`);
    return j;
  });
  if (featureNames.length === 0) throw new Error(`${file}: no feature columns besides the target`);
  const F = idx.length;
  const C = t.header.length;
  const values = new Float64Array(t.rows * F);
  const label = new Float64Array(t.rows);
  for (let r = 0; r < t.rows; r++) {
    for (let f = 0; f < F; f++) values[r * F + f] = t.values[r * C + idx[f]!]!;
    const y = t.values[r * C + ti]!;
    if (Number.isNaN(y)) throw new Error(`${file} line ${t.lines[r]}: the target '${target}' is empty`);
    label[r] = y;
  }
  return { features: { values, rows: t.rows, cols: F }, label, featureNames };
}

function num(v: string | undefined, name: string, fallback: number): number {
  if (v === undefined) return fallback;
  const x = Number(v);
  if (v.trim() === '' || !Number.isFinite(x)) throw new UsageError(`--${name} must be a number, got '${v}'`);
  return x;
}

function parseObjective(s: string): Pick<GbdtParams, 'objective' | 'alpha'> {
  const m = /^quantile(?::(.+))?$/.exec(s);
  if (m) return { objective: 'quantile', alpha: num(m[1] ?? '0.5', 'objective quantile:α', 0.5) };
  if (['squared', 'absolute', 'poisson', 'logistic', 'softmax'].includes(s)) return { objective: s as GbdtParams['objective'], alpha: 0.5 };
  throw new UsageError(`unknown --objective '${s}'`);
}

/** `a:1,b:-1` → one entry per feature (0 where not named). */
function parseMonotone(spec: string, names: string[]): number[] {
  const out = names.map(() => 0);
  for (const part of spec.split(',')) {
    const m = /^(.+):([+-]?1)$/.exec(part.trim());
    if (!m) throw new UsageError(`--monotone expects <column>:<1|-1>[,…], got '${part}'`);
    const j = names.indexOf(m[1]!);
    if (j < 0) throw new UsageError(`--monotone names '${m[1]}', which is not a feature column`);
    out[j] = Number(m[2]);
  }
  return out;
}

function train(argv: string[]): number {
  const { values: o } = parseArgs({
    args: argv,
    options: {
      csv: { type: 'string' },
      target: { type: 'string' },
      out: { type: 'string' },
      objective: { type: 'string', default: 'squared' },
      trees: { type: 'string' },
      depth: { type: 'string' },
      leaves: { type: 'string' },
      'learning-rate': { type: 'string' },
      'max-bins': { type: 'string' },
      lambda: { type: 'string' },
      'min-child-weight': { type: 'string' },
      gamma: { type: 'string' },
      subsample: { type: 'string' },
      colsample: { type: 'string' },
      seed: { type: 'string' },
      valid: { type: 'string' },
      'early-stopping': { type: 'string' },
      monotone: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  if (!o.csv || !o.target || !o.out) throw new UsageError('train needs --csv, --target and --out');
  const params: Partial<GbdtParams> = {
    ...parseObjective(o.objective!),
    trees: num(o.trees, 'trees', 200),
    maxDepth: num(o.depth, 'depth', 6),
    maxLeaves: num(o.leaves, 'leaves', 0),
    learningRate: num(o['learning-rate'], 'learning-rate', 0.1),
    maxBins: num(o['max-bins'], 'max-bins', 256),
    lambda: num(o.lambda, 'lambda', 1),
    minChildWeight: num(o['min-child-weight'], 'min-child-weight', 1),
    gamma: num(o.gamma, 'gamma', 0),
    subsample: num(o.subsample, 'subsample', 1),
    colsample: num(o.colsample, 'colsample', 1),
    seed: num(o.seed, 'seed', 0),
    earlyStoppingRounds: num(o['early-stopping'], 'early-stopping', 0),
  };
  if (params.earlyStoppingRounds! > 0 && !o.valid) throw new UsageError('--early-stopping needs --valid');

  const t0 = performance.now();
  const data = featuresAndLabel(readNumericCsv(o.csv), o.target, o.csv);
  const valid = o.valid ? featuresAndLabel(readNumericCsv(o.valid), o.target, o.valid, data.featureNames) : undefined;
  const parseMs = performance.now() - t0;
  if (o.monotone) params.monotone = parseMonotone(o.monotone, data.featureNames);
  const t1 = performance.now();
  const model = trainGbdt({
    features: data.features,
    featureNames: data.featureNames,
    label: data.label,
    params,
    ...(valid ? { valid: { features: valid.features, label: valid.label } } : {}),
  });
  const trainMs = performance.now() - t1;
  writeFileSync(o.out, JSON.stringify(model));
  const m = model.metrics!;
  if (o.json) {
    console.log(JSON.stringify({ rows: data.features.rows, features: data.features.cols, trees: model.numTrees, parseMs, trainMs, metric: m.metric, train: m.train, valid: m.valid ?? null, bestRound: m.bestRound }));
  } else {
    console.log(
      `trained ${model.numTrees} trees on ${data.features.rows} rows × ${data.features.cols} features in ${trainMs.toFixed(0)} ms ` +
        `(CSV ${parseMs.toFixed(0)} ms); train ${m.metric} ${m.train.toFixed(6)}` +
        (m.valid !== undefined ? `, valid ${m.valid.toFixed(6)} (best round ${m.bestRound})` : '') +
        ` → ${o.out}`,
    );
  }
  return 0;
}

/** Our artifact, or a model saved by XGBoost's save_model("*.json"). */
function readModel(file: string): GbdtModel {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`cannot read model ${file}: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (json && typeof json === 'object' && 'learner' in json) return importXgboost(json);
  return loadGbdt(json as object);
}

function predict(argv: string[]): number {
  const { values: o } = parseArgs({
    args: argv,
    options: {
      model: { type: 'string' },
      csv: { type: 'string' },
      out: { type: 'string' },
      shap: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    },
  });
  if (!o.model || !o.csv || !o.out) throw new UsageError('predict needs --model, --csv and --out');
  const model = readModel(o.model);
  const t = readNumericCsv(o.csv);
  const missing = model.featureNames.filter((name) => !t.header.includes(name));
  if (missing.length > 0) {
    throw new Error(`${o.csv} does not match the model: missing feature column(s) ${missing.join(', ')} (model features: ${model.featureNames.join(', ')})`);
  }
  const idx = model.featureNames.map((name) => t.header.indexOf(name));
  const F = idx.length;
  const C = t.header.length;
  const values = new Float64Array(t.rows * F);
  for (let r = 0; r < t.rows; r++) for (let f = 0; f < F; f++) values[r * F + f] = t.values[r * C + idx[f]!]!;
  const X = { values, rows: t.rows, cols: F };

  const t0 = performance.now();
  const pred = model.predict(X);
  const predictMs = performance.now() - t0;
  const K = model.numOutputs;
  const shap = o.shap ? model.shap(X) : undefined;

  const header = K === 1 ? ['prediction'] : Array.from({ length: K }, (_, k) => `p_${k}`);
  if (shap) {
    for (let k = 0; k < K; k++) {
      const prefix = K === 1 ? 'shap_' : `shap_${k}_`;
      header.push(...model.featureNames.map((n) => prefix + n), `${prefix}bias`);
    }
  }
  const lines = [header.join(',')];
  for (let r = 0; r < t.rows; r++) {
    const cells: string[] = [];
    for (let k = 0; k < K; k++) cells.push(String(pred[r * K + k]));
    if (shap) for (let j = r * K * (F + 1); j < (r + 1) * K * (F + 1); j++) cells.push(String(shap[j]));
    lines.push(cells.join(','));
  }
  writeFileSync(o.out, lines.join('\n') + '\n');
  if (o.json) console.log(JSON.stringify({ rows: t.rows, predictMs }));
  else console.log(`predicted ${t.rows} rows in ${predictMs.toFixed(1)} ms → ${o.out}`);
  return 0;
}
