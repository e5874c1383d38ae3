/**
 * The promotion gate's policy, in one place: per model kind, the walk-forward score a retrained candidate is judged by
 * (lower is better, on the most recent finished matches the database holds), how many of them, and how much worse
 * than the active version's score — on the same matches — a candidate may be and still go live.
 *
 * Why a tolerance at all: two versions scored on the same few hundred matches differ by noise; a gate with zero
 * tolerance would refuse routine refits by chance. Why these sizes: each is well under the edge the model exists to
 * find, so a candidate inside the tolerance gives away at most a small part of it.
 */
import type { ModelKind } from '@fairline/db';

/** How one kind is gated. */
export interface GatePolicy {
  /** The score compared (stored as `metrics.gateScore`; this names what it is). */
  metric: string;
  /** How much worse (absolute, in the metric's units) than the active version's score a candidate may be. */
  tolerance: number;
  /**
   * What the score covers. Soccer: exactly the latest `window` finished matches of the competition (at most a third of
   * those held). Game lines and props: the latest season held — `window` is its usual size (games; offered
   * player-games of a market), stated for reading, not enforced.
   */
  window: number;
  /** Why this tolerance. */
  why: string;
}

const SOCCER: GatePolicy = {
  metric: 'rps',
  tolerance: 0.0005,
  window: 200,
  why:
    'RPS of 1X2 over the latest 200 matches (about 0.20 for any sensible model). Dixon–Coles is within 1.006× of ' +
    'margin-free Pinnacle closing, a gap of ≈ 0.0012 RPS; letting a candidate lose more than ≈ 0.0005 would give away ' +
    'about half of what separates the model from the market, while paired noise between two close models on 200 ' +
    'matches is ≈ 0.0003.',
};

/** The gate of every model kind. */
export const GATE_POLICY: Record<ModelKind, GatePolicy> = {
  soccer_dixon_coles: SOCCER,
  soccer_model: SOCCER,
  soccer_ensemble: SOCCER,
  nfl_game_lines: {
    metric: 'sideLogLoss',
    tolerance: 0.002,
    window: 285,
    why:
      'Mean log loss (nats) of P(home covers) and P(over) at the closing lines, pushes out, over the latest season ' +
      '(≈ 285 games), fitted on the seasons before it. The market reference is ln 2 ≈ 0.693 and a useful model sits ' +
      'only a few thousandths below it, so 0.002 nats is the most a refit may lose.',
  },
  nfl_props: {
    metric: 'logLoss',
    tolerance: 0.003,
    window: 2000,
    why:
      'Log loss (nats) of calibrated P(over the baseline line) over the latest season’s offered player-games of the ' +
      'market, fitted on the seasons before it. Prop models beat the baseline by ≈ 0.01–0.03 nats; 0.003 keeps most ' +
      'of that, and sits above the seed-to-seed spread of the GBDT on a few thousand rows (≈ 0.001–0.002).',
  },
};
