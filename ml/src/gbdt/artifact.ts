/**
 * The model artifact's format: versioned JSON with a tag, metadata (feature names, objective, parameters,
 * training metrics, data fingerprint, creation time, source) and the trees as parallel arrays. Only types and
 * the tag/version constants live here, so the forest, the model (which writes it, `GbdtModel.toJSON`) and the
 * loader (load.ts, which reads it) all depend on this file and never on each other in a circle.
 */
import type { GbdtParams, ObjectiveName, TrainingMetrics } from './types.ts';

/** Tag of a fairline GBDT artifact: `loadGbdt` refuses anything else (XGBoost files go through `importXgboost`). */
export const ARTIFACT_TAG = 'fairline.gbdt';
/** Artifact format version; `loadGbdt` reads exactly this one (bump on any change to the JSON shape). */
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
