/**
 * Explanations of prop projections: a TreeSHAP explainer over a stored artifact's centre GBDTs (explain/index.ts —
 * the projected mean μ in the market's units, or P(yes) in logit for the binary anytime-TD market) and human labels
 * of the feature columns, derived from their systematic names (`<stat>_<window>`, features/*.ts) so a new column
 * gets a readable label without a table to keep in step.
 */
import { GbdtExplainer, type GbdtExplanation } from '../../explain/index.ts';
import { loadGbdt, type GbdtArtifact } from '../../gbdt/index.ts';

const STAT: Record<string, string> = {
  attempts: 'pass attempts', completions: 'completions', passing_yards: 'passing yards', passing_tds: 'passing TDs',
  interceptions: 'interceptions', sacks: 'sacks', passing_air_yards: 'air yards thrown', carries: 'carries',
  rushing_yards: 'rushing yards', rushing_tds: 'rushing TDs', targets: 'targets', receptions: 'receptions',
  receiving_yards: 'receiving yards', receiving_tds: 'receiving TDs', receiving_air_yards: 'air yards targeted',
  target_share: 'target share', air_yards_share: 'air-yards share',
};

const WINDOW: Record<string, string> = {
  prev1: 'last game', mean3: 'avg of last 3', mean8: 'avg of last 8', mean16: 'avg of last 16', ewma: 'recent-weighted avg',
  season: 'season avg', median8: 'median of last 8',
};

const NAMED: Record<string, string> = {
  games_played: 'career games (to 40)', season_games: 'games this season', week: 'week of season', postseason: 'playoff game',
  home: 'home game', team_spread: 'team spread', game_total: 'game total (points)', implied_team_total: 'implied team points',
  rest_days: 'rest days', opp_rest_days: 'opponent rest days', indoors: 'indoors', wind: 'wind (mph)', temp: 'temperature (°F)',
  yards_per_attempt8: 'yards per attempt, last 8', completion_rate8: 'completion rate, last 8', air_yards_per_attempt8: 'air yards per attempt, last 8',
  team_attempts: 'team pass attempts', team_passing_yards: 'team passing yards', team_carries: 'team carries', team_rushing_yards: 'team rushing yards',
  team_targets: 'team targets', opp_allowed_qb_passing_yards: 'opponent: QB passing yards allowed', opp_allowed_qb_attempts: 'opponent: QB attempts allowed',
  opp_allowed_qb_completions: 'opponent: QB completions allowed', opp_allowed_passing_tds: 'opponent: passing TDs allowed',
  opp_allowed_rb_rushing_yards: 'opponent: RB rushing yards allowed', opp_allowed_rb_carries: 'opponent: RB carries allowed',
  opp_allowed_rushing_tds: 'opponent: rushing TDs allowed', opp_allowed_position_receiving_yards: 'opponent: receiving yards allowed to the position',
  opp_allowed_position_receptions: 'opponent: receptions allowed to the position', attempt_share_8g: 'share of team attempts, last 8',
  expected_attempts: 'expected attempts', yards_per_attempt_eb: 'yards per attempt (shrunk)', expected_passing_yards: 'expected passing yards',
  target_share_3g: 'target share, last 3', target_share_8g: 'target share, last 8', expected_targets: 'expected targets',
  catch_rate_eb: 'catch rate (shrunk)', yards_per_target_eb: 'yards per target (shrunk)', expected_receptions: 'expected receptions',
  expected_receiving_yards: 'expected receiving yards', team_games_missed_since_last: 'team games missed since last played',
  team_games_missed_8: 'team games missed, last 8', spread_vs_last8: 'spread vs his last 8 games', implied_total_vs_last8: 'implied points vs his last 8 games',
  yards_per_carry8: 'yards per carry, last 8', carry_share3: 'share of team carries, last 3', position_code: 'position',
  catch_rate8: 'catch rate, last 8', yards_per_target8: 'yards per target, last 8', yards_per_reception8: 'yards per reception, last 8',
};

/** A readable label of a props feature column (the column name itself when it follows no known pattern). */
export function propFeatureLabel(name: string): string {
  const named = NAMED[name];
  if (named) return named;
  const m = /^(.*)_(prev1|mean3|mean8|mean16|ewma|season|median8)$/.exec(name);
  if (m && STAT[m[1]!]) return `${STAT[m[1]!]}, ${WINDOW[m[2]!]}`;
  return name.replace(/_/g, ' ');
}

/**
 * The explainer of a stored prop artifact: its centre GBDTs (`centre`, gbdt artifacts) under their mean, labelled
 * with `propFeatureLabel`. Reads only the centre (no distribution, calibration or feature version checks: pricing
 * reads those separately), and throws on an artifact without one.
 */
export function propExplainer(artifact: unknown, top = 5): GbdtExplainer {
  const centre = (artifact as { centre?: unknown } | null)?.centre;
  if (!Array.isArray(centre) || centre.length === 0) throw new Error('props: artifact has no centre trees to explain');
  return new GbdtExplainer(centre.map((g) => loadGbdt(g as GbdtArtifact)), { label: propFeatureLabel, top });
}

/** The explanation of a stored feature row (null = missing) under a prop explainer. */
export function explainPropRow(explainer: GbdtExplainer, features: ReadonlyArray<number | null>): GbdtExplanation {
  return explainer.explain(Float64Array.from(features, (x) => (x === null ? NaN : x)));
}
