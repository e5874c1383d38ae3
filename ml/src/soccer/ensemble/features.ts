/**
 * The ensemble's per-match features, all known before kickoff: the walk-forward Dixon–Coles forecast and its
 * time-decayed ratings (goals and shots on target), Elo, recent form, rest days, promoted flags and — for the
 * `ensemble` variant only — the market's margin-free pre-close probabilities.
 *
 * A `FeatureRow` always carries every feature (`FEATURE_NAMES` order); a variant picks its columns by name
 * (`featureNamesOf`), so one feature pass serves both variants.
 */
import { fairProbabilities1x2, type BacktestMatch, type PredictionContext } from '../backtest.ts';
import { rating } from '../dixon-coles.ts';
import type { ThreeWay } from '../markets.ts';
import type { TeamRating } from '../dixon-coles.ts';
import { eloExpected } from './elo.ts';
import type { ResultsState } from './state.ts';

/** 'model': no market input (what the value finder compares with the market); 'ensemble': market inputs too. */
export type EnsembleVariant = 'model' | 'ensemble';

/** Features that do not use the market, in row order. */
export const MODEL_FEATURES = [
  'dc_home', 'dc_draw', 'dc_away', 'dc_xg_home', 'dc_xg_away',
  'att_home', 'def_home', 'att_away', 'def_away',
  'sot_att_home', 'sot_def_home', 'sot_att_away', 'sot_def_away',
  'elo_diff', 'elo_expected',
  'form_pts_home', 'form_pts_away', 'form_gd_home', 'form_gd_away', 'form_sot_home', 'form_sot_away',
  'rest_home', 'rest_away', 'promoted_home', 'promoted_away', 'recent_home', 'recent_away',
] as const;

/** Market features (ensemble variant only): margin-free pre-close probabilities and their gap to the model. */
export const MARKET_FEATURES = ['mkt_home', 'mkt_draw', 'mkt_away', 'mkt_minus_dc_home', 'mkt_minus_dc_away'] as const;

/** Every feature a row carries, in order. */
export const FEATURE_NAMES: readonly string[] = [...MODEL_FEATURES, ...MARKET_FEATURES];

/** The feature names a variant uses. */
export function featureNamesOf(variant: EnsembleVariant): string[] {
  return variant === 'model' ? [...MODEL_FEATURES] : [...FEATURE_NAMES];
}

/** One match's features and the two baseline forecasts an offset can start from. */
export interface FeatureRow {
  day: number;
  home: string;
  away: string;
  /** Every feature in `FEATURE_NAMES` order (NaN = missing). */
  features: Float64Array;
  /** The Dixon–Coles (default blend) 1X2 forecast. */
  dc: [number, number, number];
  /** Margin-free pre-close probabilities, when the match had a valid pre-close price. */
  preClose: [number, number, number] | null;
  /** Margin-free closing probabilities (benchmark only, never a feature). */
  closing: [number, number, number] | null;
  /** 0 home win, 1 draw, 2 away win — absent for a fixture not yet played. */
  outcome?: number;
}

/** A fixture to build features for: teams, day and the pre-close price when known (decimal odds). */
export interface FeatureFixture {
  home: string;
  away: string;
  day: number;
  /** Pre-close decimal 1X2 odds (e.g. Pinnacle PSH/PSD/PSA); the margin is removed here. */
  price?: ThreeWay | null;
  /** Closing decimal odds, kept on the row for benchmarking only. */
  closing?: ThreeWay | null;
  homeGoals?: number;
  awayGoals?: number;
}

const NONE: TeamRating = { attack: NaN, defence: NaN };

/**
 * The feature row of one fixture from the walk-forward fit in force before its day and the results state
 * (which refuses to answer after a result of that day or later has been added).
 */
export function featureRow(fixture: FeatureFixture | BacktestMatch, fit: PredictionContext, state: ResultsState, newcomer: TeamRating): FeatureRow {
  const h = state.snapshot(fixture.home, fixture.day);
  const a = state.snapshot(fixture.away, fixture.day);
  const g = (team: string) => rating(fit.goals, team, newcomer);
  const s = (team: string) => (fit.shots ? rating(fit.shots, team, newcomer) : NONE);
  const gh = g(fixture.home), ga = g(fixture.away), sh = s(fixture.home), sa = s(fixture.away);
  const [ph, pd, pa] = fit.probs;
  const mkt = fairProbabilities1x2(fixture.price, 'multiplicative');
  const values = [
    ph, pd, pa, fit.rates.home, fit.rates.away,
    gh.attack, gh.defence, ga.attack, ga.defence,
    sh.attack, sh.defence, sa.attack, sa.defence,
    (h.elo - a.elo) / 100, eloExpected(h.elo, a.elo),
    h.formPoints, a.formPoints, h.formGoals, a.formGoals, h.formShots, a.formShots,
    h.restDays, a.restDays, h.promoted, a.promoted, h.recentMatches, a.recentMatches,
    mkt ? mkt[0] : NaN, mkt ? mkt[1] : NaN, mkt ? mkt[2] : NaN, mkt ? mkt[0] - ph : NaN, mkt ? mkt[2] - pa : NaN,
  ];
  const hg = fixture.homeGoals, ag = fixture.awayGoals;
  const played = hg != null && ag != null && Number.isInteger(hg) && Number.isInteger(ag);
  return {
    day: fixture.day,
    home: fixture.home,
    away: fixture.away,
    features: Float64Array.from(values),
    dc: [ph, pd, pa],
    preClose: mkt,
    closing: fairProbabilities1x2(fixture.closing, 'multiplicative'),
    ...(played ? { outcome: hg > ag ? 0 : hg === ag ? 1 : 2 } : {}),
  };
}
