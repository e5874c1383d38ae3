/**
 * The shape of a partner API key: `fl_<prefix>_<secret>` — `fl_` marks a Fairline key (and lets secret scanners
 * find leaked ones), the 8-character prefix names the key in lists and logs, the secret is 32 random bytes in
 * base64url. The database stores the prefix for display and the hex SHA-256 of the whole key, never the key.
 */
import { randomBytes, randomToken, sha256Hex } from '../../lib/secrets.ts';

const PREFIX_ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789'; // 32 symbols, no look-alikes (l/1, o/0)
const PREFIX_CHARS = 8;
const KEY_PATTERN = /^fl_([a-z2-9]{8})_([A-Za-z0-9_-]{43})$/;

/** A freshly made key: the full key (shown once), its display prefix `fl_<prefix>`, and the hash to store. */
export interface MintedKey {
  key: string;
  prefix: string;
  hash: string;
}

/** Makes a new random key. */
export async function mintApiKey(): Promise<MintedKey> {
  const prefix = Array.from(randomBytes(PREFIX_CHARS), (b) => PREFIX_ALPHABET[b % PREFIX_ALPHABET.length]).join('');
  const key = `fl_${prefix}_${randomToken(32)}`;
  return { key, prefix: `fl_${prefix}`, hash: await sha256Hex(key) };
}

/** Whether `value` looks like a Fairline API key (a bearer starting `fl_` that is not a session token `fls_`). */
export function looksLikeApiKey(value: string): boolean {
  return value.startsWith('fl_');
}

/** Whether `value` is a well-formed key (the lookup is skipped for anything else). */
export function isWellFormedApiKey(value: string): boolean {
  return KEY_PATTERN.test(value);
}
