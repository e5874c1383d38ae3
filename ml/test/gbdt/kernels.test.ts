/**
 * The training kernels against plain definitions, for every packed-row width (1 to 41 features: 1 to 11 words of
 * four bins), with missing values: the binned matrix against binOf, a node's packed histogram against a direct
 * count, and every leaf's row segment against routing the rows down the grown tree on their bins. The kernels
 * are written out per word count for speed (histogram.ts, grow.ts), so each width is its own code path.
 */
import { describe, expect, it } from 'vitest';
import { BIN_STRIDE, binMatrix, binOf, buildBinMapper } from '../../src/gbdt/binning.ts';
import { TreeGrower } from '../../src/gbdt/grow.ts';
import { HistogramBuilder } from '../../src/gbdt/histogram.ts';
import { createRng } from '../../src/numerics/index.ts';

const WIDTHS = [1, 2, 3, 4, 5, 7, 8, 13, 17, 29, 32, 33, 41];

function data(rows: number, cols: number, seed: number) {
  const rng = createRng(seed);
  const values = new Float64Array(rows * cols);
  for (let i = 0; i < values.length; i++) values[i] = rng.next() < 0.07 ? Number.NaN : Math.round(rng.normal() * 50) / 10;
  const y = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    const v = values[r * cols]!;
    y[r] = (Number.isNaN(v) ? 1 : v) + 0.3 * rng.normal();
  }
  return { X: { values, rows, cols }, y };
}

describe.each(WIDTHS)('kernels with %i features', (cols) => {
  const rows = 1003; // not a multiple of 4 or 8
  const { X, y } = data(rows, cols, cols);
  const mapper = buildBinMapper(X, 64);
  const m = binMatrix(X, mapper);

  it('bins every value as binOf does (missing → the feature’s missing bin), row-major and column-major alike', () => {
    for (let r = 0; r < rows; r++) {
      for (let f = 0; f < cols; f++) {
        const v = X.values[r * cols + f]!;
        const b = Number.isNaN(v) ? mapper.numBins[f]! : binOf(mapper.cuts[f]!, v);
        expect(m.bins[r * m.stride + f]).toBe(b);
        expect(m.columns[f * rows + r]).toBe(b);
      }
    }
  });

  it('builds a node’s packed histogram equal to a direct sum over its rows', () => {
    const rng = createRng(100 + cols);
    const packed = new Float64Array(rows);
    for (let r = 0; r < rows; r++) packed[r] = Math.floor(rng.next() * 1000) * 4096 + 1;
    const ids = Uint32Array.from({ length: rows }, (_, r) => r).filter(() => rng.next() < 0.4);
    const builder = new HistogramBuilder(m);
    const hist = new Float64Array(m.stride * BIN_STRIDE);
    builder.buildPacked(hist, ids, 0, ids.length, packed, false);
    const expected = new Float64Array(m.stride * BIN_STRIDE);
    for (const r of ids) {
      for (let f = 0; f < cols; f++) {
        const k = f * BIN_STRIDE + m.bins[r * m.stride + f]!;
        expected[k] = expected[k]! + packed[r]!;
      }
    }
    for (let f = 0; f < cols; f++) {
      for (let b = 0; b < BIN_STRIDE; b++) expect(hist[f * BIN_STRIDE + b]).toBe(expected[f * BIN_STRIDE + b]);
    }
    // All rows in order (the root's path, no gather) as well.
    const all = Uint32Array.from({ length: rows }, (_, r) => r);
    builder.buildPacked(hist, all, 0, rows, packed, true);
    const total = new Float64Array(m.stride * BIN_STRIDE);
    for (let r = 0; r < rows; r++) {
      for (let f = 0; f < cols; f++) {
        const k = f * BIN_STRIDE + m.bins[r * m.stride + f]!;
        total[k] = total[k]! + packed[r]!;
      }
    }
    for (let f = 0; f < cols; f++) for (let b = 0; b < BIN_STRIDE; b++) expect(hist[f * BIN_STRIDE + b]).toBe(total[f * BIN_STRIDE + b]);
  });

  it('leaves each row in the segment of the leaf its bins route it to (depth-wise and leaf-wise)', () => {
    const gh = new Float64Array(2 * rows);
    for (let r = 0; r < rows; r++) {
      gh[2 * r] = -y[r]!;
      gh[2 * r + 1] = 1;
    }
    const features = Int32Array.from({ length: cols }, (_, f) => f);
    for (const shape of [{ maxDepth: 5, maxLeaves: 0 }, { maxDepth: 0, maxLeaves: 12 }]) {
      const grower = new TreeGrower(m, mapper);
      for (let r = 0; r < rows; r++) grower.rows[r] = r;
      const t = grower.grow(gh, rows, features, { ...shape, lambda: 1, minChildWeight: 1, monotone: null, gamma: 0, learningRate: 0.1, quantized: false, seed: 0 });
      let leaves = 0;
      let covered = 0;
      for (let id = 0; id < t.left.length; id++) {
        if (t.left[id]! >= 0 || !reachable(t, id)) continue;
        leaves++;
        for (let i = t.start[id]!; i < t.end[id]!; i++) {
          const r = grower.rows[i]!;
          let nd = 0;
          while (t.left[nd]! >= 0) {
            const f = t.feature[nd]!;
            const b = m.bins[r * m.stride + f]!;
            const left = b === mapper.numBins[f]! ? t.defaultLeft[nd]! : b <= t.bin[nd]!;
            nd = left ? t.left[nd]! : t.left[nd]! + 1;
          }
          expect(nd).toBe(id);
          covered++;
        }
      }
      expect(leaves).toBeGreaterThan(3);
      expect(covered).toBe(rows);
      // Missing values went left somewhere (the table-driven partition path ran), or there were none to route.
      expect(t.defaultLeft.some((d, id) => d && t.left[id]! >= 0) || !X.values.some(Number.isNaN)).toBe(true);
    }
  });
});

function reachable(t: { left: number[] }, id: number): boolean {
  if (id === 0) return true;
  for (let p = 0; p < t.left.length; p++) if (t.left[p] === id || t.left[p]! + 1 === id) return t.left[p]! >= 0 && reachable(t, p);
  return false;
}
