// Calibration: isotonic regression (binary and one-vs-rest multi-class).
export {
  fitIsotonic,
  predictIsotonic,
  serializeIsotonic,
  loadIsotonic,
  ISOTONIC_TAG,
  ISOTONIC_VERSION,
  type IsotonicModel,
} from './isotonic.ts';
export {
  fitMulticlassIsotonic,
  predictMulticlassIsotonic,
  serializeMulticlassIsotonic,
  loadMulticlassIsotonic,
  MULTICLASS_ISOTONIC_TAG,
  type MulticlassIsotonicModel,
} from './multiclass.ts';
