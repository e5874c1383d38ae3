/**
 * The crypto primitives every credential goes through (session tokens, API keys, the machine ADMIN_TOKEN,
 * `/metrics` bearer): random tokens, SHA-256 digests, and constant-time comparison. WebCrypto only, so the same
 * code runs in workerd, Node and the browser.
 *
 * Secrets are never compared directly: both sides are digested first (`sameSecret`), so the comparison is always of
 * two equal-length digests and neither the secret's length nor its prefix leaks through timing.
 */

const encoder = new TextEncoder();

/** base64url without padding (RFC 4648 §5) of `bytes`. */
export function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

/** `n` bytes from the platform CSPRNG (crypto.getRandomValues). */
export function randomBytes(n: number): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(n));
}

/**
 * A random token of `bytes` bytes (default 32 = 256 bits; sessions need ≥ 20) encoded base64url — 43 characters for
 * 32 bytes, URL- and header-safe.
 */
export function randomToken(bytes = 32): string {
  return base64url(randomBytes(bytes));
}

/** Lower-case hex of `bytes`. */
export function toHex(bytes: Uint8Array): string {
  let hex = '';
  for (const b of bytes) hex += b.toString(16).padStart(2, '0');
  return hex;
}

/** SHA-256 of the UTF-8 bytes of `value`, as 64 lower-case hex characters (session ids, API key hashes). */
export async function sha256Hex(value: string): Promise<string> {
  return toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(value))));
}

/**
 * Constant-time equality of two equal-length values (digests, hex or raw bytes): every byte is visited whatever the
 * first difference. Different lengths answer false at once — callers compare digests, whose length is public.
 */
export function timingSafeEqual(a: string | Uint8Array, b: string | Uint8Array): boolean {
  const x = typeof a === 'string' ? encoder.encode(a) : a;
  const y = typeof b === 'string' ? encoder.encode(b) : b;
  if (x.length !== y.length) return false;
  let diff = 0;
  for (let i = 0; i < x.length; i++) diff |= x[i]! ^ y[i]!;
  return diff === 0;
}

/**
 * Whether `presented` equals the configured `expected` secret (the ADMIN_TOKEN, a metrics token), comparing the
 * SHA-256 digests of both in constant time: neither the length nor any prefix of the secret shows in the timing.
 * False when either is missing or empty (an unset secret never matches).
 */
export async function sameSecret(presented: string | null | undefined, expected: string | null | undefined): Promise<boolean> {
  if (!presented || !expected) return false;
  const [x, y] = await Promise.all([sha256Hex(presented), sha256Hex(expected)]);
  return timingSafeEqual(x, y);
}

/** The token of an `Authorization: Bearer <token>` header, or null. */
export function bearerToken(req: Request): string | null {
  const h = req.headers.get('authorization');
  if (!h) return null;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(h);
  return m ? m[1]! : null;
}
