/**
 * The API's request limiter, called once per HTTP request from the tRPC context factory (tRPC at /trpc and the REST
 * routes at /api/v1 both build their context there), before any procedure runs:
 *
 * 1. the batch cap — more than MAX_BATCH_CALLS calls in one request → BAD_REQUEST, nothing runs;
 * 2. the identity — the API key, else the signed-in user, else the client address (IPv6 by /64); in production a
 *    request with neither a user nor a client address → BAD_REQUEST (never one shared bucket);
 * 3. the charge — the sum of the calls' weights (procedure meta `weight`) against the identity's per-minute bucket
 *    and the account's daily quota, metered per key (charge.ts) → TOO_MANY_REQUESTS with `Retry-After` when refused.
 *
 * Redis gets REDIS_TIMEOUT_MS; when it is slow or down the limiter lets the request through and logs it (an API
 * that answers without limits beats one that does not answer). Without a cache tier there is no limiter at all.
 * Callers without an account (anonymous addresses, the machine token) prepay a lease of units with their charge and
 * are then admitted from this isolate without a Redis call until it is spent (lease.ts states the bound).
 */
import { TRPCError } from '@trpc/server';
import type { Principal } from '../../services/auth/principal.ts';
import { REDIS_TIMEOUT_MS, type Cache } from '../cache.ts';
import type { Logger } from '../logger.ts';
import { charge, type ChargeResult } from './charge.ts';
import { leases, leaseUnits } from './lease.ts';
import { clientAddress } from './client-address.ts';
import { DEFAULT_WEIGHT, MAX_BATCH_CALLS, TIER_LIMITS, type Tier, type TierLimits } from './plans.ts';

/** One procedure call of the request, as tRPC resolved it (null when no procedure has that path). */
export interface LimitedCall {
  procedure: { _def: { meta?: unknown } } | null;
}

/** The slice of the worker's validated environment (env.ts) the limiter reads. */
export interface LimitConfig {
  ENVIRONMENT: 'development' | 'test' | 'production';
  /** Replaces the anonymous per-minute rate when set (load tests). */
  RATE_LIMIT_PER_MINUTE?: number | undefined;
}

/** Everything the limiter needs from the edge. */
export interface LimitInput {
  /** The request's headers (for the client address). */
  headers: Headers;
  principal: Principal;
  calls: readonly LimitedCall[];
  /** Response headers: Retry-After and the X-RateLimit-* headers are set here. */
  resHeaders: Headers;
  cache: Cache | null;
  logger: Logger;
  clock: () => Date;
  config: LimitConfig;
}

/** Who is charged: the bucket identity, its tier, the account holding the daily quota and the metered key. */
export interface Identity {
  identity: string;
  tier: Tier;
  account: string | null;
  keyId: string | null;
}

/** The units a request costs: each call's meta `weight` (DEFAULT_WEIGHT when it declares none or is unknown). */
export function requestCost(calls: readonly LimitedCall[]): number {
  let units = 0;
  for (const call of calls) {
    const weight = (call.procedure?._def.meta as { weight?: unknown } | undefined)?.weight;
    units += typeof weight === 'number' && weight > 0 ? weight : DEFAULT_WEIGHT;
  }
  return units;
}

/** Refuses a request carrying more than MAX_BATCH_CALLS procedure calls (BAD_REQUEST, before anything runs). */
export function assertBatchSize(calls: number): void {
  if (calls > MAX_BATCH_CALLS) {
    throw new TRPCError({
      code: 'BAD_REQUEST',
      message: `a batch may hold at most ${MAX_BATCH_CALLS} calls and this one has ${calls}: split it into several requests`,
    });
  }
}

/**
 * The identity a request is charged to: `key:<keyId>` (the key owner's plan; quota and usage on the account and the
 * key), `user:<id>` (a session), `machine` (the ADMIN_TOKEN), else `ip:<address bucket>` — BAD_REQUEST when an
 * anonymous request has no client address in production.
 */
export function identityOf(principal: Principal, headers: Headers, environment: LimitConfig['ENVIRONMENT']): Identity {
  switch (principal.kind) {
    case 'apiKey':
      return { identity: `key:${principal.keyId}`, tier: principal.user.plan, account: `user:${principal.user.id}`, keyId: principal.keyId };
    case 'session':
      return { identity: `user:${principal.user.id}`, tier: principal.user.plan, account: `user:${principal.user.id}`, keyId: null };
    case 'machine':
      return { identity: 'machine', tier: 'machine', account: null, keyId: null };
    case 'anonymous': {
      const address = clientAddress(headers, environment);
      if (!address.ok) throw new TRPCError({ code: 'BAD_REQUEST', message: address.reason });
      return { identity: `ip:${address.bucket}`, tier: 'anonymous', account: null, keyId: null };
    }
  }
}

