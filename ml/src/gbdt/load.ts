/**
 * Reading a model back from its artifact (artifact.ts). `loadGbdt` rejects a wrong tag or an unknown version
 * with a clear error rather than guessing.
 */
import { ARTIFACT_TAG, ARTIFACT_VERSION, type GbdtArtifact } from './artifact.ts';
import { buildForest } from './forest.ts';
import { GbdtModel } from './model.ts';

/** Load a model from its artifact (object or JSON text). */
export function loadGbdt(json: string | object): GbdtModel {
  const a = (typeof json === 'string' ? JSON.parse(json) : json) as Partial<GbdtArtifact> | null;
  if (!a || typeof a !== 'object') throw new Error('gbdt: artifact is not a JSON object');
  if (a.tag !== ARTIFACT_TAG) {
    throw new Error(`gbdt: not a ${ARTIFACT_TAG} artifact (tag is ${JSON.stringify(a.tag ?? null)}); XGBoost files load with importXgboost`);
  }
  if (a.version !== ARTIFACT_VERSION) {
    throw new Error(`gbdt: artifact version ${String(a.version)} is not supported (this build reads version ${ARTIFACT_VERSION})`);
  }
  const meta = a.meta;
  if (!meta || !Array.isArray(a.trees) || !Array.isArray(a.baseMargin)) throw new Error('gbdt: artifact is missing meta, trees or baseMargin');
  const K = meta.numOutputs;
  const forest = buildForest(a.trees, a.trees.map((t) => t.output), meta.featureNames.length, K, a.float32 === true);
  return new GbdtModel({
    forest,
    objective: meta.objective,
    alpha: meta.alpha,
    baseMargin: Float64Array.from(a.baseMargin),
    featureNames: meta.featureNames,
    params: meta.params,
    metrics: meta.metrics,
    fingerprint: meta.dataFingerprint,
    createdAt: meta.createdAt,
    source: meta.source,
  });
}
