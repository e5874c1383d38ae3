import { changePassword, changePasswordInput } from '../../services/auth/change-password.ts';
import { listSessions } from '../../services/auth/list-sessions.ts';
import { me } from '../../services/auth/me.ts';
import { revokeSession, revokeSessionInput } from '../../services/auth/revoke-session.ts';
import type { NewSession } from '../../services/auth/sessions.ts';
import { signIn, signInInput } from '../../services/auth/sign-in.ts';
import { signOut } from '../../services/auth/sign-out.ts';
import { signUp, signUpInput } from '../../services/auth/sign-up.ts';
import type { AuthUser } from '../../services/auth/principal.ts';
import { z } from 'zod';
import { WEIGHT } from '../../lib/rate-limit/plans.ts';
import { protectedProcedure, publicProcedure, router, type TrpcContext } from '../init.ts';

/**
 * How a client wants its session: 'cookie' (the default, the web app: an HttpOnly cookie, the token never in the
 * body) or 'token' (API clients: the token in the answer, sent back as `Authorization: Bearer`).
 */
const sessionDelivery = z.enum(['cookie', 'token']).default('cookie');

/** Hands a new session to the client as it asked; the token reaches the body only for 'token'. */
function deliver(ctx: TrpcContext, out: { user: AuthUser; session: NewSession }, as: 'cookie' | 'token') {
  const { user, session } = out;
  if (as === 'token' || !ctx.request.setSessionCookie) return { user, expiresAt: session.expiresAt, token: session.token };
  ctx.request.setSessionCookie(session.token, session.expiresAt);
  return { user, expiresAt: session.expiresAt, token: null };
}

const client = (ctx: TrpcContext) => ({ address: ctx.request.address, userAgent: ctx.request.userAgent });

/**
 * Accounts and sessions (services/auth). signUp, signIn and changePassword hash a password (argon2id), so they weigh
 * more with the rate limiter.
 */
export const authRouter = router({
  /** Opens an account and signs it in. */
  signUp: publicProcedure
    .meta({ weight: WEIGHT.password })
    .input(signUpInput.extend({ session: sessionDelivery }))
    .mutation(async ({ ctx, input: { session, ...input } }) => deliver(ctx, await signUp({ ctx, input, client: client(ctx) }), session)),
  /** Signs in with email and password (throttled per account and per client address). */
  signIn: publicProcedure
    .meta({ weight: WEIGHT.password })
    .input(signInInput.extend({ session: sessionDelivery }))
    .mutation(async ({ ctx, input: { session, ...input } }) => deliver(ctx, await signIn({ ctx, input, client: client(ctx) }), session)),
  /** Ends the caller's session and clears the cookie. */
  signOut: publicProcedure.mutation(async ({ ctx }) => {
    const out = await signOut({ ctx });
    ctx.request.clearSessionCookie?.();
    return out;
  }),
  /** The signed-in caller (a session or an API key), or null. */
  me: publicProcedure.query(({ ctx }) => me({ ctx })),
  /** Changes the password and ends every other session. */
  changePassword: protectedProcedure
    .meta({ weight: WEIGHT.password })
    .input(changePasswordInput)
    .mutation(({ ctx, input }) => changePassword({ ctx, input })),
  /** The caller's live sessions. */
  sessions: protectedProcedure.query(({ ctx }) => listSessions({ ctx })),
  /** Ends one of the caller's sessions (its own included: then the cookie is cleared too). */
  revokeSession: protectedProcedure.input(revokeSessionInput).mutation(async ({ ctx, input }) => {
    const out = await revokeSession({ ctx, input });
    if (out.current) ctx.request.clearSessionCookie?.();
    return out;
  }),
});
