/**
 * Bets as their owner places, lists, voids and exports them. Every statement matches the owner's id (`bets.user_id`,
 * which the composite foreign key keeps equal to the portfolio's owner), so another user's bet id answers nothing.
 * Writes take a transaction handle: the verbs append the audit entry of each change in the same transaction.
 */
import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db, Tx } from '../../client.ts';
import type { BetResult, BetSource, ClosingSource, FixtureStatus, SettlementKind, Sport } from '../../schema/enums.ts';
import { bookmakers, type Market } from '../../schema/odds/index.ts';
import { betSettlements, bets } from '../../schema/portfolios/index.ts';
import { competitions, fixtures, players, teams } from '../../schema/sports/index.ts';

/** A bet with what the owner needs to read it: its fixture, book and closing book by name. Money in minor units. */
export interface BetRow {
  id: string;
  portfolioId: string;
  clientRef: string;
  source: BetSource;
  fixtureId: number;
  sport: Sport;
  competition: string;
  homeTeam: string;
  awayTeam: string;
  kickoffAt: Date;
  fixtureStatus: FixtureStatus;
  market: Market;
  selection: string;
  /** Totals: the total; Asian handicap and spread: the HOME handicap whichever side was backed; null otherwise. */
  line: number | null;
  playerId: number | null;
  playerName: string | null;
  /** The odds feed's prop key (odds_snapshots.prop), e.g. 'pass_yds'. */
  prop: string | null;
  /** The book's key, null when the bet was placed somewhere we do not store. */
  bookmaker: string | null;
  priceTaken: number;
  /** Minor units. */
  stake: number;
  modelProbability: number | null;
  modelVersionId: number | null;
  placedAt: Date;
  closingPrice: number | null;
  closingSource: ClosingSource | null;
  closingBookmaker: string | null;
  fairClosingProbability: number | null;
  clv: number | null;
  closingCapturedAt: Date | null;
  result: BetResult;
  /** Minor units; null while pending. */
  pnl: number | null;
  settledAt: Date | null;
}

const home = alias(teams, 'bet_home');
const away = alias(teams, 'bet_away');
const book = alias(bookmakers, 'bet_book');
const closingBook = alias(bookmakers, 'bet_closing_book');

const BET = {
  id: bets.id,
  portfolioId: bets.portfolioId,
  clientRef: bets.clientRef,
  source: bets.source,
  fixtureId: bets.fixtureId,
  sport: fixtures.sport,
  competition: competitions.code,
  homeTeam: home.name,
  awayTeam: away.name,
  kickoffAt: fixtures.kickoffAt,
  fixtureStatus: fixtures.status,
  market: bets.market,
  selection: bets.selection,
  line: bets.line,
  playerId: bets.playerId,
  playerName: players.name,
  prop: bets.prop,
  bookmaker: book.key,
  priceTaken: bets.priceTaken,
  stake: bets.stake,
  modelProbability: bets.modelProbability,
  modelVersionId: bets.modelVersionId,
  placedAt: bets.placedAt,
  closingPrice: bets.closingPrice,
  closingSource: bets.closingSource,
  closingBookmaker: closingBook.key,
  fairClosingProbability: bets.fairClosingProbability,
  clv: bets.clv,
  closingCapturedAt: bets.closingCapturedAt,
  result: bets.result,
  pnl: bets.pnl,
  settledAt: bets.settledAt,
};

function selectBets(db: Db | Tx) {
  return db
    .select(BET)
    .from(bets)
    .innerJoin(fixtures, eq(fixtures.id, bets.fixtureId))
    .innerJoin(competitions, eq(competitions.id, fixtures.competitionId))
    .innerJoin(home, eq(home.id, fixtures.homeTeamId))
    .innerJoin(away, eq(away.id, fixtures.awayTeamId))
    .leftJoin(players, eq(players.id, bets.playerId))
    .leftJoin(book, eq(book.id, bets.bookmakerId))
    .leftJoin(closingBook, eq(closingBook.id, bets.closingBookmakerId));
}

