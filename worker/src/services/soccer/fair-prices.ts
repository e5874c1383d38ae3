/**
 * Fair prices for a soccer fixture: every market from one Dixon–Coles score grid, with every book's current quote
 * of every market beside them (1X2, totals, Asian handicap, BTTS, DNB: margin, margin-free probabilities, the
 * model's settlement probabilities and expected value at each price — book-markets.ts).
 *
 * One answer per fixture: the grid comes from the model version of the fixture's newest stored prediction
 * (what the hourly cron stored and pushed); a scheduled fixture with none yet is priced by the competition's
 * current version — the very verb the cron uses (model-version.ts), which files it. A fixture that kicked off
 * without a stored prediction is priced by a one-off fit on results strictly before its kick-off, so a
 * prediction never sees its own result. Cached in Redis (when there is a cache tier) by fixture and version, computed
 * once however many cold requests ask at the same time (lib/read-cache/single-flight.ts).
 */
import { activeModelVersion, currentPrices, fixtureKeys, latestPredictionVersion, modelVersionMeta, serialId, soccerResultsStamp, type FixtureKeys } from '@fairline/db';
import { pricing, soccer } from '@fairline/ml';
import { adjustGridTo1x2 } from '@fairline/ml/soccer/ensemble/index';
import { z } from 'zod';
import type { Ctx } from '../../context.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import { metrics } from '../../lib/metrics.ts';
import { singleFlight } from '../../lib/read-cache/single-flight.ts';
import { dayOf, fitSoccerModel, MIN_HISTORY, priceFixture, soccerHistory } from './model.ts';
import { currentSoccerModel, loadSoccerVersion, soccerScope } from './model-version.ts';
import { gbdtKind, soccerGbdtForecast } from './gbdt.ts';
import { soccerExplanationsOf } from '../monitoring/soccer-explanations.ts';
import type { Explanation } from '../monitoring/explanations.ts';
import { priceBookMarkets, SOCCER_QUOTED_MARKETS, type BookMarketQuote } from './book-markets.ts';

/** Input of `soccer.fairPrices`: `fixtureId`, a soccer fixture's serial id (a positive 32-bit integer). */
export const soccerFairPricesInput = z.object({ fixtureId: serialId });

/** One book's 1X2 prices with what they imply. */
export interface OneXTwoQuote {
  bookmaker: string;
  capturedAt: Date;
  closing: boolean;
  /** Decimal odds. */
  prices: { home: number; draw: number; away: number };
  /** Bookmaker margin (sum of implied probabilities − 1). */
  margin: number;
  /** Margin-free probabilities (multiplicative normalisation); null when the margin is ≤ 0 (stale or arbitrage). */
  fair: { home: number; draw: number; away: number } | null;
  /** Model EV per unit staked at each price: p_model · price − 1. */
  expectedValue: { home: number; draw: number; away: number };
}

/** The model a fixture was priced with. */
export interface SoccerModelInfo {
  kind: 'soccer_dixon_coles';
  /** The registry version (null for the one-off fit of a fixture that kicked off without a stored prediction). */
  versionId: number | null;
  version: number | null;
  /** Matches in the fit window. */
  matches: number;
  /** The fit's reference day (days since epoch): only results before it were used. */
  asOfDay: number;
  /** Time-decay rate per day. */
  xi: number;
  shrinkage: number;
  homeAdvantage: number;
  rho: number;
}

/** A soccer GBDT variant's 1X2 for the fixture (its registry version and calibrated probabilities). */
export interface SoccerGbdtInfo {
  kind: 'soccer_model' | 'soccer_ensemble';
  versionId: number;
  version: number;
  probabilities: { home: number; draw: number; away: number };
}

/** What `soccer.fairPrices` answers. */
export interface SoccerFairPrices {
  fixtureId: number;
  /** The Dixon–Coles fit the score grid comes from. */
  model: SoccerModelInfo;
  /**
   * The competition's active `soccer_model` (no market input), when there is one: `book` and `markets` then come from
   * the Dixon–Coles grid reweighted so that its 1X2 equals this model's (every market from one grid).
   */
  gbdt: SoccerGbdtInfo | null;
  /** The active `soccer_ensemble` (with the pre-close market): the best forecast of the 1X2, shown beside the book. */
  ensemble: SoccerGbdtInfo | null;
  /** TreeSHAP explanations (home, draw, away) of the ensemble, else of the model; null without either. */
  explanations: Explanation[] | null;
  book: soccer.MarketBook;
  /** The books' current 1X2 (complete three-way quotes only). */
  quotes: OneXTwoQuote[];
  /** Every book's current quote of every quoted market and line (1X2, totals, Asian handicap, BTTS, DNB), priced. */
  markets: BookMarketQuote[];
}

