/**
 * The model registry against real Postgres: filing is idempotent and numbered, activation keeps exactly one
 * active version per kind and scope — enforced by the database itself — and rollback returns to the previous one.
 */
import { modelVersions } from '@fairline/db';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freshDatabase, type FreshDb } from '../../../../scripts/test/fresh-db.ts';
import type { Ctx } from '../../../src/context.ts';
import { silentLogger } from '../../../src/lib/logger.ts';
import { activate, fileCandidateIn, listVersions, resolveActive, retire, rollback } from '../../../src/services/models/registry.ts';

let fresh: FreshDb;
let ctx: Ctx;
const SCOPE = 'soccer:TEST';
const file = (artifact: object) =>
  ctx.db.transaction((tx) => fileCandidateIn(tx, { kind: 'soccer_dixon_coles', scope: SCOPE, config: {}, featureColumns: [], metrics: { n: 1 }, artifact }));
const statuses = async () =>
  (await fresh.db.select({ version: modelVersions.version, status: modelVersions.status }).from(modelVersions).where(and(eq(modelVersions.kind, 'soccer_dixon_coles'), eq(modelVersions.scope, SCOPE))).orderBy(modelVersions.version))
    .map((r) => `${r.version}:${r.status}`);

beforeAll(async () => {
  fresh = await freshDatabase(inject('stack'));
  ctx = { db: fresh.db, read: fresh.db, cache: null, clock: () => new Date(), logger: silentLogger, fetch };
});
afterAll(async () => {
  await fresh?.drop();
});

describe('model registry', () => {
  let v1 = 0, v2 = 0;

  it('files candidates under consecutive numbers; the same artifact again is the same version', async () => {
    const a = await file({ w: [1, 2] });
    const again = await file({ w: [1, 2] });
    const b = await file({ w: [3] });
    expect([a.version, a.created, again.id === a.id, again.created, b.version, b.created]).toEqual([1, true, true, false, 2, true]);
    [v1, v2] = [a.id, b.id];
    expect(await statuses()).toEqual(['1:candidate', '2:candidate']);
    expect(await resolveActive({ ctx, input: { kind: 'soccer_dixon_coles', scope: SCOPE } })).toBeNull();
  });

  it('activates one version at a time, retiring the one active before', async () => {
    expect(await activate({ ctx, input: { id: v1 } })).toMatchObject({ id: v1, status: 'active' });
    expect(await activate({ ctx, input: { id: v2 } })).toMatchObject({ id: v2, status: 'active' });
    expect(await statuses()).toEqual(['1:retired', '2:active']);
    expect((await resolveActive({ ctx, input: { kind: 'soccer_dixon_coles', scope: SCOPE } }))?.id).toBe(v2);
    // Activating the active version again changes nothing.
    await activate({ ctx, input: { id: v2 } });
    expect(await statuses()).toEqual(['1:retired', '2:active']);
  });

  it('is enforced by Postgres: a second active version of a kind and scope cannot be written, even bypassing the verbs', async () => {
    const write = fresh.db.update(modelVersions).set({ status: 'active' }).where(eq(modelVersions.id, v1));
    const err = await write.then(() => null, (e: unknown) => e as { cause?: unknown });
    expect(err?.cause).toMatchObject({ code: '23505', constraint: 'model_versions_one_active' });
    // Another scope or kind is independent.
    const other = await ctx.db.transaction((tx) => fileCandidateIn(tx, { kind: 'nfl_props', scope: SCOPE, config: {}, featureColumns: [], metrics: {}, artifact: { x: 1 } }));
    await activate({ ctx, input: { id: other.id } });
    expect(await listVersions({ ctx, input: { scope: SCOPE } })).toHaveLength(3);
  });

  it('rolls back to the version active before, and refuses when there is none', async () => {
    expect(await rollback({ ctx, input: { kind: 'soccer_dixon_coles', scope: SCOPE, reason: 'test: back to the previous version' } })).toMatchObject({ id: v1, status: 'active' });
    expect(await statuses()).toEqual(['1:active', '2:retired']);
    expect(await rollback({ ctx, input: { kind: 'soccer_dixon_coles', scope: SCOPE, reason: 'test: back to the previous version' } })).toMatchObject({ id: v2, status: 'active' });
    await expect(rollback({ ctx, input: { kind: 'nfl_game_lines', scope: 'nfl', reason: 'test: back to the previous version' } })).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('retires, and answers clear errors for an unknown version or kind', async () => {
    expect(await retire({ ctx, input: { id: v2 } })).toMatchObject({ status: 'retired' });
    expect(await resolveActive({ ctx, input: { kind: 'soccer_dixon_coles', scope: SCOPE } })).toBeNull();
    await expect(activate({ ctx, input: { id: 987_654 } })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(activate({ ctx, input: { id: -1 } })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(rollback({ ctx, input: { kind: 'dixon_coles' as never, scope: SCOPE, reason: 'test: back to the previous version' } })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});
