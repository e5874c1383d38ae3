/**
 * Versioned JSON for Dixon–Coles models. The loader checks the tag and version and every field's type, so a
 * file written by something else (or by a future, incompatible version) fails loudly instead of predicting
 * nonsense.
 */
import type { DixonColesModel } from './dixon-coles.ts';

/** Tag of a serialised Dixon–Coles model; `loadDixonColes` refuses any other. */
export const DIXON_COLES_TAG = 'fairline.soccer.dixon-coles';
/** Format version of a serialised Dixon–Coles model. */
export const DIXON_COLES_VERSION = 1;

export interface DixonColesJson {
  tag: typeof DIXON_COLES_TAG;
  version: typeof DIXON_COLES_VERSION;
  model: DixonColesModel;
}

/** A fitted Dixon–Coles model as tagged, versioned JSON text (every parameter at full precision). */
export function serializeDixonColes(model: DixonColesModel): string {
  const doc: DixonColesJson = { tag: DIXON_COLES_TAG, version: DIXON_COLES_VERSION, model };
  return JSON.stringify(doc);
}

/** Reads `serializeDixonColes`' JSON (text or parsed), checking the tag, the version and every field's type. */
export function loadDixonColes(json: string | unknown): DixonColesModel {
  const doc = (typeof json === 'string' ? JSON.parse(json) : json) as Partial<DixonColesJson> | null;
  if (!doc || typeof doc !== 'object') throw new Error('Dixon-Coles: model JSON must be an object');
  if (doc.tag !== DIXON_COLES_TAG) throw new Error(`Dixon-Coles: wrong model tag "${String(doc.tag)}" (expected "${DIXON_COLES_TAG}")`);
  if (doc.version !== DIXON_COLES_VERSION)
    throw new Error(`Dixon-Coles: unsupported model version ${String(doc.version)} (this build reads version ${DIXON_COLES_VERSION})`);
  const m = doc.model as DixonColesModel | undefined;
  if (!m || !Array.isArray(m.teams) || !Array.isArray(m.attack) || !Array.isArray(m.defence))
    throw new Error('Dixon-Coles: model JSON lacks teams/attack/defence arrays');
  if (m.attack.length !== m.teams.length || m.defence.length !== m.teams.length)
    throw new Error('Dixon-Coles: attack/defence length does not match teams');
  for (const k of ['intercept', 'homeAdvantage', 'rho', 'xi'] as const)
    if (typeof m[k] !== 'number' || !Number.isFinite(m[k])) throw new Error(`Dixon-Coles: model field ${k} must be a finite number`);
  if (![...m.attack, ...m.defence].every((v) => typeof v === 'number' && Number.isFinite(v)))
    throw new Error('Dixon-Coles: ratings must be finite numbers');
  return m;
}
