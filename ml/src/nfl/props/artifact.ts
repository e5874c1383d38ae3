/**
 * Versioned JSON artifact of a prop model (centre GBDT artifact + distribution + calibration + feature list).
 * `loadPropModel` rejects a wrong tag or version, and a feature list that no longer matches the code's.
 */
import { loadGbdt, type GbdtArtifact } from '../../gbdt/index.ts';
import type { IsotonicModel } from '../../calibration/index.ts';
import { SCALED_RESIDUAL_TAG, type ScaledResidual } from './distributions/scaled-residual.ts';
import { featureNames, featureVersion } from './features/index.ts';
import { MARKETS, type MarketName } from './markets.ts';
import type { PropModel } from './model.ts';
import type { PropModelConfig } from './config.ts';
import type { FeatureProfile } from '../../metrics/psi.ts';

/** Tag of a prop-model artifact; `loadPropModel` refuses any other. */
export const PROP_MODEL_TAG = 'fairline.props.model';
/** 2: whole-unit continuity correction of P(over) for yards (distribution.wholeUnits) */
export const PROP_MODEL_VERSION = 2;

/** A type alias (not an interface) so it is assignable to JSON-record types such as a jsonb column's. */
export type PropModelArtifact = {
  tag: typeof PROP_MODEL_TAG;
  version: typeof PROP_MODEL_VERSION;
  market: MarketName;
  featureVersion: string;
  featureNames: string[];
  config: PropModelConfig;
  trainSeasons: number[];
  centre: GbdtArtifact[];
  distribution: ScaledResidual | null;
  calibration: IsotonicModel;
  oosRows: number;
  /** The training rows' feature deciles for drift monitoring (metrics/psi.ts); absent in artifacts filed before it. */
  featureProfile?: FeatureProfile;
};

/** A prop model as its versioned artifact (the centre GBDTs as their own artifacts), ready for JSON or jsonb. */
export function serializePropModel(m: PropModel): PropModelArtifact {
  return {
    tag: PROP_MODEL_TAG, version: PROP_MODEL_VERSION, market: m.market, featureVersion: m.featureVersion,
    featureNames: m.featureNames, config: m.config, trainSeasons: m.trainSeasons, centre: m.centre.map((g) => g.toJSON()),
    distribution: m.distribution, calibration: m.calibration, oosRows: m.oosRows,
    ...(m.featureProfile ? { featureProfile: m.featureProfile } : {}),
  };
}

/**
 * Reads a prop-model artifact (object or JSON text); throws on a wrong tag or version, an unknown market, or a
 * feature list that no longer matches the code's for that market's family (the model would read wrong columns).
 */
export function loadPropModel(json: string | object): PropModel {
  const a = (typeof json === 'string' ? JSON.parse(json) : json) as Partial<PropModelArtifact> | null;
  if (!a || a.tag !== PROP_MODEL_TAG) throw new Error(`props: not a ${PROP_MODEL_TAG} artifact (tag is ${JSON.stringify(a?.tag ?? null)})`);
  if (a.version !== PROP_MODEL_VERSION) throw new Error(`props: artifact version ${String(a.version)} is not supported (this build reads ${PROP_MODEL_VERSION})`);
  if (!a.market || !(a.market in MARKETS)) throw new Error(`props: unknown market ${String(a.market)}`);
  const family = MARKETS[a.market].family;
  if (a.featureVersion !== featureVersion(family) || JSON.stringify(a.featureNames) !== JSON.stringify(featureNames(family))) {
    throw new Error(`props: artifact features ${String(a.featureVersion)} do not match this build's ${featureVersion(family)}`);
  }
  if (a.distribution !== null && a.distribution?.tag !== SCALED_RESIDUAL_TAG) throw new Error('props: artifact distribution has an unknown tag');
  if (!a.calibration || !Array.isArray(a.centre) || a.centre.length === 0 || !a.config || !a.trainSeasons) throw new Error('props: artifact is missing centre, calibration, config or trainSeasons');
  return {
    market: a.market, featureVersion: a.featureVersion, featureNames: a.featureNames ?? [], config: a.config, trainSeasons: a.trainSeasons,
    centre: a.centre.map((g) => loadGbdt(g)), distribution: a.distribution, calibration: a.calibration, oosRows: a.oosRows ?? 0,
    ...(a.featureProfile ? { featureProfile: a.featureProfile } : {}),
  };
}
