import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { run } from '../../src/cli/commands/gbdt.ts';

const golden = path.resolve(import.meta.dirname, '../../../ml/test/golden/gbdt');
let dir: string;

/** Run the command, capturing what it prints. */
async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a) => void out.push(a.join(' ')));
  const error = vi.spyOn(console, 'error').mockImplementation((...a) => void err.push(a.join(' ')));
  try {
    const code = await run(argv);
    return { code, out: out.join('\n'), err: err.join('\n') };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

function readCsv(file: string): { header: string[]; rows: number[][] } {
  const [head, ...lines] = readFileSync(file, 'utf8').trim().split('\n');
  return { header: head!.split(','), rows: lines.map((l) => l.split(',').map(Number)) };
}

/** y = 3·a − 2·b + noise-free step on c; some cells of `b` left empty (missing). */
function writeData(file: string, n: number, seed: number): void {
  let s = seed;
  const rand = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296);
  const lines = ['a,b,c,y'];
  for (let i = 0; i < n; i++) {
    const a = rand();
    const b = rand();
    const c = rand();
    const y = 3 * a - 2 * b + (c > 0.5 ? 1 : 0);
    lines.push(`${a},${i % 10 === 0 ? '' : b},${c},${y}`);
  }
  writeFileSync(file, lines.join('\n') + '\n');
}

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'fairline-gbdt-'));
  writeData(path.join(dir, 'train.csv'), 600, 1);
  writeData(path.join(dir, 'test.csv'), 200, 2);
});
afterEach(() => vi.restoreAllMocks());

describe('fairline gbdt train / predict', () => {
  it('trains, reports JSON timings and writes a loadable artifact', async () => {
    const r = await cli('train', '--csv', path.join(dir, 'train.csv'), '--target', 'y', '--trees', '60', '--depth', '4',
      '--learning-rate', '0.2', '--out', path.join(dir, 'model.json'), '--json');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out);
    expect(report).toMatchObject({ rows: 600, features: 3, trees: 60 });
    expect(report.parseMs).toBeGreaterThanOrEqual(0);
    expect(report.trainMs).toBeGreaterThan(0);
    const artifact = JSON.parse(readFileSync(path.join(dir, 'model.json'), 'utf8'));
    expect(artifact.tag).toBe('fairline.gbdt');
    expect(artifact.meta.featureNames).toEqual(['a', 'b', 'c']);
  });

  it('predicts the held-out rows accurately, and SHAP columns sum to the prediction', async () => {
    const r = await cli('predict', '--model', path.join(dir, 'model.json'), '--csv', path.join(dir, 'test.csv'),
      '--out', path.join(dir, 'pred.csv'), '--shap', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ rows: 200 });
    const pred = readCsv(path.join(dir, 'pred.csv'));
    expect(pred.header).toEqual(['prediction', 'shap_a', 'shap_b', 'shap_c', 'shap_bias']);
    const test = readCsv(path.join(dir, 'test.csv'));
    let sse = 0;
    let sst = 0;
    const mean = test.rows.reduce((s, row) => s + row[3]!, 0) / test.rows.length;
    pred.rows.forEach((row, i) => {
      const y = test.rows[i]![3]!;
      sse += (row[0]! - y) ** 2;
      sst += (y - mean) ** 2;
      expect(row[1]! + row[2]! + row[3]! + row[4]!).toBeCloseTo(row[0]!, 9);
    });
    expect(1 - sse / sst).toBeGreaterThan(0.9);
  });

  it('predicts with an XGBoost model.json like XGBoost itself (golden file)', async () => {
    const expected = JSON.parse(readFileSync(path.join(golden, 'expected.json'), 'utf8'));
    const X: (number | null)[][] = expected.import.X;
    const csv = [expected.import.featureNames.join(','), ...X.map((row) => row.map((v) => (v === null ? '' : String(v))).join(','))];
    writeFileSync(path.join(dir, 'xgb.csv'), csv.join('\n') + '\n');
    const r = await cli('predict', '--model', path.join(golden, 'binary.model.json'), '--csv', path.join(dir, 'xgb.csv'), '--out', path.join(dir, 'xgb-pred.csv'));
    expect(r.code).toBe(0);
    const pred = readCsv(path.join(dir, 'xgb-pred.csv'));
    (expected.import.binary.predict as number[]).forEach((v, i) => expect(Math.abs(pred.rows[i]![0]! - v)).toBeLessThanOrEqual(1e-6));
  });
});

describe('fairline gbdt train options', () => {
  it('quantile objective with a monotone constraint by column name', async () => {
    const out = path.join(dir, 'q.json');
    const r = await cli('train', '--csv', path.join(dir, 'train.csv'), '--target', 'y', '--objective', 'quantile:0.9',
      '--monotone', 'b:-1', '--trees', '30', '--depth', '3', '--out', out, '--json');
    expect(r.code).toBe(0);
    const artifact = JSON.parse(readFileSync(out, 'utf8'));
    expect(artifact.meta.objective).toBe('quantile');
    expect(artifact.meta.alpha).toBe(0.9);
    expect(artifact.meta.params.monotone).toEqual([0, -1, 0]);
    expect(JSON.parse(r.out).metric).toBe('pinball@0.9');
  });

  it('rejects a monotone spec naming an unknown column', async () => {
    const r = await cli('train', '--csv', path.join(dir, 'train.csv'), '--target', 'y', '--monotone', 'zz:1', '--out', path.join(dir, 'x.json'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/not a feature column/);
  });
});

describe('fairline gbdt errors', () => {
  it('rejects an unknown target column', async () => {
    const r = await cli('train', '--csv', path.join(dir, 'train.csv'), '--target', 'nope', '--out', path.join(dir, 'x.json'));
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(/unknown target column 'nope'/);
  });

  it('rejects a non-numeric cell, naming line and column', async () => {
    writeFileSync(path.join(dir, 'bad.csv'), 'a,b,y\n1,2,3\n4,five,6\n');
    const r = await cli('train', '--csv', path.join(dir, 'bad.csv'), '--target', 'y', '--out', path.join(dir, 'x.json'));
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(/line 3: column 'b' has a non-numeric cell 'five'/);
  });

  it('rejects an empty file', async () => {
    writeFileSync(path.join(dir, 'empty.csv'), '');
    const r = await cli('train', '--csv', path.join(dir, 'empty.csv'), '--target', 'y', '--out', path.join(dir, 'x.json'));
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(/empty/);
  });

  it('rejects a CSV that lacks the model features', async () => {
    writeFileSync(path.join(dir, 'other.csv'), 'a,c\n1,2\n');
    const r = await cli('predict', '--model', path.join(dir, 'model.json'), '--csv', path.join(dir, 'other.csv'), '--out', path.join(dir, 'p.csv'));
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(/missing feature column\(s\) b/);
  });

  it('rejects a file that is not a model artifact', async () => {
    writeFileSync(path.join(dir, 'notmodel.json'), JSON.stringify({ tag: 'something.else', version: 1 }));
    const r = await cli('predict', '--model', path.join(dir, 'notmodel.json'), '--csv', path.join(dir, 'test.csv'), '--out', path.join(dir, 'p.csv'));
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(/not a fairline.gbdt artifact/);
  });

  it('exits 2 with usage on missing options', async () => {
    const r = await cli('train', '--csv', path.join(dir, 'train.csv'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/usage: fairline gbdt/);
  });
});
