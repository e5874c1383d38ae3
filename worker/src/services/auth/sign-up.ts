import { z } from 'zod';
import type { Ctx } from '../../context.ts';
import type { ClientInfo } from './actor.ts';
import { insertNewUser, newUserRecord } from './create-user.ts';
import { emailInput, newPasswordInput } from './inputs.ts';
import type { AuthUser } from './principal.ts';
import { startSession, type NewSession } from './sessions.ts';
import { chargeSignUpAttempt } from './throttle.ts';

/** Input of signUp: `email` and a new `password` (12–256 characters, not a common one). */
export const signUpInput = z.object({ email: emailInput, password: newPasswordInput });

/**
 * Opens an account (role 'user', plan 'free') and signs it in: the password is checked and hashed first, then the
 * user and its first session are written in one transaction. Counted per client address first (TOO_MANY_REQUESTS over SIGN_UP_THROTTLE). CONFLICT when the email
 * is taken; BAD_REQUEST for an invalid email or a weak password.
 */
export async function signUp({ ctx, input, client }: { ctx: Ctx; input: z.input<typeof signUpInput>; client: ClientInfo }): Promise<{ user: AuthUser; session: NewSession }> {
  await chargeSignUpAttempt(ctx, client.address);
  const record = await newUserRecord({ email: input.email, password: input.password, role: 'user', plan: 'free' });
  return ctx.db.transaction(async (tx) => {
    const user = await insertNewUser(tx, record);
    const session = await startSession(tx, ctx, user.id, client.userAgent);
    return { user, session };
  });
}
