/**
 * tRPC wiring: superjson (trpc/transformer.ts: a cached answer is serialised once), the context, the procedure
 * builders, and the one place AppError and unknown errors become tRPC errors. Unknown errors are logged with their
 * message and returned as a generic INTERNAL_SERVER_ERROR.
 *
 * Access, decided here once for every procedure (the principal was resolved at the edge, http/auth.ts):
 * - `publicProcedure`: anyone. An API key must hold the procedure's `meta.scope` when it declares one (403 without).
 * - `protectedProcedure`: a user — a session, or an API key holding the procedure's scope (a procedure without a
 *   scope is for sessions only: keys cannot manage accounts or keys). Narrows `ctx` to `user` and its principal.
 * - `adminProcedure`: a session of a user with role admin, or the machine ADMIN_TOKEN (cron tooling, the CLI).
 * - every mutation: refused when the browser says it is cross-origin and the caller is anonymous or a cookie
 *   session, and a cookie session's mutation must come from this origin (Origin header) — CSRF defence on top of
 *   SameSite=Lax. Bearer credentials are not sent by browsers on their own, so they need no Origin.
 */
import { rootCauseMessage } from '@fairline/db';
import { initTRPC, TRPCError } from '@trpc/server';
import { ZodError } from 'zod';
import type { ApiScope } from '@fairline/db';
import type { OpenApiMeta } from 'trpc-to-openapi';
import type { Ctx } from '../context.ts';
import { retryAfterOf, toAppError, type ErrorCode } from '../lib/errors.ts';
import { apiTransformer } from './transformer.ts';
import type { UserPrincipal } from '../services/auth/actor.ts';
import type { AuthUser, Principal } from '../services/auth/principal.ts';

/** What a procedure declares about itself: the API key scope it needs and its weight for the rate limiter. */
export interface ProcedureMeta {
  /** An API key calling this procedure must hold this scope (403 without it). */
  scope?: ApiScope;
  /** Request units one call costs (the rate limiter's default is 1); expensive procedures weigh more. */
  weight?: number;
  /** The procedure's REST route under /api/v1 (trpc-to-openapi's meta; worker/src/rest.ts serves it). */
  openapi?: OpenApiMeta['openapi'];
}

/** What the edge knows about the HTTP request behind a call (null fields outside HTTP, e.g. createCaller). */
export interface RequestInfo {
  /** Where a browser says the request comes from (http/auth.ts originVerdict). */
  origin: 'same' | 'cross' | 'absent';
  /** The client address bucket (IPv4, IPv6 /64), for the sign-in throttle; null when unknown. */
  address: string | null;
  userAgent: string | null;
  /** Sets the session cookie on this answer (sign-in, sign-up); null outside HTTP. */
  setSessionCookie: ((token: string, expiresAt: Date) => void) | null;
  /** Clears the session cookie on this answer (sign-out); null outside HTTP. */
  clearSessionCookie: (() => void) | null;
  /** The answer's headers (Retry-After); null outside HTTP. */
  resHeaders: Headers | null;
}

/** The context of every procedure: the verbs' Ctx, the caller, and the request. */
export interface TrpcContext extends Ctx {
  principal: Principal;
  request: RequestInfo;
}

/** The request of an in-process call (createCaller in tests, server-side callers): no HTTP, no Origin, no cookies. */
export const IN_PROCESS_REQUEST: RequestInfo = Object.freeze({
  origin: 'absent',
  address: null,
  userAgent: null,
  setSessionCookie: null,
  clearSessionCookie: null,
  resHeaders: null,
});

/** The tRPC code of each verb error code (NOT_AVAILABLE, a missing-data state, is PRECONDITION_FAILED: HTTP 412). */
export const TRPC_CODE: Record<ErrorCode, TRPCError['code']> = {
  BAD_REQUEST: 'BAD_REQUEST',
  UNAUTHORIZED: 'UNAUTHORIZED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  TOO_MANY_REQUESTS: 'TOO_MANY_REQUESTS',
  UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  NOT_AVAILABLE: 'PRECONDITION_FAILED',
};

const t = initTRPC.context<TrpcContext>().meta<ProcedureMeta>().create({
  transformer: apiTransformer,
  errorFormatter({ shape, error }) {
    // Never send stack traces or driver text to clients.
    const { stack: _stack, ...data } = shape.data;
    // Input validation: a readable message ("line: a line is a whole or half number") instead of the
    // validator's JSON, and the issues as data for clients that map them to fields.
    if (error.code === 'BAD_REQUEST' && error.cause instanceof ZodError) {
      const issues = error.cause.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
      const message = `invalid input: ${issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ')}`;
      return { ...shape, message, data: { ...data, issues } };
    }
    return { ...shape, data };
  },
});

