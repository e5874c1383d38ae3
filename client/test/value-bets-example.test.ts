/**
 * The typed client and its example against the real API worker: `wrangler dev` (workerd) on a fresh seeded database
 * of the test stack's Postgres and its Redis. A partner's path end to end: sign up, create a key, call the API with
 * `createFairlineClient`, run client/examples/value-bets.ts with the key.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFairlineClient, MAX_BATCH_CALLS, TRPCClientError, type AppRouter } from '@fairline/client';
import { repoRoot } from '@fairline/local/paths';
import { seedSimulatedData } from '@fairline/worker/seed';
import { createTRPCClient, httpLink } from '@trpc/client';
import superjson from 'superjson';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freshDatabase, type FreshDb } from '../../scripts/test/fresh-db.ts';
import { startWorkerDev, type WorkerDev } from '../../scripts/worker-dev.ts';
import { MAX_BATCH_CALLS as SERVER_MAX_BATCH_CALLS } from '../../worker/src/lib/rate-limit/plans.ts';

const stack = inject('stack');
let fresh: FreshDb;
let worker: WorkerDev;
let stateDir: string;
let apiKey: string;
let marketsOnly: string;

beforeAll(async () => {
  fresh = await freshDatabase(stack);
  await seedSimulatedData(fresh.db, Date.now());
  stateDir = mkdtempSync(join(tmpdir(), 'fairline-client-test-'));
  worker = await startWorkerDev({
    vars: {
      ENVIRONMENT: 'development',
      DATABASE_URL: fresh.url,
      NEON_LOCAL_PROXY: stack.neonProxy,
      UPSTASH_REDIS_REST_URL: stack.upstashUrl ?? '',
      UPSTASH_REDIS_REST_TOKEN: stack.upstashToken ?? '',
      ADMIN_TOKEN: 'client-test-admin',
    },
    persistTo: join(stateDir, 'wrangler'),
    logFile: join(stateDir, 'wrangler.log'),
  });
  // A partner signs up (a bearer session token) and creates a key, as the account page does.
  const signedIn = (token?: string) =>
    createTRPCClient<AppRouter>({ links: [httpLink({ url: `${worker.url}/trpc`, transformer: superjson, headers: token ? { authorization: `Bearer ${token}` } : {} })] });
  const email = `client-${crypto.randomUUID().slice(0, 8)}@example.test`;
  const { token } = await signedIn().auth.signUp.mutate({ email, password: 'violet otter lamp 1987', session: 'token' });
  const account = signedIn(token!);
  apiKey = (await account.apiKeys.create.mutate({ name: 'example', scopes: ['read:markets', 'read:props'] })).secret;
  marketsOnly = (await account.apiKeys.create.mutate({ name: 'markets', scopes: ['read:markets'] })).secret;
});
afterAll(async () => {
  await worker?.stop();
  await fresh?.drop();
  if (stateDir) rmSync(stateDir, { recursive: true, force: true });
});

describe('createFairlineClient against the real worker', () => {
  it('calls procedures with the key, typed, dates as Date', async () => {
    const fairline = createFairlineClient({ url: worker.url, apiKey });
    const { bets, fixtures } = await fairline.nfl.props.valueBets.query({ minEdge: 0, days: 14, limit: 5 });
    expect(fixtures).toBeGreaterThan(0);
    expect(bets.length).toBeGreaterThan(0);
    expect(bets[0]!.kickoffAt).toBeInstanceOf(Date);
    expect(bets[0]!.expectedValue).toBeGreaterThanOrEqual(0);
  });

  it('keeps batches within the API cap: 45 calls at once all succeed', async () => {
    expect(MAX_BATCH_CALLS).toBe(SERVER_MAX_BATCH_CALLS);
    const fairline = createFairlineClient({ url: worker.url, apiKey });
    // 45 calls in one tick: the link sends batches of 20, 20 and 5 (one of 45 would be refused with 400).
    const answers = await Promise.all(Array.from({ length: 45 }, (_, i) => fairline.fixtures.list.query({ limit: 1, offset: i % 3 })));
    expect(answers.map((a) => a.length)).toEqual(Array.from({ length: 45 }, () => 1));
    expect(new Set(answers.map((a) => a[0]!.id)).size).toBe(3);
  });

  it('reports a missing scope and a bad key as typed errors (FORBIDDEN, UNAUTHORIZED)', async () => {
    const code = (e: unknown) => (e instanceof TRPCClientError ? (e.data as { code?: string } | undefined)?.code : String(e));
    const err = await createFairlineClient({ url: worker.url, apiKey: marketsOnly }).nfl.props.valueBets.query({}).catch((e: unknown) => e);
    expect(code(err)).toBe('FORBIDDEN');
    const bad = await createFairlineClient({ url: worker.url, apiKey: `${apiKey.slice(0, -4)}AAAA` }).fixtures.list.query({}).catch((e: unknown) => e);
    expect(code(bad)).toBe('UNAUTHORIZED');
  });
});

describe('client/examples/value-bets.ts', () => {
  const runExample = (key: string | undefined, ...args: string[]) =>
    spawnSync(join(repoRoot, 'node_modules/.bin/tsx'), ['client/examples/value-bets.ts', ...args], {
      cwd: repoRoot,
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, FAIRLINE_API_URL: worker.url, FAIRLINE_API_KEY: key ?? '' },
    });

  it('lists the value bets with a key', () => {
    const r = runExample(apiKey, '--min-edge', '0', '--days', '14', '--limit', '3');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Player props — 3 value bets in \d+ upcoming games/m);
    expect(r.stdout).toMatch(/^Game lines — \d+ value bets in \d+ upcoming games/m);
    // Three prop lines: EV, price, book, player, market, side, line, the game.
    expect(r.stdout.split('\n').filter((l) => /^ *\+\d+\.\d% +\d+\.\d\d \S+ +.+ (over|under) [\d.]+ {2}\(.+ @ .+ UTC\)$/.test(l))).toHaveLength(3);
  });

  it('says what is wrong without a key or with a key lacking the scopes', () => {
    const none = runExample(undefined);
    expect(none.status).toBe(2);
    expect(none.stderr).toMatch(/set FAIRLINE_API_KEY/);
    const scoped = runExample(marketsOnly);
    expect(scoped.status).toBe(1);
    expect(scoped.stderr).toMatch(/^value-bets: FORBIDDEN: this API key lacks the scope read:props/);
  });
});

// vitest runs the worker through vite; wrangler bundles it with esbuild for `wrangler dev` and deploys. The REST
// surface's libraries must load in THAT bundle too (trpc-to-openapi's entry once kept the worker from starting).
describe('the worker as wrangler bundles it serves REST', () => {
  it('answers /api/openapi.json and /api/v1 with the same key', async () => {
    const doc = await fetch(`${worker.url}/api/openapi.json`);
    expect(doc.status).toBe(200);
    expect(((await doc.json()) as { openapi: string }).openapi).toBe('3.1.0');
    const res = await fetch(`${worker.url}/api/v1/fixtures?limit=2`, { headers: { authorization: `Bearer ${apiKey}` } });
    expect(res.status).toBe(200);
    const viaClient = await createFairlineClient({ url: worker.url, apiKey }).fixtures.list.query({ limit: 2 });
    expect(await res.json()).toEqual(JSON.parse(JSON.stringify(viaClient)));
  });
});
