import { API_SCOPES, apiKeysOf, insertApiKey, type ApiScope } from '@fairline/db';
import { z } from 'zod';
import { AppError } from '../../lib/errors.ts';
import { actorOf, appendAudit } from '../audit/index.ts';
import type { UserCtx } from '../auth/actor.ts';
import { parseInput } from '../auth/inputs.ts';
import { mintApiKey } from './key-format.ts';
import { keyStatus, toView, type ApiKeyView } from './list-api-keys.ts';

/** A user may hold at most this many usable (not revoked, not expired) keys. */
export const MAX_ACTIVE_KEYS = 20;
/** The longest expiry a key may be given: 2 years. */
const MAX_LIFETIME_MS = 2 * 365 * 86_400_000;

/**
 * Input of createApiKey: `name` (1–64 characters, for the owner), `scopes` (one or more of API_SCOPES, each once) and
 * an optional `expiresAt` (a future date at most 2 years ahead; absent: the key lives until revoked).
 */
export const createApiKeyInput = z.object({
  name: z.string().trim().min(1).max(64),
  scopes: z
    .array(z.enum(API_SCOPES))
    .min(1, 'a key needs at least one scope')
    .refine((s) => new Set(s).size === s.length, 'each scope once'),
  expiresAt: z.coerce.date().optional(),
});

/** A key just created: its listing plus `secret`, the full key — shown this once and never again. */
export interface CreatedApiKey extends ApiKeyView {
  secret: string;
}

/**
 * Creates a partner API key for the caller with the given scopes. Answers the key's id, prefix, scopes and expiry,
 * and the secret `fl_<prefix>_<secret>` once: only its SHA-256 is stored. BAD_REQUEST for an expiry in the past or
 * too far ahead, or when the caller already holds MAX_ACTIVE_KEYS usable keys.
 */
export async function createApiKey({ ctx, input }: { ctx: UserCtx; input: z.input<typeof createApiKeyInput> }): Promise<CreatedApiKey> {
  const { name, scopes, expiresAt } = parseInput(createApiKeyInput, input);
  const now = ctx.clock();
  if (expiresAt && expiresAt.getTime() <= now.getTime()) throw new AppError('BAD_REQUEST', 'expiresAt must be in the future');
  if (expiresAt && expiresAt.getTime() - now.getTime() > MAX_LIFETIME_MS) throw new AppError('BAD_REQUEST', 'a key may live at most 2 years');
  const usable = (await apiKeysOf(ctx.db, ctx.user.id)).filter((k) => keyStatus(k, now) === 'active');
  if (usable.length >= MAX_ACTIVE_KEYS) throw new AppError('BAD_REQUEST', `at most ${MAX_ACTIVE_KEYS} active keys: revoke one first`);
  const minted = await mintApiKey();
  const row = await ctx.db.transaction(async (tx) => {
    const r = await insertApiKey(tx, {
      userId: ctx.user.id,
      name,
      prefix: minted.prefix,
      hash: minted.hash,
      scopes: sortScopes(scopes),
      expiresAt: expiresAt ?? null,
      now,
    });
    // Audited in the same transaction (issue 13 item 7); never the secret or its hash.
    await appendAudit(tx, { kind: 'api_key.create', actor: actorOf(ctx.principal), subject: `api_key:${r.id}`, payload: { name, prefix: r.prefix, scopes: r.scopes, expiresAt: r.expiresAt } }, now);
    return r;
  });
  return { ...toView(row, now), secret: minted.key };
}

/** Scopes in API_SCOPES order (stable listings). */
const sortScopes = (s: readonly ApiScope[]) => API_SCOPES.filter((x) => s.includes(x));
