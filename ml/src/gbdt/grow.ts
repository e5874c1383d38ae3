/**
 * Grows one regression tree on binned data from per-row gradients (Chen & Guestrin 2016, Alg. 1 on
 * histograms). Depth-wise (level by level to maxDepth, XGBoost's `grow_policy=depthwise`) or, when
 * maxLeaves > 0, leaf-wise (best gain first, LightGBM / XGBoost `lossguide`).
 *
 * Rows of a node occupy a contiguous segment of one Uint32Array of row ids and are partitioned in place
 * (stably, so each segment stays in ascending row order and every pass walks memory forwards). Each leaf's
 * segment is kept so the caller can update training predictions without traversing the tree again.
 */
import { BIN_STRIDE, type BinMapper, type BinnedMatrix } from './binning.ts';
import { HistogramBuilder, HistogramPool, subtractHistogram } from './histogram.ts';
import { quantizeGradients, unpackHistogram, type Quantization } from './quantize.ts';
import { findBestSplit, leafWeight, type SplitCandidate, type SplitParams } from './split.ts';

export interface GrowParams extends SplitParams {
  /** Use packed quantized-gradient histograms (quantize.ts) when the row count allows. */
  quantized: boolean;
  /** Seed of the stochastic rounding for this tree. */
  seed: number;
  maxDepth: number;
  maxLeaves: number;
  gamma: number;
  learningRate: number;
}

/** A grown tree in node arrays (children of a split are created as a pair: right = left + 1). */
export interface GrownTree {
  left: number[];
  feature: number[];
  /** Last value bin going left (training-time split on binned data). */
  bin: number[];
  defaultLeft: boolean[];
  /** Leaf (and internal, for pruning/SHAP) weights already multiplied by the learning rate. */
  value: number[];
  gain: number[];
  cover: number[];
  /** Row segment [start, end) of each node in `rows`. */
  start: number[];
  end: number[];
  /** Monotone-constraint bounds of each node's weight. */
  lo: number[];
  hi: number[];
}

interface Open {
  id: number;
  depth: number;
  g: number;
  h: number;
  lo: number;
  hi: number;
  hist: Float64Array;
  split: SplitCandidate;
}

/** Minimum loss change to split (XGBoost's kRtEps). */
const MIN_GAIN = 1e-6;

/**
 * Grows the trees of one training run, reusing its row buffers and histogram pools from tree to tree (Chen &
 * Guestrin 2016, Alg. 1 on histograms; depth-wise or leaf-wise, see the file comment).
 */
export class TreeGrower {
  /** Row ids, partitioned per node; valid for the last grown tree. */
  readonly rows: Uint32Array;
  /** rows (first half) and the partition's scratch (second half) in one array: see partitionRows. */
  private readonly rowBuffer: Uint32Array;
  private readonly pool: HistogramPool;
  private readonly packedPool: HistogramPool;
  private readonly hist: HistogramBuilder;
  private readonly packed: Float64Array;
  /** Unpacked copy of a packed histogram, for split finding. */
  private readonly scratch: Float64Array;
  private q: Quantization | null = null;
  /** 1 when a bin goes left under the split being applied (partition). */
  private readonly sideOf = new Uint8Array(BIN_STRIDE);

  constructor(
    private readonly matrix: BinnedMatrix,
    private readonly mapper: BinMapper,
  ) {
    this.rowBuffer = new Uint32Array(2 * matrix.rows);
    this.rows = this.rowBuffer.subarray(0, matrix.rows);
    this.pool = new HistogramPool(2 * mapper.totalBins);
    this.packedPool = new HistogramPool(matrix.stride * BIN_STRIDE);
    this.hist = new HistogramBuilder(matrix);
    this.packed = new Float64Array(matrix.rows);
    this.scratch = new Float64Array(2 * mapper.totalBins);
  }

