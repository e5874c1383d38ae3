/**
 * Prepaid units per isolate, so a busy caller without an account does not cost a Redis round trip per request.
 *
 * For an identity with no daily quota and no usage meter (an anonymous address, the machine token) the limiter
 * charges Redis for the request's cost PLUS a lease of `perMinute / LEASE_DIVISOR` units in the same script call,
 * and keeps the lease in this isolate: the next requests of that identity are admitted from it without Redis until
 * it is spent. Every unit admitted was charged in Redis first, so the long-run rate never exceeds the limit; units
 * are only spent later than charged, so within any minute an identity may get at most one lease per isolate beyond
 * `perMinute` (default 600/min: 12 units), and an isolate that goes away forfeits at most one unspent lease. A lease
 * Redis refuses (near the limit) is dropped and the exact cost charged instead, so it never refuses a request that
 * fits. Limits below LEASE_DIVISOR units a minute get no lease: they are charged exactly, request by request.
 * Callers with an account keep exact, synchronous charging (their daily quota and metered usage must be exact).
 */
import { LRUCache } from 'lru-cache';

/** The lease is a 50th of a minute's units (1.2 s of the bucket's refill). */
export const LEASE_DIVISOR = 50;
/** How many identities' leases one isolate remembers (least recently used forgotten first). */
const MAX_IDENTITIES = 10_000;

/** The units to prepay with a charge for an identity of `perMinute` units a minute (0: no lease). */
export const leaseUnits = (perMinute: number): number => Math.floor(perMinute / LEASE_DIVISOR);

/** One identity's unspent lease and the bucket's remaining units Redis last reported. */
interface Lease {
  units: number;
  remaining: number;
}

/** This isolate's leases by identity (lru-cache: the least recently used identity is forgotten first). */
export class Leases {
  private readonly byIdentity = new LRUCache<string, Lease>({ max: MAX_IDENTITIES });

  /** Spends `cost` units of `identity`'s lease; the lease after it, or null when it does not cover `cost`. */
  spend(identity: string, cost: number): Lease | null {
    const lease = this.byIdentity.get(identity);
    if (!lease || lease.units < cost) return null;
    lease.units -= cost;
    return lease;
  }

  /** Adds `units` prepaid for `identity` (what was left stays: it was paid for) and the bucket's remaining units. */
  grant(identity: string, units: number, remaining: number): void {
    const left = this.byIdentity.get(identity)?.units ?? 0;
    this.byIdentity.set(identity, { units: left + units, remaining });
  }
}

/** This isolate's leases. */
export const leases = new Leases();
