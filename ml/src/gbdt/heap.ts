/**
 * Inference layout for shallow trees: each tree padded to a complete binary tree of its depth D and stored
 * in heap order (children of node i at 2i+1 and 2i+2), so a step is `i = 2i + 1 + (x ≥ t)` with no child
 * pointer to load — one dependent load fewer per level than the pointer layout. A leaf above depth D is
 * copied into every padded position beneath it (padded internal nodes test +∞, so any route reaches a copy).
 * Used for batches whose rows have no NaN; the default-direction path stays on the pointer layout.
 */
import type { Forest } from './forest.ts';

export interface HeapForest {
  /** Per tree: depth and offsets of its internal nodes (2^D − 1) and leaves (2^D). */
  depth: Int32Array;
  nodeStart: Int32Array;
  leafStart: Int32Array;
  feature: Int32Array;
  /**
   * Total internal nodes + feature · HEAP_BLOCK: where a node's feature starts in a feature-major block of rows
   * stored right after the thresholds in one array (see predict.ts).
   */
  featureOffset: Int32Array;
  threshold: Float64Array;
  leaf: Float64Array;
  /**
   * The thresholds followed by room for one feature-major block of HEAP_BLOCK rows: both operands of a node
   * test in one array. The block part is scratch for the synchronous batch walk in predict.ts.
   */
  work: Float64Array;
}

/** Trees deeper than this keep the pointer layout (padding would cost 2^D per tree). */
export const MAX_HEAP_DEPTH = 10;

/** Rows per prediction block (the stride of a feature in a transposed block). */
export const HEAP_BLOCK = 256;

const cache = new WeakMap<Forest, HeapForest | null>();

/** The heap layout of a forest, or null when some tree is too deep for it. Built once per forest. */
export function heapForest(f: Forest): HeapForest | null {
  let h = cache.get(f);
  if (h !== undefined) return h;
  h = build(f);
  cache.set(f, h);
  return h;
}

function build(f: Forest): HeapForest | null {
  const T = f.treeRoot.length;
  const depth = new Int32Array(T);
  const nodeStart = new Int32Array(T);
  const leafStart = new Int32Array(T);
  let nodes = 0;
  let leaves = 0;
  for (let t = 0; t < T; t++) {
    const D = f.treeDepth[t]!;
    if (D > MAX_HEAP_DEPTH) return null;
    depth[t] = D;
    nodeStart[t] = nodes;
    leafStart[t] = leaves;
    nodes += (1 << D) - 1;
    leaves += 1 << D;
  }
  const h: HeapForest = {
    depth,
    nodeStart,
    leafStart,
    feature: new Int32Array(nodes),
    featureOffset: new Int32Array(nodes),
    threshold: new Float64Array(nodes).fill(Infinity),
    leaf: new Float64Array(leaves),
    work: new Float64Array(nodes + f.numFeatures * HEAP_BLOCK),
  };
  for (let t = 0; t < T; t++) fill(f, h, t, f.treeRoot[t]!, 0, 0);
  for (let i = 0; i < nodes; i++) h.featureOffset[i] = nodes + h.feature[i]! * HEAP_BLOCK;
  h.work.set(h.threshold);
  return h;
}

/** Place pointer-layout node `nd` at heap position `i` (level d) of tree t. */
function fill(f: Forest, h: HeapForest, t: number, nd: number, i: number, d: number): void {
  const D = h.depth[t]!;
  if (d === D) {
    h.leaf[h.leafStart[t]! + i - ((1 << D) - 1)] = f.value[nd]!;
    return;
  }
  if (f.feature[nd]! < 0) {
    // A leaf above the bottom: padded node (threshold +∞ → always left), both subtrees hold the leaf.
    h.feature[h.nodeStart[t]! + i] = 0;
    fill(f, h, t, nd, 2 * i + 1, d + 1);
    fill(f, h, t, nd, 2 * i + 2, d + 1);
    return;
  }
  h.feature[h.nodeStart[t]! + i] = f.feature[nd]!;
  h.threshold[h.nodeStart[t]! + i] = f.threshold[nd]!;
  fill(f, h, t, f.children[2 * nd]!, 2 * i + 1, d + 1);
  fill(f, h, t, f.children[2 * nd + 1]!, 2 * i + 2, d + 1);
}