/** The limits of a tier; RATE_LIMIT_PER_MINUTE, when set, replaces the anonymous per-minute rate (load tests). */
export function limitsOf(tier: Tier, config: Pick<LimitConfig, 'RATE_LIMIT_PER_MINUTE'>): TierLimits {
  const limits = TIER_LIMITS[tier];
  return tier === 'anonymous' && config.RATE_LIMIT_PER_MINUTE ? { ...limits, perMinute: config.RATE_LIMIT_PER_MINUTE } : limits;
}

/** Applies the batch cap and the limits to one request (see the file comment); throws the refusal as a TRPCError. */
export async function enforceRateLimit(input: LimitInput): Promise<void> {
  assertBatchSize(input.calls.length);
  const who = identityOf(input.principal, input.headers, input.config.ENVIRONMENT);
  if (!input.cache) return;
  const limits = limitsOf(who.tier, input.config);
  const cost = requestCost(input.calls);
  // Without quota or meter, a request may be admitted from this isolate's prepaid lease (lease.ts), no Redis.
  const lease = who.account === null && who.keyId === null ? leaseUnits(limits.perMinute) : 0;
  if (lease > 0) {
    const left = leases.spend(who.identity, cost);
    if (left) {
      setLimitHeaders(input.resHeaders, limits, { admitted: true, remaining: left.remaining + left.units });
      return;
    }
  }
  const charged = (units: number) =>
    withTimeout(charge(input.cache!.redis, { ...who, limits, cost: units, calls: input.calls.length, now: input.clock() }), REDIS_TIMEOUT_MS);
  const verdict = await (async () => {
    if (lease > 0 && cost + lease <= limits.perMinute) {
      const withLease = await charged(cost + lease);
      if (withLease.admitted) {
        leases.grant(who.identity, lease, withLease.remaining);
        return { ...withLease, remaining: withLease.remaining + lease };
      }
    }
    return charged(cost);
  })().catch((err: unknown) => {
    failedOpen(input.logger, err);
    return null;
  });
  if (!verdict) return;
  setLimitHeaders(input.resHeaders, limits, verdict);
  if (verdict.admitted) return;
  const seconds = Math.max(1, Math.ceil(verdict.retryAfterMs / 1000));
  input.resHeaders.set('retry-after', String(seconds));
  throw new TRPCError({
    code: 'TOO_MANY_REQUESTS',
    message:
      verdict.refusedBy === 'day'
        ? `daily quota of ${limits.perDay} units used up (plan ${who.tier}); it resets at 00:00 UTC, in ${seconds} s`
        : `rate limit of ${limits.perMinute} units per minute exceeded (${who.tier}); retry in ${seconds} s`,
  });
}

function setLimitHeaders(h: Headers, limits: TierLimits, verdict: ChargeResult): void {
  const byDay = !verdict.admitted && verdict.refusedBy === 'day';
  h.set('x-ratelimit-limit', String(byDay ? limits.perDay : limits.perMinute));
  h.set('x-ratelimit-remaining', String(verdict.remaining));
}

/** Rejects when `promise` has not settled within `ms` (the Redis client's own per-attempt timeout is a backstop). */
function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let cancel = () => {};
  const timeout = new Promise<never>((_, reject) => {
    const timer = setTimeout(() => reject(new Error(`redis did not answer within ${ms} ms`)), ms);
    cancel = () => clearTimeout(timer);
  });
  return Promise.race([promise, timeout]).finally(cancel);
}

// During an outage every request fails open: log the first failure, then at most one line per 10 s per isolate
// with how many were let through meanwhile, so the log shows the outage without drowning in it.
let lastLoggedAt = 0;
let unlogged = 0;
function failedOpen(logger: Logger, err: unknown): void {
  const now = Date.now();
  if (now - lastLoggedAt < 10_000) {
    unlogged++;
    return;
  }
  logger.warn('rate limiter unavailable: failing open', { error: String(err), alsoFailedOpenSinceLastLog: unlogged });
  lastLoggedAt = now;
  unlogged = 0;
}
