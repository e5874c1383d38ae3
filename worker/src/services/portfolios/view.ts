/** A portfolio as the API answers it: amounts in currency units, and its current bankroll. */
import { portfolioBalance, type Db, type PortfolioRow, type Tx } from '@fairline/db';
import { toAmount } from './money.ts';

/** A portfolio with its balance. Amounts in currency units of `currency`. */
export interface PortfolioView {
  id: string;
  name: string;
  currency: string;
  startingBankroll: number;
  /** Starting bankroll + settled P&L. */
  bankroll: number;
  /** Settled P&L. */
  pnl: number;
  pendingBets: number;
  /** Stakes of the pending bets (at risk, not yet settled). */
  pendingStake: number;
  archived: boolean;
  archivedAt: Date | null;
  createdAt: Date;
}

/** `row` with its balance read from the database. */
export async function portfolioView(db: Db | Tx, userId: string, row: PortfolioRow): Promise<PortfolioView> {
  const b = await portfolioBalance(db, userId, row.id);
  const amount = (minor: number) => toAmount(minor, row.currency);
  return {
    id: row.id,
    name: row.name,
    currency: row.currency,
    startingBankroll: amount(row.startingBankroll),
    bankroll: amount(row.startingBankroll + b.settledPnl),
    pnl: amount(b.settledPnl),
    pendingBets: b.pending,
    pendingStake: amount(b.pendingStake),
    archived: row.archivedAt !== null,
    archivedAt: row.archivedAt,
    createdAt: row.createdAt,
  };
}
