import type { ApiScope } from '@fairline/db';
import type { Ctx } from '../../context.ts';
import type { AuthUser, Principal } from './principal.ts';

/** Who the caller is: the user and how it is authenticated (a session, or an API key with its scopes). */
export type Me =
  | { user: AuthUser; via: 'session'; sessionId: string }
  | { user: AuthUser; via: 'apiKey'; keyId: string; scopes: ApiScope[] };

/** The signed-in caller, or null for anonymous and machine callers (the web app asks this on every page). */
export function me({ ctx }: { ctx: Ctx & { principal: Principal } }): Me | null {
  const p = ctx.principal;
  if (p.kind === 'session') return { user: p.user, via: 'session', sessionId: p.sessionId };
  if (p.kind === 'apiKey') return { user: p.user, via: 'apiKey', keyId: p.keyId, scopes: [...p.scopes] };
  return null;
}
