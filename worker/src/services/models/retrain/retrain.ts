/**
 * Retraining from the database, every kind: for each trainer (trainers.ts) and each of its slots, fit a candidate
 * with its walk-forward score on the latest matches, score the active version's procedure on the same matches,
 * then file the candidate and pass it through the gate in one transaction (gate.ts). The daily cron, the CLI
 * (`fairline train retrain`) and `admin.models.retrain` call this verb. CPU per slot is measured where the runtime
 * has a CPU clock (Node), so each run reports what it cost against a Worker invocation's budget.
 */
import { activeModelVersion, mergeModelConfig, MODEL_KINDS, type ModelKind } from '@fairline/db';
import { z } from 'zod';
import type { Ctx } from '../../../context.ts';
import { measureCpu } from '../../../lib/cpu-time.ts';
import { SYSTEM_ACTOR } from '../../audit/index.ts';
import type { Principal } from '../../auth/principal.ts';
import { gateCandidateIn, type GateDecision, type GateOutcome, type GateScores } from '../gate.ts';
import { actorFor, fileCandidateIn, parseInput, type FiledVersion, type RegistryActor } from '../registry.ts';
import { TRAINERS } from './trainers.ts';
import { isSkip, type KindTrainer, type TrainedCandidate, type TrainerOptions } from './types.ts';

/** What happened to one slot. */
export interface RetrainRun {
  kind: ModelKind;
  scope: string;
  /** failed: the slot's training threw (logged; the other slots still run). */
  outcome: 'promoted' | 'refused' | 'unchanged' | 'too-few' | 'no-trainer' | 'failed';
  detail: string;
  versionId: number | null;
  version: number | null;
  gate: Pick<GateDecision, 'metric' | 'candidate' | 'active' | 'tolerance' | 'delta' | 'note'> | null;
  /** CPU milliseconds of the slot's load + fit + backtest + file + gate (null where the runtime has no CPU clock). */
  cpuMs: number | null;
}

/** What a retraining pass did, slot by slot. */
export interface RetrainReport {
  runs: RetrainRun[];
}

/**
 * Input of retrainModels: `kinds`, the model kinds to retrain (default every kind); `scopes`, only these slots
 * (e.g. `soccer:E0`); `config`, per-kind overrides of the trainers' configurations (tests and the CLI).
 */
export const retrainInput = z.object({
  kinds: z.array(z.enum(MODEL_KINDS)).min(1).optional(),
  scopes: z.array(z.string().min(1).max(64)).min(1).max(100).optional(),
  config: z.partialRecord(z.enum(MODEL_KINDS), z.record(z.string(), z.unknown())).optional(),
});

/** Retrains every kind (or those asked for) from the database and gates each candidate; never throws for one slot. */
export async function retrainModels({ ctx, input = {}, principal }: { ctx: Ctx; input?: z.input<typeof retrainInput>; principal?: Principal }): Promise<RetrainReport> {
  const { kinds, scopes, config } = parseInput(retrainInput, input);
  const runs: RetrainRun[] = [];
  for (const trainer of TRAINERS) {
    if (kinds && !kinds.includes(trainer.kind)) continue;
    const targets = (await trainer.targets(ctx)).filter((t) => !scopes || scopes.includes(t.scope));
    for (const target of targets) {
      const { value, cpuMs } = await measureCpu(() =>
        retrainOne(ctx, trainer, target, { config: config?.[trainer.kind] }, principal).catch((err: unknown) => {
          ctx.logger.error('model retrain failed', { kind: trainer.kind, scope: target.scope, error: err instanceof Error ? err.message : String(err) });
          return { kind: trainer.kind, scope: target.scope, outcome: 'failed' as const, detail: err instanceof Error ? err.message : String(err), versionId: null, version: null, gate: null };
        }),
      );
      runs.push({ ...value, cpuMs });
      ctx.logger.info('model retrain', { kind: trainer.kind, scope: target.scope, outcome: value.outcome, version: value.version, cpuMs, delta: value.gate?.delta ?? null });
    }
  }
  return { runs };
}

async function retrainOne(ctx: Ctx, trainer: KindTrainer, target: Parameters<KindTrainer['train']>[1], options: TrainerOptions, principal?: Principal): Promise<Omit<RetrainRun, 'cpuMs'>> {
  const trained = await trainer.train(ctx, target, options);
  if (isSkip(trained)) return { kind: trainer.kind, scope: target.scope, versionId: null, version: null, gate: null, outcome: trained.skip, detail: trained.detail };
  const by = principal ? actorFor({ db: ctx.db, principal, clock: ctx.clock }) : { actor: SYSTEM_ACTOR, at: ctx.clock() };
  const r = await fileAndGate(ctx, trained, by);
  return { kind: trainer.kind, scope: target.scope, outcome: r.gate.outcome, detail: r.gate.note, versionId: r.filed.id, version: r.filed.version, gate: pickGate(r.gate) };
}

const pickGate = (g: GateDecision): RetrainRun['gate'] => ({ metric: g.metric, candidate: g.candidate, active: g.active, tolerance: g.tolerance, delta: g.delta, note: g.note });

/**
 * Files a trained candidate and passes it through the gate in one transaction. The active version's score is computed
 * before the transaction (scoring can take seconds; the scope's lock is held only for the writes); if another version
 * became active meanwhile, the candidate is refused rather than compared with a stale score.
 */
export async function fileAndGate(ctx: { db: Ctx['db']; read: Ctx['read'] }, trained: TrainedCandidate, by: RegistryActor): Promise<{ filed: FiledVersion; gate: GateOutcome }> {
  const { kind, scope } = trained.version;
  const active = await activeModelVersion(ctx.read, kind, scope);
  const activeScore = active ? await trained.scoreActive(active) : { note: 'no active version' };
  return ctx.db.transaction(async (tx) => {
    const filed = await fileCandidateIn(tx, trained.version, by);
    if (filed.created && trained.afterFile) await trained.afterFile(tx, filed.id);
    // A refit identical to a version on file reuses it: record the data it now stands for (the next run's no-op check).
    const dataStamp = trained.version.config.dataStamp;
    if (!filed.created && typeof dataStamp === 'string') await mergeModelConfig(tx, filed.id, { dataStamp });
    const nowActive = await activeModelVersion(tx, kind, scope);
    const stale = nowActive?.id !== filed.id && (nowActive?.id ?? null) !== (active?.id ?? null);
    const scores: GateScores = stale
      ? { candidate: trained.score, active: null, refuse: 'the active version changed during the run' }
      : typeof activeScore === 'number'
        ? { candidate: trained.score, active: activeScore }
        : { candidate: trained.score, active: null, activeNote: activeScore.note, sameProcedure: activeScore.sameProcedure === true };
    const gate = await gateCandidateIn(tx, { id: filed.id, kind, scope }, scores, by);
    return { filed, gate };
  });
}
