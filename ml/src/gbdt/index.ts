/**
 * Gradient-boosted decision trees in pure TypeScript (no Node APIs, no dependencies): histogram training,
 * flattened typed-array inference, exact TreeSHAP, importances, versioned artifacts and XGBoost JSON import.
 *
 * Training — `trainGbdt({ features, featureNames?, label, weight?, params?, valid?, createdAt? })`:
 *   features  rows × features, either `number[][]` (NaN or null = missing) or a dense row-major
 *             `{ values: Float64Array, rows, cols }` (row r, feature j at values[r·cols + j]);
 *   label     one number per row (softmax: class 0..K−1; logistic: 0/1; poisson: counts ≥ 0);
 *   params    see GbdtParams / DEFAULT_PARAMS: objective 'squared' | 'absolute' | 'quantile' (alpha) |
 *             'poisson' | 'logistic' | 'softmax' (numClass), trees, maxDepth, maxLeaves (> 0 = leaf-wise),
 *             learningRate, maxBins, lambda, minChildWeight, gamma, subsample, colsample, seed,
 *             earlyStoppingRounds (with `valid`), monotone (per feature −1/0/+1), histogram, baseScore.
 * Model — GbdtModel: predict(X) (response scale, n × numOutputs), predictMargin, predictRow(row, out?),
 *   predictLeaf, shap (n × numOutputs × (F+1), last = expected value), importance(), toJSON(); metrics,
 *   featureNames, params and the data fingerprint ride along. `loadGbdt(json)` reads an artifact back;
 *   `importXgboost(json)` reads XGBoost's save_model("model.json").
 *
 *   const model = trainGbdt({ features, featureNames, label, params: { objective: 'logistic', trees: 200 } });
 *   const p = model.predict(rows);
 *   const again = loadGbdt(JSON.stringify(model));
 */
export { trainGbdt, type TrainInput } from './train.ts';
export { GbdtModel } from './model.ts';
export { loadGbdt } from './load.ts';
export { ARTIFACT_TAG, ARTIFACT_VERSION, type GbdtArtifact } from './artifact.ts';
export { importXgboost } from './xgboost.ts';
export type { Importance } from './importance.ts';
export type { Forest } from './forest.ts';
export { DEFAULT_PARAMS } from './types.ts';
export type { DenseMatrix, FeatureMatrix, GbdtParams, ObjectiveName, TrainingMetrics, EvalRecord } from './types.ts';
