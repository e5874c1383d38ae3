/**
 * Gradient histograms: for each feature slot f·BIN_STRIDE + bin, the sums of g and h (interleaved) over the
 * rows of a node. Only the smaller child of a split is built from its rows; the larger is the parent minus it
 * ("histogram subtraction", Ke et al., "LightGBM", NIPS 2017, §3), done in place in the parent's buffer.
 *
 * A node's rows are scattered over the matrix, and the accumulation loop (F updates per row) is too long for
 * the CPU to run ahead to the next row's cache misses. So the rows' bins and gradients are first gathered
 * into contiguous buffers by a short copy loop that keeps many misses in flight (what XGBoost gets from
 * explicit prefetching), then accumulated from memory that streams. (Measured on 200k×20: this beat both a
 * direct row-wise loop and physically reordering the rows at every split, which moves n rows per level.)
 *
 * Also measured on 200k×20 (process CPU of the whole training, noise ≈ ±5% on the shared machine) and
 * dropped: the ordered layout (bins, packed values and ids moved by every partition, histograms over
 * contiguous segments) 1.5–2× slower — the moves cost more memory traffic than the gathers; 32-byte row
 * records holding a row's bins and packed value in one cache line: ≈ 10% slower; packed values moved beside
 * the row ids by the partition (no value gather): ≈ 4% slower; int32 gradient codes (0.8 MB, fits L2) instead
 * of float64 packed values: no change; column-wise accumulation in 2048-row chunks: ≈ 15% slower; the word
 * loop of accumulateWords written out: no change. Later (same measure): accumulateWords in feature blocks of
 * 12 (a 25 KB histogram slice that fits L1, rows re-read per block): ≈ 9% slower; the root alone from the
 * column-major bins in 4096-row chunks: root 1.04 s against 0.87 s; nodes dense in row ids (count ≥ ½ or ¼ of
 * their id span) accumulated straight through the row list, no gather: no change; the partition gathering
 * the smaller child on the way (its test read from the row's words): 15–40% slower; level-wise growth as
 * XGBoost's depth-wise builder (a node id per row, one sequential pass per level moving rows to children
 * and listing the rows of the children to build, one walk accumulating all of a level's histograms, leaf
 * segments by a counting sort): identical models but ≈ 15% slower — the level pass cost ≈ 4.5 ns per row
 * (in isolation too) against ≈ 2.8 ns for the in-place partition it replaces.
 */
import { BIN_STRIDE, type BinnedMatrix } from './binning.ts';

/**
 * Builds a node's gradient histogram (interleaved g, h sums per feature bin) from its rows: gather, then accumulate
 * (see the file comment for why, and for the layouts measured and dropped). One builder per training run.
 */
export class HistogramBuilder {
  private readonly words: Uint32Array;
  private readonly bytes: Uint8Array;
  private readonly gOrd: Float64Array;
  private readonly hOrd: Float64Array;

  constructor(private readonly m: BinnedMatrix) {
    this.words = new Uint32Array(m.words.length);
    this.bytes = new Uint8Array(this.words.buffer);
    this.gOrd = new Float64Array(m.rows);
    this.hOrd = new Float64Array(m.rows);
  }

  /** hist ← Σ over rows[start..end) of (g, h); `identity` = the rows are 0..n−1 in order (no gather needed). */
  build(hist: Float64Array, rows: Uint32Array, start: number, end: number, gh: Float64Array, identity: boolean): void {
    const { m, gOrd, hOrd } = this;
    const count = end - start;
    const W = m.stride >> 2;
    if (identity) {
      for (let i = 0; i < count; i++) {
        gOrd[i] = gh[2 * i]!;
        hOrd[i] = gh[2 * i + 1]!;
      }
      accumulate(hist, m.bins, m.stride, m.cols, count, gOrd, hOrd);
      return;
    }
    const src = m.words;
    const dst = this.words;
    for (let i = 0; i < count; i++) {
      const r = rows[start + i]!;
      gOrd[i] = gh[2 * r]!;
      hOrd[i] = gh[2 * r + 1]!;
      const q = r * W;
      const d = i * W;
      for (let w = 0; w < W; w++) dst[d + w] = src[q + w]!;
    }
    accumulate(hist, this.bytes, m.stride, m.cols, count, gOrd, hOrd);
  }