  /** Grow on rows[0..count) (the caller fills `rows` with the sampled row ids) using gradients `gh`. */
  grow(gh: Float64Array, count: number, features: Int32Array, p: GrowParams): GrownTree {
    const t: GrownTree = { left: [], feature: [], bin: [], defaultLeft: [], value: [], gain: [], cover: [], start: [], end: [], lo: [], hi: [] };
    const rows = this.rows;
    const q = (this.q = p.quantized ? quantizeGradients(gh, rows, count, this.packed, p.seed) : null);
    const pool = q ? this.packedPool : this.pool;
    const build = (hist: Float64Array, start: number, end: number, identity: boolean) => {
      if (q) this.hist.buildPacked(hist, rows, start, end, this.packed, identity);
      else this.hist.build(hist, rows, start, end, gh, identity);
    };
    let G = 0;
    let H = 0;
    let rootHist: Float64Array | null = null;
    const canSplitAt = (depth: number) => p.maxDepth <= 0 || depth < p.maxDepth;
    const leafWise = p.maxLeaves > 0;
    const maxLeaves = leafWise ? p.maxLeaves : Infinity;
    if (canSplitAt(0) && maxLeaves > 1) {
      rootHist = pool.acquire();
      build(rootHist, 0, count, count === this.matrix.rows);
    }
    if (q && rootHist) {
      // Totals must be the histogram's own (quantized) sums, so that G − G_left is consistent.
      let v = 0;
      for (let b = 0; b <= this.mapper.numBins[0]!; b++) v += rootHist[b]!;
      const top = Math.floor(v / q.radix);
      G = top * q.gScale;
      H = (v - top * q.radix) * q.hScale;
    } else {
      for (let i = 0; i < count; i++) {
        const r = rows[i]!;
        G += gh[2 * r]!;
        H += gh[2 * r + 1]!;
      }
    }
    const root = this.addNode(t, G, H, -Infinity, Infinity, 0, count, p);
    const open: Open[] = [];
    if (rootHist) this.consider(open, { id: root, depth: 0, g: G, h: H, lo: -Infinity, hi: Infinity, hist: rootHist }, features, p);
    let leaves = 1;
    while (open.length > 0 && leaves < maxLeaves) {
      let k = 0;
      if (leafWise) for (let i = 1; i < open.length; i++) if (open[i]!.split.gain > open[k]!.split.gain) k = i;
      const node = open[k]!;
      open.splice(k, 1);
      const s = node.split;
      const mid = this.partition(t.start[node.id]!, t.end[node.id]!, s);
      // Bounds for monotone constraints: children of a constrained split meet at the mean of their weights.
      let lLo = node.lo, lHi = node.hi, rLo = node.lo, rHi = node.hi;
      const c = p.monotone ? p.monotone[s.feature]! : 0;
      if (c !== 0) {
        const wl = leafWeight(s.gl, s.hl, p.lambda, node.lo, node.hi);
        const wr = leafWeight(s.gr, s.hr, p.lambda, node.lo, node.hi);
        const m = (wl + wr) / 2;
        if (c > 0) {
          lHi = m;
          rLo = m;
        } else {
          lLo = m;
          rHi = m;
        }
      }
      const l = this.addNode(t, s.gl, s.hl, lLo, lHi, t.start[node.id]!, mid, p);
      const r = this.addNode(t, s.gr, s.hr, rLo, rHi, mid, t.end[node.id]!, p);
      t.left[node.id] = l;
      t.feature[node.id] = s.feature;
      t.bin[node.id] = s.bin;
      t.defaultLeft[node.id] = s.defaultLeft;
      t.gain[node.id] = s.gain;
      leaves++;
      const depth = node.depth + 1;
      if (canSplitAt(depth) && leaves < maxLeaves) {
        const nl = mid - t.start[node.id]!;
        const nr = t.end[node.id]! - mid;
        const small = pool.acquire();
        const smallId = nl <= nr ? l : r;
        build(small, t.start[smallId]!, t.end[smallId]!, false);
        subtractHistogram(node.hist, small);
        const lh = nl <= nr ? small : node.hist;
        const rh = nl <= nr ? node.hist : small;
        this.consider(open, { id: l, depth, g: s.gl, h: s.hl, lo: lLo, hi: lHi, hist: lh }, features, p);
        this.consider(open, { id: r, depth, g: s.gr, h: s.hr, lo: rLo, hi: rHi, hist: rh }, features, p);
      } else {
        pool.release(node.hist);
      }
    }
    for (const o of open) pool.release(o.hist);
    if (p.gamma > 0) prune(t, p.gamma);
    if (q && !q.fine) this.renew(t, gh, p);
    return t;
  }

  /**
   * After growing on quantized gradients: leaf values and covers from the exact gradients of each leaf's rows;
   * internal covers as the sum of their children (so TreeSHAP's cover fractions stay consistent).
   */
  private renew(t: GrownTree, gh: Float64Array, p: GrowParams): void {
    const rows = this.rows;
    const visit = (id: number): number => {
      const l = t.left[id]!;
      if (l >= 0) return (t.cover[id] = visit(l) + visit(l + 1));
      let G = 0;
      let H = 0;
      for (let i = t.start[id]!, e = t.end[id]!; i < e; i++) {
        const r = rows[i]!;
        G += gh[2 * r]!;
        H += gh[2 * r + 1]!;
      }
      t.value[id] = leafWeight(G, H, p.lambda, t.lo[id]!, t.hi[id]!) * p.learningRate;
      return (t.cover[id] = H);
    };
    visit(0);
  }

