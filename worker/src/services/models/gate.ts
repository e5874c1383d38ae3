/**
 * The promotion gate and the operator's override. A retrained candidate goes live only when its walk-forward score on
 * the most recent matches is not worse than the active version's score on the same matches by more than the kind's
 * tolerance (gate-policy.ts); otherwise it stays a candidate and the refusal is audited. `promote` is the operator's
 * decision for the rest (a refused candidate they want anyway, a hand-trained one) and needs a reason. Every change is
 * audited in the transaction that makes it, and the database keeps one active version per kind and scope.
 */
import { activeModelVersion, lockModelScope, modelVersionMeta, setActiveVersion, serialId, type ModelKind, type ModelVersionMeta, type Tx } from '@fairline/db';
import { z } from 'zod';
import { notFound } from '../../lib/errors.ts';
import { appendAudit } from '../audit/index.ts';
import { GATE_POLICY } from './gate-policy.ts';
import { actorFor, parseInput, type RegistryActor, type RegistryCtx } from './registry.ts';

/** The scores the gate compares: the candidate's and the active version's on the same matches (null: nothing comparable is active). */
export interface GateScores {
  candidate: number;
  active: number | null;
  /** Why there is no active score (no active version, a demo model …), recorded with the decision. */
  activeNote?: string;
  /** Refuse whatever the scores (e.g. the active version changed while the candidate was trained), and why. */
  refuse?: string;
  /**
   * The active version's procedure is the candidate's, on the same data: the candidate cannot score worse, so a
   * missing score (a walk-forward that failed for both) does not refuse it.
   */
  sameProcedure?: boolean;
}

/** What the gate decided and on what figures. */
export interface GateDecision {
  pass: boolean;
  metric: string;
  candidate: number;
  active: number | null;
  tolerance: number;
  /** candidate − active (positive = the candidate is worse); null without an active score. */
  delta: number | null;
  note: string;
}

/**
 * The gate's rule for `kind`: pass when candidate − active ≤ tolerance, or when nothing comparable is active; a
 * candidate without a finite score passes only when no version is active at all.
 */
export function decideGate(kind: ModelKind, scores: GateScores): GateDecision {
  const { metric, tolerance } = GATE_POLICY[kind];
  if (scores.refuse) return { pass: false, metric, candidate: scores.candidate, active: scores.active, tolerance, delta: null, note: scores.refuse };
  const nothingActive = scores.active === null || !Number.isFinite(scores.active);
  if (!Number.isFinite(scores.candidate)) {
    // Without a score the candidate cannot show it is no worse; it goes live only where there is nothing to keep.
    if (nothingActive && scores.activeNote === 'no active version') {
      return { pass: true, metric, candidate: scores.candidate, active: null, tolerance, delta: null, note: 'the candidate has no backtest score, and no version is active' };
    }
    if (scores.sameProcedure) {
      return { pass: true, metric, candidate: scores.candidate, active: null, tolerance, delta: null, note: `no backtest score, the active version's procedure on the same data (${scores.activeNote ?? ''})` };
    }
    return { pass: false, metric, candidate: scores.candidate, active: scores.active, tolerance, delta: null, note: 'the candidate has no finite backtest score' };
  }
  const active = scores.active;
  if (active === null || !Number.isFinite(active)) {
    return { pass: true, metric, candidate: scores.candidate, active: null, tolerance, delta: null, note: scores.activeNote ?? 'no active version to compare with' };
  }
  const delta = scores.candidate - active;
  const pass = delta <= tolerance;
  return {
    pass, metric, candidate: scores.candidate, active, tolerance, delta,
    note: pass ? `within tolerance (${delta.toFixed(5)} ≤ ${tolerance})` : `worse than the active version by ${delta.toFixed(5)} > ${tolerance}`,
  };
}

/** The outcome of passing a candidate through the gate. */
export interface GateOutcome extends GateDecision {
  /** promoted: now active; refused: stays a candidate; unchanged: it was already the active version. */
  outcome: 'promoted' | 'refused' | 'unchanged';
  /** The version active before (null when none). */
  from: number | null;
}

/**
 * Passes filed version `v` through the gate inside the caller's transaction: promoted (the active one retired) and
 * audited `model.promote`, or left a candidate and audited `model.gate_refused`.
 */
export async function gateCandidateIn(tx: Tx, v: { id: number; kind: ModelKind; scope: string }, scores: GateScores, by: RegistryActor): Promise<GateOutcome> {
  await lockModelScope(tx, v.kind, v.scope);
  const before = await activeModelVersion(tx, v.kind, v.scope);
  const decision = decideGate(v.kind, scores);
  if (before?.id === v.id) return { ...decision, outcome: 'unchanged', from: before.id };
  // The audit log holds JSON: a missing score is null, never NaN.
  const num = (x: number | null) => (x !== null && Number.isFinite(x) ? x : null);
  const gate = { metric: decision.metric, candidateScore: num(decision.candidate), activeScore: num(decision.active), tolerance: decision.tolerance, delta: num(decision.delta), note: decision.note };
  if (!decision.pass) {
    await appendAudit(tx, { kind: 'model.gate_refused', actor: by.actor, subject: `model_version:${v.id}`, payload: { kind: v.kind, scope: v.scope, reason: decision.note, candidate: v.id, active: before?.id ?? null, ...gate } }, by.at);
    return { ...decision, outcome: 'refused', from: before?.id ?? null };
  }
  await setActiveVersion(tx, v);
  await appendAudit(tx, { kind: 'model.promote', actor: by.actor, subject: `model_version:${v.id}`, payload: { kind: v.kind, scope: v.scope, reason: `gate: ${decision.note}`, from: before?.id ?? null, gate } }, by.at);
  return { ...decision, outcome: 'promoted', from: before?.id ?? null };
}

/** Why an operator changes the registry by hand: 3–500 characters, kept in the audit log. */
export const reasonInput = z.string().trim().min(3, 'say why (at least 3 characters)').max(500);
/** Input of promote: `id`, the version to make active, and `reason`. */
export const promoteInput = z.object({ id: serialId, reason: reasonInput });

/**
 * Makes version `id` active whatever the gate said (the operator's call, e.g. a candidate the gate refused on a window
 * they judge unrepresentative), retiring the active one; audited `model.promote` with the reason. Already active: no
 * change, no entry.
 */
export async function promote({ ctx, input }: { ctx: RegistryCtx; input: z.input<typeof promoteInput> }): Promise<ModelVersionMeta> {
  const { id, reason } = parseInput(promoteInput, input);
  return ctx.db.transaction(async (tx) => {
    const v = await modelVersionMeta(tx, id);
    if (!v) throw notFound(`model version ${id}`);
    await lockModelScope(tx, v.kind, v.scope);
    const before = await activeModelVersion(tx, v.kind, v.scope);
    if (before?.id === id) return v;
    await setActiveVersion(tx, v);
    const by = actorFor(ctx);
    await appendAudit(tx, { kind: 'model.promote', actor: by.actor, subject: `model_version:${id}`, payload: { kind: v.kind, scope: v.scope, reason, from: before?.id ?? null, gate: null } }, by.at);
    return (await modelVersionMeta(tx, id))!;
  });
}
