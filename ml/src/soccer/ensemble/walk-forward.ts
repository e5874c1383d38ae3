/**
 * Feature rows for history and for upcoming fixtures, from the same Dixon–Coles fits the walk-forward backtest
 * makes (its `onPredict` hook) — one refit per match date serves the default model, the features and the
 * benchmark, never two.
 */
import { backtestSoccer, blendedRates, type BacktestMatch, type BacktestReport, type PredictionContext } from '../backtest.ts';
import { SOCCER_DEFAULTS, type SoccerHyperparameters } from '../defaults.ts';
import { predictRates, type DixonColesModel } from '../dixon-coles.ts';
import { matchOdds } from '../markets.ts';
import { scoreGrid } from '../score-grid.ts';
import { featureRow, type FeatureFixture, type FeatureRow } from './features.ts';
import { ResultsState, type StateOptions } from './state.ts';

/** Options of `walkForwardFeatures`. */
export interface WalkForwardFeatureOptions {
  /** Dixon–Coles hyperparameters (default: the tuned default model). */
  hp?: SoccerHyperparameters;
  /** Results-state options (Elo, form window, rest cap). */
  state?: StateOptions;
  onProgress?: (done: number, total: number) => void;
}

/**
 * Walk forward over `matches` (after `history`, which is only learned from): before each match date the
 * Dixon–Coles models are refitted on earlier matches and every match of that date gets its feature row; its
 * result is learned only after the whole date is done. Returns the rows (in the backtest's order) and the
 * default model's own backtest report on the same matches.
 */
export function walkForwardFeatures(
  history: readonly BacktestMatch[],
  matches: readonly BacktestMatch[],
  options: WalkForwardFeatureOptions = {},
): { rows: FeatureRow[]; report: BacktestReport } {
  const hp = options.hp ?? SOCCER_DEFAULTS;
  const state = new ResultsState(options.state);
  for (const m of [...history].sort((a, b) => a.day - b.day)) state.add(m);
  const rows: FeatureRow[] = [];
  let pending: BacktestMatch[] = [];
  const report = backtestSoccer(history, matches, {
    ...hp,
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    onPredict(m, fit) {
      // A new date: its predecessors' results are now history.
      if (pending.length > 0 && pending[0]!.day < m.day) {
        for (const p of pending) state.add(p);
        pending = [];
      }
      rows.push(featureRow(m, fit, state, hp.newcomer));
      pending.push(m);
    },
  });
  return { rows, report };
}

/**
 * Feature rows of upcoming fixtures for serving: the results state is built from `history` (finished matches,
 * only those before each fixture's day count — the state refuses otherwise), and the Dixon–Coles forecast comes
 * from the given fits (the active goal model and, when the default blend uses one, the shots model).
 */
export function featureRowsForFixtures(input: {
  history: readonly BacktestMatch[];
  fixtures: readonly FeatureFixture[];
  goals: DixonColesModel;
  shots?: DixonColesModel;
  hp?: SoccerHyperparameters;
  state?: StateOptions;
}): FeatureRow[] {
  const hp = input.hp ?? SOCCER_DEFAULTS;
  const first = Math.min(...input.fixtures.map((f) => f.day));
  const state = new ResultsState(input.state);
  for (const m of [...input.history].filter((m) => m.day < first).sort((a, b) => a.day - b.day)) state.add(m);
  return input.fixtures.map((f) => {
    const rates = input.shots && hp.shotsOnTargetWeight > 0
      ? blendedRates(input.goals, input.shots, hp.shotsOnTargetWeight, f, hp.newcomer)
      : predictRates(input.goals, f.home, f.away, { unknownTeam: hp.newcomer });
    const p = matchOdds(scoreGrid(rates, 15));
    const fit: PredictionContext = { goals: input.goals, shots: input.shots, rates, probs: [p.home, p.draw, p.away] };
    return featureRow(f, fit, state, hp.newcomer);
  });
}