  /** Packed variant (see quantize.ts): hist (one slot per bin, stride·BIN_STRIDE long) ← Σ packed[row]. */
  buildPacked(hist: Float64Array, rows: Uint32Array, start: number, end: number, packed: Float64Array, identity: boolean): void {
    const { m, gOrd } = this;
    const count = end - start;
    const W = m.stride >> 2;
    if (identity) {
      accumulateWords(hist, m.words, W, count, packed);
      return;
    }
    // One gather loop for the values and the bin words (two loops measured ≈25% faster when the gathers
    // were inlined here and short of registers; as a lean kernel of its own, one loop is ≈ 3% faster training).
    gatherWords(m.words, this.words, W, rows, start, count, packed, gOrd);
    accumulateWords(hist, this.words, W, count, gOrd);
  }
}

/**
 * dst[i·W ..] ← src[rows[start+i]·W ..] and vdst[i] ← vsrc[rows[start+i]]: the bin words and packed values
 * of the node's rows, contiguous. One loop per word count
 * up to 8 (32 features), with the count a literal: straight-line copies, and a function too large for V8 to
 * inline into buildPacked, where it ran short of registers and kept the loop counter on the stack.
 */
function gatherWords(src: Uint32Array, dst: Uint32Array, W: number, rows: Uint32Array, start: number, count: number, vsrc: Float64Array, vdst: Float64Array): void {
  switch (W) {
    case 1:
      for (let i = 0; i < count; i++) {
        const r = rows[start + i]!;
        vdst[i] = vsrc[r]!;
        const q = r * 1;
        const d = i * 1;
        dst[d] = src[q]!;
      }
      return;
    case 2:
      for (let i = 0; i < count; i++) {
        const r = rows[start + i]!;
        vdst[i] = vsrc[r]!;
        const q = r * 2;
        const d = i * 2;
        dst[d] = src[q]!;
        dst[d + 1] = src[q + 1]!;
      }
      return;
    case 3:
      for (let i = 0; i < count; i++) {
        const r = rows[start + i]!;
        vdst[i] = vsrc[r]!;
        const q = r * 3;
        const d = i * 3;
        dst[d] = src[q]!;
        dst[d + 1] = src[q + 1]!;
        dst[d + 2] = src[q + 2]!;
      }
      return;
    case 4:
      for (let i = 0; i < count; i++) {
        const r = rows[start + i]!;
        vdst[i] = vsrc[r]!;
        const q = r * 4;
        const d = i * 4;
        dst[d] = src[q]!;
        dst[d + 1] = src[q + 1]!;
        dst[d + 2] = src[q + 2]!;
        dst[d + 3] = src[q + 3]!;
      }
      return;
    case 5:
      for (let i = 0; i < count; i++) {
        const r = rows[start + i]!;
        vdst[i] = vsrc[r]!;
        const q = r * 5;
        const d = i * 5;
        dst[d] = src[q]!;
        dst[d + 1] = src[q + 1]!;
        dst[d + 2] = src[q + 2]!;
        dst[d + 3] = src[q + 3]!;
        dst[d + 4] = src[q + 4]!;
      }
      return;
    case 6:
      for (let i = 0; i < count; i++) {
        const r = rows[start + i]!;
        vdst[i] = vsrc[r]!;
        const q = r * 6;
        const d = i * 6;
        dst[d] = src[q]!;
        dst[d + 1] = src[q + 1]!;
        dst[d + 2] = src[q + 2]!;
        dst[d + 3] = src[q + 3]!;
        dst[d + 4] = src[q + 4]!;
        dst[d + 5] = src[q + 5]!;
      }
      return;
    case 7:
      for (let i = 0; i < count; i++) {
        const r = rows[start + i]!;
        vdst[i] = vsrc[r]!;
        const q = r * 7;
        const d = i * 7;
        dst[d] = src[q]!;
        dst[d + 1] = src[q + 1]!;
        dst[d + 2] = src[q + 2]!;
        dst[d + 3] = src[q + 3]!;
        dst[d + 4] = src[q + 4]!;
        dst[d + 5] = src[q + 5]!;
        dst[d + 6] = src[q + 6]!;
      }
      return;
    case 8:
      for (let i = 0; i < count; i++) {
        const r = rows[start + i]!;
        vdst[i] = vsrc[r]!;
        const q = r * 8;
        const d = i * 8;
        dst[d] = src[q]!;
        dst[d + 1] = src[q + 1]!;
        dst[d + 2] = src[q + 2]!;
        dst[d + 3] = src[q + 3]!;
        dst[d + 4] = src[q + 4]!;
        dst[d + 5] = src[q + 5]!;
        dst[d + 6] = src[q + 6]!;
        dst[d + 7] = src[q + 7]!;
      }
      return;
    default:
      for (let i = 0; i < count; i++) {
        const r = rows[start + i]!;
        vdst[i] = vsrc[r]!;
        const q = r * W;
        const d = i * W;
        for (let w = 0; w < W; w++) dst[d + w] = src[q + w]!;
      }
  }
}

