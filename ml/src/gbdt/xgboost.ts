/**
 * Import of a model written by XGBoost's `Booster.save_model("model.json")` (the JSON schema of XGBoost
 * ≥ 1.0; verified against files written by XGBoost 1.7.4). Supports gbtree boosters with numerical splits and
 * the objectives reg:squarederror, reg:absoluteerror, reg:logistic, binary:logistic, count:poisson and
 * multi:softprob/softmax. The imported forest predicts in float32 like XGBoost's CPU predictor (inputs,
 * thresholds and the running sum rounded to float32), so predictions agree to float32 round-off.
 */
import { buildForest, type TreeArrays } from './forest.ts';
import { GbdtModel } from './model.ts';
import type { ObjectiveName } from './types.ts';

interface XgbTree {
  left_children: number[];
  right_children: number[];
  split_indices: number[];
  split_conditions: number[];
  default_left: number[] | boolean[];
  loss_changes: number[];
  sum_hessian: number[];
  split_type?: number[];
}

const OBJECTIVES: Record<string, ObjectiveName> = {
  'reg:squarederror': 'squared',
  'reg:linear': 'squared',
  'reg:absoluteerror': 'absolute',
  'reg:logistic': 'logistic',
  'binary:logistic': 'logistic',
  'count:poisson': 'poisson',
  'multi:softprob': 'softmax',
  'multi:softmax': 'softmax',
};

/**
 * A `GbdtModel` from an XGBoost `save_model` JSON document (text or parsed), predicting in float32 like XGBoost's
 * CPU predictor; throws on an XGBoost version other than 1.x/2.x, a non-gbtree booster, an unsupported objective or
 * categorical splits.
 */
export function importXgboost(json: string | object, opts: { createdAt?: string } = {}): GbdtModel {
  const m = (typeof json === 'string' ? JSON.parse(json) : json) as Record<string, any>;
  const version = m?.version;
  if (!Array.isArray(version) || !m.learner) throw new Error('xgboost import: not an XGBoost JSON model (no version/learner)');
  if (version[0] !== 1 && version[0] !== 2) throw new Error(`xgboost import: unsupported XGBoost model version ${version.join('.')}`);
  const learner = m.learner;
  const booster = learner.gradient_booster;
  if (booster?.name !== 'gbtree') throw new Error(`xgboost import: only gbtree boosters are supported, got ${booster?.name}`);
  const objName: string = learner.objective?.name;
  const objective = OBJECTIVES[objName];
  if (!objective) throw new Error(`xgboost import: unsupported objective '${objName}'`);
  const mp = learner.learner_model_param;
  const numFeature = Number(mp.num_feature);
  const numClass = Number(mp.num_class);
  const K = objective === 'softmax' ? numClass : 1;
  // base_score is a string like "5E-1" (1.x) or "[5E-1]" (2.x), in the response scale.
  const baseScore = Math.fround(Number(String(mp.base_score).replace(/[[\]]/g, '')));
  const baseMargin = new Float64Array(K).fill(
    objective === 'logistic' ? Math.log(baseScore / (1 - baseScore)) : objective === 'poisson' ? Math.log(baseScore) : baseScore,
  );
  const xtrees: XgbTree[] = booster.model.trees;
  const treeInfo: number[] = booster.model.tree_info;
  const trees: TreeArrays[] = xtrees.map((t, ti) => {
    if (t.split_type?.some((s) => s !== 0)) throw new Error(`xgboost import: tree ${ti} has categorical splits (unsupported)`);
    const n = t.left_children.length;
    const feature: number[] = [];
    const value: number[] = [];
    const threshold: number[] = [];
    for (let i = 0; i < n; i++) {
      const leaf = t.left_children[i]! < 0;
      feature.push(leaf ? -1 : t.split_indices[i]!);
      // XGBoost stores a leaf's value in split_conditions.
      value.push(leaf ? Math.fround(t.split_conditions[i]!) : 0);
      threshold.push(leaf ? 0 : Math.fround(t.split_conditions[i]!));
    }
    return {
      feature,
      threshold,
      left: t.left_children,
      right: t.right_children,
      defaultLeft: t.default_left,
      value,
      gain: t.loss_changes,
      cover: t.sum_hessian,
    };
  });
  const names: string[] = learner.feature_names?.length === numFeature ? learner.feature_names : Array.from({ length: numFeature }, (_, i) => `f${i}`);
  return new GbdtModel({
    forest: buildForest(trees, treeInfo, numFeature, K, true),
    objective,
    alpha: 0.5,
    baseMargin,
    featureNames: names,
    params: { xgboost: learner.gradient_booster.gbtree_model_param ?? {}, objective: objName },
    metrics: null,
    fingerprint: null,
    createdAt: opts.createdAt ?? new Date().toISOString(),
    source: `xgboost ${version.join('.')}`,
  });
}