/** What placing a bet writes (money in minor units, price decimal odds, line in the engine's convention). */
export interface NewBet {
  portfolioId: string;
  userId: string;
  clientRef: string;
  source: BetSource;
  fixtureId: number;
  market: Market;
  selection: string;
  line: number | null;
  playerId: number | null;
  prop: string | null;
  bookmakerId: number | null;
  priceTaken: number;
  stake: number;
  modelProbability: number | null;
  modelVersionId: number | null;
  placedAt: Date;
}

/**
 * Inserts a bet unless its owner already used `clientRef` (the idempotency key, unique per user). Answers the new bet's
 * id, or null when the reference was taken (the caller reads the bet that holds it).
 */
export async function insertBet(tx: Tx, b: NewBet): Promise<string | null> {
  const [row] = await tx
    .insert(bets)
    .values({ ...b })
    .onConflictDoNothing({ target: [bets.userId, bets.clientRef] })
    .returning({ id: bets.id });
  return row?.id ?? null;
}

/** The id of the bet `userId` placed under `clientRef`, or null. */
export async function betIdByClientRef(db: Db | Tx, userId: string, clientRef: string): Promise<string | null> {
  const [row] = await db.select({ id: bets.id }).from(bets).where(and(eq(bets.userId, userId), eq(bets.clientRef, clientRef))).limit(1);
  return row?.id ?? null;
}

/** The ids among `clientRefs` that `userId` already used, with their bets' ids (a CSV import's duplicates). */
export async function betIdsByClientRefs(db: Db | Tx, userId: string, clientRefs: readonly string[]): Promise<Map<string, string>> {
  if (clientRefs.length === 0) return new Map();
  const rows = await db
    .select({ id: bets.id, clientRef: bets.clientRef })
    .from(bets)
    .where(and(eq(bets.userId, userId), inArray(bets.clientRef, [...clientRefs])));
  return new Map(rows.map((r) => [r.clientRef, r.id]));
}

/**
 * Bet `id` of `userId`, or null (unknown, or another user's). `forUpdate` locks the bet row until the transaction ends
 * (void and settlement serialise on it).
 */
export async function betOf(db: Db | Tx, userId: string, id: string, opts: { forUpdate?: boolean } = {}): Promise<BetRow | null> {
  const q = selectBets(db).where(and(eq(bets.id, id), eq(bets.userId, userId))).limit(1);
  const [row] = opts.forUpdate ? await q.for('update', { of: bets }) : await q;
  return row ?? null;
}

/** Which of a portfolio's bets to list: by state, sport and market; newest first, paged. */
export interface BetFilter {
  portfolioId: string;
  /** 'pending', 'settled' (any result but pending), or one result. */
  status?: BetResult | 'settled' | undefined;
  sport?: Sport | undefined;
  market?: Market | undefined;
  fixtureId?: number | undefined;
  limit: number;
  offset: number;
}

/** The bets of `userId` in one portfolio matching `f`, newest placement first. */
export async function betsOf(db: Db | Tx, userId: string, f: BetFilter): Promise<BetRow[]> {
  const where: SQL[] = [eq(bets.userId, userId), eq(bets.portfolioId, f.portfolioId)];
  if (f.status === 'settled') where.push(sql`${bets.result} <> 'pending'`);
  else if (f.status) where.push(eq(bets.result, f.status));
  if (f.sport) where.push(eq(fixtures.sport, f.sport));
  if (f.market) where.push(eq(bets.market, f.market));
  if (f.fixtureId) where.push(eq(bets.fixtureId, f.fixtureId));
  return selectBets(db)
    .where(and(...where))
    .orderBy(desc(bets.placedAt), desc(bets.id))
    .limit(f.limit)
    .offset(f.offset);
}

/** Every bet of `userId` in one portfolio, oldest placement first (the CSV export). */
export async function allBetsOf(db: Db | Tx, userId: string, portfolioId: string): Promise<BetRow[]> {
  return selectBets(db)
    .where(and(eq(bets.userId, userId), eq(bets.portfolioId, portfolioId)))
    .orderBy(asc(bets.placedAt), asc(bets.id));
}

/** A settled bet as the portfolio statistics read it (money in minor units). */
export interface SettledBetFacts {
  settledAt: Date;
  sport: Sport;
  market: Market;
  bookmaker: string | null;
  stake: number;
  pnl: number;
  result: Exclude<BetResult, 'pending'>;
  clv: number | null;
  modelProbability: number | null;
}

