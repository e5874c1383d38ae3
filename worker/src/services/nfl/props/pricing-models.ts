/**
 * The pricing half of stored prop models: for each model version, the predictive law and the P(over)
 * calibration from its artifact (read with jsonb paths, so the trees never leave Postgres). Artifacts are
 * immutable once stored, so a parsed version is kept for the isolate's lifetime.
 */
import { LRUCache } from 'lru-cache';
import { propPricingParts, type Db } from '@fairline/db';
import { MARKETS } from '@fairline/ml/nfl/props/index';
import type { LinePricingModel } from '@fairline/ml/nfl/props/price';
import { z } from 'zod';

const scaledResidual = z.object({
  tag: z.literal('fairline.props.scaled-residual'),
  a: z.number().finite(),
  b: z.number().finite(),
  quantiles: z.array(z.number().finite()).min(2),
  discrete: z.boolean(),
  wholeUnits: z.boolean(),
});
const isotonic = z
  .object({ x: z.array(z.number().finite()).min(1), y: z.array(z.number().finite()).min(1) })
  .refine((m) => m.x.length === m.y.length, 'calibration knots x and y differ in length');
const pricingParts = z.object({ distribution: scaledResidual.nullable(), calibration: isotonic });

/** The registry kind of prop models; one scope per market. */
export const PROPS_KIND = 'nfl_props' as const;
/** The registry scope of a market's prop model. */
export const propsScope = (market: string) => `nfl:${market}`;

/** Pricing parts by version id (immutable once filed), 256 at most. */
const cache = new LRUCache<number, LinePricingModel>({ max: 256 });

export interface PricingModels {
  models: Map<number, LinePricingModel>;
  /** Versions whose artifact cannot price (corrupt or foreign): id → why. Callers leave them out. */
  broken: Map<number, string>;
}

/** Pricing parts of the given model versions. */
export async function pricingModels(db: Db, ids: readonly number[]): Promise<PricingModels> {
  const out: PricingModels = { models: new Map(), broken: new Map() };
  const missing = [...new Set(ids)].filter((id) => {
    const hit = cache.get(id);
    if (hit) out.models.set(id, hit);
    return !hit;
  });
  if (missing.length === 0) return out;
  const rows = await propPricingParts(db, missing);
  for (const r of rows) {
    const problem = check(r);
    if (typeof problem === 'string') {
      out.broken.set(r.id, problem);
      continue;
    }
    cache.set(r.id, problem);
    out.models.set(r.id, problem);
  }
  for (const id of missing) if (!out.models.has(id) && !out.broken.has(id)) out.broken.set(id, 'model version not found');
  return out;
}

/** The pricing parts, or why there are none: a yes/no market has no law, every other market must have one. */
function check(r: { id: number; market: string | null; hasDistribution: boolean; distribution: unknown; calibration: unknown }): LinePricingModel | string {
  const spec = r.market ? (MARKETS as Record<string, { kind: string }>)[r.market] : undefined;
  if (!spec) return `model version ${r.id}: artifact names no known market`;
  if (!r.hasDistribution) return `model version ${r.id}: artifact has no distribution`;
  const parsed = pricingParts.safeParse({ distribution: r.distribution, calibration: r.calibration });
  if (!parsed.success) return `model version ${r.id}: unusable distribution/calibration (${parsed.error.issues[0]?.message})`;
  if ((parsed.data.distribution === null) !== (spec.kind === 'binary')) {
    return `model version ${r.id}: a ${spec.kind} market ${parsed.data.distribution === null ? 'without' : 'with'} a predictive law`;
  }
  return parsed.data;
}
