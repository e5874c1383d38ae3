/**
 * The bound on the worker's outbound fetch (Ctx.fetch = boundedFetch), inside workerd: a server that accepts the
 * connection and never answers (TEST_SILENT_URL) costs FETCH_TIMEOUT_MS, not the invocation — and so does each
 * attempt of the ingestion's retried GETs, which go through it — while an answer that has started is not cut off.
 */
import { describe, expect, it } from 'vitest';
import { boundedFetch, FETCH_TIMEOUT_MS } from '../../src/runtime.ts';
import { fetchTextWithRetry, HttpError } from '../../src/services/ingest/http.ts';
import { testEnv } from './support/fresh-db.ts';

describe('outbound fetch bound', () => {
  it('rejects with a TimeoutError once no response has come within FETCH_TIMEOUT_MS', async () => {
    const t0 = performance.now();
    const err = await boundedFetch(`${testEnv.TEST_SILENT_URL}/never`).catch((e: unknown) => e);
    const ms = performance.now() - t0;
    expect((err as Error).name).toBe('TimeoutError');
    expect(ms).toBeGreaterThanOrEqual(FETCH_TIMEOUT_MS - 100);
    expect(ms).toBeLessThan(FETCH_TIMEOUT_MS + 1500);
  });

  it('keeps the caller’s own signal', async () => {
    const t0 = performance.now();
    const err = await boundedFetch(`${testEnv.TEST_SILENT_URL}/never`, { signal: AbortSignal.timeout(300) }).catch((e: unknown) => e);
    expect((err as Error).name).toBe('TimeoutError');
    expect(performance.now() - t0).toBeLessThan(FETCH_TIMEOUT_MS);
  });

  it('bounds each attempt of a retried GET: two attempts against a silent provider fail in about two bounds', async () => {
    const t0 = performance.now();
    const err = await fetchTextWithRetry(boundedFetch, `${testEnv.TEST_SILENT_URL}/odds?apiKey=secret`, { attempts: 2, baseDelayMs: 10, maxDelayMs: 10, timeoutMs: 60_000 }).catch((e: unknown) => e);
    const ms = performance.now() - t0;
    expect(err).toBeInstanceOf(HttpError);
    expect((err as HttpError).message).toMatch(/failed after 2 attempts: timed out: no response within 3000 ms/);
    expect((err as HttpError).message).not.toContain('secret');
    expect(ms).toBeGreaterThanOrEqual(2 * FETCH_TIMEOUT_MS - 200);
    expect(ms).toBeLessThan(2 * FETCH_TIMEOUT_MS + 2000);
  });
});
