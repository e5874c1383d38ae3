/**
 * Explanations at the edge: the TreeSHAP top factors of a served GBDT prediction, computed per request from the
 * feature row the prediction scored (`model_inputs`) and the version's trees (loaded once per isolate). The API
 * shape is `Explanation`; a prediction without trees (Dixon–Coles, the seed's old simulated props) or without a
 * stored feature row answers null rather than an invented explanation.
 *
 * Units (see ml/src/explain): a props projection's centre μ is explained in the market's own units (yards,
 * receptions …: base + contributions = μ); the binary anytime-TD market and soccer outcomes in logit (the GBDT's
 * margin, before calibration), where contributions add up. "Why 62 %": the price's P(over) comes from μ against
 * the line; μ = base + the factors + rest.
 *
 * Cost: TreeSHAP of a production props centre (2 × 300 depth-3 trees) is ≈ 1.3 ms of CPU per projection, ≈ 40 ms for
 * a game's ~32 projections (bench/monitoring/explain-latency.ts). A fixture's explanations depend only on its stored
 * rows and the versions' immutable artifacts, so they are cached in Redis (when there is a cache tier) by fixture
 * and the set of versions: the first request pays, the rest read them back.
 */
import { fixtureModelInputs, type ModelInputRow } from '@fairline/db';
import type { GbdtExplainer, GbdtExplanation } from '@fairline/ml/explain/index';
import { MARKETS, type MarketName } from '@fairline/ml/nfl/props/index';
import { explainPropRow, propExplainer } from '@fairline/ml/nfl/props/explain';
import type { Ctx } from '../../context.ts';

/** A day: long enough that a game's explanations are computed about once; a new version changes the key anyway. */
const CACHE_TTL_SECONDS = 86_400;
import { isBroken, LoadedModels } from '../models/registry.ts';

/** One feature's part in a prediction (API shape). */
export interface ExplanationFactor {
  /** The model's column name. */
  feature: string;
  /** A human label of it. */
  label: string;
  /** The input value; null when missing. */
  value: number | null;
  /** The feature's TreeSHAP contribution, in the explanation's `scale`. */
  contribution: number;
}

/** Why a served prediction is what it is (API shape): base + Σ factors' contributions + rest = value. */
export interface Explanation {
  modelVersionId: number;
  /** What is explained: `mean` (a prop's projected centre μ) or an outcome (`home`, `draw`, `away`). */
  target: string;
  /** `identity`: the prediction's own units (see `unit`); `log` / `logit`: the GBDT's margin, before calibration. */
  scale: 'identity' | 'log' | 'logit';
  /** Human unit of base, value and contributions: 'yds', 'receptions', …, or 'logit' / 'log'. */
  unit: string;
  /** The model's average prediction over its training data. */
  base: number;
  /** This prediction (= base + Σ contributions). */
  value: number;
  /** The largest contributions, largest |contribution| first (at most 5). */
  factors: ExplanationFactor[];
  /** Σ of the other features' contributions. */
  rest: number;
}

/** The API shape of an ml explanation. */
export function toExplanation(modelVersionId: number, target: string, unit: string, e: GbdtExplanation): Explanation {
  return { modelVersionId, target, scale: e.scale, unit: e.scale === 'identity' ? unit : e.scale, base: e.base, value: e.value, factors: e.factors, rest: e.rest };
}

/** Prop explainers per model version, for the isolate's lifetime (artifacts are immutable; a tree-less one is remembered as broken). */
const propExplainers = new LoadedModels<GbdtExplainer>((artifact) => propExplainer(artifact));

/** The human unit of a prop market's projection. */
const PROP_UNIT: Record<MarketName, string> = {
  passing_yards: 'yds', rushing_yards: 'yds', receiving_yards: 'yds', receptions: 'receptions', completions: 'completions',
  attempts: 'attempts', passing_tds: 'TDs', carries: 'carries', anytime_td: 'probability',
};

/** Key of a prop explanation in the map `propExplanations` answers. */
export const propExplanationKey = (playerId: number, market: string) => `${playerId}|${market}`;

/**
 * Explanations of a fixture's served prop projections (`rows`: the projections' version, player and market),
 * keyed by `propExplanationKey`; a projection without a stored feature row or whose version has no trees is absent.
 */
export async function propExplanations(
  ctx: Pick<Ctx, 'read' | 'logger' | 'cache'>,
  fixtureId: number,
  rows: ReadonlyArray<{ modelVersionId: number; playerId: number; market: string }>,
  playerId?: number,
): Promise<Map<string, Explanation>> {
  const versions = [...new Set(rows.map((r) => r.modelVersionId))].sort((a, b) => a - b);
  if (versions.length === 0) return new Map();
  // Only the whole fixture's set is cached (one player's few rows are cheap to compute).
  const cacheKey = playerId === undefined && ctx.cache ? `explain:props:v1:${fixtureId}:${versions.join(',')}` : null;
  if (cacheKey) {
    const hit = await ctx.cache!.get<Array<[string, Explanation]>>(cacheKey).catch(() => null);
    if (hit) return new Map(hit);
  }
  const out = await computePropExplanations(ctx, fixtureId, rows, versions, playerId);
  if (cacheKey) {
    await ctx.cache!.set(cacheKey, [...out], CACHE_TTL_SECONDS).catch((err: unknown) => ctx.logger.warn('cache write failed', { key: cacheKey, error: String(err) }));
  }
  return out;
}

async function computePropExplanations(
  ctx: Pick<Ctx, 'read' | 'logger'>,
  fixtureId: number,
  rows: ReadonlyArray<{ modelVersionId: number; playerId: number; market: string }>,
  versions: number[],
  playerId?: number,
): Promise<Map<string, Explanation>> {
  const out = new Map<string, Explanation>();
  const inputs = await fixtureModelInputs(ctx.read, fixtureId, versions, playerId);
  const byKey = new Map<string, ModelInputRow>();
  for (const i of inputs) if (i.playerId !== null) byKey.set(`${i.modelVersionId}|${propExplanationKey(i.playerId, i.market)}`, i);
  for (const r of rows) {
    const input = byKey.get(`${r.modelVersionId}|${propExplanationKey(r.playerId, r.market)}`);
    if (!input) continue;
    const explainer = await propExplainers.get(ctx.read, r.modelVersionId);
    if (isBroken(explainer)) continue;
    try {
      const e = explainPropRow(explainer, input.features);
      out.set(propExplanationKey(r.playerId, r.market), toExplanation(r.modelVersionId, 'mean', PROP_UNIT[r.market as MarketName] ?? MARKETS[r.market as MarketName]?.kind ?? '', e));
    } catch (err) {
      // A stored row of the wrong width (a foreign writer): no explanation rather than a failed page.
      ctx.logger.warn('explanations: stored feature row does not fit its model', { modelVersionId: r.modelVersionId, fixtureId, why: String(err) });
    }
  }
  return out;
}
