/**
 * Portfolios: a user's named bankrolls. Every statement takes the owner's id and matches it, so another user's
 * portfolio id answers nothing — exactly like an unknown one (the verbs turn that into NOT_FOUND).
 */
import { and, asc, eq, isNull, ne, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../client.ts';
import { bets, portfolios } from '../../schema/portfolios/index.ts';

/** A portfolio as its owner sees it. Money in minor units of `currency`. */
export interface PortfolioRow {
  id: string;
  name: string;
  currency: string;
  /** Minor units. */
  startingBankroll: number;
  archivedAt: Date | null;
  createdAt: Date;
}

const PORTFOLIO = {
  id: portfolios.id,
  name: portfolios.name,
  currency: portfolios.currency,
  startingBankroll: portfolios.startingBankroll,
  archivedAt: portfolios.archivedAt,
  createdAt: portfolios.createdAt,
};

/**
 * Inserts a portfolio for `userId`. Answers it, or null when the user already has one of that name (the unique
 * constraint `portfolios_natural_key` decides, so two concurrent creations cannot both win).
 */
export async function insertPortfolio(
  tx: Tx,
  p: { userId: string; name: string; currency: string; startingBankroll: number; now: Date },
): Promise<PortfolioRow | null> {
  const [row] = await tx
    .insert(portfolios)
    .values({ userId: p.userId, name: p.name, currency: p.currency, startingBankroll: p.startingBankroll, createdAt: p.now })
    .onConflictDoNothing({ target: [portfolios.userId, portfolios.name] })
    .returning(PORTFOLIO);
  return row ?? null;
}

/** The portfolios of `userId`, oldest first (then by name); archived ones only when `includeArchived`. */
export async function portfoliosOf(db: Db | Tx, userId: string, opts: { includeArchived: boolean }): Promise<PortfolioRow[]> {
  const owned = eq(portfolios.userId, userId);
  return db
    .select(PORTFOLIO)
    .from(portfolios)
    .where(opts.includeArchived ? owned : and(owned, isNull(portfolios.archivedAt)))
    .orderBy(asc(portfolios.createdAt), asc(portfolios.name));
}

/**
 * Portfolio `id` of `userId`, or null (unknown, or another user's). `forUpdate` locks the row until the transaction
 * ends (placing a bet against an archive in flight).
 */
export async function portfolioOf(db: Db | Tx, userId: string, id: string, opts: { forUpdate?: boolean } = {}): Promise<PortfolioRow | null> {
  const q = db.select(PORTFOLIO).from(portfolios).where(and(eq(portfolios.id, id), eq(portfolios.userId, userId))).limit(1);
  const [row] = opts.forUpdate ? await q.for('update') : await q;
  return row ?? null;
}

/** Whether `userId` has another portfolio (not `id`) named `name`. */
export async function portfolioNameTaken(db: Db | Tx, userId: string, name: string, exceptId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: portfolios.id })
    .from(portfolios)
    .where(and(eq(portfolios.userId, userId), eq(portfolios.name, name), ne(portfolios.id, exceptId)))
    .limit(1);
  return row !== undefined;
}

/** Renames portfolio `id` of `userId`. Answers it after the change, or null when the user has no such portfolio. */
export async function renamePortfolioOf(tx: Tx, userId: string, id: string, name: string): Promise<PortfolioRow | null> {
  const [row] = await tx
    .update(portfolios)
    .set({ name })
    .where(and(eq(portfolios.id, id), eq(portfolios.userId, userId)))
    .returning(PORTFOLIO);
  return row ?? null;
}

/**
 * Archives portfolio `id` of `userId` at `now` (archiving again keeps the first time). Answers it after the change,
 * or null when the user has no such portfolio.
 */
export async function archivePortfolioOf(tx: Tx, userId: string, id: string, now: Date): Promise<PortfolioRow | null> {
  const [row] = await tx
    .update(portfolios)
    .set({ archivedAt: sql`coalesce(${portfolios.archivedAt}, ${now.toISOString()}::timestamptz)` })
    .where(and(eq(portfolios.id, id), eq(portfolios.userId, userId)))
    .returning(PORTFOLIO);
  return row ?? null;
}

/** Settled P&L (minor units) and the count of pending bets of portfolio `id` of `userId` — the current bankroll's inputs. */
export async function portfolioBalance(db: Db | Tx, userId: string, id: string): Promise<{ settledPnl: number; pending: number; pendingStake: number }> {
  const [row] = await db
    .select({
      settledPnl: sql<string>`coalesce(sum(${bets.pnl}), 0)::text`,
      pending: sql<number>`count(*) filter (where ${bets.result} = 'pending')::int`,
      pendingStake: sql<string>`coalesce(sum(${bets.stake}) filter (where ${bets.result} = 'pending'), 0)::text`,
    })
    .from(bets)
    .where(and(eq(bets.portfolioId, id), eq(bets.userId, userId)));
  return { settledPnl: Number(row?.settledPnl ?? 0), pending: row?.pending ?? 0, pendingStake: Number(row?.pendingStake ?? 0) };
}