/**
 * Packed histogram: hist[f·BIN_STRIDE + bin] += v for each row's bins, read four per 32-bit word (≈6% faster
 * training than byte reads on 200k×20). Pad bytes of the last word land in slots past the last feature,
 * which the histogram buffers have (stride·BIN_STRIDE slots) and nobody reads.
 *
 * Up to 32 features the words are written out with literal slot offsets (BIN_STRIDE = 257, checked below).
 * That matters for V8's code, not for the arithmetic: the imported BIN_STRIDE is a live module binding, re-read
 * and re-checked at every use inside the loop; and a short kernel was inlined into buildPacked, where the
 * register pressure of the caller put the loop's array bases and counters on the stack and re-checked the
 * arrays' maps at every word. This one is too large to inline and keeps everything in registers. Training on
 * 200k×20, identical models, three alternating A/B runs each: literal offsets 6–16% less CPU time, then the
 * written-out words a further 1–12%.
 */
function accumulateWords(hist: Float64Array, words: Uint32Array, W: number, count: number, v: Float64Array): void {
  hist.fill(0);
  if (W > 8) {
    accumulateWideWords(hist, words, W, count, v);
    return;
  }
  for (let i = 0; i < count; i++) {
    const vi = v[i]!;
    const q = i * W;
      {
        const w = words[q + 0]!;
        const k0 = 0 + (w & 255);
        const k1 = 257 + ((w >>> 8) & 255);
        const k2 = 514 + ((w >>> 16) & 255);
        const k3 = 771 + (w >>> 24);
        hist[k0] = hist[k0]! + vi;
        hist[k1] = hist[k1]! + vi;
        hist[k2] = hist[k2]! + vi;
        hist[k3] = hist[k3]! + vi;
      }
      if (W > 1) {
        const w = words[q + 1]!;
        const k0 = 1028 + (w & 255);
        const k1 = 1285 + ((w >>> 8) & 255);
        const k2 = 1542 + ((w >>> 16) & 255);
        const k3 = 1799 + (w >>> 24);
        hist[k0] = hist[k0]! + vi;
        hist[k1] = hist[k1]! + vi;
        hist[k2] = hist[k2]! + vi;
        hist[k3] = hist[k3]! + vi;
      }
      if (W > 2) {
        const w = words[q + 2]!;
        const k0 = 2056 + (w & 255);
        const k1 = 2313 + ((w >>> 8) & 255);
        const k2 = 2570 + ((w >>> 16) & 255);
        const k3 = 2827 + (w >>> 24);
        hist[k0] = hist[k0]! + vi;
        hist[k1] = hist[k1]! + vi;
        hist[k2] = hist[k2]! + vi;
        hist[k3] = hist[k3]! + vi;
      }
      if (W > 3) {
        const w = words[q + 3]!;
        const k0 = 3084 + (w & 255);
        const k1 = 3341 + ((w >>> 8) & 255);
        const k2 = 3598 + ((w >>> 16) & 255);
        const k3 = 3855 + (w >>> 24);
        hist[k0] = hist[k0]! + vi;
        hist[k1] = hist[k1]! + vi;
        hist[k2] = hist[k2]! + vi;
        hist[k3] = hist[k3]! + vi;
      }
      if (W > 4) {
        const w = words[q + 4]!;
        const k0 = 4112 + (w & 255);
        const k1 = 4369 + ((w >>> 8) & 255);
        const k2 = 4626 + ((w >>> 16) & 255);
        const k3 = 4883 + (w >>> 24);
        hist[k0] = hist[k0]! + vi;
        hist[k1] = hist[k1]! + vi;
        hist[k2] = hist[k2]! + vi;
        hist[k3] = hist[k3]! + vi;
      }
      if (W > 5) {
        const w = words[q + 5]!;
        const k0 = 5140 + (w & 255);
        const k1 = 5397 + ((w >>> 8) & 255);
        const k2 = 5654 + ((w >>> 16) & 255);
        const k3 = 5911 + (w >>> 24);
        hist[k0] = hist[k0]! + vi;
        hist[k1] = hist[k1]! + vi;
        hist[k2] = hist[k2]! + vi;
        hist[k3] = hist[k3]! + vi;
      }
      if (W > 6) {
        const w = words[q + 6]!;
        const k0 = 6168 + (w & 255);
        const k1 = 6425 + ((w >>> 8) & 255);
        const k2 = 6682 + ((w >>> 16) & 255);
        const k3 = 6939 + (w >>> 24);
        hist[k0] = hist[k0]! + vi;
        hist[k1] = hist[k1]! + vi;
        hist[k2] = hist[k2]! + vi;
        hist[k3] = hist[k3]! + vi;
      }
      if (W > 7) {
        const w = words[q + 7]!;
        const k0 = 7196 + (w & 255);
        const k1 = 7453 + ((w >>> 8) & 255);
        const k2 = 7710 + ((w >>> 16) & 255);
        const k3 = 7967 + (w >>> 24);
        hist[k0] = hist[k0]! + vi;
        hist[k1] = hist[k1]! + vi;
        hist[k2] = hist[k2]! + vi;
        hist[k3] = hist[k3]! + vi;
      }
  }
}

