/**
 * The trained ensemble, flattened: every node of every tree in parallel typed arrays, children addressed by
 * absolute index (`children[2i]` left / `children[2i+1]` right), so inference is a tight loop with no objects.
 * Local node ids (leaf indices, artifacts) are `absolute − treeRoot[t]`.
 */
import type { ArtifactTree } from './artifact.ts';

export interface Forest {
  numFeatures: number;
  /** Outputs per row (classes for softmax). */
  numOutputs: number;
  treeRoot: Int32Array;
  /** Output each tree adds to. */
  treeClass: Int32Array;
  /** Split feature, or −1 for a leaf. */
  feature: Int32Array;
  /** As `feature` but 0 for leaves, whose children point back at themselves: a walk of exactly treeDepth[t]
   * steps ends on the right leaf from any start, so rows can be walked in lockstep without exit tests. */
  walkFeature: Int32Array;
  /** Depth (edges on the longest root–leaf path) of each tree. */
  treeDepth: Int32Array;
  /** Left iff x < threshold; NaN follows defaultLeft. */
  threshold: Float64Array;
  children: Int32Array;
  defaultLeft: Uint8Array;
  /** Leaf value (internal nodes: their own weight, used by nothing but diagnostics). */
  value: Float64Array;
  gain: Float64Array;
  /** Sum of hessians of the training rows in the node (TreeSHAP's cover). */
  cover: Float64Array;
  /** XGBoost compatibility: round inputs, thresholds and sums to float32 like XGBoost's predictor. */
  float32: boolean;
}

/** One tree in local arrays (left/right child ids or −1). */
export interface TreeArrays {
  feature: ArrayLike<number>;
  threshold: ArrayLike<number>;
  left: ArrayLike<number>;
  right: ArrayLike<number>;
  defaultLeft: ArrayLike<number | boolean>;
  value: ArrayLike<number>;
  gain: ArrayLike<number>;
  cover: ArrayLike<number>;
}

/**
 * Flattens trees given as local arrays (trained or imported) into one `Forest`; `float32` rounds thresholds and
 * leaf values to float32 as XGBoost's predictor does. Validates child ids and feature indices.
 */
export function buildForest(
  trees: readonly TreeArrays[],
  treeClass: ArrayLike<number>,
  numFeatures: number,
  numOutputs: number,
  float32 = false,
): Forest {
  let total = 0;
  for (const t of trees) total += t.feature.length;
  const f: Forest = {
    numFeatures,
    numOutputs,
    treeRoot: new Int32Array(trees.length),
    treeClass: Int32Array.from(treeClass),
    feature: new Int32Array(total),
    walkFeature: new Int32Array(total),
    treeDepth: new Int32Array(trees.length),
    threshold: new Float64Array(total),
    children: new Int32Array(2 * total),
    defaultLeft: new Uint8Array(total),
    value: new Float64Array(total),
    gain: new Float64Array(total),
    cover: new Float64Array(total),
    float32,
  };
  if (f.treeClass.length !== trees.length) throw new Error('gbdt: treeClass length differs from the number of trees');
  let base = 0;
  trees.forEach((t, ti) => {
    const m = t.feature.length;
    f.treeRoot[ti] = base;
    for (let i = 0; i < m; i++) {
      const a = base + i;
      const feat = t.feature[i]!;
      const isLeaf = feat < 0 || t.left[i]! < 0;
      if (isLeaf) {
        f.children[2 * a] = a;
        f.children[2 * a + 1] = a;
      } else {
        if (feat >= numFeatures) throw new Error(`gbdt: tree ${ti} node ${i} splits on feature ${feat} ≥ ${numFeatures}`);
        const l = t.left[i]!;
        const r = t.right[i]!;
        if (!(l > i && l < m && r > i && r < m)) throw new Error(`gbdt: tree ${ti} node ${i} has invalid children`);
        f.children[2 * a] = base + l;
        f.children[2 * a + 1] = base + r;
      }
      f.feature[a] = isLeaf ? -1 : feat;
      f.walkFeature[a] = isLeaf ? 0 : feat;
      f.threshold[a] = isLeaf ? 0 : t.threshold[i]!;
      f.defaultLeft[a] = t.defaultLeft[i] ? 1 : 0;
      f.value[a] = t.value[i]!;
      f.gain[a] = t.gain[i]!;
      f.cover[a] = t.cover[i]!;
    }
    f.treeDepth[ti] = depthOf(f, base);
    base += m;
  });
  return f;
}

/** Depth of the tree rooted at `root` (a single leaf has depth 0). */
export function depthOf(f: Forest, root: number): number {
  let best = 0;
  const stack = [root, 0];
  while (stack.length > 0) {
    const d = stack.pop()!;
    const nd = stack.pop()!;
    if (d > best) best = d;
    if (f.feature[nd]! >= 0) stack.push(f.children[2 * nd]!, d + 1, f.children[2 * nd + 1]!, d + 1);
  }
  return best;
}

/** Tree t back to local arrays (for artifacts). */
export function treeArrays(f: Forest, t: number): Omit<ArtifactTree, 'output'> {
  const start = f.treeRoot[t]!;
  const end = t + 1 < f.treeRoot.length ? f.treeRoot[t + 1]! : f.feature.length;
  const out = { feature: [] as number[], threshold: [] as number[], left: [] as number[], right: [] as number[], defaultLeft: [] as number[], value: [] as number[], gain: [] as number[], cover: [] as number[] };
  for (let a = start; a < end; a++) {
    const leaf = f.feature[a]! < 0;
    out.feature.push(f.feature[a]!);
    out.threshold.push(f.threshold[a]!);
    out.left.push(leaf ? -1 : f.children[2 * a]! - start);
    out.right.push(leaf ? -1 : f.children[2 * a + 1]! - start);
    out.defaultLeft.push(f.defaultLeft[a]!);
    out.value.push(f.value[a]!);
    out.gain.push(f.gain[a]!);
    out.cover.push(f.cover[a]!);
  }
  return out;
}

/** Keep the first `rounds` boosting rounds (numOutputs trees each). */
export function truncateForest(f: Forest, rounds: number): Forest {
  const T = Math.min(f.treeRoot.length, rounds * f.numOutputs);
  if (T === f.treeRoot.length) return f;
  const end = T < f.treeRoot.length ? f.treeRoot[T]! : f.feature.length;
  return {
    ...f,
    treeRoot: f.treeRoot.slice(0, T),
    treeClass: f.treeClass.slice(0, T),
    feature: f.feature.slice(0, end),
    walkFeature: f.walkFeature.slice(0, end),
    treeDepth: f.treeDepth.slice(0, T),
    threshold: f.threshold.slice(0, end),
    children: f.children.slice(0, 2 * end),
    defaultLeft: f.defaultLeft.slice(0, end),
    value: f.value.slice(0, end),
    gain: f.gain.slice(0, end),
    cover: f.cover.slice(0, end),
  };
}
