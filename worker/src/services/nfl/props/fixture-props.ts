/**
 * NFL player props of one game: every stored projection of each market's ACTIVE model version (the model
 * registry's; a trained candidate is served once activated) with its predictive median and 10–90 % interval,
 * and beside it the latest over/under prices of every book with the model's P(over/under/push) at that book's line, the
 * book's margin-free probabilities and the model's expected value per unit staked. `pricePropLine` prices
 * any line the caller asks for.
 */
import { activeProjections, currentPrices, fixtureKeys, serialId, type CurrentPrice } from '@fairline/db';
import { pricing } from '@fairline/ml';
import { ALL_MARKETS, MARKETS, type MarketName } from '@fairline/ml/nfl/props/index';
import { priceLine, type LinePrice, type LinePricingModel } from '@fairline/ml/nfl/props/price';
import { z } from 'zod';
import type { Ctx } from '../../../context.ts';
import { AppError, notFound } from '../../../lib/errors.ts';
import { metrics, timeInference } from '../../../lib/metrics.ts';
import { propExplanationKey, propExplanations, type Explanation } from '../../monitoring/explanations.ts';
import { marketOfPropKey } from './prop-keys.ts';
import { pricingModels, PROPS_KIND } from './pricing-models.ts';

const market = z.enum(ALL_MARKETS as unknown as [MarketName, ...MarketName[]]);

/**
 * Input of `nfl.props.byFixture`: `fixtureId` (serial id) and optionally `markets`, a non-empty list of prop markets
 * (ALL_MARKETS); every market when left out.
 */
export const fixturePropsInput = z.object({
  fixtureId: serialId,
  markets: z.array(market).min(1).optional(),
});

/**
 * Input of `nfl.props.priceLine`: `fixtureId` and `playerId` (serial ids), `market` (one of ALL_MARKETS) and `line`,
 * ≥ 0 in whole or half units of the market (yards, receptions, touchdowns …; ignored for yes/no markets).
 */
export const pricePropLineInput = z.object({
  fixtureId: serialId,
  playerId: serialId,
  market,
  /** Whole or half units (a whole line can push); ignored for yes/no markets. */
  line: z.number().finite().min(0).refine((l) => Number.isInteger(l * 2), 'a line is a whole or half number (e.g. 4 or 4.5)'),
});

export interface PropSide {
  price: number;
  /** Model EV per unit staked at this price (a push refunds the stake). */
  expectedValue: number;
}

export interface PropQuote {
  bookmaker: string;
  line: number;
  capturedAt: Date;
  over: PropSide | null;
  under: PropSide | null;
  /** Sum of implied probabilities − 1 (both sides quoted); null otherwise. */
  margin: number | null;
  /** The book's margin-free P(over), P(under) given no push (multiplicative); null without a positive margin. */
  fair: { over: number; under: number } | null;
  model: LinePrice;
}

export interface PlayerMarketProps {
  market: MarketName;
  /** `simulated`: a demo model (the seed's), not one trained on real data. */
  modelVersion: { id: number; version: number; status: string; simulated: boolean };
  mean: number;
  median: number;
  q10: number | null;
  q90: number | null;
  quotes: PropQuote[];
  /**
   * Why the projected mean is what it is: TreeSHAP top factors of the model's centre (services/monitoring/explanations.ts;
   * in the market's units, logit for anytime TD). null when the model has no trees or the projection no stored feature row.
   */
  explanation: Explanation | null;
}

export interface PlayerProps {
  playerId: number;
  name: string;
  position: string | null;
  team: string | null;
  markets: PlayerMarketProps[];
}

export interface FixtureProps {
  fixtureId: number;
  players: PlayerProps[];
}

const storedDistribution = z.object({ median: z.number(), q10: z.number().nullable(), q90: z.number().nullable() }).loose();

async function nflFixture(ctx: Ctx, fixtureId: number) {
  const fx = await fixtureKeys(ctx.read, fixtureId);
  if (!fx) throw notFound(`fixture ${fixtureId}`);
  if (fx.sport !== 'nfl') throw new AppError('BAD_REQUEST', `fixture ${fixtureId} is not an NFL game (player props are NFL only)`);
}

