/**
 * The active Dixon–Coles model of a competition, refitted only when its data changed. The data stamp (count
 * and latest update of finished matches) lives in the version's config, so a cron tick with no new results
 * reuses the stored artifact instead of fitting again. A new version becomes `active` and retires the previous
 * one in the same transaction.
 */
import { modelVersions } from '@fairline/db';
import { soccer } from '@fairline/ml';
import { and, desc, eq } from 'drizzle-orm';
import type { Ctx } from '../../context.ts';
import { SOCCER_MODEL } from './model.ts';

export const DC_KIND = 'dixon_coles';

export interface SoccerModelVersion {
  id: number;
  version: number;
  model: soccer.DixonColesModel;
  created: boolean;
}

export async function activeOrRefit(
  ctx: Pick<Ctx, 'db'>,
  scope: string,
  dataStamp: string,
  fit: () => soccer.DixonColesModel,
): Promise<SoccerModelVersion> {
  const [active] = await ctx.db
    .select()
    .from(modelVersions)
    .where(and(eq(modelVersions.kind, DC_KIND), eq(modelVersions.scope, scope), eq(modelVersions.status, 'active')))
    .orderBy(desc(modelVersions.version))
    .limit(1);
  const activeStamp = (active?.config as { dataStamp?: string } | undefined)?.dataStamp;
  if (active && activeStamp === dataStamp) {
    return { id: active.id, version: active.version, model: soccer.loadDixonColes(active.artifact), created: false };
  }
  const model = fit();
  const hp = SOCCER_MODEL;
  return ctx.db.transaction(async (tx) => {
    const [last] = await tx
      .select({ version: modelVersions.version })
      .from(modelVersions)
      .where(and(eq(modelVersions.kind, DC_KIND), eq(modelVersions.scope, scope)))
      .orderBy(desc(modelVersions.version))
      .limit(1);
    const version = (last?.version ?? 0) + 1;
    await tx
      .update(modelVersions)
      .set({ status: 'retired' })
      .where(and(eq(modelVersions.kind, DC_KIND), eq(modelVersions.scope, scope), eq(modelVersions.status, 'active')));
    const [row] = await tx
      .insert(modelVersions)
      .values({
        kind: DC_KIND,
        scope,
        version,
        status: 'active',
        config: { dataStamp, xi: hp.xi, windowDays: hp.windowDays, shrinkage: hp.shrinkage, newcomer: hp.newcomer },
        featureColumns: [],
        metrics: { matches: model.matches, negLogLikelihood: model.negLogLikelihood, iterations: model.iterations },
        artifact: JSON.parse(soccer.serializeDixonColes(model)),
      })
      .onConflictDoNothing()
      .returning({ id: modelVersions.id });
    if (!row) throw new Error(`model version ${scope} v${version} was written concurrently; the next tick retries`);
    return { id: row.id, version, model, created: true };
  });
}
