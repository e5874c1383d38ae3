/**
 * The player page (`nfl.props.player`): an NFL player's game log, and for their next projected game each market's
 * projection with its predictive distribution (a histogram of the model's law), P(over) as a function of the line
 * (calibrated, as every line is priced), the books' line, and how often the player went over that line in the
 * last 5 and 10 games and the season, and why the model projects what it does (TreeSHAP top factors).
 */
import { nextProjectedFixture, playerById, playerGameLog, serialId, fixtureById, type GameLogRow } from '@fairline/db';
import { MARKETS, type MarketName } from '@fairline/ml/nfl/props/index';
import { probOver, quantile } from '@fairline/ml/nfl/props/distributions/scaled-residual';
import { priceLine } from '@fairline/ml/nfl/props/price';
import { z } from 'zod';
import type { Ctx } from '../../../context.ts';
import { AppError, notFound } from '../../../lib/errors.ts';
import { metrics, timeInference } from '../../../lib/metrics.ts';
import { propExplanationKey, propExplanations, type Explanation } from '../../monitoring/explanations.ts';
import { pricedProjections, propsOfFixture } from './fixture-props.ts';
import { PROPS_KIND } from './pricing-models.ts';

/** Input of `nfl.props.player`: `playerId` (serial id). */
export const playerPageInput = z.object({ playerId: serialId });

/** The box-score value a market settles on, from a game-log row (null when the game did not record it). */
export const STAT_OF_MARKET: Record<MarketName, (g: GameLogRow) => number | null> = {
  passing_yards: (g) => g.passingYards,
  rushing_yards: (g) => g.rushingYards,
  receiving_yards: (g) => g.receivingYards,
  receptions: (g) => g.receptions,
  completions: (g) => g.completions,
  attempts: (g) => g.passAttempts,
  passing_tds: (g) => g.passingTds,
  carries: (g) => g.carries,
  anytime_td: (g) => (g.rushingTds === null && g.receivingTds === null ? null : (g.rushingTds ?? 0) + (g.receivingTds ?? 0) > 0 ? 1 : 0),
};

/** How often a stat went over a line: games with the stat, overs, pushes (a whole line hit exactly) and overs / games. */
export interface HitRate {
  games: number;
  overs: number;
  pushes: number;
  /** overs / games; null without games. */
  rate: number | null;
}

/** Hit rate of `values` (newest first) over `line`. */
export function hitRate(values: readonly number[], line: number): HitRate {
  const overs = values.filter((v) => v > line).length;
  const pushes = values.filter((v) => v === line).length;
  return { games: values.length, overs, pushes, rate: values.length ? overs / values.length : null };
}

export interface PlayerMarketPage {
  market: MarketName;
  simulated: boolean;
  mean: number;
  /** The books' line: the median of the lines quoted for this player and market (null when no book quotes one). */
  bookLine: number | null;
  /** The line the hit rates and the P(over) marker use: the books' line, else the projection's median as a half line. */
  line: number;
  /** The model's price at `line` (calibrated P(over/under/push), fair prices). */
  price: { over: number; under: number; push: number };
  /** The predictive law as a histogram: bins [from, to) in the market's units and their probability. Empty for yes/no. */
  distribution: Array<{ from: number; to: number; p: number }>;
  /** Calibrated P(over) at half lines across the law's 2–98 % range. */
  overCurve: Array<{ line: number; over: number }>;
  /** Over the last 5 and 10 games and the games of the latest game's season. */
  hitRates: { last5: HitRate; last10: HitRate; season: HitRate };
  /** Why the projected mean is what it is (TreeSHAP top factors; see nfl.props.byFixture); null without trees or a stored feature row. */
  explanation: Explanation | null;
}

export interface PlayerPage {
  player: { id: number; name: string; position: string | null; team: string | null };
  gameLog: GameLogRow[];
  /** The next game an active model projects the player in; null when none. */
  next: { fixtureId: number; kickoffAt: Date; homeTeam: string; awayTeam: string; markets: PlayerMarketPage[] } | null;
}

const BINS = 30;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)]! : null;
};

/**
 * An NFL player's page (see the file comment). NOT_FOUND for an unknown player, BAD_REQUEST for a player of
 * another sport.
 */