/** Maps verb errors once for every procedure. */
const mapErrors = t.middleware(async ({ ctx, next, path }) => {
  const result = await next();
  if (!result.ok) {
    const cause = result.error.cause;
    // A verb's AppError, or a database outage (→ UNAVAILABLE: 503 + Retry-After, never a 500).
    const known = toAppError(cause);
    if (known) {
      if (known !== cause) ctx.logger.warn('database unavailable', { path, error: rootCauseMessage(cause) });
      const retryAfter = retryAfterOf(known);
      if (retryAfter !== undefined) ctx.request.resHeaders?.set('retry-after', String(retryAfter));
      throw new TRPCError({ code: TRPC_CODE[known.code], message: known.message, cause: known });
    }
    if (result.error.code === 'INTERNAL_SERVER_ERROR') {
      const root = (cause as { cause?: unknown } | undefined)?.cause;
      ctx.logger.error('trpc internal error', { path, error: String(cause ?? result.error.message), cause: root ? String(root) : null });
      throw new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: 'internal error' });
    }
  }
  return result;
});

/** Refuses cross-origin mutations for anonymous and cookie callers, and API keys without the procedure's scope. */
const guard = t.middleware(({ ctx, meta, type, next }) => {
  const p = ctx.principal;
  if (type === 'mutation') {
    const cookie = p.kind === 'session' && p.viaCookie;
    if ((cookie || p.kind === 'anonymous') && ctx.request.origin === 'cross') {
      throw new TRPCError({ code: 'FORBIDDEN', message: 'cross-origin request refused' });
    }
    if (cookie && ctx.request.origin !== 'same') {
      throw new TRPCError({ code: 'FORBIDDEN', message: 'a cookie-authenticated change must come from this site (Origin header)' });
    }
  }
  if (p.kind === 'apiKey' && meta?.scope && !p.scopes.includes(meta.scope)) {
    throw new TRPCError({ code: 'FORBIDDEN', message: `this API key lacks the scope ${meta.scope}` });
  }
  return next();
});

/** Builds a tRPC router (or a nested one) over TrpcContext. */
export const router = t.router;
/** Makes a server-side caller of a router (tests and in-process callers call procedures without HTTP). */
export const createCallerFactory = t.createCallerFactory;
/**
 * A procedure anyone may call, with the verbs' errors mapped once (AppError → its tRPC code; anything else logged and
 * answered as a generic INTERNAL_SERVER_ERROR), the Origin check of mutations and the API key scope check.
 */
export const publicProcedure = t.procedure.use(mapErrors).use(guard);

/**
 * A procedure for a signed-in user: UNAUTHORIZED for anonymous callers; FORBIDDEN for the machine token (it has no
 * user) and for an API key unless the procedure declares a scope (which guard has checked the key holds). The
 * context gains `user` and its principal narrows to a session or a key.
 */
export const protectedProcedure = publicProcedure.use(({ ctx, meta, next }) => {
  const p = ctx.principal;
  if (p.kind === 'anonymous') throw new TRPCError({ code: 'UNAUTHORIZED', message: 'sign in required' });
  if (p.kind === 'machine') throw new TRPCError({ code: 'FORBIDDEN', message: 'this procedure acts for a user; the machine token has none' });
  if (p.kind === 'apiKey' && !meta?.scope) throw new TRPCError({ code: 'FORBIDDEN', message: 'API keys cannot call this procedure: sign in' });
  const principal: UserPrincipal = p;
  const user: AuthUser = p.user;
  return next({ ctx: { principal, user } });
});

/**
 * A procedure for operators: a session of a user with role admin, or the machine ADMIN_TOKEN. UNAUTHORIZED for
 * anonymous callers; FORBIDDEN for other users and for every API key.
 */
export const adminProcedure = publicProcedure.use(({ ctx, next }) => {
  const p = ctx.principal;
  if (p.kind === 'machine') return next();
  if (p.kind === 'anonymous') throw new TRPCError({ code: 'UNAUTHORIZED', message: 'admin sign-in or the admin token required' });
  if (p.kind === 'apiKey') throw new TRPCError({ code: 'FORBIDDEN', message: 'API keys cannot call admin procedures' });
  if (p.user.role !== 'admin') throw new TRPCError({ code: 'FORBIDDEN', message: 'admin role required' });
  return next();
});

/** The context of an in-process call as `principal` (default anonymous): tests and server-side callers. */
export function inProcessContext(ctx: Ctx, principal: Principal = { kind: 'anonymous' }): TrpcContext {
  return { ...ctx, principal, request: IN_PROCESS_REQUEST };
}