/** accumulateWords for more than 32 features: a loop over the words. */
function accumulateWideWords(hist: Float64Array, words: Uint32Array, W: number, count: number, v: Float64Array): void {
  for (let i = 0; i < count; i++) {
    const vi = v[i]!;
    let q = i * W;
    const e = q + W;
    for (let o = 0; q < e; q++, o += 1028) {
      const w = words[q]!;
      const k0 = o + (w & 255);
      const k1 = o + 257 + ((w >>> 8) & 255);
      const k2 = o + 514 + ((w >>> 16) & 255);
      const k3 = o + 771 + (w >>> 24);
      hist[k0] = hist[k0]! + vi;
      hist[k1] = hist[k1]! + vi;
      hist[k2] = hist[k2]! + vi;
      hist[k3] = hist[k3]! + vi;
    }
  }
}
if (BIN_STRIDE !== 257) throw new Error('histogram.ts: accumulateWords assumes BIN_STRIDE = 257');

function accumulate(hist: Float64Array, bins: Uint8Array, stride: number, F: number, count: number, g: Float64Array, h: Float64Array): void {
  hist.fill(0);
  for (let i = 0; i < count; i++) {
    const gi = g[i]!;
    const hi = h[i]!;
    let p = i * stride;
    const e = p + F;
    for (let o = 0; p < e; p++, o += 2 * BIN_STRIDE) {
      const k = o + (bins[p]! << 1);
      hist[k] = hist[k]! + gi;
      hist[k + 1] = hist[k + 1]! + hi;
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
