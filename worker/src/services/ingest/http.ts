/**
 * HTTP GET with a per-attempt timeout and bounded retries with exponential backoff and full jitter
 * ("Exponential Backoff And Jitter", AWS Architecture Blog, 2015). Retries only what can succeed on a retry:
 * network errors, timeouts, 408, 425, 429 and 5xx; a 4xx is returned as an error at once. Uses the context's
 * `fetch`, so it runs in workerd, in Node and against a test server alike.
 */
import type { IngestFile } from './types.ts';

/** How hard a GET tries before giving up. */
export interface RetryPolicy {
  /** Total attempts including the first (default 4). */
  attempts: number;
  /** First backoff ceiling in ms (default 250); doubles each retry, capped at maxDelayMs. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Abort an attempt that has not produced the full body after this long (default 3 s). */
  timeoutMs: number;
}

/**
 * 4 attempts, backoff ceilings 250 ms doubling to at most 4 s, 3 s per attempt: the API responses polled by the
 * crons (odds, a few hundred kB at most) arrive well within it, and a provider that stalls costs one attempt of
 * 3 s, not the tick.
 */
export const DEFAULT_RETRY: RetryPolicy = { attempts: 4, baseDelayMs: 250, maxDelayMs: 4000, timeoutMs: 3000 };

/**
 * The policy of whole data files (football-data and nflverse CSVs, several MB): the same retries, but 60 s for an
 * attempt's body — the first byte is still bounded by the context's fetch (FETCH_TIMEOUT_MS in runtime.ts), so a
 * server that never answers fails in 3 s while a large file that is streaming is not cut off.
 */
export const FILE_RETRY: RetryPolicy = { ...DEFAULT_RETRY, timeoutMs: 60_000 };

/** A GET that failed for good: the last HTTP status (null: network error or timeout) and attempts made. */
export class HttpError extends Error {
  override readonly name = 'HttpError';
  constructor(
    message: string,
    readonly status: number | null,
    readonly attempts: number,
  ) {
    super(message);
  }
}

/** A successful GET: the body text, status, headers and how many attempts it took. */
export interface FetchResult {
  text: string;
  status: number;
  headers: Headers;
  attempts: number;
}

const RETRYABLE = (s: number) => s === 408 || s === 425 || s === 429 || s >= 500;

/** Redacts secrets (apiKey=…) from URLs before they reach logs or error messages. */
export function redactUrl(url: string): string {
  return url.replace(/([?&](?:apiKey|api_key|key|token)=)[^&]*/gi, '$1***');
}

/** GETs `url` as text under the retry policy (see the file comment); throws `HttpError` when it gives up. */
export async function fetchTextWithRetry(
  fetchImpl: typeof fetch,
  url: string,
  policy: Partial<RetryPolicy> = {},
  deps: { sleep?: (ms: number) => Promise<void>; random?: () => number; onRetry?: (attempt: number, why: string, delayMs: number) => void } = {},
): Promise<FetchResult> {
  const p = { ...DEFAULT_RETRY, ...policy };
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const random = deps.random ?? Math.random;
  let last = '';
  let lastStatus: number | null = null;
  for (let attempt = 1; attempt <= p.attempts; attempt++) {
    let retryAfterMs: number | null = null;
    const signal = AbortSignal.timeout(p.timeoutMs);
    try {
      const res = await fetchImpl(url, { signal, headers: { accept: 'application/json, text/csv, text/plain, */*' } });
      // Reading the body is inside the timeout too: a server that stalls mid-body is a failed attempt.
      const text = await res.text();
      if (res.ok) return { text, status: res.status, headers: res.headers, attempts: attempt };
      lastStatus = res.status;
      last = `HTTP ${res.status}`;
      if (!RETRYABLE(res.status)) {
        throw new HttpError(`GET ${redactUrl(url)} failed: HTTP ${res.status} ${text.slice(0, 200)}`, res.status, attempt);
      }
      const ra = Number(res.headers.get('retry-after'));
      if (Number.isFinite(ra) && ra > 0) retryAfterMs = Math.min(ra * 1000, p.maxDelayMs);
    } catch (err) {
      if (err instanceof HttpError) throw err;
      lastStatus = null;
      const e = err as { name?: string; message?: string };
      // This attempt's own deadline, or the fetch's (Ctx.fetch bounds the wait for response headers).
      last =
        signal.aborted ? `timed out after ${p.timeoutMs} ms`
        : e?.name === 'TimeoutError' || e?.name === 'AbortError' ? `timed out: ${e.message ?? 'aborted'}`
        : `network error: ${e?.message ?? String(err)}`;
    }
    if (attempt < p.attempts) {
      const ceiling = Math.min(p.maxDelayMs, p.baseDelayMs * 2 ** (attempt - 1));
      const delay = retryAfterMs ?? Math.round(random() * ceiling);
      deps.onRetry?.(attempt, last, delay);
      await sleep(delay);
    }
  }
  throw new HttpError(`GET ${redactUrl(url)} failed after ${p.attempts} attempts: ${last}`, lastStatus, p.attempts);
}

/**
 * Fetches each URL (with retries) as an ingestion file named by its redacted URL. A URL that fails for good is
 * reported in `failures` and does not stop the others.
 */
export async function fetchFiles(
  fetchImpl: typeof fetch,
  urls: readonly string[],
  policy: Partial<RetryPolicy> = FILE_RETRY,
): Promise<{ files: IngestFile[]; failures: string[] }> {
  const files: IngestFile[] = [];
  const failures: string[] = [];
  for (const url of urls) {
    try {
      const r = await fetchTextWithRetry(fetchImpl, url, policy);
      files.push({ name: redactUrl(url), text: r.text });
    } catch (err) {
      failures.push(err instanceof Error ? err.message : String(err));
    }
  }
  return { files, failures };
}
