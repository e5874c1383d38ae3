/**
 * The Fairline API for TypeScript partners: a tRPC client over the API's own `AppRouter` type, so every procedure,
 * input and answer is typed as the server declares it (dates arrive as `Date`, through superjson).
 *
 * ```ts
 * import { createFairlineClient } from '@fairline/client';
 * const fairline = createFairlineClient({ url: 'https://api.fairline.example', apiKey: process.env.FAIRLINE_API_KEY! });
 * const { bets } = await fairline.nfl.props.valueBets.query({ minEdge: 0.03 });
 * ```
 *
 * Calls made together are sent as one HTTP batch of at most MAX_BATCH_CALLS (the API refuses larger batches), each
 * call charged to the key at its weight. Errors are `TRPCClientError`s whose `data.code` is the tRPC code
 * (`UNAUTHORIZED` for a bad or revoked key, `FORBIDDEN` for a missing scope, `TOO_MANY_REQUESTS` past a limit).
 */
import { createTRPCClient, httpBatchLink, TRPCClientError, type TRPCClient } from '@trpc/client';
import type { AppRouter } from '@fairline/worker/router';
import superjson from 'superjson';

export { TRPCClientError };
export type { AppRouter };

/**
 * The most calls one request carries. The API refuses a batch above 20 calls (worker/src/lib/rate-limit/plans.ts
 * MAX_BATCH_CALLS; a test keeps the two equal) — the client splits larger bursts into several requests.
 */
export const MAX_BATCH_CALLS = 20;

/** Where the API is and the key to call it with. */
export interface FairlineClientOptions {
  /** The API's origin, e.g. `https://api.fairline.example` (the client calls `<url>/trpc`). */
  url: string;
  /** A partner API key, `fl_<prefix>_<secret>` (account page → API keys). */
  apiKey: string;
  /** A fetch to use instead of the global one (tests, proxies, custom agents). */
  fetch?: typeof fetch;
  /** Extra headers sent with every request (e.g. a User-Agent naming your app). */
  headers?: Record<string, string>;
}

/** A typed Fairline API client: `client.<router>.<procedure>.query(input)` / `.mutate(input)`. */
export type FairlineClient = TRPCClient<AppRouter>;

/** A typed client of the Fairline API at `url`, authenticated with `apiKey` (see the module comment). */
export function createFairlineClient(options: FairlineClientOptions): FairlineClient {
  const base = options.url.replace(/\/+$/, '');
  return createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({
        url: `${base}/trpc`,
        transformer: superjson,
        maxItems: MAX_BATCH_CALLS,
        // A batch of reads is a GET with every input in the URL: keep it under common proxy limits.
        maxURLLength: 8_000,
        headers: { ...options.headers, authorization: `Bearer ${options.apiKey}` },
        ...(options.fetch ? { fetch: options.fetch } : {}),
      }),
    ],
  });
}