export async function playerPage({ ctx, input }: { ctx: Ctx; input: z.input<typeof playerPageInput> }): Promise<PlayerPage> {
  return timeInference(PROPS_KIND, () => playerPageOf(ctx, input));
}

async function playerPageOf(ctx: Ctx, input: z.input<typeof playerPageInput>): Promise<PlayerPage> {
  const parsed = playerPageInput.safeParse(input);
  if (!parsed.success) throw new AppError('BAD_REQUEST', `invalid player query: ${parsed.error.issues[0]?.path.join('.')} ${parsed.error.issues[0]?.message}`);
  const { playerId } = parsed.data;
  const player = await playerById(ctx.read, playerId);
  if (!player) throw notFound(`player ${playerId}`);
  if (player.sport !== 'nfl') throw new AppError('BAD_REQUEST', `player ${playerId} is not an NFL player (player pages are NFL only)`);
  const [gameLog, nextId] = await Promise.all([playerGameLog(ctx.read, playerId), nextProjectedFixture(ctx.read, playerId, ctx.clock())]);
  const out: PlayerPage = { player: { id: player.id, name: player.name, position: player.position, team: player.team }, gameLog, next: null };
  if (nextId === null) return out;

  const [fx, { rows }, props] = await Promise.all([fixtureById(ctx.read, nextId), pricedProjections(ctx, nextId, { playerId }), propsOfFixture(ctx, nextId)]);
  if (!fx) return out;
  const quoted = props.players.find((p) => p.playerId === playerId);
  const t0 = performance.now();
  const explanations = await propExplanations(ctx, nextId, rows, playerId);
  metrics.observeExplanation(PROPS_KIND, (performance.now() - t0) / 1000);
  const markets: PlayerMarketPage[] = [];
  for (const r of rows) {
    const m = r.market as MarketName;
    const lines = quoted?.markets.find((x) => x.market === m)?.quotes.map((q) => q.line) ?? [];
    const bookLine = MARKETS[m].kind === 'binary' ? 0.5 : median(lines);
    const d = r.model.distribution;
    const line = bookLine ?? (d ? Math.floor(quantile(d, r.mean, 0.5)) + 0.5 : 0.5);
    const { over, under, push } = priceLine(r.model, r.mean, line);
    const distribution: PlayerMarketPage['distribution'] = [];
    const overCurve: PlayerMarketPage['overCurve'] = [];
    if (d) {
      // Bins whose edges are half lines, so each bin holds whole outcomes: P(lo − ½ < Y ≤ hi − ½).
      const lo = Math.max(0, Math.floor(quantile(d, r.mean, 0.01)));
      const hi = Math.ceil(quantile(d, r.mean, 0.99));
      const width = Math.max(1, Math.ceil((hi - lo) / BINS));
      for (let a = lo; a <= hi; a += width) {
        distribution.push({ from: a, to: a + width, p: Math.max(0, probOver(d, r.mean, a - 0.5) - probOver(d, r.mean, a + width - 0.5)) });
      }
      const from = Math.max(0, Math.floor(quantile(d, r.mean, 0.02))) + 0.5;
      const to = Math.ceil(quantile(d, r.mean, 0.98)) + 0.5;
      const step = Math.max(1, Math.round((to - from) / 40));
      for (let l = from; l <= to; l += step) overCurve.push({ line: l, over: priceLine(r.model, r.mean, l).over });
    }
    const values = gameLog.map(STAT_OF_MARKET[m]).filter((v): v is number => v !== null);
    // The season: the games of the season of the player's latest game.
    const season = gameLog.filter((g) => g.season === gameLog[0]?.season).map(STAT_OF_MARKET[m]).filter((v): v is number => v !== null);
    markets.push({
      market: m, simulated: r.simulated, mean: r.mean, bookLine, line, price: { over, under, push }, distribution, overCurve,
      hitRates: { last5: hitRate(values.slice(0, 5), line), last10: hitRate(values.slice(0, 10), line), season: hitRate(season, line) },
      explanation: explanations.get(propExplanationKey(playerId, m)) ?? null,
    });
  }
  out.next = { fixtureId: fx.id, kickoffAt: fx.kickoffAt, homeTeam: fx.homeTeam, awayTeam: fx.awayTeam, markets };
  return out;
}
