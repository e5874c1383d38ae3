/**
 * The soccer ensemble's artifact: versioned JSON holding everything needed to predict — the variant, its feature
 * names, the Dixon–Coles hyperparameters its features assume, the offset rule, the GBDT (our engine's artifact)
 * and the one-vs-rest isotonic calibrator. The worker loads it from the model registry with `loadSoccerEnsemble`.
 */
import { loadGbdt, type GbdtArtifact, type GbdtModel } from '../../gbdt/index.ts';
import { loadMulticlassIsotonic, MULTICLASS_ISOTONIC_TAG, MULTICLASS_ISOTONIC_VERSION, type MulticlassIsotonicModel } from '../../calibration/multiclass.ts';
import type { FeatureProfile } from '../../metrics/psi.ts';
import type { SoccerHyperparameters } from '../defaults.ts';
import { FEATURE_NAMES, featureNamesOf, type EnsembleVariant } from './features.ts';

/** Tag of a soccer ensemble artifact; `loadSoccerEnsemble` refuses any other. */
export const SOCCER_ENSEMBLE_TAG = 'fairline.soccer.ensemble';
/** Format version; bump on any change to the JSON shape. */
export const SOCCER_ENSEMBLE_VERSION = 1;

/**
 * Where boosting starts: 'dc' = the log Dixon–Coles probabilities (the trees learn a correction to the model),
 * 'market' = the log margin-free pre-close probabilities where present, else Dixon–Coles; 'none' = class priors.
 */
export type OffsetKind = 'dc' | 'market' | 'none';

/** Out-of-sample figures stored with an artifact (from the walk-forward that validated it). */
export interface EnsembleMetrics {
  matches: number;
  rps: number;
  logLoss: number;
  brier: number;
  [key: string]: number;
}

/** The JSON document of a trained soccer ensemble. */
export interface SoccerEnsembleArtifact {
  tag: typeof SOCCER_ENSEMBLE_TAG;
  version: typeof SOCCER_ENSEMBLE_VERSION;
  variant: EnsembleVariant;
  featureNames: string[];
  /** Hyperparameters of the Dixon–Coles fits the features come from (serve with the same). */
  dc: SoccerHyperparameters;
  offset: OffsetKind;
  /** Smallest calibrated class probability before renormalising (isotonic steps can reach 0). */
  floor: number;
  /**
   * Weight α of the isotonic map: served p = (1 − α)·raw + α·isotonic(raw). 1 = plain isotonic. Below 1 shrinks the
   * calibrator towards the identity — chosen by walk-forward (TUNING.md), because a step function learned on
   * earlier seasons also carries their noise and drift into an already well-calibrated forecast.
   */
  calibrationWeight: number;
  gbdt: GbdtArtifact;
  calibration: MulticlassIsotonicModel;
  trainedOn: { rows: number; fromDay: number; toDay: number };
  metrics: EnsembleMetrics | null;
  /**
   * Training distribution of every feature of a row (all of FEATURE_NAMES, the width stored per served prediction),
   * for drift monitoring (PSI of live rows against it). Absent in artifacts written before it existed.
   */
  featureProfile?: FeatureProfile;
}

/** A loaded artifact: the document plus the live GBDT and each feature's column in a `FeatureRow`. */
export interface LoadedSoccerEnsemble {
  artifact: SoccerEnsembleArtifact;
  gbdt: GbdtModel;
  columns: number[];
}

/** Reads an artifact (text or parsed), checking tag, version, variant, feature names and the parts' own formats. */
export function loadSoccerEnsemble(json: string | unknown): LoadedSoccerEnsemble {
  const a = (typeof json === 'string' ? JSON.parse(json) : json) as Partial<SoccerEnsembleArtifact> | null;
  if (!a || typeof a !== 'object') throw new Error('soccer ensemble: artifact must be a JSON object');
  if (a.tag !== SOCCER_ENSEMBLE_TAG) throw new Error(`soccer ensemble: wrong tag "${String(a.tag)}" (expected "${SOCCER_ENSEMBLE_TAG}")`);
  if (a.version !== SOCCER_ENSEMBLE_VERSION) throw new Error(`soccer ensemble: unsupported version ${String(a.version)} (this build reads ${SOCCER_ENSEMBLE_VERSION})`);
  if (a.variant !== 'model' && a.variant !== 'ensemble') throw new Error(`soccer ensemble: unknown variant "${String(a.variant)}"`);
  if (!Array.isArray(a.featureNames)) throw new Error('soccer ensemble: featureNames missing');
  const allowed = new Set(featureNamesOf(a.variant));
  const columns = a.featureNames.map((f) => {
    if (!allowed.has(f)) throw new Error(`soccer ensemble: feature "${f}" is not a ${a.variant} feature`);
    return FEATURE_NAMES.indexOf(f);
  });
  if (a.offset !== 'dc' && a.offset !== 'market' && a.offset !== 'none') throw new Error(`soccer ensemble: unknown offset "${String(a.offset)}"`);
  if (a.variant === 'model' && a.offset === 'market') throw new Error('soccer ensemble: the model variant cannot start from the market');
  if (!(typeof a.floor === 'number' && a.floor >= 0 && a.floor < 1 / 3)) throw new Error('soccer ensemble: floor must be in [0, 1/3)');
  if (!(typeof a.calibrationWeight === 'number' && a.calibrationWeight >= 0 && a.calibrationWeight <= 1))
    throw new Error('soccer ensemble: calibrationWeight must be in [0, 1]');
  const gbdt = loadGbdt(a.gbdt as object);
  if (gbdt.numOutputs !== 3 || gbdt.objective !== 'softmax') throw new Error('soccer ensemble: the GBDT must be a 3-class softmax');
  if (gbdt.featureNames.join() !== a.featureNames.join()) throw new Error('soccer ensemble: GBDT feature names differ from the artifact\'s');
  const calibration = loadMulticlassIsotonic({ tag: MULTICLASS_ISOTONIC_TAG, version: MULTICLASS_ISOTONIC_VERSION, model: a.calibration });
  if (calibration.classes !== 3) throw new Error('soccer ensemble: the calibrator must have 3 classes');
  return { artifact: a as SoccerEnsembleArtifact, gbdt, columns };
}
