import { fixtures, modelVersions, predictions } from '@fairline/db';
import { createExecutionContext, createScheduledController, waitOnExecutionContext } from 'cloudflare:test';
import { and, asc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Ctx } from '../../src/context.ts';
import worker from '../../src/index.ts';
import { refreshSoccerPredictions } from '../../src/services/soccer/refresh-predictions.ts';
import { FIXTURE_CHANGES_QUEUE } from '../../src/pipeline/messages.ts';
import { deliverBatch, recordingQueue } from './support/queues.ts';
import { type SuiteDb } from './support/fresh-db.ts';
import { useSeededSuite, type BuiltCtx } from './support/seeded-suite.ts';
import { joinRoom } from './support/worker-http.ts';

const NOW = Date.UTC(2026, 10, 21, 12);
let suite: SuiteDb;
let built: BuiltCtx;
const at = (t: number): Ctx => ({ ...built.ctx, clock: () => new Date(t) });

useSeededSuite(NOW, (s, b) => ((suite = s), (built = b)));

const versions = () => suite.db.select().from(modelVersions).where(eq(modelVersions.kind, 'soccer_dixon_coles')).orderBy(asc(modelVersions.version));

describe('refreshSoccerPredictions (cron verb)', () => {
  it('fits once, stores every market per upcoming fixture tied to the active version, and reports them as new', async () => {
    const r = await refreshSoccerPredictions({ ctx: at(NOW) });
    expect(r.refitted).toBe(1);
    const v = await versions();
    expect(v).toHaveLength(1);
    expect(v[0]).toMatchObject({ scope: 'soccer:SIM-SOC', version: 1, status: 'active' });
    const upcoming = await suite.db.select().from(fixtures).where(and(eq(fixtures.sport, 'soccer'), eq(fixtures.status, 'scheduled')));
    const soon = upcoming.filter((f) => f.kickoffAt.getTime() < NOW + 14 * 86_400_000 && f.kickoffAt.getTime() >= NOW);
    expect(r.inserted).toBe(soon.length * 7);
    expect(r.changes).toHaveLength(soon.length * 3);
    const rows = await suite.db.select().from(predictions).where(eq(predictions.fixtureId, soon[0]!.id));
    const p1x2 = rows.filter((p) => p.market === '1x2').reduce((a, p) => a + p.probability, 0);
    expect(p1x2).toBeCloseTo(1, 9);
    expect(rows.every((p) => p.modelVersionId === v[0]!.id)).toBe(true);
  });

  it('is a no-op when no result changed: same version, nothing inserted, nothing pushed', async () => {
    const r = await refreshSoccerPredictions({ ctx: at(NOW + 3_600_000) });
    expect(r).toMatchObject({ refitted: 0, inserted: 0, changes: [] });
    expect(await versions()).toHaveLength(1);
  });

  it('refits after a new result, retires the old version and reports moved probabilities', async () => {
    const [next] = await suite.db
      .select()
      .from(fixtures)
      .where(and(eq(fixtures.sport, 'soccer'), eq(fixtures.status, 'scheduled')))
      .orderBy(asc(fixtures.kickoffAt))
      .limit(1);
    // The match is played (a big away win) and the clock moves past it.
    await suite.db.update(fixtures).set({ status: 'final', homeScore: 0, awayScore: 5, updatedAt: new Date(next!.kickoffAt.getTime() + 7_200_000) }).where(eq(fixtures.id, next!.id));
    const r = await refreshSoccerPredictions({ ctx: at(next!.kickoffAt.getTime() + 3 * 3_600_000) });
    expect(r.refitted).toBe(1);
    const v = await versions();
    expect(v.map((x) => [x.version, x.status])).toEqual([[1, 'retired'], [2, 'active']]);
    expect(r.changes.length).toBeGreaterThan(0);
    expect(r.changes.some((c) => c.previous !== null)).toBe(true);
  });
});

describe('the hourly cron pushes prediction changes to the soccer room', () => {
  it('enqueues the moved fixtures; the pipeline delivers prediction events over the LiveRoom socket', async () => {
    const room = await joinRoom('soccer', suite.env);
    const { queue, bodies } = recordingQueue();
    const env = { ...suite.env, FIXTURE_CHANGES: queue };
    // A new result makes the next tick refit and push.
    const [next] = await suite.db.select().from(fixtures).where(and(eq(fixtures.sport, 'soccer'), eq(fixtures.status, 'scheduled'))).orderBy(asc(fixtures.kickoffAt)).limit(1);
    await suite.db.update(fixtures).set({ status: 'final', homeScore: 4, awayScore: 0, kickoffAt: new Date(Date.now() - 86_400_000), updatedAt: new Date() }).where(eq(fixtures.id, next!.id));
    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ cron: '0 * * * *' }), env as never, ctx);
    await waitOnExecutionContext(ctx);
    expect(bodies).toEqual([expect.objectContaining({ v: 1, cause: 'predictions', fixtureIds: expect.arrayContaining([expect.any(Number)]) })]);
    const { ids, result } = await deliverBatch(FIXTURE_CHANGES_QUEUE, bodies, env);
    expect(result.explicitAcks).toEqual(ids);
    const events = await room.events(1);
    expect(events.length).toBeGreaterThan(0);
    expect(events[0]!.event).toMatchObject({ kind: 'prediction', market: '1x2' });
    room.close();
  });
});
