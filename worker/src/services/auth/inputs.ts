/**
 * The zod inputs of the account verbs: an email (normalised: trimmed, lower case — the database keeps it unique
 * case-insensitively as well) and passwords. A new password is 12–256 characters (Unicode code points, as NIST SP
 * 800-63B counts them) and not a common one (common-passwords.ts); a password presented to be checked only has to be
 * a non-empty string of bounded size, so an old password can still sign in after the policy changes.
 */
import { z } from 'zod';
import { AppError } from '../../lib/errors.ts';
import { commonPasswordReason } from './common-passwords.ts';

/** New passwords: at least this many characters. */
export const PASSWORD_MIN_CHARS = 12;
/** New passwords: at most this many characters (argon2 would take any length; the bound keeps requests small). */
export const PASSWORD_MAX_CHARS = 256;

/** An email address, trimmed and lower-cased, at most 254 characters (RFC 5321's path limit). */
export const emailInput = z.string().trim().toLowerCase().max(254).pipe(z.email({ message: 'an email address is required' }));

/** A password being checked (sign-in, the current password): 1–1024 characters, no policy. */
export const presentedPasswordInput = z.string().min(1, 'a password is required').max(1024);

/** A new password: 12–256 characters (code points). Whether it is common is checked by assertAcceptablePassword. */
export const newPasswordInput = z
  .string()
  .max(PASSWORD_MAX_CHARS * 4)
  .refine((p) => {
    const n = [...p].length;
    return n >= PASSWORD_MIN_CHARS && n <= PASSWORD_MAX_CHARS;
  }, `a password is ${PASSWORD_MIN_CHARS} to ${PASSWORD_MAX_CHARS} characters long`);

/** Throws BAD_REQUEST when `password` is too common for the account `email` (see commonPasswordReason). */
export function assertAcceptablePassword(password: string, email: string): void {
  const reason = commonPasswordReason(password, { email });
  if (reason) throw new AppError('BAD_REQUEST', `choose a less common password: ${reason}`);
}

/** Validates `input` against `schema`, as BAD_REQUEST with every issue named (verbs validate their own input). */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const r = schema.safeParse(input);
  if (!r.success) {
    throw new AppError('BAD_REQUEST', `invalid input: ${r.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; ')}`);
  }
  return r.data;
}
