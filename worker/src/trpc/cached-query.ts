/**
 * A cached public query: `publicProcedure.meta(…).input(…).query(cachedQuery('soccer', verb))`. The wrapper is the
 * procedure's resolver, so it runs only after every middleware — the API key scope check, the user and admin checks,
 * the rate limiter before them — and a cached answer is served only to a caller who would have been served the
 * computed one. The verb gets the verbs' Ctx (no principal): an answer that depends on who asks cannot be written
 * this way, and a procedure that narrowed the context to a user (protectedProcedure) is refused at its first call.
 * Only HTTP answers are cached; in-process calls (createCaller) always compute.
 */
import type { Ctx } from '../context.ts';
import { noteServedEntry } from '../http/answer-replay.ts';
import { DEFAULT_FRESH_MS, readThrough, type ReadPolicy } from '../lib/read-cache/read-through.ts';
import type { GenerationScope } from '../lib/read-cache/generations.ts';
import { invalidateAll } from '../services/cache/invalidate.ts';

/** The procedures served through the read cache, by path: the reviewed list the security tests hold it to. */
export const CACHED_PROCEDURES = new Set<string>();

/**
 * The resolver of a public read whose answer is the same for every caller, cached by procedure, canonical input and
 * the generation of `scope` (see lib/read-cache/read-through.ts for the freshness bounds).
 */
export function cachedQuery<I, O>(
  scope: GenerationScope | ReadPolicy,
  verb: (args: { ctx: Ctx; input: I }) => Promise<O>,
): (opts: { ctx: Ctx & { user?: unknown; request?: { resHeaders: Headers | null } }; input: I; path: string }) => Promise<O> {
  const policy: ReadPolicy = typeof scope === 'string' ? { scope } : scope;
  return ({ ctx, input, path }) => {
    // protectedProcedure adds `user`: a user's data must never be shared through the cache.
    if ('user' in ctx) throw new Error(`${path}: a user-scoped procedure cannot be cached`);
    CACHED_PROCEDURES.add(path);
    const compute = () => verb({ ctx, input });
    // Only answers to HTTP requests (tRPC and REST) go through the cache: in-process callers (server-side callers,
    // tests of a verb's behaviour) read their own writes. Without a namespace (a hand-built context) which database
    // is read is unknown, so nothing may be shared.
    if (!ctx.request?.resHeaders || !ctx.cacheNamespace) return compute();
    const resHeaders = ctx.request.resHeaders;
    // The edge may replay this answer's bytes while the entry stays fresh (http/answer-replay.ts).
    const onServed = ({ gen, storedAt }: { gen: string; storedAt: number }) =>
      noteServedEntry(resHeaders, { scope: policy.scope, gen, storedAt, freshMs: policy.freshMs ?? DEFAULT_FRESH_MS });
    return readThrough({ cache: ctx.cache, logger: ctx.logger, procedure: `${ctx.cacheNamespace}|${path}`, input, policy, compute, onServed });
  };
}

/**
 * The resolver of a mutation that changes what public answers say for every fixture (the model registry: activate,
 * retire, roll back, promote, retrain): once it succeeded, every cached public answer is invalidated, so a new model
 * version is served within the generation bound instead of the 60 s stale bound.
 */
export function invalidatingAll<A extends { ctx: Pick<Ctx, 'cache' | 'logger'> }, O>(resolver: (args: A) => Promise<O>): (args: A) => Promise<O> {
  return async (args) => {
    const out = await resolver(args);
    await invalidateAll({ ctx: args.ctx });
    return out;
  };
}
