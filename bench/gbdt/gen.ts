/**
 * Seeded benchmark data for the GBDT benchmark, written as CSV into bench/.out/gbdt/ (git-ignored).
 *
 * Regression: Friedman #1 (Friedman, "Multivariate Adaptive Regression Splines", Ann. Stat. 1991; also
 * scikit-learn's make_friedman1): x ~ U(0,1)^20 (5 informative + 15 noise features),
 *   y = 10·sin(π·x0·x1) + 20·(x2 − 0.5)² + 10·x3 + 5·x4 + N(0, 1).
 * Binary: the same features, y ~ Bernoulli(σ((f(x) − 14) / 2.5)) with f the noise-free Friedman #1 mean.
 * 200,000 training and 50,000 test rows each; values printed with 6 decimals. Seeds: 1 (regression), 2 (binary),
 * drawn with the engine's xoshiro128** generator and Box–Muller normals, so every run writes identical files.
 *
 *   npx tsx bench/gbdt/gen.ts [--rows 200000] [--test-rows 50000]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createRng, type Rng } from '../../ml/src/numerics/rng.ts';

/** One 32-bit draw per uniform (the stream the data sets were generated with). */
const uniform = (rng: Rng) => rng.u32() / 4294967296;

export const OUT_DIR = path.resolve(import.meta.dirname, '../.out/gbdt');
const FEATURES = 20;

function friedman(x: Float64Array): number {
  return 10 * Math.sin(Math.PI * x[0]! * x[1]!) + 20 * (x[2]! - 0.5) ** 2 + 10 * x[3]! + 5 * x[4]!;
}

function normal(rng: Rng): number {
  const u = 1 - uniform(rng);
  const v = uniform(rng);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

function table(rows: number, seed: number, task: 'regression' | 'binary'): string {
  const rng = createRng(seed);
  const header = [...Array.from({ length: FEATURES }, (_, j) => `x${j}`), 'y'].join(',');
  const lines: string[] = [header];
  const x = new Float64Array(FEATURES);
  for (let r = 0; r < rows; r++) {
    for (let j = 0; j < FEATURES; j++) x[j] = uniform(rng);
    const f = friedman(x);
    const y = task === 'regression' ? f + normal(rng) : uniform(rng) < 1 / (1 + Math.exp(-(f - 14) / 2.5)) ? 1 : 0;
    const cells: string[] = [];
    for (let j = 0; j < FEATURES; j++) cells.push(x[j]!.toFixed(6));
    cells.push(task === 'regression' ? y.toFixed(6) : String(y));
    lines.push(cells.join(','));
  }
  return lines.join('\n') + '\n';
}

export function generate(rows = 200_000, testRows = 50_000): Record<string, string> {
  mkdirSync(OUT_DIR, { recursive: true });
  const files: Record<string, string> = {};
  const tasks = [['regression', 1], ['binary', 2]] as const;
  for (const [task, seed] of tasks) {
    // One stream per task: the first `rows` rows train, the next `testRows` test.
    const all = table(rows + testRows, seed, task).split('\n');
    const header = all[0]!;
    const body = all.slice(1, rows + testRows + 1);
    for (const [part, lines] of [['train', body.slice(0, rows)], ['test', body.slice(rows)]] as const) {
      const file = path.join(OUT_DIR, `${task}-${part}.csv`);
      writeFileSync(file, [header, ...lines].join('\n') + '\n');
      files[`${task}-${part}`] = file;
    }
  }
  return files;
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*\//, ''))) {
  const { values } = parseArgs({ options: { rows: { type: 'string' }, 'test-rows': { type: 'string' } } });
  const files = generate(Number(values.rows ?? 200_000), Number(values['test-rows'] ?? 50_000));
  for (const f of Object.values(files)) console.log(f);
}