/**
 * The projections of a fixture that can be priced (the fixture page's and the player page's): those of each market's active model version, leaving out
 * (and logging) a version whose artifact cannot price. `unusable`: there were projections, none priceable.
 */
export async function pricedProjections(ctx: Ctx, fixtureId: number, filter: { markets?: readonly string[]; playerId?: number }) {
  const rows = await activeProjections(ctx.read, fixtureId, filter);
  const { models, broken } = await pricingModels(ctx.read, rows.map((r) => r.modelVersionId));
  for (const [id, why] of broken) ctx.logger.warn('props: model version cannot price, its projections are skipped', { modelVersionId: id, why });
  const usable = rows.flatMap((r) => {
    const model = models.get(r.modelVersionId);
    return model ? [{ ...r, model: model as LinePricingModel }] : [];
  });
  return { rows: usable, unusable: rows.length > 0 && usable.length === 0 };
}

type PriceRow = CurrentPrice;

function quoteOf(bookmaker: string, line: number, over: PriceRow | undefined, under: PriceRow | undefined, model: LinePrice): PropQuote {
  const { margin, fair: pair } = pricing.priceTwoWay(over?.price, under?.price);
  const fair = pair ? { over: pair[0], under: pair[1] } : null;
  const at = [over, under].filter((p): p is PriceRow => !!p).map((p) => p.capturedAt.getTime());
  return {
    bookmaker,
    line,
    capturedAt: new Date(Math.max(...at)),
    over: over ? { price: over.price, expectedValue: pricing.expectedValueWithPush(model.over, model.under, over.price) } : null,
    under: under ? { price: under.price, expectedValue: pricing.expectedValueWithPush(model.under, model.over, under.price) } : null,
    margin,
    fair,
    model,
  };
}

/**
 * The priced player props of one NFL fixture (see the file comment); a game without projections answers no players.
 * BAD_REQUEST for an invalid query or a fixture that is not NFL, NOT_FOUND for an unknown fixture.
 */
export async function fixtureProps({ ctx, input }: { ctx: Ctx; input: z.input<typeof fixturePropsInput> }): Promise<FixtureProps> {
  const parsed = fixturePropsInput.safeParse(input);
  if (!parsed.success) throw new AppError('BAD_REQUEST', `invalid props query: ${parsed.error.issues[0]?.path.join('.')} ${parsed.error.issues[0]?.message}`);
  const { fixtureId, markets } = parsed.data;
  return timeInference(PROPS_KIND, async () => {
    await nflFixture(ctx, fixtureId);
    return propsOfFixture(ctx, fixtureId, markets, { explain: true });
  });
}

/**
 * A known NFL fixture's priced projections (what `fixtureProps` answers once the fixture is checked); the value finder
 * calls it per game without explanations (`explain` false, the default: they cost TreeSHAP per projection).
 */
