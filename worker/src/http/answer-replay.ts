/**
 * Replaying cached public answers ahead of tRPC. A credential-less GET of one cached procedure
 * (trpc/cached-query.ts) whose answer was served a moment ago from a FRESH read-cache entry is answered with the
 * very bytes of that answer, after the rate limiter — without building a tRPC context, parsing the input, running
 * the procedure's middlewares or serialising the answer again, which were most of a cached read's CPU (bench:api
 * CPU profile). What it may serve, stated:
 *  - only to a request with no credential (no Authorization header, no session cookie): the answer was computed for
 *    such a request (the anonymous principal), so every access check gave it the same verdict;
 *  - only the body of a 200 answer to the same URL (path and input) in the same database namespace;
 *  - only while the generation token of the procedure's scope is the one the answer was computed under, and while
 *    the data is younger than its fresh bound — the read cache's own bounds (lib/read-cache/read-through.ts).
 * Anything else, a refusal by the rate limiter included, goes through tRPC as before.
 */
import { LRUCache } from 'lru-cache';
import type { Ctx } from '../context.ts';
import type { AppConfig } from '../env.ts';
import { currentGenerations, type GenerationScope } from '../lib/read-cache/generations.ts';
import { enforceRateLimit, type LimitedCall } from '../lib/rate-limit/enforce.ts';
import { ANONYMOUS, type Principal } from '../services/auth/principal.ts';
import { sessionCookieOf } from './auth.ts';

/** Which read-cache entry a request's answer came from (noted by the cached procedure, see noteServedEntry). */
export interface ServedEntry {
  scope: GenerationScope;
  gen: string;
  /** When the entry's data was computed, epoch ms. */
  storedAt: number;
  freshMs: number;
}

/** A replayable answer: its body and where it came from. */
interface Replayable extends ServedEntry {
  /** UTF-8, encoded once: a string body would be encoded again for every response. */
  body: Uint8Array;
  /** tRPC's headers of that answer (content-type, vary), without those that belong to one request. */
  headers: [string, string][];
  /** The procedure, for the rate limiter's weight. */
  procedure: LimitedCall['procedure'];
}

/** Headers of an answer that belong to its request, never replayed: the limiter's count, cookies, refusals. */
const PER_REQUEST = /^(x-ratelimit-|retry-after$|set-cookie$|www-authenticate$)/;

/** This isolate's replayable answers by namespace and URL, at most 16 MiB of bodies. */
const answers = new LRUCache<string, Replayable>({ max: 512, maxSize: 16 * 1024 * 1024, sizeCalculation: (a) => a.body.byteLength + 1 });

/** The entry each in-flight answer came from, by the answer's tRPC response headers object (one per request). */
const servedEntries = new WeakMap<Headers, ServedEntry>();

/** Called by a cached procedure (trpc/cached-query.ts): the answer of this request came from `entry`. */
export function noteServedEntry(resHeaders: Headers, entry: ServedEntry): void {
  servedEntries.set(resHeaders, entry);
}

/**
 * The replay key of `req`, or null when it may neither be replayed nor remembered: not a GET, a batch or streaming
 * call, a credential present, or no database namespace.
 */
function replayKey(req: Request, namespace: string | undefined): string | null {
  if (req.method !== 'GET' || !namespace) return null;
  if (req.headers.has('authorization') || req.headers.has('trpc-accept') || sessionCookieOf(req) !== null) return null;
  const url = new URL(req.url);
  if (url.pathname.includes(',') || url.searchParams.has('batch')) return null;
  return `${namespace}\n${url.pathname}${url.search}`;
}

/** What the /trpc route tells the replay about the request tRPC answered. */
export interface AnswerReplay {
  /** The replayed answer, or null (then tRPC answers). */
  replay(): Promise<Response | null>;
  /** tRPC's context hook saw these calls and this response headers object. */
  observe(calls: readonly LimitedCall[], resHeaders: Headers): void;
  /** The caller tRPC resolved. */
  principal(p: Principal): void;
  /** tRPC's answer, remembered when replayable; returns the response to send. */
  remember(res: Response): Promise<Response>;
}

/** The replay of one /trpc request; null when the request is not eligible (see replayKey). */
export function answerReplay(req: Request, ctx: Ctx, config: AppConfig): AnswerReplay | null {
  const key = replayKey(req, ctx.cacheNamespace);
  if (!key || !ctx.cache) return null;
  let seen: { calls: readonly LimitedCall[]; resHeaders: Headers } | null = null;
  let anonymous = false;
  return {
    async replay() {
      const a = answers.get(key);
      if (!a) return null;
      const gens = await currentGenerations(ctx.cache);
      if (!gens || gens[a.scope] !== a.gen || ctx.clock().getTime() - a.storedAt >= a.freshMs) {
        answers.delete(key);
        return null;
      }
      // `x-cache: replay` tells operators (and tests) which answers skipped tRPC.
      const headers = new Headers(a.headers);
      headers.set('x-cache', 'replay');
      try {
        await enforceRateLimit({ headers: req.headers, principal: ANONYMOUS, calls: [{ procedure: a.procedure }], resHeaders: headers, cache: ctx.cache, logger: ctx.logger, clock: ctx.clock, config });
      } catch {
        return null; // refused: tRPC runs the limiter again and answers the refusal in its own format
      }
      return new Response(a.body, { status: 200, headers });
    },
    observe(calls, resHeaders) {
      seen = { calls, resHeaders };
    },
    principal(p) {
      anonymous = p.kind === 'anonymous';
    },
    async remember(res) {
      const entry = seen ? servedEntries.get(seen.resHeaders) : undefined;
      if (!seen || !entry || !anonymous || seen.calls.length !== 1 || res.status !== 200 || res.headers.has('set-cookie')) return res;
      if (ctx.clock().getTime() - entry.storedAt >= entry.freshMs) return res; // served stale: never replayed
      const body = new Uint8Array(await res.arrayBuffer());
      const headers = [...res.headers].filter(([name]) => !PER_REQUEST.test(name));
      answers.set(key, { ...entry, body, headers, procedure: seen.calls[0]!.procedure });
      return new Response(body, { status: res.status, statusText: res.statusText, headers: res.headers });
    },
  };
}
