/**
 * Password hashing with argon2id (RFC 9106) at OWASP's current minimum for it — m = 19 MiB, t = 2, p = 1 (OWASP
 * Password Storage Cheat Sheet) — from @noble/hashes (audited, dependency-free, pure JS: runs unchanged in workerd,
 * where WebCrypto offers no memory-hard KDF and refuses PBKDF2 above 100,000 iterations).
 *
 * Hashes are PHC strings that carry their parameters: `$argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>` (salt 16 bytes,
 * tag 32 bytes, standard base64 without padding — the format of the reference implementation and libsodium), so the
 * cost can be raised later: `verifyPassword` says when a stored hash is below PASSWORD_HASH_PARAMS and sign-in then
 * re-hashes it.
 *
 * Cost, measured on the development machine (2 shared cores): 0.17–0.35 s per hash or verification in workerd
 * (0.37–0.46 s on Node 24) — well above Cloudflare's free-plan CPU limit (10 ms per request), well within the paid
 * plan's (30 s by default); `npm run bench:auth` reports it. Sign-up, sign-in and password changes are the only
 * callers: they weigh 10 units with the rate limiter and sign-in is throttled per account and address.
 */
import { argon2idAsync } from '@noble/hashes/argon2.js';
import { randomBytes, timingSafeEqual } from '../../lib/secrets.ts';

/** argon2id cost: `m` memory in KiB, `t` passes, `p` lanes. */
export interface Argon2Params {
  m: number;
  t: number;
  p: number;
}

/** The parameters new hashes get: OWASP's minimum for argon2id (19 MiB, 2 passes, 1 lane). */
export const PASSWORD_HASH_PARAMS: Readonly<Argon2Params> = Object.freeze({ m: 19 * 1024, t: 2, p: 1 });

const SALT_BYTES = 16;
const TAG_BYTES = 32;
/** Bounds on parameters read from a stored hash, so a corrupted row cannot ask for a gigabyte or an hour. */
const MAX = { m: 256 * 1024, t: 10, p: 4 };
const encoder = new TextEncoder();

/**
 * The bytes hashed for `password`: NFKC-normalised UTF-8 (NIST SP 800-63B §5.1.1.2), so the same password typed on
 * two keyboards that compose characters differently still matches.
 */
function passwordBytes(password: string): Uint8Array {
  return encoder.encode(password.normalize('NFKC'));
}

function b64(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/=+$/, '');
}

function unb64(text: string): Uint8Array | null {
  try {
    const binary = atob(text);
    return Uint8Array.from(binary, (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
}

async function derive(password: string, salt: Uint8Array, params: Argon2Params, dkLen: number): Promise<Uint8Array> {
  // The async form yields to the event loop every few ms, so one hash does not stall other requests of the isolate.
  return argon2idAsync(passwordBytes(password), salt, { ...params, dkLen, asyncTick: 10 });
}

/** Hashes `password` with a fresh random salt at `params` (default PASSWORD_HASH_PARAMS) into a PHC string. */
export async function hashPassword(password: string, params: Argon2Params = PASSWORD_HASH_PARAMS): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const tag = await derive(password, salt, params, TAG_BYTES);
  return `$argon2id$v=19$m=${params.m},t=${params.t},p=${params.p}$${b64(salt)}$${b64(tag)}`;
}

/** A parsed PHC argon2id string. */
interface ParsedHash {
  params: Argon2Params;
  salt: Uint8Array;
  tag: Uint8Array;
}

/** Parses `$argon2id$v=19$m=…,t=…,p=…$salt$tag`; null for anything else (another algorithm, a version, bad bounds). */
export function parsePasswordHash(encoded: string): ParsedHash | null {
  const m = /^\$argon2id\$v=19\$m=(\d{1,7}),t=(\d{1,3}),p=(\d{1,2})\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/.exec(encoded);
  if (!m) return null;
  const params = { m: Number(m[1]), t: Number(m[2]), p: Number(m[3]) };
  if (params.t < 1 || params.t > MAX.t || params.p < 1 || params.p > MAX.p || params.m < 8 * params.p || params.m > MAX.m) return null;
  const salt = unb64(m[4]!);
  const tag = unb64(m[5]!);
  if (!salt || !tag || salt.length < 8 || tag.length < 16) return null;
  return { params, salt, tag };
}

/** Whether hashes at `params` are weaker than PASSWORD_HASH_PARAMS in any dimension (less memory or fewer passes). */
export function belowCurrentParams(params: Argon2Params): boolean {
  return params.m < PASSWORD_HASH_PARAMS.m || params.t < PASSWORD_HASH_PARAMS.t;
}

/** The answer of verifyPassword: whether it matched, and whether the stored hash should be replaced by a stronger one. */
export interface PasswordCheck {
  ok: boolean;
  needsRehash: boolean;
}

/**
 * Checks `password` against the stored PHC string, recomputing with the stored parameters and comparing tags in
 * constant time. A hash that does not parse (another algorithm, a corrupted row) never matches. `needsRehash` is true
 * on a match whose parameters are below PASSWORD_HASH_PARAMS.
 */
export async function verifyPassword(password: string, encoded: string): Promise<PasswordCheck> {
  const parsed = parsePasswordHash(encoded);
  if (!parsed) return { ok: false, needsRehash: false };
  const tag = await derive(password, parsed.salt, parsed.params, parsed.tag.length);
  const ok = timingSafeEqual(tag, parsed.tag);
  return { ok, needsRehash: ok && belowCurrentParams(parsed.params) };
}

let dummy: string | undefined;

/**
 * Spends the time of one verification at the current parameters against a hash no password matches — what sign-in
 * does for an unknown email, so its answer takes as long as a wrong password's (no user enumeration by timing). The
 * dummy is a random salt and tag in the current format, made once per isolate (no hashing needed to make it).
 */
export async function verifyDummyPassword(password: string): Promise<void> {
  const { m, t, p } = PASSWORD_HASH_PARAMS;
  dummy ??= `$argon2id$v=19$m=${m},t=${t},p=${p}$${b64(randomBytes(SALT_BYTES))}$${b64(randomBytes(TAG_BYTES))}`;
  await verifyPassword(password, dummy);
}
