import { setPasswordHash, userCredentialsByEmail } from '@fairline/db';
import { z } from 'zod';
import type { Ctx } from '../../context.ts';
import { AppError } from '../../lib/errors.ts';
import type { ClientInfo } from './actor.ts';
import { emailInput, parseInput, presentedPasswordInput } from './inputs.ts';
import { hashPassword, verifyDummyPassword, verifyPassword } from './password.ts';
import type { AuthUser } from './principal.ts';
import { startSession, type NewSession } from './sessions.ts';
import { chargeSignInAttempt, clearSignInAttempts } from './throttle.ts';

/** Input of signIn: `email` and `password`. */
export const signInInput = z.object({ email: emailInput, password: presentedPasswordInput });

/** The one answer to a failed sign-in, whether the email is unknown or the password wrong (no user enumeration). */
export const INVALID_CREDENTIALS = 'invalid email or password';

/**
 * Signs in with email and password and starts a session. In order: the attempt is counted against the account and
 * the client address (TOO_MANY_REQUESTS over the limit, before any password check); an unknown email still costs
 * one argon2id verification (against a dummy hash) so it answers like a wrong password, in words and in time; a
 * match whose hash is below the current parameters is re-hashed; the account's attempt count is cleared.
 * UNAUTHORIZED `invalid email or password` on any mismatch.
 */
export async function signIn({ ctx, input, client }: { ctx: Ctx; input: z.input<typeof signInInput>; client: ClientInfo }): Promise<{ user: AuthUser; session: NewSession }> {
  const { email, password } = parseInput(signInInput, input);
  await chargeSignInAttempt(ctx, { email, address: client.address });
  const account = await userCredentialsByEmail(ctx.read, email);
  if (!account) {
    await verifyDummyPassword(password);
    throw new AppError('UNAUTHORIZED', INVALID_CREDENTIALS);
  }
  const check = await verifyPassword(password, account.passwordHash);
  if (!check.ok) throw new AppError('UNAUTHORIZED', INVALID_CREDENTIALS);
  if (check.needsRehash) await setPasswordHash(ctx.db, account.id, await hashPassword(password));
  await clearSignInAttempts(ctx, email);
  const { passwordHash: _hash, ...user } = account;
  const session = await startSession(ctx.db, ctx, user.id, client.userAgent);
  return { user, session };
}
