/**
 * The pricing half of stored prop models: for each model version, the predictive law and the P(over)
 * calibration from its artifact (read with jsonb paths, so the trees never leave Postgres). Artifacts are
 * immutable once stored, so a parsed version is kept for the isolate's lifetime.
 */
import { modelVersions, type Db } from '@fairline/db';
import type { LinePricingModel } from '@fairline/ml/props/price';
import { inArray, sql } from 'drizzle-orm';
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

const cache = new Map<number, LinePricingModel>();
const MAX_CACHED = 256;

/** Pricing parts of the given model versions; a version whose artifact lacks them is an error (corrupt row). */
export async function pricingModels(db: Db, ids: readonly number[]): Promise<Map<number, LinePricingModel>> {
  const out = new Map<number, LinePricingModel>();
  const missing = [...new Set(ids)].filter((id) => {
    const hit = cache.get(id);
    if (hit) out.set(id, hit);
    return !hit;
  });
  if (missing.length === 0) return out;
  const rows = await db
    .select({
      id: modelVersions.id,
      distribution: sql<unknown>`${modelVersions.artifact} -> 'distribution'`,
      calibration: sql<unknown>`${modelVersions.artifact} -> 'calibration'`,
    })
    .from(modelVersions)
    .where(inArray(modelVersions.id, missing));
  for (const r of rows) {
    const parsed = pricingParts.safeParse({ distribution: r.distribution, calibration: r.calibration });
    if (!parsed.success) throw new Error(`model version ${r.id}: artifact has no usable distribution/calibration (${parsed.error.issues[0]?.message})`);
    if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
    cache.set(r.id, parsed.data);
    out.set(r.id, parsed.data);
  }
  return out;
}
