/**
 * The competition's served Dixon–Coles version: the registry's active `soccer_dixon_coles` version of scope
 * `soccer:<code>`, refitted only when the competition's results changed. The data stamp (count and latest
 * update of finished matches) is stored in the version's config, so a tick or request with no new results
 * reuses the stored artifact instead of fitting again. A new fit goes through the promotion gate like the daily
 * retraining's (services/models/retrain/soccer-dc.ts: the same fit and walk-forward score): filed and promoted in one
 * transaction, or — refused — filed as a candidate while the active version keeps serving.
 */
import { activeModelVersion, soccerResultsStamp } from '@fairline/db';
import { soccer } from '@fairline/ml';
import type { Ctx } from '../../context.ts';
import { AppError } from '../../lib/errors.ts';
import { SYSTEM_ACTOR } from '../audit/index.ts';
import { isBroken, LoadedModels } from '../models/registry.ts';
import { fileAndGate } from '../models/retrain/retrain.ts';
import { trainSoccerDc } from '../models/retrain/soccer-dc.ts';
import { isSkip } from '../models/retrain/types.ts';
import { SOCCER_KIND, soccerScope } from './model.ts';

export { SOCCER_KIND, soccerScope };

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
 * the results as they stand, else a new fit on results strictly before `now` (as of the next day) filed and passed
 * through the gate (the active version when the gate refuses it). `tooFew` when the competition has fewer than
 * MIN_HISTORY results in the window.
 */
export function currentSoccerModel(
  ctx: Pick<Ctx, 'db' | 'read' | 'clock'>,
  competition: { id: number; code: string },
): Promise<SoccerModelVersion | { tooFew: number }> {
  // Single-flight per isolate: concurrent requests for one competition's model share one check and at most one fit
  // (across isolates, filing an artifact already on file returns that version instead of a second one).
  let pending = fitting.get(competition.id);
  if (!pending) {
    pending = currentSoccerModelNow(ctx, competition).finally(() => fitting.delete(competition.id));
    fitting.set(competition.id, pending);
  }
  return pending;
}

const fitting = new Map<number, Promise<SoccerModelVersion | { tooFew: number }>>();

async function currentSoccerModelNow(
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
  const trained = await trainSoccerDc({ read: ctx.db, clock: ctx.clock }, competition);
  if (isSkip(trained)) return { tooFew: trained.count ?? 0 };
  const { filed, gate } = await fileAndGate({ db: ctx.db, read: ctx.db }, trained, { actor: SYSTEM_ACTOR, at: now });
  if (gate.outcome === 'refused' && active) {
    return { id: active.id, version: active.version, model: await loadSoccerVersion({ read: ctx.db }, active.id), created: false };
  }
  return { id: filed.id, version: filed.version, model: soccer.loadDixonColes(trained.version.artifact), created: filed.created };
}
