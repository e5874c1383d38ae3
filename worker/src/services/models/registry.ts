/**
 * The one model registry. Every trained model — soccer Dixon–Coles, NFL game lines, NFL prop models — is filed
 * here as a candidate, made active (at most one per kind and scope: a partial unique index in Postgres), retired
 * or rolled back, and served from its active version. Verbs take `{ ctx, input }`; the `…In(tx, …)` forms join a
 * caller's transaction (a training run files its model and projections atomically).
 */
import { LRUCache } from 'lru-cache';
import {
  activeModelVersion, insertCandidate, listModelVersions, lockModelScope, MODEL_KINDS, modelArtifact, modelVersionMeta, previouslyActiveVersion,
  retireVersion, serialId, setActiveVersion, versionWithArtifact, type ModelKind, type ModelVersionMeta, type NewModelVersion, type Tx,
} from '@fairline/db';
import { z } from 'zod';
import type { Ctx } from '../../context.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import { actorOf, appendAudit, CLI_ACTOR, SYSTEM_ACTOR } from '../audit/index.ts';
import type { Principal } from '../auth/principal.ts';

export type { ModelKind, ModelVersionMeta };

/** A filed version: its id and number, and whether this call created it (false: the same artifact was on file). */
export interface FiledVersion {
  id: number;
  version: number;
  created: boolean;
}

/**
 * Files `v` as a candidate under the next version number of its kind+scope — or, when an identical artifact is
 * already on file there, returns that version (filing is idempotent). Serialised per kind+scope by an advisory lock.
 * A new version is audited (`model.file`) in the caller's transaction, by `by` (the system unless named).
 */
export async function fileCandidateIn(tx: Tx, v: NewModelVersion, by: RegistryActor = { actor: SYSTEM_ACTOR, at: new Date() }): Promise<FiledVersion> {
  await lockModelScope(tx, v.kind, v.scope);
  const same = await versionWithArtifact(tx, v.kind, v.scope, v.artifact);
  if (same) return { ...same, created: false };
  const filed = await insertCandidate(tx, v);
  await appendAudit(tx, { kind: 'model.file', actor: by.actor, subject: `model_version:${filed.id}`, payload: { kind: v.kind, scope: v.scope, version: filed.version } }, by.at);
  return { ...filed, created: true };
}

/** Who changes the registry, for its audit entries: an actor (audit/actor.ts) and the time. */
export interface RegistryActor {
  actor: string;
  at: Date;
}

/**
 * Makes a filed version the active one of its kind+scope, retiring the one active before (same transaction). A change
 * of the active version is audited (`model.activate`) in that transaction — by `by`, the system (a cron's refit) unless
 * named.
 */
export async function activateIn(tx: Tx, v: { id: number; kind: ModelKind; scope: string }, by: RegistryActor = { actor: SYSTEM_ACTOR, at: new Date() }): Promise<void> {
  await lockModelScope(tx, v.kind, v.scope);
  const before = await activeModelVersion(tx, v.kind, v.scope);
  await setActiveVersion(tx, v);
  if (before?.id !== v.id) {
    await appendAudit(tx, { kind: 'model.activate', actor: by.actor, subject: `model_version:${v.id}`, payload: { kind: v.kind, scope: v.scope, retired: before?.id ?? null } }, by.at);
  }
}

/** The context of the registry's operator verbs: the caller's principal when there is one (tRPC); none is the Node CLI. */
export type RegistryCtx = Pick<Ctx, 'db'> & { principal?: Principal; clock?: () => Date };

/** Who acts through `ctx`: its principal, or the CLI when there is none; at the context's clock. */
export const actorFor = (ctx: RegistryCtx): RegistryActor => ({ actor: ctx.principal ? actorOf(ctx.principal) : CLI_ACTOR, at: ctx.clock?.() ?? new Date() });

/** Input of activate and retire: `id`, a model version's serial id (a positive 32-bit integer); `reason`, optional (3–500 characters, audited). */
export const modelVersionIdInput = z.object({ id: serialId, reason: z.string().trim().min(3).max(500).optional() });
/**
 * Input naming one registry slot: `kind`, a model kind (db's MODEL_KINDS), and `scope`, 1–64 characters (`nfl` for
 * game lines, `nfl:<market>` for a prop market, `soccer:<code>` for a soccer competition).
 */
export const modelScopeInput = z.object({ kind: z.enum(MODEL_KINDS), scope: z.string().min(1).max(64) });
/**
 * Input of listVersions: optional `kind` and `scope` (1–64 characters) filters, and `limit`, 1–500 versions (default
 * 100).
 */
export const listModelVersionsInput = z.object({
  kind: z.enum(MODEL_KINDS).optional(),
  scope: z.string().min(1).max(64).optional(),
  limit: z.number().int().min(1).max(500).default(100),
});

/** `input` parsed by `schema`, or BAD_REQUEST naming each problem (verbs are called by the CLI and crons too, not only tRPC). */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const r = schema.safeParse(input);
  if (!r.success) throw new AppError('BAD_REQUEST', `invalid input: ${r.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; ')}`);
  return r.data;
}

