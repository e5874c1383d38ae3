// `fairline gbdt train|predict` — train a gradient-boosted tree model on a CSV, or predict with a saved model.
// CSV: a header row, numeric cells, an empty cell = missing. Model code lives in @fairline/ml/gbdt; this file
// only reads files, checks input and reports.
import { readFileSync, writeFileSync } from 'node:fs';
import { parseCsv } from '@fairline/ml/data/csv';
import { importXgboost, loadGbdt, trainGbdt, type GbdtModel, type GbdtParams } from '@fairline/ml/gbdt/index';
import { commandGroup, defineCommand, numberOption as num, UsageError, type OptionSpec, type OptionValues } from '../command.ts';

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

const TRAIN_OPTIONS = {
  csv: { type: 'string', arg: '<file>', required: true },
  target: { type: 'string', arg: '<column>', required: true },
  out: { type: 'string', arg: '<model.json>', required: true },
  objective: { type: 'string', arg: 'squared|absolute|quantile:0.9|poisson|logistic|softmax', default: 'squared' },
  trees: { type: 'string', arg: '200' },
  depth: { type: 'string', arg: '6' },
  leaves: { type: 'string', arg: '0' },
  'learning-rate': { type: 'string', arg: '0.1' },
  'max-bins': { type: 'string', arg: '256' },
  lambda: { type: 'string', arg: '1' },
  'min-child-weight': { type: 'string', arg: '1' },
  gamma: { type: 'string', arg: '0' },
  subsample: { type: 'string', arg: '1' },
  colsample: { type: 'string', arg: '1' },
  seed: { type: 'string', arg: '0' },
  monotone: { type: 'string', arg: '<column>:<1|-1>,…' },
  valid: { type: 'string', arg: '<file>' },
  'early-stopping': { type: 'string', arg: '0' },
} as const satisfies Record<string, OptionSpec>;

function trainModel(o: OptionValues<typeof TRAIN_OPTIONS>): number {
  const params: Partial<GbdtParams> = {
    ...parseObjective(o.objective),
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

const PREDICT_OPTIONS = {
  model: { type: 'string', arg: '<model.json>', required: true },
  csv: { type: 'string', arg: '<file>', required: true },
  out: { type: 'string', arg: '<preds.csv>', required: true },
  shap: { type: 'boolean' },
} as const satisfies Record<string, OptionSpec>;

function predictRows(o: OptionValues<typeof PREDICT_OPTIONS>): number {
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

/** `fairline gbdt train|predict`. */
export const command = commandGroup('gbdt', [
  defineCommand({ name: 'gbdt train', options: TRAIN_OPTIONS, run: ({ values }) => trainModel(values) }),
  defineCommand({ name: 'gbdt predict', options: PREDICT_OPTIONS, run: ({ values }) => predictRows(values) }),
]);

/** Runs the command on the words after `fairline gbdt` (`train …` or `predict …`); resolves to the exit code. */
export const run = command.run;
