import { apiKeysOf, type ApiKeyRow, type ApiScope } from '@fairline/db';
import type { UserCtx } from '../auth/actor.ts';

/** A key's state: usable, revoked by its owner, or past its expiry. */
export type ApiKeyStatus = 'active' | 'revoked' | 'expired';

/** A key as its owner sees it: never the secret nor its hash. */
export interface ApiKeyView {
  id: string;
  name: string;
  /** `fl_<8 characters>`: the start of the key, to recognise it. */
  prefix: string;
  scopes: ApiScope[];
  status: ApiKeyStatus;
  createdAt: Date;
  expiresAt: Date | null;
  /** When the key was last used, to the minute (written at most once a minute). */
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

/** The state of key row `k` at `now`. */
export function keyStatus(k: Pick<ApiKeyRow, 'revokedAt' | 'expiresAt'>, now: Date): ApiKeyStatus {
  if (k.revokedAt) return 'revoked';
  if (k.expiresAt && k.expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'active';
}

/** The owner's view of key row `k` at `now`. */
export function toView(k: ApiKeyRow, now: Date): ApiKeyView {
  return { ...k, status: keyStatus(k, now) };
}

/** Every key of the caller — active, revoked and expired — newest first, with prefix, scopes, created and last used. */
export async function listApiKeys({ ctx }: { ctx: UserCtx }): Promise<ApiKeyView[]> {
  const now = ctx.clock();
  return (await apiKeysOf(ctx.read, ctx.user.id)).map((k) => toView(k, now));
}
