/**
 * The statements of the closing-line and settlement crons. These run for the system, across every user's bets (a cron
 * has no caller to scope by); they never reach a user-facing verb. Each write is conditional on the state the cron
 * read, so a tick racing another tick — or an owner voiding a bet — changes nothing twice.
 */
import { and, asc, desc, eq, gt, gte, isNull, lte, or, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../client.ts';
import type { BetResult, ClosingSource, FixtureStatus, SettlementKind, Sport } from '../../schema/enums.ts';
import { bookmakers, oddsSnapshots, type Market } from '../../schema/odds/index.ts';
import { betSettlements, bets, portfolios } from '../../schema/portfolios/index.ts';
import { fixtures, playerGameStats } from '../../schema/sports/index.ts';

/** A pending bet whose fixture has kicked off and whose closing line is not captured yet. */
export interface BetAwaitingClose {
  id: string;
  userId: string;
  portfolioId: string;
  fixtureId: number;
  kickoffAt: Date;
  market: Market;
  selection: string;
  line: number | null;
  playerId: number | null;
  prop: string | null;
  bookmakerId: number | null;
  priceTaken: number;
}

/**
 * Pending bets without a captured closing line on fixtures that kicked off in [`since`, `now`], in kick-off order,
 * after bet id `afterId` (keyset paging: pass the last id of the previous page), at most `limit`.
 */
export async function betsAwaitingClose(
  db: Db | Tx,
  window: { since: Date; now: Date },
  page: { afterId: string | null; limit: number },
): Promise<BetAwaitingClose[]> {
  return db
    .select({
      id: bets.id,
      userId: bets.userId,
      portfolioId: bets.portfolioId,
      fixtureId: bets.fixtureId,
      kickoffAt: fixtures.kickoffAt,
      market: bets.market,
      selection: bets.selection,
      line: bets.line,
      playerId: bets.playerId,
      prop: bets.prop,
      bookmakerId: bets.bookmakerId,
      priceTaken: bets.priceTaken,
    })
    .from(bets)
    .innerJoin(fixtures, eq(fixtures.id, bets.fixtureId))
    .where(
      and(
        eq(bets.result, 'pending'),
        isNull(bets.closingCapturedAt),
        gte(fixtures.kickoffAt, window.since),
        lte(fixtures.kickoffAt, window.now),
        page.afterId ? gt(bets.id, page.afterId) : undefined,
      ),
    )
    .orderBy(asc(bets.id))
    .limit(page.limit);
}

/** One book's last pre-match price of one selection and line (or its closing price, where a source marks one). */
export interface ClosingPriceRow {
  bookmakerId: number;
  bookmaker: string;
  selection: string;
  line: number | null;
  price: number;
  closing: boolean;
  capturedAt: Date;
}

/**
 * Every book's closing price of each selection and line of one market of a fixture (for props: of one player and prop
 * key): the row a source marked as closing if there is one, else the last row captured at or before kick-off — prices
 * captured after kick-off are in-play, not the close.
 */
export async function closingPrices(
  db: Db | Tx,
  q: { fixtureId: number; kickoffAt: Date; market: Market; playerId: number | null; prop: string | null },
): Promise<ClosingPriceRow[]> {
  return db
    .selectDistinctOn([bookmakers.key, oddsSnapshots.selection, oddsSnapshots.line], {
      bookmakerId: bookmakers.id,
      bookmaker: bookmakers.key,
      selection: oddsSnapshots.selection,
      line: oddsSnapshots.line,
      price: oddsSnapshots.price,
      closing: oddsSnapshots.closing,
      capturedAt: oddsSnapshots.capturedAt,
    })
    .from(oddsSnapshots)
    .innerJoin(bookmakers, eq(bookmakers.id, oddsSnapshots.bookmakerId))
    .where(
      and(
        eq(oddsSnapshots.fixtureId, q.fixtureId),
        eq(oddsSnapshots.market, q.market),
        sql`${oddsSnapshots.playerId} IS NOT DISTINCT FROM ${q.playerId}`,
        sql`${oddsSnapshots.prop} IS NOT DISTINCT FROM ${q.prop}`,
        or(lte(oddsSnapshots.capturedAt, q.kickoffAt), eq(oddsSnapshots.closing, true)),
      ),
    )
    .orderBy(bookmakers.key, oddsSnapshots.selection, oddsSnapshots.line, desc(oddsSnapshots.closing), desc(oddsSnapshots.capturedAt), desc(oddsSnapshots.id));
}

/** A bet's closing line as captured. */
export interface BetClosing {
  closingPrice: number;
  closingSource: ClosingSource;
  closingBookmakerId: number | null;
  fairClosingProbability: number;
  clv: number;
  capturedAt: Date;
}

/**
 * Stores bet `betId`'s closing line, only if none was captured and the bet is still pending. Answers whether it wrote
 * (false: another tick, or a void, got there first).
 */
export async function setBetClosing(tx: Tx, betId: string, c: BetClosing): Promise<boolean> {
  const rows = await tx
    .update(bets)
    .set({
      closingPrice: c.closingPrice,
      closingSource: c.closingSource,
      closingBookmakerId: c.closingBookmakerId,
      fairClosingProbability: c.fairClosingProbability,
      clv: c.clv,
      closingCapturedAt: c.capturedAt,
    })
    .where(and(eq(bets.id, betId), isNull(bets.closingCapturedAt), eq(bets.result, 'pending')))
    .returning({ id: bets.id });
  return rows.length > 0;
}

/** A player's line in one game, as props settle on it (null columns: the source did not record that stat). */
export interface PlayerStatLine {
  completions: number | null;
  passAttempts: number | null;
  passingYards: number | null;
  passingTds: number | null;
  carries: number | null;
  rushingYards: number | null;
  rushingTds: number | null;
  receptions: number | null;
  receivingYards: number | null;
  receivingTds: number | null;
}

/** The last settlement entry of a bet (what it was settled on, and how). */
export interface LastSettlement {
  sequence: number;
  kind: SettlementKind;
  result: Exclude<BetResult, 'pending'>;
  pnl: number;
  homeScore: number | null;
  awayScore: number | null;
  statValue: number | null;
}

/** A bet the settlement cron looks at: the bet, its fixture's result, the player's stat line, and its last settlement. */
export interface SettlementCandidate {
  id: string;
  userId: string;
  portfolioId: string;
  fixtureId: number;
  sport: Sport;
  kickoffAt: Date;
  fixtureStatus: FixtureStatus;
  homeScore: number | null;
  awayScore: number | null;
  market: Market;
  selection: string;
  line: number | null;
  playerId: number | null;
  prop: string | null;
  priceTaken: number;
  /** Minor units of `currency`. */
  stake: number;
  /** The portfolio's currency. */
  currency: string;
  result: BetResult;
  closingCapturedAt: Date | null;
  /** The player's stats in this game (player props only); null when none are stored. */
  stats: PlayerStatLine | null;
  last: LastSettlement | null;
}

/**
 * Bets whose fixture has an outcome (final or cancelled) that the settlement cron must look at: every pending one, and
 * — so that a corrected result re-settles — every one settled on a result (not voided by its owner) whose fixture
 * kicked off at or after `resettleSince`. Keyset-paged by bet id (`afterId`), at most `limit`.
 */
export async function settlementCandidates(
  db: Db | Tx,
  q: { resettleSince: Date; afterId: string | null; limit: number },
): Promise<SettlementCandidate[]> {
  const rows = await db.execute(sql`
    SELECT b.id, b.user_id AS "userId", b.portfolio_id AS "portfolioId", b.fixture_id AS "fixtureId", f.sport,
           f.kickoff_at AS "kickoffAt", f.status AS "fixtureStatus", f.home_score AS "homeScore", f.away_score AS "awayScore",
           b.market, b.selection, b.line, b.player_id AS "playerId", b.prop, b.price_taken::float8 AS "priceTaken",
           b.stake::float8 AS stake, p.currency, b.result, b.closing_captured_at AS "closingCapturedAt",
           CASE WHEN s.id IS NULL THEN NULL ELSE json_build_object(
             'completions', s.completions, 'passAttempts', s.pass_attempts, 'passingYards', s.passing_yards,
             'passingTds', s.passing_tds, 'carries', s.carries, 'rushingYards', s.rushing_yards, 'rushingTds', s.rushing_tds,
             'receptions', s.receptions, 'receivingYards', s.receiving_yards, 'receivingTds', s.receiving_tds) END AS stats,
           CASE WHEN l.sequence IS NULL THEN NULL ELSE json_build_object(
             'sequence', l.sequence, 'kind', l.kind, 'result', l.result, 'pnl', l.pnl, 'homeScore', l.home_score,
             'awayScore', l.away_score, 'statValue', l.stat_value) END AS last
      FROM ${bets} b
      JOIN ${fixtures} f ON f.id = b.fixture_id
      JOIN ${portfolios} p ON p.id = b.portfolio_id
      LEFT JOIN ${playerGameStats} s ON s.player_id = b.player_id AND s.fixture_id = b.fixture_id
      LEFT JOIN LATERAL (
        SELECT sequence, kind, result, pnl, home_score, away_score, stat_value FROM ${betSettlements}
         WHERE bet_id = b.id ORDER BY sequence DESC LIMIT 1) l ON true
     WHERE f.status IN ('final', 'cancelled')
       AND (b.result = 'pending' OR (l.kind <> 'void' AND f.kickoff_at >= ${q.resettleSince.toISOString()}::timestamptz))
       ${q.afterId ? sql`AND b.id > ${q.afterId}::uuid` : sql``}
     ORDER BY b.id
     LIMIT ${q.limit}`);
  const list = (rows as unknown as { rows: (Omit<SettlementCandidate, 'kickoffAt' | 'closingCapturedAt'> & { kickoffAt: string | Date; closingCapturedAt: string | Date | null })[] }).rows;
  return list.map((r) => ({
    ...r,
    kickoffAt: new Date(r.kickoffAt),
    closingCapturedAt: r.closingCapturedAt === null ? null : new Date(r.closingCapturedAt),
    last: r.last ? { ...r.last, pnl: Number(r.last.pnl) } : null,
  }));
}

/**
 * Locks bet `betId` for settlement and answers its sequence of the last settlement entry (0 when none) and its result,
 * or null when the bet is gone. The cron re-checks these against what it read before writing.
 */
export async function lockBetForSettlement(tx: Tx, betId: string): Promise<{ result: BetResult; lastSequence: number } | null> {
  const [row] = await tx.select({ result: bets.result }).from(bets).where(eq(bets.id, betId)).for('update');
  if (!row) return null;
  const [last] = await tx
    .select({ sequence: betSettlements.sequence })
    .from(betSettlements)
    .where(eq(betSettlements.betId, betId))
    .orderBy(desc(betSettlements.sequence))
    .limit(1);
  return { result: row.result, lastSequence: last?.sequence ?? 0 };
}
