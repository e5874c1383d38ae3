import { insertUser, PLANS, USER_ROLES, type Tx } from '@fairline/db';
import { z } from 'zod';
import type { Ctx } from '../../context.ts';
import { AppError } from '../../lib/errors.ts';
import { assertAcceptablePassword, emailInput, newPasswordInput, parseInput } from './inputs.ts';
import { hashPassword } from './password.ts';
import type { AuthUser } from './principal.ts';

/**
 * Input of createUser: `email` (normalised), `password` (the new-password policy), `role` (default 'user') and `plan`
 * (default 'free').
 */
export const createUserInput = z.object({
  email: emailInput,
  password: newPasswordInput,
  role: z.enum(USER_ROLES).default('user'),
  plan: z.enum(PLANS).default('free'),
});

/**
 * Creates an account: validates the email and the password (length, not common, not the email), hashes the password
 * (argon2id) and inserts the user — inside `tx` when given (sign-up starts the session in the same transaction).
 * CONFLICT when the email is taken (case-insensitively). Used by signUp and by `fairline users create`.
 */
export async function createUser({ ctx, input, tx }: { ctx: Ctx; input: z.input<typeof createUserInput>; tx?: Tx }): Promise<AuthUser> {
  const { email, password, role, plan } = parseInput(createUserInput, input);
  assertAcceptablePassword(password, email);
  const passwordHash = await hashPassword(password);
  const user = await insertUser(tx ?? ctx.db, { email, passwordHash, role, plan });
  if (!user) throw new AppError('CONFLICT', 'an account with this email already exists');
  return user;
}
