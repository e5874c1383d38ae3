/**
 * Gradient-boosted decision trees in pure TypeScript: histogram training (depth-wise or leaf-wise), six
 * objectives, flattened typed-array inference, exact TreeSHAP, importances, versioned artifacts and XGBoost
 * JSON import.
 *
 *   const model = trainGbdt({ features, featureNames, label, params: { objective: 'logistic', trees: 200 } });
 *   const p = model.predict(rows);            // Float64Array, n × numOutputs
 *   const again = loadGbdt(JSON.stringify(model));
 */
export { trainGbdt, type TrainInput } from './train.ts';
export { GbdtModel } from './model.ts';
export { loadGbdt, ARTIFACT_TAG, ARTIFACT_VERSION, type GbdtArtifact } from './artifact.ts';
export { importXgboost } from './xgboost.ts';
export type { Importance } from './importance.ts';
export type { Forest } from './forest.ts';
export { DEFAULT_PARAMS } from './types.ts';
export type { DenseMatrix, FeatureMatrix, GbdtParams, ObjectiveName, TrainingMetrics, EvalRecord } from './types.ts';
