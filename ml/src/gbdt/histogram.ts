import { BIN_STRIDE } from './binning.ts';

/**
 * Gradient histograms: for each feature slot f·BIN_STRIDE + bin, the sums of g and h (interleaved) over the
 * rows of a node, built row by row from the row-major bins. Only the smaller child of a split is built from its rows; the
 * larger is the parent minus it ("histogram subtraction", Ke et al., "LightGBM", NIPS 2017, §3), done in place
 * in the parent's buffer.
 */

/** hist ← Σ over rows[start..end) of (g, h) into each row's F bins. `gh` is interleaved g, h per row. */
export function buildHistogram(
  hist: Float64Array,
  bins: Uint8Array,
  F: number,
  rows: Uint32Array,
  start: number,
  end: number,
  gh: Float64Array,
): void {
  hist.fill(0);
  for (let i = start; i < end; i++) {
    const r = rows[i]!;
    const g = gh[2 * r]!;
    const h = gh[2 * r + 1]!;
    let p = r * F;
    const e = p + F;
    for (let o = 0; p < e; p++, o += 2 * BIN_STRIDE) {
      const k = o + (bins[p]! << 1);
      hist[k] = hist[k]! + g;
      hist[k + 1] = hist[k + 1]! + h;
    }
  }
}

/** parent ← parent − small (the parent buffer becomes the larger sibling's histogram). */
export function subtractHistogram(parent: Float64Array, small: Float64Array): void {
  for (let i = 0; i < parent.length; i++) parent[i] = parent[i]! - small[i]!;
}

/** A free list of histogram buffers, so growing a tree allocates nothing after warm-up. */
export class HistogramPool {
  private readonly free: Float64Array[] = [];
  constructor(private readonly size: number) {}
  acquire(): Float64Array {
    return this.free.pop() ?? new Float64Array(this.size);
  }
  release(h: Float64Array): void {
    this.free.push(h);
  }
}