export async function propsOfFixture(ctx: Ctx, fixtureId: number, markets?: readonly MarketName[], opts: { explain?: boolean } = {}): Promise<FixtureProps> {
  const [{ rows }, prices] = await Promise.all([pricedProjections(ctx, fixtureId, markets ? { markets } : {}), currentPrices(ctx.read, fixtureId, ['player_prop'])]);
  if (rows.length === 0) return { fixtureId, players: [] };
  const t0 = performance.now();
  const explanations = opts.explain ? await propExplanations(ctx, fixtureId, rows) : new Map<string, Explanation>();
  if (opts.explain) metrics.observeExplanation(PROPS_KIND, (performance.now() - t0) / 1000);

  // player → market → book → line → side → price
  const book = new Map<string, Map<number, { over?: PriceRow; under?: PriceRow }>>();
  for (const p of prices) {
    const m = p.prop ? marketOfPropKey(p.prop) : undefined;
    if (!m || p.playerId === null) continue;
    const side = p.selection === 'over' || p.selection === 'yes' ? 'over' : p.selection === 'under' || p.selection === 'no' ? 'under' : null;
    if (!side) continue;
    // A yes/no market has no line (the feed gives none); every other quote needs a whole or half line ≥ 0.
    const line = MARKETS[m].kind === 'binary' ? 0.5 : p.line;
    if (line === null || !(line >= 0) || !Number.isInteger(line * 2)) continue;
    const key = `${p.playerId}|${m}|${p.bookmaker}`;
    const lines = book.get(key) ?? new Map<number, { over?: PriceRow; under?: PriceRow }>();
    lines.set(line, { ...lines.get(line), [side]: p });
    book.set(key, lines);
  }
  const bookNames = [...new Set(prices.map((p) => p.bookmaker))].sort();

  const byPlayer = new Map<number, PlayerProps>();
  for (const r of rows) {
    const model = r.model;
    const d = storedDistribution.safeParse(r.distribution);
    const m = r.market as MarketName;
    const quotes: PropQuote[] = [];
    for (const b of bookNames) {
      for (const [line, sides] of [...(book.get(`${r.playerId}|${m}|${b}`) ?? new Map()).entries()].sort((x, y) => x[0] - y[0])) {
        quotes.push(quoteOf(b, line, sides.over, sides.under, priceLine(model, r.mean, line)));
      }
    }
    const player = byPlayer.get(r.playerId) ?? { playerId: r.playerId, name: r.name, position: r.position, team: r.team, markets: [] };
    player.markets.push({
      market: m,
      modelVersion: { id: r.modelVersionId, version: r.version, status: r.status, simulated: r.simulated },
      mean: r.mean,
      median: d.success ? d.data.median : r.mean,
      q10: d.success ? d.data.q10 : null,
      q90: d.success ? d.data.q90 : null,
      quotes,
      explanation: explanations.get(propExplanationKey(r.playerId, m)) ?? null,
    });
    byPlayer.set(r.playerId, player);
  }
  const order = (m: MarketName) => ALL_MARKETS.indexOf(m);
  const out = [...byPlayer.values()].filter((p) => p.markets.length > 0);
  for (const p of out) p.markets.sort((a, b) => order(a.market) - order(b.market));
  out.sort((a, b) => order(a.markets[0]!.market) - order(b.markets[0]!.market) || b.markets[0]!.mean - a.markets[0]!.mean || a.name.localeCompare(b.name));
  return { fixtureId, players: out };
}

export interface PricedLine {
  fixtureId: number;
  playerId: number;
  market: MarketName;
  /** `simulated`: a demo model (the seed's), not one trained on real data. */
  modelVersion: { id: number; version: number; status: string; simulated: boolean };
  mean: number;
  price: LinePrice;
}

/**
 * One player's market priced at any line the caller asks: P(over / under / push) and both fair decimal prices (a push
 * refunds), from that player's projection under the market's active model version. NOT_FOUND without such a
 * projection, UNAVAILABLE when its model cannot price.
 */
export async function pricePropLine({ ctx, input }: { ctx: Ctx; input: z.input<typeof pricePropLineInput> }): Promise<PricedLine> {
  const parsed = pricePropLineInput.safeParse(input);
  if (!parsed.success) throw new AppError('BAD_REQUEST', `invalid line query: ${parsed.error.issues[0]?.path.join('.')} ${parsed.error.issues[0]?.message}`);
  const { fixtureId, playerId, market: m, line } = parsed.data;
  await nflFixture(ctx, fixtureId);
  const { rows: [r], unusable } = await pricedProjections(ctx, fixtureId, { markets: [m], playerId });
  if (unusable) throw new AppError('UNAVAILABLE', `no ${m} model for this projection can price lines`);
  if (!r) throw notFound(`a ${m} projection for player ${playerId} in fixture ${fixtureId}`);
  const model = r.model;
  return {
    fixtureId, playerId, market: m,
    modelVersion: { id: r.modelVersionId, version: r.version, status: r.status, simulated: r.simulated },
    mean: r.mean,
    price: priceLine(model, r.mean, line),
  };
}