/** The settled bets of `userId` in one portfolio, in settlement order. */
export async function settledBetsOf(db: Db | Tx, userId: string, portfolioId: string): Promise<SettledBetFacts[]> {
  const rows = await db
    .select({
      settledAt: bets.settledAt,
      sport: fixtures.sport,
      market: bets.market,
      bookmaker: book.key,
      stake: bets.stake,
      pnl: bets.pnl,
      result: bets.result,
      clv: bets.clv,
      modelProbability: bets.modelProbability,
    })
    .from(bets)
    .innerJoin(fixtures, eq(fixtures.id, bets.fixtureId))
    .leftJoin(book, eq(book.id, bets.bookmakerId))
    .where(and(eq(bets.userId, userId), eq(bets.portfolioId, portfolioId), sql`${bets.result} <> 'pending'`))
    .orderBy(asc(bets.settledAt), asc(bets.placedAt), asc(bets.id));
  return rows as SettledBetFacts[];
}

/** One entry of a bet's settlement history (money in minor units). */
export interface SettlementRow {
  sequence: number;
  kind: SettlementKind;
  result: Exclude<BetResult, 'pending'>;
  pnl: number;
  homeScore: number | null;
  awayScore: number | null;
  statValue: number | null;
  settledAt: Date;
}

const SETTLEMENT = {
  sequence: betSettlements.sequence,
  kind: betSettlements.kind,
  result: betSettlements.result,
  pnl: betSettlements.pnl,
  homeScore: betSettlements.homeScore,
  awayScore: betSettlements.awayScore,
  statValue: betSettlements.statValue,
  settledAt: betSettlements.settledAt,
};

/** The settlement history of bet `betId` of `userId`, in order (empty for another user's bet). */
export async function settlementsOf(db: Db | Tx, userId: string, betId: string): Promise<SettlementRow[]> {
  const rows = await db
    .select(SETTLEMENT)
    .from(betSettlements)
    .innerJoin(bets, eq(bets.id, betSettlements.betId))
    .where(and(eq(betSettlements.betId, betId), eq(bets.userId, userId)))
    .orderBy(asc(betSettlements.sequence));
  return rows as SettlementRow[];
}

/** What one settlement writes: the entry (its sequence follows the bet's last one) and the bet's mirrored result. */
export interface NewSettlement {
  betId: string;
  kind: SettlementKind;
  result: Exclude<BetResult, 'pending'>;
  /** Minor units. */
  pnl: number;
  homeScore: number | null;
  awayScore: number | null;
  statValue: number | null;
  settledAt: Date;
}

/**
 * Appends a settlement entry to bet `betId` (sequence = its last + 1) and mirrors it on the bet row. Call with the bet
 * row locked (betOf … forUpdate, or the settlement job's lock), in the transaction that audits it. Answers the entry.
 */
export async function appendSettlement(tx: Tx, s: NewSettlement): Promise<SettlementRow> {
  const [row] = await tx
    .insert(betSettlements)
    .values({
      betId: s.betId,
      sequence: sql`(SELECT coalesce(max(${betSettlements.sequence}), 0) + 1 FROM ${betSettlements} WHERE ${betSettlements.betId} = ${s.betId})`,
      kind: s.kind,
      result: s.result,
      pnl: s.pnl,
      homeScore: s.homeScore,
      awayScore: s.awayScore,
      statValue: s.statValue,
      settledAt: s.settledAt,
    })
    .returning(SETTLEMENT);
  await tx.update(bets).set({ result: s.result, pnl: s.pnl, settledAt: s.settledAt }).where(eq(bets.id, s.betId));
  return row as SettlementRow;
}

/** The ids of the books with these keys (unknown keys are absent from the map). */
export async function bookmakerIdsByKey(db: Db | Tx, keys: readonly string[]): Promise<Map<string, number>> {
  if (keys.length === 0) return new Map();
  const rows = await db.select({ id: bookmakers.id, key: bookmakers.key }).from(bookmakers).where(inArray(bookmakers.key, [...keys]));
  return new Map(rows.map((r) => [r.key, r.id]));
}
