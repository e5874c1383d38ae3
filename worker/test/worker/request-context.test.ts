/**
 * What a request's context costs: the neon-http read client is built once per isolate and database (building one
 * walks the whole schema), and the tRPC context keeps `db` — the request's write pool — lazy, so a read request never
 * builds a pool it does not use.
 */
import { describe, expect, it } from 'vitest';
import type { Ctx } from '../../src/context.ts';
import { loadConfig } from '../../src/env.ts';
import { silentLogger } from '../../src/lib/logger.ts';
import { buildCtx } from '../../src/runtime.ts';
import { createTrpcContext } from '../../src/trpc/context.ts';
import { API_ORIGIN } from './support/auth.ts';
import { testEnv } from './support/fresh-db.ts';

describe('request context', () => {
  it('shares one read client per database across requests, and builds another for another database', () => {
    const a = buildCtx(loadConfig(testEnv), silentLogger);
    const b = buildCtx(loadConfig(testEnv), silentLogger);
    expect(b.ctx.read).toBe(a.ctx.read);
    const other = buildCtx(loadConfig({ ...testEnv, DATABASE_URL: testEnv.DATABASE_URL.replace(/\/[^/]+$/, '/another') }), silentLogger);
    expect(other.ctx.read).not.toBe(a.ctx.read);
    expect(other.ctx.cacheNamespace).not.toBe(a.ctx.cacheNamespace);
  });

  it('creates the tRPC context without reading ctx.db, and reads it on first use', async () => {
    const { ctx } = buildCtx(loadConfig(testEnv), silentLogger);
    let pools = 0;
    const counted = Object.defineProperties({} as Ctx, { ...Object.getOwnPropertyDescriptors(ctx), db: { get: () => (++pools, ctx.db), enumerable: true } });
    const trpcCtx = await createTrpcContext({ ctx: counted, config: loadConfig(testEnv), req: new Request(`${API_ORIGIN}/trpc/fixtures.list`), resHeaders: new Headers() });
    expect(pools).toBe(0);
    expect(trpcCtx.principal.kind).toBe('anonymous');
    expect(trpcCtx.db).toBeDefined();
    expect(pools).toBe(1);
  });
});
