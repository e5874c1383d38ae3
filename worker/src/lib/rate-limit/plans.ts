/**
 * What each kind of caller may spend on the API, in one place. Requests are charged in *units*: every procedure call
 * costs its weight (procedure meta `weight`, default 1), so a batch of 20 value scans costs 20 × 5 = 100.
 *
 * - per minute: a token bucket (GCRA) per identity — an API key, else a signed-in user, else a client address —
 *   that refills at `perMinute` units a minute and holds at most one minute's worth (bursts up to `perMinute`).
 * - per day: a quota per account (all of a user's keys and sessions together), reset at 00:00 UTC. Anonymous
 *   callers and the machine token have none: an address is not an account, and the machine is ours.
 */
import type { Plan } from '@fairline/db';

/** Who a limit applies to: a plan of an account, or one of the two kinds of caller without an account. */
export type Tier = Plan | 'anonymous' | 'machine';

/** The limits of one tier, in request units. */
export interface TierLimits {
  /** Units per minute per identity (token bucket; a full minute's worth may be spent at once). */
  perMinute: number;
  /** Units per UTC day per account, or null for no daily quota. */
  perDay: number | null;
}

/**
 * The limits of each tier. A free key gets what one anonymous address gets per minute plus a daily quota and
 * metered usage; pro buys ten times the rate and a hundred times the quota. Anonymous keeps the rate the API had
 * before accounts (600/min per address) so the public web pages, which share an address behind one office NAT,
 * behave as before. The machine token (cron tooling, the CLI) runs at pro rate without a quota.
 */
export const TIER_LIMITS: Readonly<Record<Tier, TierLimits>> = {
  anonymous: { perMinute: 600, perDay: null },
  free: { perMinute: 600, perDay: 20_000 },
  pro: { perMinute: 6_000, perDay: 2_000_000 },
  machine: { perMinute: 6_000, perDay: null },
};

/** The most procedure calls one HTTP request (a tRPC batch) may carry; larger batches get 400 before anything runs. */
export const MAX_BATCH_CALLS = 20;

/** The weight of a procedure whose meta declares none: one unit per call. */
export const DEFAULT_WEIGHT = 1;

/**
 * Weights the routers declare in procedure meta (`.meta({ weight: WEIGHT.scan })`): a plain read is 1; pricing a
 * line or a fixture's markets from a model is 2; a value-finder scan (every upcoming price priced) is 5; hashing a
 * password (sign-up, sign-in, password change: argon2id, about 0.2 s of CPU — `npm run bench:auth`) is 10; an
 * operator action on the model registry (a write that reloads models) is 10.
 */
export const WEIGHT = { read: 1, price: 2, scan: 5, password: 10, registry: 10 } as const;
