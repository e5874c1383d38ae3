/**
 * Multi-class calibration by one-vs-rest isotonic regression, renormalised to sum to one (Zadrozny & Elkan
 * 2002, §4). For 1X2 the classes are home/draw/away; the API is generic over K classes.
 */
import { fitIsotonic, predictIsotonic, type IsotonicModel } from './isotonic.ts';

/** Tag of a serialised one-vs-rest isotonic model; `loadMulticlassIsotonic` rejects any other. */
export const MULTICLASS_ISOTONIC_TAG = 'fairline.calibration.isotonic-ovr';
/** Format version of a serialised one-vs-rest isotonic model. */
export const MULTICLASS_ISOTONIC_VERSION = 1;

export interface MulticlassIsotonicModel {
  classes: number;
  perClass: IsotonicModel[];
}

/** Fit from predicted probability vectors and observed class indices (0..K−1). */
export function fitMulticlassIsotonic(probs: readonly ArrayLike<number>[], outcomes: ArrayLike<number>): MulticlassIsotonicModel {
  const n = probs.length;
  if (n === 0) throw new RangeError('isotonic: empty input');
  if (outcomes.length !== n) throw new RangeError('isotonic: probs and outcomes must have the same length');
  const k = probs[0]!.length;
  if (k < 2) throw new RangeError('isotonic: need at least two classes');
  const perClass: IsotonicModel[] = [];
  for (let c = 0; c < k; c++) {
    const x = new Float64Array(n);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const o = outcomes[i]!;
      if (!Number.isInteger(o) || o < 0 || o >= k) throw new RangeError(`isotonic: outcome ${o} at index ${i} is not a class in 0..${k - 1}`);
      if (probs[i]!.length !== k) throw new RangeError(`isotonic: probability vector ${i} has ${probs[i]!.length} entries, expected ${k}`);
      x[i] = probs[i]![c]!;
      y[i] = o === c ? 1 : 0;
    }
    perClass.push(fitIsotonic(x, y));
  }
  return { classes: k, perClass };
}

/** Calibrated probability vector (renormalised; falls back to the input if every class maps to 0). */
export function predictMulticlassIsotonic(model: MulticlassIsotonicModel, p: ArrayLike<number>): number[] {
  if (p.length !== model.classes) throw new RangeError(`isotonic: expected ${model.classes} probabilities, got ${p.length}`);
  const out = model.perClass.map((m, c) => predictIsotonic(m, p[c]!));
  const s = out.reduce((a, b) => a + b, 0);
  if (!(s > 0)) return Array.from(p);
  return out.map((v) => v / s);
}

/** A one-vs-rest isotonic model as tagged, versioned JSON text. */
export function serializeMulticlassIsotonic(model: MulticlassIsotonicModel): string {
  return JSON.stringify({ tag: MULTICLASS_ISOTONIC_TAG, version: MULTICLASS_ISOTONIC_VERSION, model });
}

/** Reads `serializeMulticlassIsotonic`'s JSON (text or parsed); throws on a wrong tag, version or class count. */
export function loadMulticlassIsotonic(json: string | unknown): MulticlassIsotonicModel {
  const doc = (typeof json === 'string' ? JSON.parse(json) : json) as { tag?: unknown; version?: unknown; model?: MulticlassIsotonicModel } | null;
  if (!doc || doc.tag !== MULTICLASS_ISOTONIC_TAG) throw new Error(`isotonic: wrong model tag "${String(doc?.tag)}" (expected "${MULTICLASS_ISOTONIC_TAG}")`);
  if (doc.version !== MULTICLASS_ISOTONIC_VERSION) throw new Error(`isotonic: unsupported version ${String(doc.version)}`);
  const m = doc.model;
  if (!m || !Array.isArray(m.perClass) || m.perClass.length !== m.classes) throw new Error('isotonic: malformed multi-class model');
  return m;
}
