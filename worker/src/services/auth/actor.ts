/**
 * What a verb acting for a signed-in user receives: the one Ctx plus the caller, already authenticated at the edge
 * and narrowed by `protectedProcedure` (trpc/init.ts) — a session or an API key, never anonymous or the machine.
 */
import type { Ctx } from '../../context.ts';
import type { AuthUser, Principal } from './principal.ts';

/** A principal that has a user: a session or an API key. */
export type UserPrincipal = Extract<Principal, { kind: 'session' | 'apiKey' }>;

/** The context of a verb acting for a user. */
export interface UserCtx extends Ctx {
  principal: UserPrincipal;
  user: AuthUser;
}

/** Where a sign-in or sign-up comes from: the client address bucket (throttling) and user agent (the sessions list). */
export interface ClientInfo {
  address: string | null;
  userAgent: string | null;
}

/** The session id of the caller when it is a session, else null (an API key has none). */
export const currentSessionId = (ctx: UserCtx): string | null => (ctx.principal.kind === 'session' ? ctx.principal.sessionId : null);
