/**
 * The sign-in throttle (OWASP Authentication Cheat Sheet, "login throttling"): attempts are counted in Redis per
 * account (the normalised email, hashed — unknown emails are counted the same way, so the throttle does not reveal
 * which accounts exist) and per client address (IPv4, or IPv6 by /64), each in a fixed window. An attempt over either
 * limit is refused before the password is checked. A successful sign-in clears its account's count; the address
 * count stays (one address trying many accounts is the credential-stuffing pattern).
 *
 * Sign-ups are counted per address too (SIGN_UP_THROTTLE). The counting is one atomic pipeline per attempt (SET NX EX,
 * then INCR), so parallel guesses cannot slip between a read and a write. Without Redis, or when it fails or is slow, the throttle lets the attempt through and logs it:
 * sign-in must keep working through a cache outage, and argon2id's cost still bounds the guessing rate.
 */
import type { Ctx } from '../../context.ts';
import { AppError } from '../../lib/errors.ts';
import { sha256Hex } from '../../lib/secrets.ts';

/** The limits: attempts per account and per client address within one window of `windowSeconds`. */
export const SIGN_IN_THROTTLE = Object.freeze({ perAccount: 5, perAddress: 20, windowSeconds: 15 * 60 });

/**
 * Sign-ups per client address per hour. Sign-up must answer CONFLICT for a taken email (there is no email delivery to
 * answer otherwise), so this bounds how fast one address can probe which emails have accounts — and how fast it can
 * make accounts and make the server hash passwords.
 */
export const SIGN_UP_THROTTLE = Object.freeze({ perAddress: 10, windowSeconds: 60 * 60 });

/** Who is trying: the normalised email and the client's address bucket (null when unknown: not counted by address). */
export interface SignInAttempt {
  email: string;
  address: string | null;
}

const accountKey = async (email: string) => `auth:signin:account:${await sha256Hex(email)}`;
const addressKey = (address: string) => `auth:signin:address:${address}`;

/**
 * Counts one attempt on each counter (a fixed window of `windowSeconds` from its first attempt) and throws
 * TOO_MANY_REQUESTS with the seconds until the window ends when any is over its limit. Fails open without Redis or
 * on a Redis error (logged).
 */
async function charge(
  ctx: Pick<Ctx, 'cache' | 'logger'>,
  counters: Array<{ key: string; limit: number }>,
  windowSeconds: number,
  what: string,
): Promise<void> {
  if (!ctx.cache || counters.length === 0) return;
  let counts: Array<{ count: number; ttl: number; limit: number }>;
  try {
    const p = ctx.cache.redis.pipeline();
    for (const { key } of counters) p.set(key, 0, { nx: true, ex: windowSeconds }).incr(key).ttl(key);
    const out = (await p.exec()) as unknown[];
    counts = counters.map(({ limit }, i) => ({ count: Number(out[i * 3 + 1]), ttl: Number(out[i * 3 + 2]), limit }));
  } catch (err) {
    ctx.logger.warn(`${what} throttle unavailable: failing open`, { error: String(err) });
    return;
  }
  const over = counts.filter((c) => c.count > c.limit);
  if (over.length === 0) return;
  const seconds = Math.max(1, ...over.map((c) => (c.ttl > 0 ? c.ttl : windowSeconds)));
  throw new AppError('TOO_MANY_REQUESTS', `too many ${what} attempts: try again in ${seconds} s`, seconds);
}

/**
 * Counts one sign-in attempt and throws TOO_MANY_REQUESTS (with the seconds until the window ends) when the account
 * or the address is over its limit. Fails open without Redis or on a Redis error (logged).
 */
export async function chargeSignInAttempt(ctx: Pick<Ctx, 'cache' | 'logger'>, attempt: SignInAttempt): Promise<void> {
  const { perAccount, perAddress, windowSeconds } = SIGN_IN_THROTTLE;
  const counters: Array<{ key: string; limit: number }> = [{ key: await accountKey(attempt.email), limit: perAccount }];
  if (attempt.address) counters.push({ key: addressKey(attempt.address), limit: perAddress });
  await charge(ctx, counters, windowSeconds, 'sign-in');
}

/** Counts one sign-up from `address` (nothing without an address) against SIGN_UP_THROTTLE; fails open like sign-in. */
export async function chargeSignUpAttempt(ctx: Pick<Ctx, 'cache' | 'logger'>, address: string | null): Promise<void> {
  if (!address) return;
  await charge(ctx, [{ key: `auth:signup:address:${address}`, limit: SIGN_UP_THROTTLE.perAddress }], SIGN_UP_THROTTLE.windowSeconds, 'sign-up');
}

/** Clears the account's attempt count after a successful sign-in (best effort: a Redis error is logged). */
export async function clearSignInAttempts(ctx: Pick<Ctx, 'cache' | 'logger'>, email: string): Promise<void> {
  if (!ctx.cache) return;
  try {
    await ctx.cache.redis.del(await accountKey(email));
  } catch (err) {
    ctx.logger.warn('sign-in throttle unavailable: count not cleared', { error: String(err) });
  }
}
