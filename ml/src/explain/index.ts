/**
 * Explanations of tree-ensemble predictions: exact TreeSHAP contributions (gbdt/shap.ts; Lundberg, Erion & Lee
 * 2018) turned into what a reader can follow — the prediction, the model's average prediction (the base), and the
 * features that moved this prediction away from the base the most, each with its value and contribution.
 *
 * Units. TreeSHAP is additive in the model's margin: base + Σ contributions = margin (local accuracy). For the
 * identity link (squared, absolute, quantile objectives: a prop's projected yards or receptions) the margin IS the
 * prediction, so contributions are in the market's own units and an average of several such models (the props
 * centre μ is the mean of one GBDT per objective) is explained exactly by averaging their contributions. For a log
 * link (poisson) or a logit (logistic, softmax) contributions are in log / logit units, where they add up; they do
 * not add up in probability units, so they are never converted (the reader gets the direction and relative size,
 * and `value` / `base` can be mapped through the link). Averaging models of different or non-identity links has no
 * additive explanation and is refused.
 */
import type { GbdtModel } from '../gbdt/model.ts';
import type { ObjectiveName } from '../gbdt/types.ts';
import { expectedValues, ShapWorkspace, treeShapRow } from '../gbdt/shap.ts';

/** The scale of an explanation's numbers: the prediction's own units, or the margin of a log / logit link. */
export type ExplanationScale = 'identity' | 'log' | 'logit';

/** One feature's part in a prediction. */
export interface ExplanationFactor {
  /** The model's column name. */
  feature: string;
  /** A human label of the column. */
  label: string;
  /** The input value; null when missing. */
  value: number | null;
  /** Its TreeSHAP contribution, in the explanation's scale. */
  contribution: number;
}

/** Why a prediction is what it is: base + Σ factors' contributions + rest = value (TreeSHAP local accuracy). */
export interface GbdtExplanation {
  scale: ExplanationScale;
  /** The model's expected output over its training data (E[f(X)], covers-weighted), in `scale`. */
  base: number;
  /** This prediction, in `scale`. */
  value: number;
  /** The largest contributions by absolute size, largest first. */
  factors: ExplanationFactor[];
  /** The sum of every other feature's contribution. */
  rest: number;
}

/** The link between an objective's margin and its prediction. */
export function scaleOf(objective: ObjectiveName): ExplanationScale {
  if (objective === 'poisson') return 'log';
  if (objective === 'logistic' || objective === 'softmax') return 'logit';
  return 'identity';
}

/** Options of `GbdtExplainer`: human labels of the columns (default: the column name) and how many factors to name. */
export interface ExplainerOptions {
  label?: (feature: string) => string;
  top?: number;
}

/**
 * Explains rows under one GBDT or the mean of several (see the file comment); builds the per-model expected
 * values and path workspaces once, so a served model keeps one explainer for its lifetime.
 */
export class GbdtExplainer {
  readonly scale: ExplanationScale;
  readonly featureNames: readonly string[];
  private readonly base: Float64Array[];
  private readonly ws: ShapWorkspace[];
  private readonly phi: Float64Array;
  private readonly label: (feature: string) => string;
  private readonly top: number;

  /** Throws when the models disagree on features, or are several with a non-identity link (no additive mean). */
  constructor(private readonly models: readonly GbdtModel[], opts: ExplainerOptions = {}) {
    if (models.length === 0) throw new RangeError('explain: no models');
    const scales = new Set(models.map((m) => scaleOf(m.objective)));
    const scale = [...scales][0]!;
    if (scales.size > 1 || (models.length > 1 && scale !== 'identity')) {
      throw new RangeError('explain: the mean of several models is explainable only when every link is the identity');
    }
    const names = models[0]!.featureNames;
    for (const m of models) if (m.featureNames.join('\u0000') !== names.join('\u0000')) throw new RangeError('explain: models read different features');
    this.scale = scale;
    this.featureNames = names;
    // TreeSHAP's φ₀ per output: the trees' cover-weighted expected value plus the base margin (as gbdt/model.ts `shap`).
    this.base = models.map((m) => {
      const ev = expectedValues(m.forest);
      return Float64Array.from(ev, (e, k) => e + (m.forest.float32 ? Math.fround(m.baseMargin[k]!) : m.baseMargin[k]!));
    });
    this.ws = models.map((m) => new ShapWorkspace(m.forest));
    this.phi = new Float64Array(names.length);
    this.label = opts.label ?? ((f) => f);
    this.top = opts.top ?? 5;
  }

  /** Every feature's contribution to output `output` of `row` (the mean over the models), and the base. */
  contributions(row: ArrayLike<number>, output = 0): { base: number; phi: Float64Array } {
    const phi = new Float64Array(this.featureNames.length);
    let base = 0;
    const w = 1 / this.models.length;
    this.models.forEach((m, i) => {
      if (output < 0 || output >= m.numOutputs) throw new RangeError(`explain: output ${output} of a ${m.numOutputs}-output model`);
      this.phi.fill(0);
      treeShapRow(m.forest, row, output, this.phi, this.ws[i]!);
      for (let j = 0; j < phi.length; j++) phi[j] = phi[j]! + w * this.phi[j]!;
      base += w * this.base[i]![output]!;
    });
    return { base, phi };
  }

  /** The explanation of output `output` of `row` (a row in the models' column order; NaN = missing). */
  explain(row: ArrayLike<number>, output = 0): GbdtExplanation {
    if (row.length !== this.featureNames.length) throw new RangeError(`explain: a row of ${row.length} values for ${this.featureNames.length} features`);
    const { base, phi } = this.contributions(row, output);
    const order = Array.from(phi.keys()).sort((a, b) => Math.abs(phi[b]!) - Math.abs(phi[a]!) || a - b);
    const named = order.slice(0, this.top).filter((j) => phi[j] !== 0);
    let total = 0;
    for (const c of phi) total += c;
    let shown = 0;
    const factors = named.map((j) => {
      shown += phi[j]!;
      const x = row[j]!;
      const feature = this.featureNames[j]!;
      return { feature, label: this.label(feature), value: x === x ? x : null, contribution: phi[j]! };
    });
    return { scale: this.scale, base, value: base + total, factors, rest: total - shown };
  }
}
