/**
 * The model artifact: versioned JSON with a tag, metadata (feature names, objective, parameters, training
 * metrics, data fingerprint, creation time, source) and the trees as parallel arrays. `loadGbdt` rejects a
 * wrong tag or an unknown version with a clear error rather than guessing.
 */
import { buildForest, treeArrays } from './forest.ts';
import { GbdtModel, type ModelState } from './model.ts';
import type { GbdtParams, ObjectiveName, TrainingMetrics } from './types.ts';

export const ARTIFACT_TAG = 'fairline.gbdt';
export const ARTIFACT_VERSION = 1;

export interface ArtifactTree {
  output: number;
  feature: number[];
  threshold: number[];
  left: number[];
  right: number[];
  defaultLeft: number[];
  value: number[];
  gain: number[];
  cover: number[];
}

export interface GbdtArtifact {
  tag: typeof ARTIFACT_TAG;
  version: number;
  meta: {
    featureNames: string[];
    objective: ObjectiveName;
    alpha: number;
    numOutputs: number;
    params: GbdtParams | Record<string, unknown>;
    metrics: TrainingMetrics | null;
    dataFingerprint: string | null;
    createdAt: string;
    source: string;
  };
  baseMargin: number[];
  float32: boolean;
  trees: ArtifactTree[];
}

export function serializeModel(m: ModelState): GbdtArtifact {
  const f = m.forest;
  const trees: ArtifactTree[] = [];
  for (let t = 0; t < f.treeRoot.length; t++) trees.push({ output: f.treeClass[t]!, ...treeArrays(f, t) });
  return {
    tag: ARTIFACT_TAG,
    version: ARTIFACT_VERSION,
    meta: {
      featureNames: [...m.featureNames],
      objective: m.objective,
      alpha: m.alpha,
      numOutputs: f.numOutputs,
      params: m.params,
      metrics: m.metrics,
      dataFingerprint: m.fingerprint,
      createdAt: m.createdAt,
      source: m.source,
    },
    baseMargin: Array.from(m.baseMargin),
    float32: f.float32,
    trees,
  };
}

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
