/**
 * Is a password too common to accept? NIST SP 800-63B §3.1.1.2 asks verifiers to refuse passwords found in lists of
 * breached or commonly used values. Fairline's passwords are at least 12 characters long, and almost every entry of a
 * leaked-password list is shorter — so the check also looks through the usual ways of stretching a common password to
 * length: case, leading/trailing digits and symbols ("Password1234!"), repetition ("passwordpassword",
 * "abcabcabcabc") and a handful of distinct characters ("aaaaaaaaaaab", "121212121212").
 */
import { COMMON_PASSWORDS_TEXT } from './common-passwords.data.ts';

let common: Set<string> | undefined;

/** The embedded list as a set, built once per isolate on first use (about 10,000 entries). */
function commonSet(): Set<string> {
  common ??= new Set(COMMON_PASSWORDS_TEXT.split('\n'));
  return common;
}

/** A candidate is too weak to be a password on its own when it is this short; cores shorter than this are not looked up. */
const MIN_CORE = 4;
/** Fewer distinct characters than this makes a password a pattern, whatever its length. */
const MIN_DISTINCT = 5;

/** The shortest unit `s` is a whole repetition of (`s` itself when none). */
function repeatedUnit(s: string): string {
  for (let n = 1; n <= s.length / 2; n++) {
    if (s.length % n === 0 && s.slice(0, n).repeat(s.length / n) === s) return s.slice(0, n);
  }
  return s;
}

/**
 * Why `password` is too common, or null when it is not: it is on the list of the 10,000 most common passwords (any
 * case); it is one of them padded with digits or symbols at either end; it repeats a short unit or a listed password;
 * it has fewer than 5 distinct characters; or it contains the account's own email local part (`context.email`).
 */
export function commonPasswordReason(password: string, context: { email?: string } = {}): string | null {
  const list = commonSet();
  const lower = password.toLowerCase();
  if (list.has(lower)) return 'it is one of the most common passwords';
  const distinct = new Set(lower).size;
  if (distinct < MIN_DISTINCT) return `it uses only ${distinct} different characters`;
  const core = lower.replace(/^[^a-z]+|[^a-z]+$/g, '');
  if (core.length >= MIN_CORE && core !== lower && list.has(core)) return 'it is a common password with digits or symbols added';
  for (const candidate of new Set([lower, core])) {
    const unit = repeatedUnit(candidate);
    if (unit !== candidate && (unit.length <= 4 || list.has(unit))) return 'it repeats a short or common sequence';
  }
  const local = context.email?.split('@')[0]?.toLowerCase();
  if (local && local.length >= MIN_CORE && lower.includes(local)) return 'it contains your email address';
  return null;
}
