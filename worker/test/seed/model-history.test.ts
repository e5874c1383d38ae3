/**
 * The demo's simulated model history (seed/simulated-model-history.ts): walk-forward soccer versions over the simulated
 * league's played rounds, each scored on the round after its fit, with its predictions stored before kickoff and its
 * activation audited — all retired, so the app still fits and serves its own live version, and a rollback lands on a
 * real fit.
 */
import { competitions, fixtures, modelVersions, predictions } from '@fairline/db';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { soccer } from '@fairline/ml';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freshDatabase, type FreshDb } from '../../../scripts/test/fresh-db.ts';
import { silentLogger } from '../../src/lib/logger.ts';
import { verifyAuditChain } from '../../src/services/audit/index.ts';
import { modelsOverview } from '../../src/services/models/overview.ts';
import { rollback } from '../../src/services/models/registry.ts';
import { currentSoccerModel, loadSoccerVersion } from '../../src/services/soccer/model-version.ts';
import { seedSimulatedData, seedSimulatedModelHistory } from '../../src/seed/index.ts';

let fresh: FreshDb;
const NOW = Date.UTC(2026, 10, 21, 12);
const SCOPE = 'soccer:SIM-SOC';

beforeAll(async () => {
  fresh = await freshDatabase(inject('stack'));
  await seedSimulatedData(fresh.db, NOW);
});
afterAll(async () => {
  await fresh?.drop();
});

const versions = () =>
  fresh.db.select().from(modelVersions).where(and(eq(modelVersions.kind, 'soccer_dixon_coles'), eq(modelVersions.scope, SCOPE))).orderBy(asc(modelVersions.version));

describe('simulated model history', () => {
  it('files one retired version per played round once 30 results are in, scored on that round, once', async () => {
    const filed = await seedSimulatedModelHistory(fresh.db);
    expect(filed).toBeGreaterThanOrEqual(2);
    const v = await versions();
    expect(v.map((x) => x.version)).toEqual(Array.from({ length: filed }, (_, i) => i + 1));
    expect(v.every((x) => x.status === 'retired' && x.activatedAt !== null && x.createdAt.getTime() < NOW)).toBe(true);
    for (let i = 1; i < v.length; i++) expect(v[i]!.createdAt.getTime()).toBeGreaterThan(v[i - 1]!.createdAt.getTime());
    expect(await seedSimulatedModelHistory(fresh.db)).toBe(0);

    // Each version's RPS is the mean RPS of its stored predictions against the results, recomputed here.
    for (const version of v) {
      const preds = await fresh.db.select().from(predictions).where(eq(predictions.modelVersionId, version.id));
      const ids = [...new Set(preds.map((p) => p.fixtureId))];
      const games = await fresh.db.select().from(fixtures).where(inArray(fixtures.id, ids));
      expect(games.length).toBe(version.metrics.testMatches);
      const scores = games.map((g) => {
        const p = (s: string) => preds.find((x) => x.fixtureId === g.id && x.selection === s)!.probability;
        expect(preds.find((x) => x.fixtureId === g.id)!.createdAt.getTime()).toBeLessThan(g.kickoffAt.getTime());
        const outcome = g.homeScore! > g.awayScore! ? 0 : g.homeScore === g.awayScore ? 1 : 2;
        return soccer.metrics.rps([p('home'), p('draw'), p('away')], outcome);
      });
      expect(version.metrics.rps).toBeCloseTo(scores.reduce((a, b) => a + b, 0) / scores.length, 12);
      expect(Number.isFinite(version.metrics.marketRps)).toBe(true);
      expect(version.config).toMatchObject({ simulated: true });
    }
    // The activations are in the audit chain, which still verifies.
    const chain = await verifyAuditChain({ ctx: { read: fresh.db } });
    expect(chain.broken).toBeNull();
    expect(chain.entries).toBeGreaterThanOrEqual(filed);
  });

  it('leaves serving to the app (a live fit after the history), and a rollback returns to the last seeded fit', async () => {
    const ctx = { db: fresh.db, read: fresh.db, clock: () => new Date(NOW), logger: silentLogger };
    const [competition] = await fresh.db.select({ id: competitions.id }).from(competitions).where(eq(competitions.code, 'SIM-SOC'));
    const live = await currentSoccerModel(ctx, { id: competition!.id, code: 'SIM-SOC' });
    const seeded = await versions();
    expect(live).toMatchObject({ created: true, version: seeded.length });
    const back = await rollback({ ctx, input: { kind: 'soccer_dixon_coles', scope: SCOPE, reason: 'demo: return to the last walk-forward fit' } });
    expect(back.version).toBe(seeded.length - 1);
    expect((await loadSoccerVersion({ read: fresh.db }, back.id)).matches).toBeGreaterThan(0);

    // The models page reads it: backtest points over the seeded versions and a reliability diagram of settled predictions.
    const o = await modelsOverview({ ctx: { read: fresh.db } });
    const s = o.kinds.find((k) => k.kind === 'soccer_dixon_coles')!.scopes.find((x) => x.scope === SCOPE)!;
    expect(s.backtest.length).toBe(seeded.length - 1);
    expect(s.backtest.every((p) => p.model.rps !== null && p.market.rps !== null)).toBe(true);
    expect(s.reliability).toMatchObject({ source: 'settled' });
    expect(s.reliability!.n).toBe(seeded.slice(0, -1).reduce((a, x) => a + x.metrics.testMatches!, 0));
  });
});
