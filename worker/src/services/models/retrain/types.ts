/**
 * The contract between the retraining loop (retrain.ts) and one model kind's trainer. A trainer reads the database,
 * fits a candidate with its walk-forward score on the latest data, and can score any earlier version's procedure
 * (its stored config) on the same matches — so the gate compares like with like.
 */
import type { ModelKind, ModelVersionMeta, NewModelVersion } from '@fairline/db';
import type { Ctx } from '../../../context.ts';

/** One registry slot a trainer covers (a competition, a prop market, the NFL), with what the trainer needs to load it. */
export interface TrainTarget {
  scope: string;
  /** Trainer-specific keys (e.g. the competition id). */
  ref: Record<string, number | string>;
}

/** A fitted candidate, not yet filed. */
export interface TrainedCandidate {
  /** What to file; `metrics` carries gateScore, gateN and gateWindowEnd. */
  version: NewModelVersion;
  /** The walk-forward score of the candidate on the latest matches (lower is better; GATE_POLICY names it). */
  score: number;
  /**
   * The walk-forward score of `active`'s procedure (its config) on the same matches, or a note saying why it cannot
   * be compared (a demo model, a config this trainer does not know).
   */
  scoreActive(active: ModelVersionMeta): Promise<number | { note: string; sameProcedure?: boolean }>;
  /** Rows written beside the version in its filing transaction (e.g. prop projections); optional. */
  afterFile?: (tx: import('@fairline/db').Tx, versionId: number) => Promise<void>;
}

/** Why a slot was not retrained. */
export interface TrainSkip {
  skip: 'unchanged' | 'too-few' | 'no-trainer';
  detail: string;
  /** For too-few: how many there were. */
  count?: number;
}

/** Overrides a caller may pass to a trainer (the CLI's and tests' way to try another configuration). */
export type TrainerOptions = { config?: Record<string, unknown> };

/** One kind's trainer. */
export interface KindTrainer {
  kind: ModelKind;
  /** The slots to retrain now. */
  targets(ctx: Ctx): Promise<TrainTarget[]>;
  /** Fit one slot from the database (or say why not). */
  train(ctx: Ctx, target: TrainTarget, options: TrainerOptions): Promise<TrainedCandidate | TrainSkip>;
}

/** True when a trainer declined. */
export const isSkip = (r: TrainedCandidate | TrainSkip): r is TrainSkip => 'skip' in r;
