/**
 * The soccer GBDT variants served from the database: `soccer_model` (no market input) and `soccer_ensemble` (with
 * the reference book's margin-free pre-close 1X2), one registry slot per competition (`soccer:<code>`).
 *
 * Training reads the competition's finished results with their Pinnacle quotes (db soccerResultsWithPrices), builds
 * leakage-free feature rows by ml's walk-forward Dixon–Coles (GBDT_DC: the benchmark's default blend of goals and
 * shots-on-target ratings — the football-data ingest stores HST/AST, so the database gives the CSVs' features), scores the procedure on the latest matches
 * (the gate window: an ensemble trained on every earlier row predicts them) and trains the artifact on every row.
 * Serving builds the fixture's row from results before its kick-off and Dixon–Coles fits of the artifact's own
 * hyperparameters as of the fixture's day (ml fitDixonColesAsOf; an older artifact on the served pure fit takes the
 * served version), so features are computed the same way at both ends (ml featureRowsForFixtures).
 */
import { LRUCache } from 'lru-cache';
import { activeModelVersion, currentPrices, soccerResultsWithPrices, type SoccerPricedResult } from '@fairline/db';
import { soccer } from '@fairline/ml';
import {
  explainSoccerEnsemble,
  featureRowsForFixtures,
  fitDixonColesAsOf,
  loadSoccerEnsemble,
  predictSoccerEnsemble,
  trainSoccerEnsemble,
  walkForwardEnsemble,
  walkForwardFeatures,
  scoreEnsemble,
  type EnsembleVariant,
  type LoadedSoccerEnsemble,
  type OutcomeExplanation,
  type SoccerEnsembleArtifact,
} from '@fairline/ml/soccer/ensemble/index';
import type { Ctx } from '../../context.ts';
import { isBroken, LoadedModels } from '../models/registry.ts';
import { dayOf } from './model.ts';
import { soccerScope } from './model-version.ts';

/** The registry kind of a variant. */
export const gbdtKind = (variant: EnsembleVariant) => (variant === 'model' ? 'soccer_model' : 'soccer_ensemble') as 'soccer_model' | 'soccer_ensemble';

/**
 * The Dixon–Coles hyperparameters the GBDT features are computed with: the benchmark's default (goals blended with
 * shots-on-target ratings), so a version trained from the database is the one bench:soccer measures.
 */
export const GBDT_DC = soccer.SOCCER_DEFAULTS;

/** Years of results a training run reads (the first year only warms Dixon–Coles up). */
export const GBDT_HISTORY_DAYS = 6 * 365;
/** Fewer feature rows than this (after the warm-up and before the gate window) and training is refused. */
export const MIN_GBDT_ROWS = 300;

const DAY_MS = 86_400_000;

/** A priced result as a backtest match (team ids as names, shots on target, Pinnacle pre-close as `price`). */
export function asBacktestMatch(r: SoccerPricedResult): soccer.BacktestMatch {
  return {
    home: String(r.homeTeamId), away: String(r.awayTeamId), homeGoals: r.homeGoals, awayGoals: r.awayGoals, day: dayOf(r.kickoffAt), neutral: r.neutral,
    homeShotsOnTarget: r.homeShotsOnTarget, awayShotsOnTarget: r.awayShotsOnTarget,
    price: r.preClose, closing: r.closing,
  };
}

/** A fitted GBDT candidate with its walk-forward score on the latest matches. */
export interface SoccerGbdtFit {
  artifact: SoccerEnsembleArtifact;
  /** Scores on the gate window (all its matches), and how many matches. */
  gate: { rps: number; logLoss: number; brier: number; n: number; windowEnd: number; preCloseRps: number };
  rows: number;
}

/**
 * Train a variant on a competition's matches (oldest first): features walk-forward after a one-year warm-up, the
 * gate score from an ensemble trained on the rows before the latest `window` matches, the artifact from all rows.
 * Null when there are too few rows.
 */
export function fitSoccerGbdt(
  matches: readonly soccer.BacktestMatch[],
  variant: EnsembleVariant,
  window: number,
  options: { createdAt?: string; params?: Record<string, number> } = {},
): SoccerGbdtFit | null {
  if (matches.length === 0) return null;
  const warmEnd = matches[0]!.day + 365;
  const warm = matches.filter((m) => m.day < warmEnd);
  const later = matches.filter((m) => m.day >= warmEnd);
  if (later.length < MIN_GBDT_ROWS + window / 2) return null;
  const { rows } = walkForwardFeatures(warm, later, { hp: GBDT_DC });
  const n = Math.min(window, Math.floor(rows.length / 3));
  const train = rows.slice(0, rows.length - n);
  const test = rows.slice(rows.length - n);
  const priced = (rs: typeof rows) => (variant === 'ensemble' ? rs.filter((r) => r.preClose) : rs);
  if (priced(train).length < MIN_GBDT_ROWS) return null;
  const common = { variant, dc: GBDT_DC, ...(options.createdAt ? { createdAt: options.createdAt } : {}), ...(options.params ? { params: options.params } : {}) };
  const walk = walkForwardEnsemble(train, test, { ...common, seasonGapDays: 100_000 });
  const s = scoreEnsemble(walk.predictions);
  const artifact = trainSoccerEnsemble({ ...common, rows });
  return {
    artifact,
    gate: { rps: s.modelAll.rps, logLoss: s.modelAll.logLoss, brier: s.modelAll.brier, n: s.matches, windowEnd: test.at(-1)!.day * DAY_MS, preCloseRps: s.preClose.rps },
    rows: rows.length,
  };
}

