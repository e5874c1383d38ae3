/**
 * The statements of the ingestion lease (table `ingestion_leases`): one row per source says which run holds its
 * ingestion until when. Each statement is ONE autocommit statement, so it is atomic on its own through any
 * connection — including a transaction-mode pooler (Neon's pooled URL, pgbouncer), where consecutive statements of
 * one client may run on different server connections and a session advisory lock therefore protects nothing.
 * Expiry is judged by the database clock (`now()`), never the caller's.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../client.ts';
import { ingestionLeases } from '../../schema/ops/ingestion-leases.ts';
import type { Tx } from '../sql.ts';

const expiryIn = (ms: number) => sql`now() + ${Math.round(ms)}::integer * interval '1 millisecond'`;

/**
 * Takes `source`'s lease for `holder` for `leaseMs` when nobody holds it or the holder's lease has expired; true
 * when taken. One `INSERT … ON CONFLICT DO UPDATE … WHERE expires_at < now()`: two callers racing for one source
 * serialise on the row, and the second sees the first's fresh expiry and takes nothing.
 */
export async function tryAcquireIngestionLease(db: Tx, source: string, holder: string, leaseMs: number): Promise<boolean> {
  const taken = await db
    .insert(ingestionLeases)
    .values({ source, holder, acquiredAt: sql`now()`, expiresAt: expiryIn(leaseMs) })
    .onConflictDoUpdate({
      target: ingestionLeases.source,
      set: { holder: sql`excluded.holder`, acquiredAt: sql`excluded.acquired_at`, expiresAt: sql`excluded.expires_at` },
      setWhere: sql`${ingestionLeases.expiresAt} < now()`,
    })
    .returning({ holder: ingestionLeases.holder });
  return taken[0]?.holder === holder;
}

/**
 * Pushes the expiry of `holder`'s lease to `leaseMs` from now (the heartbeat of a long run); false when the lease
 * is no longer the holder's (it expired and another run took it). An expired lease nobody took yet is renewed:
 * no one else ran in the meantime.
 */
export async function renewIngestionLease(db: Tx, source: string, holder: string, leaseMs: number): Promise<boolean> {
  const renewed = await db
    .update(ingestionLeases)
    .set({ expiresAt: expiryIn(leaseMs) })
    .where(and(eq(ingestionLeases.source, source), eq(ingestionLeases.holder, holder)))
    .returning({ holder: ingestionLeases.holder });
  return renewed.length === 1;
}

/** Gives `source`'s lease back, only if `holder` still holds it (a late release never frees another run's lease). */
export async function releaseIngestionLease(db: Tx, source: string, holder: string): Promise<boolean> {
  const gone = await db
    .delete(ingestionLeases)
    .where(and(eq(ingestionLeases.source, source), eq(ingestionLeases.holder, holder)))
    .returning({ holder: ingestionLeases.holder });
  return gone.length === 1;
}

/** Who holds `source`'s lease and until when (null: no row), for operators and tests. */
export async function ingestionLeaseOf(
  db: Db,
  source: string,
): Promise<{ holder: string; acquiredAt: Date; expiresAt: Date; live: boolean } | null> {
  const [row] = await db
    .select({
      holder: ingestionLeases.holder,
      acquiredAt: ingestionLeases.acquiredAt,
      expiresAt: ingestionLeases.expiresAt,
      live: sql<boolean>`${ingestionLeases.expiresAt} >= now()`,
    })
    .from(ingestionLeases)
    .where(eq(ingestionLeases.source, source));
  return row ?? null;
}
