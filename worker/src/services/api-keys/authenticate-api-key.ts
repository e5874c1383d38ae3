import { markApiKeyUsed, usableApiKeyWithUser } from '@fairline/db';
import type { Ctx } from '../../context.ts';
import { sha256Hex } from '../../lib/secrets.ts';
import type { Principal } from '../auth/principal.ts';
import { isWellFormedApiKey } from './key-format.ts';

/** `last_used_at` is written at most once per this interval per key (1 minute). */
export const LAST_USED_EVERY_MS = 60_000;

/**
 * The principal of an API key, or null for a malformed, unknown, revoked or expired key. The key is looked up by its
 * SHA-256 (the only form stored); its `last_used_at` is written when it is older than a minute — the condition is in
 * the UPDATE too, so concurrent requests still write at most once a minute.
 */
export async function authenticateApiKey({ ctx, input }: { ctx: Ctx; input: { key: string } }): Promise<Extract<Principal, { kind: 'apiKey' }> | null> {
  if (!isWellFormedApiKey(input.key)) return null;
  const now = ctx.clock();
  const found = await usableApiKeyWithUser(ctx.read, await sha256Hex(input.key), now);
  if (!found) return null;
  const last = found.key.lastUsedAt?.getTime() ?? -Infinity;
  if (now.getTime() - last >= LAST_USED_EVERY_MS) await markApiKeyUsed(ctx.db, found.key.id, now, LAST_USED_EVERY_MS);
  return { kind: 'apiKey', user: found.user, keyId: found.key.id, scopes: found.key.scopes };
}