/** A competition's priced results before `before`, as backtest matches (oldest first). */
export async function gbdtMatches(ctx: Pick<Ctx, 'read'>, competitionId: number, before: Date): Promise<soccer.BacktestMatch[]> {
  return (await soccerResultsWithPrices(ctx.read, competitionId, before, GBDT_HISTORY_DAYS)).map(asBacktestMatch);
}

const loaded = new LoadedModels<LoadedSoccerEnsemble>((artifact) => loadSoccerEnsemble(artifact));

/** Serving fits per competition, day and data (a fit takes a while; every fixture of a day shares it); 64 at most. */
const servingFits = new LRUCache<string, ReturnType<typeof fitDixonColesAsOf>>({ max: 64 });

/** The artifact's Dixon–Coles fits as of `day` on `history` (memoised on the history's size and newest match). */
function dcFitsFor(competitionId: number, day: number, hp: soccer.SoccerHyperparameters, history: readonly soccer.BacktestMatch[]) {
  const key = `${competitionId}|${day}|${JSON.stringify(hp)}|${history.length}|${history.at(-1)?.day}|${history.at(-1)?.home}`;
  let fits = servingFits.get(key);
  if (!fits) {
    fits = fitDixonColesAsOf(history, day, hp);
    servingFits.set(key, fits);
  }
  return fits;
}

/** What a GBDT variant says about one fixture. */
export interface SoccerGbdtForecast {
  kind: 'soccer_model' | 'soccer_ensemble';
  versionId: number;
  version: number;
  /** Calibrated 1X2. */
  probabilities: { home: number; draw: number; away: number };
  /** TreeSHAP: each outcome's top factors. */
  explanation: OutcomeExplanation[];
  /** The fixture's feature row (FEATURE_NAMES order, null = missing) and the loaded model, for other explainers. */
  features: (number | null)[];
  loaded: LoadedSoccerEnsemble;
}

/**
 * The active `variant` version's forecast for a fixture of `competition` kicking off at `kickoffAt`, given the served
 * Dixon–Coles fit; null when the competition has no active version of that kind (or it does not load).
 */
export async function soccerGbdtForecast(
  ctx: Pick<Ctx, 'read' | 'logger'>,
  input: {
    variant: EnsembleVariant;
    competition: { id: number; code: string };
    fixture: { id: number; homeTeamId: number; awayTeamId: number; kickoffAt: Date; neutral: boolean };
    dixonColes: soccer.DixonColesModel;
    /**
     * The competition's priced results before the fixture's kick-off (gbdtMatches), when the caller already read them
     * (the hourly refresh, for many fixtures); read here otherwise.
     */
    history?: readonly soccer.BacktestMatch[];
  },
): Promise<SoccerGbdtForecast | null> {
  const kind = gbdtKind(input.variant);
  const active = await activeModelVersion(ctx.read, kind, soccerScope(input.competition.code));
  if (!active) return null;
  const model = await loaded.get(ctx.read, active.id);
  if (isBroken(model)) {
    ctx.logger.warn('soccer GBDT version does not load', { id: active.id, reason: model.broken });
    return null;
  }
  const fx = input.fixture;
  const history = input.history ?? (await gbdtMatches(ctx, input.competition.id, fx.kickoffAt));
  // The pre-close price of an upcoming fixture is the reference book's current quote.
  const quotes = (await currentPrices(ctx.read, fx.id, ['1x2'])).filter((p) => p.bookmaker === 'pinnacle');
  const q = (s: string) => quotes.find((p) => p.selection === s)?.price;
  const price = q('home') && q('draw') && q('away') ? { home: q('home')!, draw: q('draw')!, away: q('away')! } : null;
  const hp = model.artifact.dc;
  // A shots blend needs its own fits (the served version is pure Dixon–Coles on goals).
  const fits = hp.shotsOnTargetWeight > 0 ? dcFitsFor(input.competition.id, dayOf(fx.kickoffAt), hp, history) : { goals: input.dixonColes };
  const [row] = featureRowsForFixtures({
    history,
    fixtures: [{ home: String(fx.homeTeamId), away: String(fx.awayTeamId), day: dayOf(fx.kickoffAt), price }],
    ...fits,
    hp,
  });
  const p = predictSoccerEnsemble(model, row!);
  return {
    kind,
    versionId: active.id,
    version: active.version,
    probabilities: { home: p[0], draw: p[1], away: p[2] },
    explanation: explainSoccerEnsemble(model, row!),
    features: Array.from(row!.features, (x) => (Number.isNaN(x) ? null : x)),
    loaded: model,
  };
}
