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
 */
import { fixtureModelInputs, type ModelInputRow } from '@fairline/db';
import type { GbdtExplainer, GbdtExplanation } from '@fairline/ml/explain/index';
import { MARKETS, type MarketName } from '@fairline/ml/nfl/props/index';
import { explainPropRow, propExplainer } from '@fairline/ml/nfl/props/explain';
import type { Ctx } from '../../context.ts';
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
  ctx: Pick<Ctx, 'read' | 'logger'>,
  fixtureId: number,
  rows: ReadonlyArray<{ modelVersionId: number; playerId: number; market: string }>,
  playerId?: number,
): Promise<Map<string, Explanation>> {
  const out = new Map<string, Explanation>();
  const versions = [...new Set(rows.map((r) => r.modelVersionId))];
  if (versions.length === 0) return out;
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
