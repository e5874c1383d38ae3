/** The checks every bet write starts with: the caller's open portfolio, and a fixture that has not started. */
import { fixtureKeys, portfolioOf, type Db, type FixtureKeys, type PortfolioRow, type Tx } from '@fairline/db';
import { AppError, notFound } from '../../lib/errors.ts';

/**
 * Portfolio `id` of `userId`, open for new bets. NOT_FOUND for an unknown id and for another user's; BAD_REQUEST when
 * it is archived. `forUpdate` locks it for the transaction (an archive cannot slip in between check and insert).
 */
export async function openPortfolio(db: Db | Tx, userId: string, id: string, opts: { forUpdate?: boolean } = {}): Promise<PortfolioRow> {
  const p = await portfolioOf(db, userId, id, opts);
  if (!p) throw notFound('portfolio');
  if (p.archivedAt !== null) throw new AppError('BAD_REQUEST', `portfolio "${p.name}" is archived: it takes no new bets`);
  return p;
}

/** Fixture `id`, or NOT_FOUND. */
export async function knownFixture(db: Db, id: number): Promise<FixtureKeys> {
  const fx = await fixtureKeys(db, id);
  if (!fx) throw notFound(`fixture ${id}`);
  return fx;
}

/** Whether fixture `fx` has started by `now` (kicked off, live, final), or cannot start (postponed, cancelled). */
export function notOpen(fx: Pick<FixtureKeys, 'id' | 'status' | 'kickoffAt'>, now: Date): string | null {
  if (fx.status === 'postponed' || fx.status === 'cancelled') return `fixture ${fx.id} is ${fx.status}`;
  if (fx.status !== 'scheduled' || fx.kickoffAt.getTime() <= now.getTime()) {
    return `fixture ${fx.id} has started (kick-off ${fx.kickoffAt.toISOString()})`;
  }
  return null;
}

/** Throws BAD_REQUEST unless fixture `fx` is open for bets at `now` (`action` says what was refused). */
export function assertOpen(fx: Pick<FixtureKeys, 'id' | 'status' | 'kickoffAt'>, now: Date, action: string): void {
  const why = notOpen(fx, now);
  if (why) throw new AppError('BAD_REQUEST', `${why}: ${action} only before kick-off`);
}
