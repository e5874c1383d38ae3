/**
 * "Sign in and come back": the page a visitor asked for travels in `?next=` through the sign-in and sign-up pages.
 * Only a path on this site is ever followed — `next=https://evil.example` or `//evil.example` (protocol-relative)
 * would turn the sign-in page into an open redirect.
 */

/** Where to go after signing in when nothing (or nothing safe) was asked for. */
export const DEFAULT_AFTER_SIGN_IN = '/account';

/** `next` if it is a path on this site (starts with one `/`, no backslash, no control characters), else the default. */
export function safeNext(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//')) return DEFAULT_AFTER_SIGN_IN;
  if (/[\\\u0000-\u001f\u007f]/.test(next)) return DEFAULT_AFTER_SIGN_IN;
  return next;
}

/** The sign-in page, coming back to `path` afterwards. */
export const signInPath = (path: string) => `/signin?next=${encodeURIComponent(safeNext(path))}`;
