/**
 * Words for the models page: what each model kind is, a scope in plain words, metric names, and what a registry
 * change was. Types come from the API (`models.overview`), so a kind added to the registry shows up here as a type
 * error until it has a name.
 */
import { PROP_MARKET_LABEL } from '../../lib/format.ts';
import type { api } from '../../lib/trpc.ts';

/** The models page's data (`models.overview`). */
export type Overview = Awaited<ReturnType<typeof api.models.overview.query>>;
/** One model kind and its scopes. */
export type KindOverview = Overview['kinds'][number];
/** One registry slot: a kind's scope. */
export type ScopeOverview = KindOverview['scopes'][number];
/** One version as the page shows it. */
export type PublicVersion = ScopeOverview['versions'][number];
/** One registry change. */
export type RegistryChange = Overview['history'][number];
/** A model kind. */
export type ModelKind = KindOverview['kind'];

/** Each kind's name and one line on what it is. */
export const KIND_INFO: Record<ModelKind, { name: string; about: string }> = {
  soccer_dixon_coles: { name: 'Soccer · Dixon–Coles', about: 'Goal rates per team (attack, defence, home advantage) with a low-score correction; every soccer market comes from its score grid.' },
  soccer_model: { name: 'Soccer · gradient boosting (model)', about: 'A boosted-tree model on team ratings, form and rest, without market inputs — what the value finder compares with the books.' },
  soccer_ensemble: { name: 'Soccer · gradient boosting (ensemble)', about: 'The boosted-tree model with the market’s margin-free prices as inputs too: the best forecast, calibrated.' },
  nfl_game_lines: { name: 'NFL · game lines', about: 'Margin and total distributions with key numbers, anchored on the market line: spreads, totals and moneylines.' },
  nfl_props: { name: 'NFL · player props', about: 'One model per prop market: a projection and its predictive distribution for each player.' },
};

/** A scope in plain words: `soccer:E0` → `E0`, `nfl:receiving_yards` → `Receiving yards`, `nfl` → `All games`. */
export function scopeLabel(scope: string): string {
  if (scope === 'nfl') return 'All games';
  const [, rest = scope] = /^[a-z]+:(.+)$/.exec(scope) ?? [];
  return PROP_MARKET_LABEL[rest] ?? rest;
}

/** Readable metric names; others are shown as stored. */
export const METRIC_LABEL: Record<string, string> = {
  rps: 'RPS', logLoss: 'Log loss', brier: 'Brier', marketRps: 'Market RPS', marketLogLoss: 'Market log loss',
  preCloseRps: 'Pre-close RPS', preCloseLogLoss: 'Pre-close log loss', gateScore: 'Gate score', gateN: 'Gate sample',
  matches: 'Matches fitted', testMatches: 'Matches scored', trainGames: 'Games fitted', oosRows: 'Out-of-sample rows',
  negLogLikelihood: 'Neg. log-likelihood', iterations: 'Iterations', marginSigma: 'Margin σ', totalSigma: 'Total σ',
  spreadLogLoss: 'Spread log loss', totalLogLoss: 'Total log loss', moneylineLogLoss: 'Moneyline log loss', marketMoneylineLogLoss: 'Market moneyline log loss',
  ece: 'ECE', mae: 'MAE', crps: 'CRPS',
};

/** Metrics not worth a row on the page (flags and time stamps). */
const HIDDEN_METRICS = new Set(['simulated', 'gateWindowEnd']);

/** A metric's value with sensible digits: counts whole, scores to four places. */
export const metricValue = (v: number) => (Number.isInteger(v) ? v.toLocaleString('en-GB') : Math.abs(v) >= 100 ? v.toFixed(1) : v.toFixed(4));

/** The metrics of a version worth listing, scores first, in a stable order. */
export function listedMetrics(m: Record<string, number>): Array<{ key: string; label: string; value: string }> {
  const known = Object.keys(METRIC_LABEL);
  return Object.keys(m)
    .filter((k) => !HIDDEN_METRICS.has(k))
    .sort((a, b) => (known.indexOf(a) === -1 ? 99 : known.indexOf(a)) - (known.indexOf(b) === -1 ? 99 : known.indexOf(b)) || a.localeCompare(b))
    .map((k) => ({ key: k, label: METRIC_LABEL[k] ?? k, value: metricValue(m[k]!) }));
}

/** What a registry change was, in words. */
export const ACTION_LABEL: Record<string, string> = {
  activate: 'Activated', promote: 'Promoted', rollback: 'Rolled back to', retire: 'Retired', gate_refused: 'Gate refused',
};

/** Who changed the registry, in words. */
export const ACTOR_LABEL: Record<RegistryChange['actor'], string> = { admin: 'an admin', system: 'the system', operator: 'an operator' };

/** Colours of the reliability series (home, draw, away, anything else). */
export const SERIES_COLOUR: Record<string, string> = { home: '#4f46e5', draw: '#d97706', away: '#0f766e' };