const SEL = ['home', 'draw', 'away'] as const;
/** The score grid's size: ml's market book default, so a line priced here equals the book's at that line. */
const GRID_MAX_GOALS = 20;

interface Priced {
  book: soccer.MarketBook;
  model: SoccerModelInfo;
  gbdt: SoccerGbdtInfo | null;
  ensemble: SoccerGbdtInfo | null;
  explanations: Explanation[] | null;
}

function info(model: soccer.DixonColesModel, v: { id: number; version: number } | null): SoccerModelInfo {
  return {
    kind: 'soccer_dixon_coles', versionId: v?.id ?? null, version: v?.version ?? null, matches: model.matches, asOfDay: model.asOfDay, xi: model.xi,
    shrinkage: model.shrinkage, homeAdvantage: model.homeAdvantage, rho: model.rho,
  };
}

/** The model behind a fixture's one answer (see the file comment), as a cache key and a way to price. */
async function modelFor(ctx: Ctx, fx: FixtureKeys): Promise<{ key: string; price: () => Promise<DcPriced> }> {
  // Dixon–Coles predictions only: the hourly refresh stores the GBDT versions' 1X2 beside them, and those are not grids.
  const stored = await latestPredictionVersion(ctx.read, fx.id, 'soccer_dixon_coles');
  const byVersion = (v: { id: number; version: number | null }, model?: soccer.DixonColesModel) => ({
    key: `v${v.id}`,
    price: async () => {
      const m = model ?? (await loadSoccerVersion(ctx, v.id));
      return { book: priceFixture(m, fx.homeTeamId, fx.awayTeamId, fx.neutralVenue), model: info(m, { id: v.id, version: v.version ?? 0 }), dc: m };
    },
  });
  if (stored !== null) {
    const meta = await modelVersionMeta(ctx.read, stored);
    return byVersion({ id: stored, version: meta?.version ?? null });
  }
  if (fx.status === 'scheduled' && fx.kickoffAt.getTime() > ctx.clock().getTime()) {
    const mv = await currentSoccerModel(ctx, { id: fx.competitionId, code: fx.competition });
    if ('tooFew' in mv) throw new AppError('NOT_AVAILABLE', `not enough results to price this fixture yet (${mv.tooFew} of the ${MIN_HISTORY} needed)`);
    return byVersion(mv, mv.model);
  }
  // Kicked off and never predicted: a fit on what was known before kick-off, keyed by the results it saw.
  const stamp = await soccerResultsStamp(ctx.read, fx.competitionId, fx.kickoffAt);
  return {
    key: `before:${stamp}`,
    price: async () => {
      const history = await soccerHistory(ctx.read, fx.competitionId, fx.kickoffAt);
      if (history.length < MIN_HISTORY) {
        throw new AppError('NOT_AVAILABLE', `not enough results before this fixture to price it (${history.length} of the ${MIN_HISTORY} needed)`);
      }
      const model = fitSoccerModel(history, dayOf(fx.kickoffAt));
      return { book: priceFixture(model, fx.homeTeamId, fx.awayTeamId, fx.neutralVenue), model: info(model, null), dc: model };
    },
  };
}

/** The Dixon–Coles answer before any GBDT: its book, its info and the fit (the GBDT's features need it). */
type DcPriced = Omit<Priced, 'gbdt' | 'ensemble' | 'explanations'> & { dc: soccer.DixonColesModel };

/**
 * The Dixon–Coles answer with the competition's active GBDT variants on top: the model variant's 1X2 reweights the
 * grid (book), the ensemble's is reported beside it, and the explanations come from the ensemble (else the model).
 */
async function withGbdt(ctx: Ctx, fx: FixtureKeys, dcPriced: DcPriced): Promise<Priced> {
  const { dc, ...base } = dcPriced;
  const input = {
    competition: { id: fx.competitionId, code: fx.competition },
    fixture: { id: fx.id, homeTeamId: fx.homeTeamId, awayTeamId: fx.awayTeamId, kickoffAt: fx.kickoffAt, neutral: fx.neutralVenue },
    dixonColes: dc,
  };
  const [model, ensemble] = [await soccerGbdtForecast(ctx, { ...input, variant: 'model' }), await soccerGbdtForecast(ctx, { ...input, variant: 'ensemble' })];
  const infoOf = (f: typeof model): SoccerGbdtInfo | null => (f ? { kind: f.kind, versionId: f.versionId, version: f.version, probabilities: f.probabilities } : null);
  const explained = ensemble ?? model;
  const book = model ? soccer.marketBookFromGrid(gridOf(base.book.rates, model.probabilities), base.book.rates) : base.book;
  return {
    ...base,
    book,
    gbdt: infoOf(model),
    ensemble: infoOf(ensemble),
    explanations: explained ? soccerExplanationsOf(explained.versionId, explained.loaded, explained.features) : null,
  };
}

