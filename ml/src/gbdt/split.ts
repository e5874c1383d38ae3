/**
 * Best split of a node from its gradient histogram: every bin boundary of every (sampled) feature, with the
 * missing-value bin tried on both sides ("sparsity-aware split finding", Chen & Guestrin 2016, Alg. 3).
 *
 * Gain is XGBoost's loss change G_L²/(H_L+λ) + G_R²/(H_R+λ) − G²/(H+λ) (without the ½). With monotone
 * constraints the child weights are clamped to the node's bounds and the gain is evaluated at the clamped
 * weights, −(2Gw + (H+λ)w²), rejecting splits whose weights are ordered against the constraint — the scheme
 * of XGBoost's `monotone_constraints`.
 */
import type { BinMapper } from './binning.ts';

export interface SplitCandidate {
  gain: number;
  feature: number;
  /** Last value bin that goes left. */
  bin: number;
  defaultLeft: boolean;
  gl: number;
  hl: number;
  gr: number;
  hr: number;
}

export interface SplitParams {
  lambda: number;
  minChildWeight: number;
  /** Per feature −1/0/+1, or null when no constraint is set. */
  monotone: Int8Array | null;
}

/**
 * Unconstrained leaf weight −G/(H+λ) clamped to [lo, hi]. A leaf no row reaches (H = 0) with λ = 0 would be 0/0;
 * it gets 0, so TreeSHAP's cover-weighted expectations over such leaves stay finite.
 */
export function leafWeight(g: number, h: number, lambda: number, lo: number, hi: number): number {
  const d = h + lambda;
  const w = d > 0 ? -g / d : 0;
  return w < lo ? lo : w > hi ? hi : w;
}

function gainAt(g: number, h: number, lambda: number, w: number): number {
  return -(2 * g * w + (h + lambda) * w * w);
}

/**
 * The best split of a node over `features` from its histogram: XGBoost's gain G_L²/(H_L+λ) + G_R²/(H_R+λ) −
 * G²/(H+λ) (Chen & Guestrin 2016, eq. 7), missing values tried on both sides, `minChildWeight` respected and
 * monotone constraints enforced through the weight bounds [lo, hi]; null when no split gains.
 */
export function findBestSplit(
  hist: Float64Array,
  mapper: BinMapper,
  features: Int32Array,
  G: number,
  H: number,
  p: SplitParams,
  lo: number,
  hi: number,
): SplitCandidate | null {
  const { lambda, minChildWeight: mcw, monotone } = p;
  const parentW = leafWeight(G, H, lambda, lo, hi);
  const parentScore = monotone ? gainAt(G, H, lambda, parentW) : (G * G) / (H + lambda);
  let bestGain = 0;
  let bestF = -1;
  let bestBin = 0;
  let bestDL = false;
  let bGL = 0;
  let bHL = 0;
  for (let fi = 0; fi < features.length; fi++) {
    const f = features[fi]!;
    const off = mapper.offsets[f]!;
    const nb = mapper.numBins[f]!;
    const mg = hist[2 * (off + nb)]!;
    const mh = hist[2 * (off + nb) + 1]!;
    const hasMissing = mh > 0;
    const c = monotone ? monotone[f]! : 0;
    let ag = 0;
    let ah = 0;
    // b = nb − 1 (all values left) is only a split when missing values exist (they go right).
    const lastB = hasMissing ? nb - 1 : nb - 2;
    if (!hasMissing && !monotone) {
      // The common case in a tight loop: no missing values (one side to try), no constraints.
      for (let b = 0, k = 2 * off; b <= lastB; b++, k += 2) {
        ag += hist[k]!;
        ah += hist[k + 1]!;
        const hr = H - ah;
        if (ah < mcw || hr < mcw) continue;
        const gr = G - ag;
        const gain = (ag * ag) / (ah + lambda) + (gr * gr) / (hr + lambda) - parentScore;
        if (gain > bestGain) {
          bestGain = gain;
          bestF = f;
          bestBin = b;
          bestDL = false;
          bGL = ag;
          bHL = ah;
        }
      }
      continue;
    }
    for (let b = 0; b <= lastB; b++) {
      ag += hist[2 * (off + b)]!;
      ah += hist[2 * (off + b) + 1]!;
      // Missing values to the right.
      let gl = ag;
      let hl = ah;
      for (let side = 0; side < 2; side++) {
        if (side === 1) {
          if (!hasMissing || b === nb - 1) break;
          gl = ag + mg;
          hl = ah + mh;
        }
        const gr = G - gl;
        const hr = H - hl;
        if (hl < mcw || hr < mcw) continue;
        let gain: number;
        if (monotone) {
          const wl = leafWeight(gl, hl, lambda, lo, hi);
          const wr = leafWeight(gr, hr, lambda, lo, hi);
          if ((c > 0 && wl > wr) || (c < 0 && wl < wr)) continue;
          gain = gainAt(gl, hl, lambda, wl) + gainAt(gr, hr, lambda, wr) - parentScore;
        } else {
          gain = (gl * gl) / (hl + lambda) + (gr * gr) / (hr + lambda) - parentScore;
        }
        if (gain > bestGain) {
          bestGain = gain;
          bestF = f;
          bestBin = b;
          bestDL = side === 1;
          bGL = gl;
          bHL = hl;
        }
      }
    }
  }
  if (bestF < 0) return null;
  return { gain: bestGain, feature: bestF, bin: bestBin, defaultLeft: bestDL, gl: bGL, hl: bHL, gr: G - bGL, hr: H - bHL };
}
