import { insertUser, PLANS, USER_ROLES, type Plan, type Tx, type UserRole } from '@fairline/db';
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

/** A validated account ready to insert: the normalised email and the argon2id hash of its password. */
export interface NewUserRecord {
  email: string;
  passwordHash: string;
  role: UserRole;
  plan: Plan;
}

/**
 * Validates a new account — the email, and the password (length, not common, not the email) — and hashes the
 * password (argon2id). Done before any transaction opens: the hash takes a few hundred ms of CPU.
 */
export async function newUserRecord(input: z.input<typeof createUserInput>): Promise<NewUserRecord> {
  const { email, password, role, plan } = parseInput(createUserInput, input);
  assertAcceptablePassword(password, email);
  return { email, passwordHash: await hashPassword(password), role, plan };
}

/** Inserts a validated account; CONFLICT when the email is taken (case-insensitively, decided by the unique index). */
export async function insertNewUser(tx: Tx, record: NewUserRecord): Promise<AuthUser> {
  const user = await insertUser(tx, record);
  if (!user) throw new AppError('CONFLICT', 'an account with this email already exists');
  return user;
}

/**
 * Creates an account: newUserRecord, then insertNewUser. Used by `fairline users create` and the demo seed; sign-up
 * does the same two steps around its transaction.
 */
export async function createUser({ ctx, input }: { ctx: Ctx; input: z.input<typeof createUserInput> }): Promise<AuthUser> {
  return insertNewUser(ctx.db, await newUserRecord(input));
}