/** The one score grid of an answer: Dixon–Coles, reweighted to the GBDT model's 1X2 when there is one. */
function gridOf(rates: soccer.GoalRates, target: SoccerGbdtInfo['probabilities'] | null | undefined): soccer.ScoreGrid {
  const grid = soccer.scoreGrid(rates, GRID_MAX_GOALS);
  return target ? adjustGridTo1x2(grid, target) : grid;
}

/** A book's 1X2 quote priced against the model's probabilities; null when the book lacks a selection. */
function quoteOf(bookmaker: string, prices: readonly { selection: string; price: number; capturedAt: Date; closing: boolean }[], book: soccer.MarketBook): OneXTwoQuote | null {
  const three = SEL.map((s) => prices.find((p) => p.selection === s));
  if (three.some((p) => !p)) return null; // an incomplete book has no margin to remove
  const odds = three.map((p) => p!.price);
  const margin = pricing.margin(odds);
  // A non-positive margin has no vig to remove: quote the prices and EV, but no "fair" market view.
  const fair = margin > 0 ? pricing.removeVig(odds, 'multiplicative') : null;
  const ev = (k: 0 | 1 | 2) => pricing.expectedValue(book.matchOdds[SEL[k]].p, odds[k]!);
  return {
    bookmaker,
    capturedAt: three[0]!.capturedAt,
    closing: three.every((p) => p!.closing),
    prices: { home: odds[0]!, draw: odds[1]!, away: odds[2]! },
    margin,
    fair: fair ? { home: fair[0]!, draw: fair[1]!, away: fair[2]! } : null,
    expectedValue: { home: ev(0), draw: ev(1), away: ev(2) },
  };
}

/** Every market of a soccer fixture from its one model answer, and every book's current quotes priced. */
export async function soccerFairPrices(args: { ctx: Ctx; input: z.input<typeof soccerFairPricesInput> }): Promise<SoccerFairPrices> {
  // Timed under the kind that answered (/metrics' fairline_model_inference_seconds{kind}): the ensemble or the GBDT
  // model when one is active on top of Dixon–Coles, else Dixon–Coles (also when the request fails).
  const t0 = performance.now();
  let kind = 'soccer_dixon_coles';
  try {
    const r = await soccerFairPricesOf(args);
    kind = r.ensemble?.kind ?? r.gbdt?.kind ?? kind;
    return r;
  } finally {
    metrics.observeInference(kind, (performance.now() - t0) / 1000);
  }
}

async function soccerFairPricesOf({ ctx, input }: { ctx: Ctx; input: z.input<typeof soccerFairPricesInput> }): Promise<SoccerFairPrices> {
  const parsed = soccerFairPricesInput.safeParse(input);
  if (!parsed.success) throw new AppError('BAD_REQUEST', 'fixtureId must be a positive integer');
  const { fixtureId } = parsed.data;
  const fx = await fixtureKeys(ctx.read, fixtureId);
  if (!fx) throw notFound(`fixture ${fixtureId}`);
  if (fx.sport !== 'soccer') throw new AppError('BAD_REQUEST', `fixture ${fixtureId} is not a soccer match`);

  const source = await modelFor(ctx, fx);
  // The answer also depends on the competition's active GBDT versions: they are part of the key.
  const scope = soccerScope(fx.competition);
  const gbdtKey = (await Promise.all((['model', 'ensemble'] as const).map((v) => activeModelVersion(ctx.read, gbdtKind(v), scope)))).map((v) => v?.id ?? '-').join(':');
  const cacheKey = `fair:soccer:v3:${fixtureId}:${source.key}:${gbdtKey}`;
  // Single-flight: concurrent cold requests fit and price once per isolate, and once across isolates (a Redis lock);
  // the client deserialises the JSON it stored, so what comes back is the object itself.
  const priced = await singleFlight<Priced>(ctx, { key: cacheKey, ttlSeconds: 600, compute: async () => withGbdt(ctx, fx, await source.price()) });

  const prices = await currentPrices(ctx.read, fixtureId, SOCCER_QUOTED_MARKETS);
  const byBook = new Map<string, typeof prices>();
  for (const p of prices) if (p.market === '1x2') byBook.set(p.bookmaker, [...(byBook.get(p.bookmaker) ?? []), p]);
  const quotes = [...byBook].map(([b, ps]) => quoteOf(b, ps, priced.book)).filter((q): q is OneXTwoQuote => q !== null);
  // Every line is priced off the one grid the book came from (its rates), so the markets agree with the book.
  const markets = priceBookMarkets(gridOf(priced.book.rates, priced.gbdt?.probabilities), prices);
  return { fixtureId, model: priced.model, gbdt: priced.gbdt, ensemble: priced.ensemble, explanations: priced.explanations, book: priced.book, quotes, markets };
}
