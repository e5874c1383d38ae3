/**
 * What a bet is on, checked against its fixture: the market belongs to the fixture's sport, the selection and line are
 * ones the engine can settle (ml's parseBetSelection), a player prop names a player and one of our prop markets. Lines
 * follow the engine (and the bets table): the total for totals and props, the HOME team's handicap for Asian handicap
 * and spread whichever side is backed. Odds rows store each side's OWN handicap, so the away side's stored line is
 * pricing.flipHandicap(home handicap) — `oddsLineOf` converts.
 */
import { MARKETS, serialId, type FixtureKeys, type Market } from '@fairline/db';
import { portfolio, pricing } from '@fairline/ml';
import { ALL_MARKETS, MARKETS as PROP_MARKETS, type MarketName } from '@fairline/ml/nfl/props/index';
import { z } from 'zod';
import { AppError } from '../../lib/errors.ts';
import { marketOfPropKey, PROP_KEY } from '../nfl/props/prop-keys.ts';

/** The markets of each sport. */
export const SPORT_MARKETS: Record<'soccer' | 'nfl', readonly Market[]> = {
  soccer: ['1x2', 'totals', 'asian_handicap', 'btts', 'draw_no_bet', 'correct_score'],
  nfl: ['moneyline', 'spread', 'game_total', 'player_prop'],
};

/**
 * The fields naming what a bet is on: `fixtureId`; `market` (the platform's market vocabulary); `selection` (home, draw,
 * away, over, under, yes, no, a correct score `h-a` or `other`); `line` (totals and props: the total; Asian handicap and
 * spread: the HOME handicap, e.g. −0.25, whichever side is backed; absent for markets without one); for player props
 * `playerId` and `prop`, one of our prop markets (e.g. `passing_yards`).
 */
export const betSelectionFields = {
  fixtureId: serialId,
  market: z.enum(MARKETS),
  selection: z.string().trim().toLowerCase().min(1).max(16),
  line: z.number().finite().nullable().optional(),
  playerId: serialId.optional(),
  prop: z.enum(ALL_MARKETS as unknown as [MarketName, ...MarketName[]]).optional(),
};

/** The betSelectionFields as parsed. */
export interface SelectionInput {
  fixtureId: number;
  market: Market;
  selection: string;
  line?: number | null | undefined;
  playerId?: number | undefined;
  prop?: MarketName | undefined;
}

/** A selection checked against its fixture, in the forms settlement, storage and the odds tables need. */
export interface CheckedSelection {
  parsed: portfolio.BetSelection;
  market: Market;
  /** As stored on the bet (selectionName: `home`, `over`, `2-1` …). */
  selection: string;
  /** The bet's line (engine convention), or null. */
  line: number | null;
  playerId: number | null;
  /** Our prop market name (player props only). */
  propMarket: MarketName | null;
  /** The odds feed's prop key stored on bets and odds rows (player props only). */
  prop: string | null;
}

/**
 * Checks `s` against fixture `fx` (see the file comment). BAD_REQUEST naming the problem: a market of the other sport,
 * an unknown selection or line, a prop without a player or prop market, player or prop on a market that has none.
 */
export function checkSelection(fx: Pick<FixtureKeys, 'id' | 'sport'>, s: SelectionInput): CheckedSelection {
  if (!SPORT_MARKETS[fx.sport].includes(s.market)) {
    throw new AppError('BAD_REQUEST', `unknown market "${s.market}" for a ${fx.sport} fixture (one of ${SPORT_MARKETS[fx.sport].join(', ')})`);
  }
  const isProp = s.market === 'player_prop';
  if (isProp && (s.playerId === undefined || s.prop === undefined)) throw new AppError('BAD_REQUEST', 'a player prop needs playerId and prop');
  if (!isProp && (s.playerId !== undefined || s.prop !== undefined)) throw new AppError('BAD_REQUEST', `playerId and prop belong to player props, not ${s.market}`);
  const binary = isProp && PROP_MARKETS[s.prop!].kind === 'binary';
  if (isProp && binary !== (s.selection === 'yes' || s.selection === 'no')) {
    throw new AppError('BAD_REQUEST', `unknown selection "${s.selection}" for ${s.prop} (${binary ? 'yes or no' : 'over or under'})`);
  }
  let parsed: portfolio.BetSelection;
  try {
    parsed = portfolio.parseBetSelection({ market: s.market, selection: s.selection, line: s.line });
  } catch (err) {
    throw new AppError('BAD_REQUEST', `unknown selection or line: ${(err as Error).message}`);
  }
  return {
    parsed,
    market: s.market,
    selection: portfolio.selectionName(parsed),
    line: 'line' in parsed ? parsed.line : null,
    playerId: isProp ? s.playerId! : null,
    propMarket: isProp ? s.prop! : null,
    prop: isProp ? PROP_KEY[s.prop!] : null,
  };
}

/** The line an odds row stores for this selection: the away side of a handicap carries its own (flipped) handicap. */
export function oddsLineOf(s: Pick<CheckedSelection, 'market' | 'selection' | 'line'>): number | null {
  if (s.line === null) return null;
  return (s.market === 'asian_handicap' || s.market === 'spread') && s.selection === 'away' ? pricing.flipHandicap(s.line) : s.line;
}

/** Our prop market of a stored prop key, or null (for the CSV export). */
export function propMarketOf(prop: string | null): MarketName | null {
  return prop === null ? null : (marketOfPropKey(prop) ?? null);
}

/** A short human description: "asian_handicap home -0.25", "player_prop over 249.5 passing_yards (player 12)". */
export function describeSelection(s: Pick<CheckedSelection, 'market' | 'selection' | 'line' | 'propMarket' | 'playerId'>): string {
  const parts: string[] = [s.market, s.selection];
  if (s.line !== null) parts.push(String(s.line));
  if (s.propMarket) parts.push(`${s.propMarket} (player ${s.playerId})`);
  return parts.join(' ');
}
