/**
 * The tRPC context of one HTTP request, for /trpc and the REST routes alike: the caller resolved at the edge
 * (http/auth.ts), the request facts procedures need (Origin verdict, client address, user agent), and the session
 * cookie writers bound to this answer's headers. `beforeCalls` runs with the principal before any procedure does
 * (the rate limiter) — with the anonymous principal when a credential was refused, so refusals are charged too; an
 * AppError from either becomes the matching tRPC error for every call of the request.
 */
import { rootCauseMessage } from '@fairline/db';
import { TRPCError } from '@trpc/server';
import type { Ctx } from '../context.ts';
import type { AppConfig } from '../env.ts';
import { AppError, retryAfterOf, toAppError } from '../lib/errors.ts';
import { applyCookieAction, authenticateRequest, clientAddressOf, originVerdict, secureCookies } from '../http/auth.ts';
import { ANONYMOUS, type Principal } from '../services/auth/principal.ts';
import { TRPC_CODE, type TrpcContext } from './init.ts';

/** What createTrpcContext needs from the edge. */
export interface TrpcContextInput {
  ctx: Ctx;
  config: Pick<AppConfig, 'ADMIN_TOKEN' | 'ENVIRONMENT'>;
  req: Request;
  /** The answer's headers (tRPC's `resHeaders`): cookies and Retry-After are written here. */
  resHeaders: Headers;
}

/** `ctx` with `fields` added, its lazy getters kept lazy (copied as getters, not read). */
function withFields<C extends object, F extends object>(ctx: C, fields: F): C & F {
  return Object.defineProperties(Object.defineProperties({}, Object.getOwnPropertyDescriptors(ctx)), Object.getOwnPropertyDescriptors(fields)) as C & F;
}

/**
 * Resolves the caller and builds the context. Throws UNAUTHORIZED (as a TRPCError) for a bad bearer credential, and
 * whatever `beforeCalls` throws (AppErrors mapped).
 */
export async function createTrpcContext(
  { ctx, config, req, resHeaders }: TrpcContextInput,
  beforeCalls?: (principal: Principal) => Promise<void>,
): Promise<TrpcContext> {
  try {
    const auth = await authenticateRequest({ ctx, config, req }).catch(async (err: unknown) => {
      // A refused credential is still charged (as anonymous, by client address): guessing keys is rate limited too.
      if (err instanceof AppError && err.code === 'UNAUTHORIZED') await beforeCalls?.(ANONYMOUS);
      throw err;
    });
    const secure = secureCookies(config.ENVIRONMENT);
    applyCookieAction(resHeaders, auth.cookie, secure, ctx.clock());
    await beforeCalls?.(auth.principal);
    // Not `{ ...ctx }`: a spread reads every getter, and ctx.db builds the request's write pool when first read — for
    // every read request that would be a pool (and a drizzle client over the whole schema) that is never used.
    const fields: Pick<TrpcContext, 'principal' | 'request'> = {
      principal: auth.principal,
      request: {
        origin: originVerdict(req),
        address: clientAddressOf(req),
        userAgent: req.headers.get('user-agent'),
        setSessionCookie: (token, expiresAt) => applyCookieAction(resHeaders, { kind: 'set', token, expiresAt }, secure, ctx.clock()),
        clearSessionCookie: () => applyCookieAction(resHeaders, { kind: 'clear' }, secure, ctx.clock()),
        resHeaders,
      },
    };
    return withFields(ctx, fields);
  } catch (err) {
    // Resolving a session or a key reads Postgres: an outage there is a 503 + Retry-After like any other.
    const known = toAppError(err);
    if (known) {
      if (known.code === 'UNAUTHORIZED') resHeaders.set('www-authenticate', 'Bearer error="invalid_token"');
      if (known !== err) ctx.logger.warn('database unavailable', { at: 'authentication', error: rootCauseMessage(err) });
      const retryAfter = retryAfterOf(known);
      if (retryAfter !== undefined) resHeaders.set('retry-after', String(retryAfter));
      throw new TRPCError({ code: TRPC_CODE[known.code], message: known.message, cause: known });
    }
    throw err;
  }
}
