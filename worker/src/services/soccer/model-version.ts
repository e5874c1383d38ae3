/**
 * The competition's served Dixon–Coles version: the registry's active `soccer_dixon_coles` version of scope
 * `soccer:<code>`, refitted only when the competition's results changed. The data stamp (count and latest
 * update of finished matches) is stored in the version's config, so a tick or request with no new results
 * reuses the stored artifact instead of fitting again. A new fit is filed and activated in one transaction.
 */
import { activeModelVersion, mergeModelConfig, soccerResultsStamp } from '@fairline/db';
import { soccer } from '@fairline/ml';
import type { Ctx } from '../../context.ts';
import { AppError } from '../../lib/errors.ts';
import { activateIn, fileCandidateIn, isBroken, LoadedModels } from '../models/registry.ts';
import { dayOf, fitSoccerModel, MIN_HISTORY, soccerHistory, SOCCER_MODEL } from './model.ts';

/** The registry kind of soccer models. */
export const SOCCER_KIND = 'soccer_dixon_coles' as const;

/** The registry scope of a competition's model. */
export const soccerScope = (competitionCode: string) => `soccer:${competitionCode}`;

/** A stored soccer model version, loaded. */
export interface SoccerModelVersion {
  id: number;
  version: number;
  model: soccer.DixonColesModel;
  /** True when this call fitted and filed it. */
  created: boolean;
}

const loaded = new LoadedModels((artifact) => soccer.loadDixonColes(artifact as object));

/** Version `id` loaded (cached per isolate); UNAVAILABLE when its artifact does not load. */
export async function loadSoccerVersion(ctx: Pick<Ctx, 'read'>, id: number): Promise<soccer.DixonColesModel> {
  const m = await loaded.get(ctx.read, id);
  if (isBroken(m)) throw new AppError('UNAVAILABLE', `soccer model version ${id} cannot be loaded: ${m.broken}`);
  return m;
}

/**
 * The model to predict a competition's upcoming fixtures with at `now`: the active version when it was fitted on
 * the results as they stand, else a new fit on results strictly before `now` (as of the next day) filed and made
 * active. Null when the competition has fewer than MIN_HISTORY results in the window.
 */
export async function currentSoccerModel(
  ctx: Pick<Ctx, 'db' | 'read' | 'clock'>,
  competition: { id: number; code: string },
): Promise<SoccerModelVersion | { tooFew: number }> {
  const now = ctx.clock();
  const scope = soccerScope(competition.code);
  const dataStamp = await soccerResultsStamp(ctx.db, competition.id, now);
  const active = await activeModelVersion(ctx.db, SOCCER_KIND, scope);
  if (active && active.config.dataStamp === dataStamp) {
    return { id: active.id, version: active.version, model: await loadSoccerVersion({ read: ctx.db }, active.id), created: false };
  }
  const history = await soccerHistory(ctx.db, competition.id, now);
  if (history.length < MIN_HISTORY) return { tooFew: history.length };
  const model = fitSoccerModel(history, dayOf(now) + 1);
  const hp = SOCCER_MODEL;
  return ctx.db.transaction(async (tx) => {
    const v = await fileCandidateIn(tx, {
      kind: SOCCER_KIND,
      scope,
      config: { dataStamp, xi: hp.xi, windowDays: hp.windowDays, shrinkage: hp.shrinkage, newcomer: hp.newcomer },
      featureColumns: [],
      metrics: { matches: model.matches, negLogLikelihood: model.negLogLikelihood, iterations: model.iterations },
      artifact: JSON.parse(soccer.serializeDixonColes(model)),
    });
    // A refit identical to a version on file reuses it: record the data it now stands for.
    if (!v.created) await mergeModelConfig(tx, v.id, { dataStamp });
    await activateIn(tx, { id: v.id, kind: SOCCER_KIND, scope });
    return { id: v.id, version: v.version, model, created: v.created };
  });
}