/** Makes version `id` active (retiring the current active version of its kind+scope); returns it as now stored. Audited. */
export async function activate({ ctx, input }: { ctx: RegistryCtx; input: z.input<typeof modelVersionIdInput> }): Promise<ModelVersionMeta> {
  const { id } = parseInput(modelVersionIdInput, input);
  return ctx.db.transaction(async (tx) => {
    const v = await modelVersionMeta(tx, id);
    if (!v) throw notFound(`model version ${id}`);
    await activateIn(tx, v, actorFor(ctx));
    return (await modelVersionMeta(tx, id))!;
  });
}

/**
 * Retires version `id` (an active one leaves its kind+scope without an active version until one is activated). A change
 * of status is audited (`model.retire`).
 */
export async function retire({ ctx, input }: { ctx: RegistryCtx; input: z.input<typeof modelVersionIdInput> }): Promise<ModelVersionMeta> {
  const { id, reason } = parseInput(modelVersionIdInput, input);
  return ctx.db.transaction(async (tx) => {
    const v = await modelVersionMeta(tx, id);
    if (!v) throw notFound(`model version ${id}`);
    await lockModelScope(tx, v.kind, v.scope);
    await retireVersion(tx, id);
    if (v.status !== 'retired') {
      const by = actorFor(ctx);
      await appendAudit(tx, { kind: 'model.retire', actor: by.actor, subject: `model_version:${id}`, payload: { kind: v.kind, scope: v.scope, was: v.status, reason: reason ?? null } }, by.at);
    }
    return (await modelVersionMeta(tx, id))!;
  });
}

/** Input of rollback: the registry slot (`kind`, `scope`) and `reason`, why (3–500 characters, kept in the audit log). */
export const rollbackInput = modelScopeInput.extend({ reason: z.string().trim().min(3, 'say why (at least 3 characters)').max(500) });

/**
 * Returns kind+scope to the version that was active before the current one: the current one is retired and the
 * most recently active retired version becomes active again. CONFLICT when there is nothing to return to. Audited
 * (`model.rollback`, with the reason).
 */
export async function rollback({ ctx, input }: { ctx: RegistryCtx; input: z.input<typeof rollbackInput> }): Promise<ModelVersionMeta> {
  const { kind, scope, reason } = parseInput(rollbackInput, input);
  return ctx.db.transaction(async (tx) => {
    await lockModelScope(tx, kind, scope);
    const previous = await previouslyActiveVersion(tx, kind, scope);
    if (!previous) throw new AppError('CONFLICT', `no earlier active ${kind} version of ${scope} to roll back to`);
    const current = await activeModelVersion(tx, kind, scope);
    await setActiveVersion(tx, previous);
    const by = actorFor(ctx);
    await appendAudit(tx, { kind: 'model.rollback', actor: by.actor, subject: `model_version:${previous.id}`, payload: { kind, scope, reason, from: current?.id ?? null, to: previous.id } }, by.at);
    return (await modelVersionMeta(tx, previous.id))!;
  });
}

/** The active version of kind+scope, or null when none is active. */
export async function resolveActive({ ctx, input }: { ctx: Pick<Ctx, 'read'>; input: z.input<typeof modelScopeInput> }): Promise<ModelVersionMeta | null> {
  const { kind, scope } = parseInput(modelScopeInput, input);
  return activeModelVersion(ctx.read, kind, scope);
}

/** Versions (metadata only) for operators, newest first. */
export async function listVersions({ ctx, input }: { ctx: Pick<Ctx, 'read'>; input: z.input<typeof listModelVersionsInput> }): Promise<ModelVersionMeta[]> {
  return listModelVersions(ctx.read, parseInput(listModelVersionsInput, input));
}

/**
 * A version's artifact turned into a model by `load`, kept for the isolate's lifetime (artifacts are immutable
 * once filed). A failed load is remembered too, as its message, so a broken version costs one read, not one per
 * request. Single-flight: concurrent first requests for a version share one read and one load (the promise is
 * what is kept), so a cold isolate under load loads a GBDT once, not once per request; a failed read (the database,
 * not the artifact) is forgotten so the next request tries again. Bounded: the least recently used entry goes first.
 */
export class LoadedModels<M> {
  private readonly cache: LRUCache<number, Promise<M | { broken: string }>>;
  /** How many artifacts were read and loaded (tests of the single-flight). */
  loads = 0;
  constructor(
    private readonly load: (artifact: unknown) => M,
    max = 64,
  ) {
    this.cache = new LRUCache({ max });
  }

  /** The model of version `id`, or `{ broken }` with why it cannot be used. */
  get(db: Ctx['read'], id: number): Promise<M | { broken: string }> {
    const hit = this.cache.get(id);
    if (hit !== undefined) return hit;
    const entry = this.read(db, id);
    this.cache.set(id, entry);
    entry.catch(() => {
      if (this.cache.get(id) === entry) this.cache.delete(id);
    });
    return entry;
  }

  private async read(db: Ctx['read'], id: number): Promise<M | { broken: string }> {
    this.loads++;
    const artifact = await modelArtifact(db, id);
    try {
      if (artifact === null) throw new Error(`model version ${id} not found`);
      return this.load(artifact);
    } catch (err) {
      return { broken: err instanceof Error ? err.message : String(err) };
    }
  }
}

/** True when a LoadedModels entry is a failed load. */
export const isBroken = <M>(m: M | { broken: string }): m is { broken: string } =>
  typeof m === 'object' && m !== null && 'broken' in m && Object.keys(m).length === 1;
