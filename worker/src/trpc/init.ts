/**
 * tRPC wiring: superjson, the context, and the one place AppError and unknown errors become tRPC errors.
 * Unknown errors are logged with their message and returned as a generic INTERNAL_SERVER_ERROR.
 */
import { initTRPC, TRPCError } from '@trpc/server';
import superjson from 'superjson';
import { ZodError } from 'zod';
import type { Ctx } from '../context.ts';
import { AppError, type ErrorCode } from '../lib/errors.ts';

export interface TrpcContext extends Ctx {
  /** True when the request carried the admin bearer token. */
  isAdmin: boolean;
}

const TRPC_CODE: Record<ErrorCode, TRPCError['code']> = {
  BAD_REQUEST: 'BAD_REQUEST',
  UNAUTHORIZED: 'UNAUTHORIZED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  TOO_MANY_REQUESTS: 'TOO_MANY_REQUESTS',
  UNAVAILABLE: 'SERVICE_UNAVAILABLE',
};

const t = initTRPC.context<TrpcContext>().create({
  transformer: superjson,
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
    if (cause instanceof AppError) {
      throw new TRPCError({ code: TRPC_CODE[cause.code], message: cause.message, cause });
    }
    if (result.error.code === 'INTERNAL_SERVER_ERROR') {
      const root = (cause as { cause?: unknown } | undefined)?.cause;
      ctx.logger.error('trpc internal error', { path, error: String(cause ?? result.error.message), cause: root ? String(root) : null });
      throw new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: 'internal error' });
    }
  }
  return result;
});

/** Builds a tRPC router (or a nested one) over TrpcContext. */
export const router = t.router;
/** Makes a server-side caller of a router (tests and in-process callers call procedures without HTTP). */
export const createCallerFactory = t.createCallerFactory;
/**
 * A procedure anyone may call, with the verbs' errors mapped once (AppError → its tRPC code; anything else logged and
 * answered as a generic INTERNAL_SERVER_ERROR).
 */
export const publicProcedure = t.procedure.use(mapErrors);
/** A publicProcedure that answers UNAUTHORIZED unless the request carried the admin bearer token (ctx.isAdmin). */
export const adminProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.isAdmin) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'admin token required' });
  return next();
});
