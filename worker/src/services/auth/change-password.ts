import { deleteSessionsOf, setPasswordHash, userCredentialsById } from '@fairline/db';
import { z } from 'zod';
import { AppError } from '../../lib/errors.ts';
import { currentSessionId, type UserCtx } from './actor.ts';
import { assertAcceptablePassword, newPasswordInput, parseInput, presentedPasswordInput } from './inputs.ts';
import { hashPassword, verifyPassword } from './password.ts';
import { chargeSignInAttempt, clearSignInAttempts } from './throttle.ts';

/** Input of changePassword: the `currentPassword` and the `newPassword` (the new-password policy). */
export const changePasswordInput = z.object({ currentPassword: presentedPasswordInput, newPassword: newPasswordInput });

/**
 * Replaces the caller's password after checking the current one, and ends every other session of the account (a
 * password change is what a user does when they suspect someone else is signed in); the caller's own session stays.
 * Guesses of the current password count against the account's sign-in throttle. UNAUTHORIZED for a wrong current
 * password; BAD_REQUEST for a weak new one or the same one again.
 */
export async function changePassword({ ctx, input }: { ctx: UserCtx; input: z.input<typeof changePasswordInput> }): Promise<{ otherSessionsEnded: number }> {
  const { currentPassword, newPassword } = parseInput(changePasswordInput, input);
  await chargeSignInAttempt(ctx, { email: ctx.user.email, address: null });
  const account = await userCredentialsById(ctx.read, ctx.user.id);
  if (!account || !(await verifyPassword(currentPassword, account.passwordHash)).ok) {
    throw new AppError('UNAUTHORIZED', 'the current password is wrong');
  }
  if (newPassword.normalize('NFKC') === currentPassword.normalize('NFKC')) throw new AppError('BAD_REQUEST', 'the new password is the current one');
  assertAcceptablePassword(newPassword, account.email);
  const passwordHash = await hashPassword(newPassword);
  const ended = await ctx.db.transaction(async (tx) => {
    await setPasswordHash(tx, account.id, passwordHash);
    return deleteSessionsOf(tx, account.id, currentSessionId(ctx));
  });
  await clearSignInAttempts(ctx, account.email);
  return { otherSessionsEnded: ended };
}
