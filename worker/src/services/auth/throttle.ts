/**
 * The sign-in throttle (OWASP Authentication Cheat Sheet, "login throttling"): attempts are counted in Redis per
 * account (the normalised email, hashed — unknown emails are counted the same way, so the throttle does not reveal
 * which accounts exist) and per client address (IPv4, or IPv6 by /64), each in a fixed window. An attempt over either
 * limit is refused before the password is checked. A successful sign-in clears its account's count; the address
 * count stays (one address trying many accounts is the credential-stuffing pattern).
 *
 * The counting is one atomic pipeline per attempt (SET NX EX, then INCR), so parallel guesses cannot slip between a
 * read and a write. Without Redis, or when it fails or is slow, the throttle lets the attempt through and logs it:
 * sign-in must keep working through a cache outage, and argon2id's cost still bounds the guessing rate.
 */
import type { Ctx } from '../../context.ts';
import { AppError } from '../../lib/errors.ts';
import { sha256Hex } from '../../lib/secrets.ts';

/** The limits: attempts per account and per client address within one window of `windowSeconds`. */
export const SIGN_IN_THROTTLE = Object.freeze({ perAccount: 5, perAddress: 20, windowSeconds: 15 * 60 });

/** Who is trying: the normalised email and the client's address bucket (null when unknown: not counted by address). */
export interface SignInAttempt {
  email: string;
  address: string | null;
}

const accountKey = async (email: string) => `auth:signin:account:${await sha256Hex(email)}`;
const addressKey = (address: string) => `auth:signin:address:${address}`;

/**
 * Counts one sign-in attempt and throws TOO_MANY_REQUESTS (with the seconds until the window ends) when the account
 * or the address is over its limit. Fails open without Redis or on a Redis error (logged).
 */
export async function chargeSignInAttempt(ctx: Pick<Ctx, 'cache' | 'logger'>, attempt: SignInAttempt): Promise<void> {
  if (!ctx.cache) return;
  const { perAccount, perAddress, windowSeconds } = SIGN_IN_THROTTLE;
  const keys: Array<{ key: string; limit: number }> = [{ key: await accountKey(attempt.email), limit: perAccount }];
  if (attempt.address) keys.push({ key: addressKey(attempt.address), limit: perAddress });
  let counts: Array<{ count: number; ttl: number; limit: number }>;
  try {
    const p = ctx.cache.redis.pipeline();
    for (const { key } of keys) p.set(key, 0, { nx: true, ex: windowSeconds }).incr(key).ttl(key);
    const out = (await p.exec()) as unknown[];
    counts = keys.map(({ limit }, i) => ({ count: Number(out[i * 3 + 1]), ttl: Number(out[i * 3 + 2]), limit }));
  } catch (err) {
    ctx.logger.warn('sign-in throttle unavailable: failing open', { error: String(err) });
    return;
  }
  const over = counts.filter((c) => c.count > c.limit);
  if (over.length === 0) return;
  const seconds = Math.max(1, ...over.map((c) => (c.ttl > 0 ? c.ttl : windowSeconds)));
  throw new AppError('TOO_MANY_REQUESTS', `too many sign-in attempts: try again in ${seconds} s`, seconds);
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