  private addNode(t: GrownTree, g: number, h: number, lo: number, hi: number, start: number, end: number, p: GrowParams): number {
    const id = t.left.length;
    t.left.push(-1);
    t.feature.push(-1);
    t.bin.push(0);
    t.defaultLeft.push(false);
    t.value.push(leafWeight(g, h, p.lambda, lo, hi) * p.learningRate);
    t.gain.push(0);
    t.cover.push(h);
    t.start.push(start);
    t.end.push(end);
    t.lo.push(lo);
    t.hi.push(hi);
    return id;
  }

  private consider(open: Open[], o: Omit<Open, 'split'>, features: Int32Array, p: GrowParams): void {
    let hist = o.hist;
    if (this.q) {
      unpackHistogram(o.hist, this.scratch, this.q);
      hist = this.scratch;
    }
    const split = findBestSplit(hist, this.mapper, features, o.g, o.h, p, o.lo, o.hi);
    if (split && split.gain > MIN_GAIN) open.push({ ...o, split });
    else (this.q ? this.packedPool : this.pool).release(o.hist);
  }

  /** Stable in-place partition of rows[start..end) by the split; returns the first right position. */
  private partition(start: number, end: number, s: SplitCandidate): number {
    const n = this.matrix.rows;
    const col = this.matrix.columns.subarray(s.feature * n, (s.feature + 1) * n);
    const missing = this.mapper.numBins[s.feature]!;
    // The missing bin is the highest, so `bin ≤ threshold` already sends it right.
    if (!s.defaultLeft) return partitionBelow(this.rowBuffer, n, col, s.bin, start, end);
    const side = this.sideOf;
    for (let b = 0; b < side.length; b++) side[b] = b <= s.bin || b === missing ? 1 : 0;
    return partitionBySide(this.rowBuffer, n, col, side, start, end);
  }
}

// The partition loops live in functions of their own with as few live values as possible (one array for the
// row ids and the scratch, whose half starts at `n`): with separate row and scratch arrays and the split's
// fields in scope, V8 ran out of registers and kept a loop counter on the stack, so every row paid a
// store-to-load round trip on a loop-carried value.
//
// Branch-free: the side is data-dependent (a coin flip to the branch predictor), so the row is written to both
// places and one cursor advances (≈12% of training time saved on 200k×20 against an if/else). Also dropped:
// sides computed in a first loop, rows placed in a second (≈ 7% slower training); at the depth limit, adding
// the leaf values to the margins instead of partitioning (within noise, −0.5%); summing the exact gradients of
// depth-limit leaves here instead of in renew (binary: ≈ 3% slower).
//
// Leave the copy-back inside these functions. V8 compiles the loop on the fly (on-stack replacement) before a
// call has returned, so the copy has no type feedback and the compiled code bails out there on every call
// (≈ 250 times per training on 200k×20) — cheap, as the loop is done by then. Moving the copy to the caller
// removes the bail-outs but makes the functions small enough for V8 to inline into partition(), where the
// loop loses its registers again: ≈ 35% slower training (measured).

/** buf[start..end) → rows with col ≤ thr first (stably), then the others; returns the first right position. */
function partitionBelow(buf: Uint32Array, n: number, col: Uint8Array, thr: number, start: number, end: number): number {
  // The scratch cursor is n + (i − l), the rights so far: derived, not carried, to keep a register free.
  let l = start;
  for (let i = start; i < end; i++) {
    const r = buf[i]!;
    buf[l] = r;
    buf[n + i - l] = r;
    l += +(col[r]! <= thr);
  }
  buf.copyWithin(l, n, n + end - l);
  return l;
}

/** As partitionBelow, the side of each bin read from a table (for splits that send missing values left). */
function partitionBySide(buf: Uint32Array, n: number, col: Uint8Array, side: Uint8Array, start: number, end: number): number {
  let l = start;
  for (let i = start; i < end; i++) {
    const r = buf[i]!;
    buf[l] = r;
    buf[n + i - l] = r;
    l += side[col[r]!]!;
  }
  buf.copyWithin(l, n, n + end - l);
  return l;
}

/**
 * Bottom-up pruning with min split loss γ, as XGBoost's pruner: a split whose children are both leaves and
 * whose gain is below γ becomes a leaf again (its segment is the union of its children's).
 */
function prune(t: GrownTree, gamma: number): void {
  let changed = true;
  while (changed) {
    changed = false;
    for (let i = t.left.length - 1; i >= 0; i--) {
      const l = t.left[i]!;
      if (l < 0) continue;
      if (t.left[l]! < 0 && t.left[l + 1]! < 0 && t.gain[i]! < gamma) {
        t.left[i] = -1;
        t.feature[i] = -1;
        t.gain[i] = 0;
        changed = true;
      }
    }
  }
}
