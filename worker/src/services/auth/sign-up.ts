import { z } from 'zod';
import type { Ctx } from '../../context.ts';
import type { ClientInfo } from './actor.ts';
import { createUser } from './create-user.ts';
import { emailInput, newPasswordInput } from './inputs.ts';
import type { AuthUser } from './principal.ts';
import { startSession, type NewSession } from './sessions.ts';

/** Input of signUp: `email` and a new `password` (12–256 characters, not a common one). */
export const signUpInput = z.object({ email: emailInput, password: newPasswordInput });

/**
 * Opens an account (role 'user', plan 'free') and signs it in: the user and its first session are written in one
 * transaction. CONFLICT when the email is taken; BAD_REQUEST for an invalid email or a weak password.
 */
export async function signUp({ ctx, input, client }: { ctx: Ctx; input: z.input<typeof signUpInput>; client: ClientInfo }): Promise<{ user: AuthUser; session: NewSession }> {
  return ctx.db.transaction(async (tx) => {
    const user = await createUser({ ctx, input: { email: input.email, password: input.password, role: 'user', plan: 'free' }, tx });
    const session = await startSession(tx, ctx, user.id, client.userAgent);
    return { user, session };
  });
}
