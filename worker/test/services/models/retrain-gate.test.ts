/**
 * Retraining from the real local Postgres through the promotion gate: the daily cron's job retrains soccer Dixon–Coles
 * per competition and the game-lines model from ingested shared data and promotes them (nothing active yet); a worse
 * candidate (a configuration that forgets too fast) is refused and stays a candidate; an operator's promote (with a
 * reason) overrides the gate; rollback restores the version active before; every change is in the audit log.
 */
import { auditSnapshots, fixtures, modelVersions, projections } from '@fairline/db';
import { and, asc, eq, like, sql } from 'drizzle-orm';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freshDatabase, type FreshDb } from '../../../../scripts/test/fresh-db.ts';
import type { Ctx } from '../../../src/context.ts';
import { CRON_JOBS } from '../../../src/jobs/registry.ts';
import { retrainModelsJob } from '../../../src/jobs/retrain-models.ts';
import { silentLogger } from '../../../src/lib/logger.ts';
import { verifyAuditChain } from '../../../src/services/audit/index.ts';
import { ingestFootballData } from '../../../src/services/ingest/football-data/ingest.ts';
import { ingestNflverseGames } from '../../../src/services/ingest/nflverse/games.ts';
import { decideGate, promote } from '../../../src/services/models/gate.ts';
import { GATE_POLICY } from '../../../src/services/models/gate-policy.ts';
import { rollback } from '../../../src/services/models/registry.ts';
import { retrainModels, type RetrainRun } from '../../../src/services/models/retrain/retrain.ts';
import { ingestNflverseWeekly } from '../../../src/services/ingest/nflverse/weekly.ts';
import { fixtureProps } from '../../../src/services/nfl/props/fixture-props.ts';
import { gamesText, weeklyText } from '../nfl/props/data.ts';

const DATA = path.resolve(import.meta.dirname, '../../../../../shared/data');
const E0 = ['2016-17', '2017-18', '2018-19'].map((s) => ({ name: `E0_${s}.csv`, text: readFileSync(path.join(DATA, `soccer_football_data/E0/E0_${s}.csv`), 'utf8') }));
const NFL_SEASONS = [2014, 2015, 2016, 2017, 2018, 2019];
const nflGames = (() => {
  const [head, ...lines] = gamesText.split('\n');
  return [head, ...lines.filter((l) => NFL_SEASONS.includes(Number(l.split(',')[1])))].join('\n') + '\n';
})();
/** After the 2018/19 EPL season and the 2019 NFL season. */
const NOW = new Date('2020-03-01T06:00:00Z');

let fresh: FreshDb;
let ctx: Ctx;
const admin = () => ({ db: fresh.db, principal: { kind: 'machine' as const }, clock: () => NOW });
const run = (runs: RetrainRun[], kind: string) => runs.find((r) => r.kind === kind)!;
const status = async (id: number) => (await fresh.db.select({ s: modelVersions.status }).from(modelVersions).where(eq(modelVersions.id, id)))[0]!.s;
const modelAudit = () => fresh.db.select().from(auditSnapshots).where(like(auditSnapshots.kind, 'model.%')).orderBy(asc(auditSnapshots.id));

beforeAll(async () => {
  fresh = await freshDatabase(inject('stack'));
  ctx = { db: fresh.db, read: fresh.db, cache: null, clock: () => NOW, logger: silentLogger, fetch };
  await ingestFootballData({ ctx, input: { files: E0 } });
  await ingestNflverseGames({ ctx, input: { files: [{ name: 'games.csv', text: nflGames }] } });
}, 180_000);
afterAll(async () => {
  await fresh?.drop();
});

describe('the gate rule (GATE_POLICY)', () => {
  it('passes within the tolerance, refuses beyond it, passes with nothing to compare', () => {
    const t = GATE_POLICY.soccer_dixon_coles.tolerance;
    expect(decideGate('soccer_dixon_coles', { candidate: 0.2 + t * 0.9, active: 0.2 }).pass).toBe(true);
    expect(decideGate('soccer_dixon_coles', { candidate: 0.2 + t * 1.1, active: 0.2 })).toMatchObject({ pass: false, delta: expect.closeTo(t * 1.1, 9) });
    expect(decideGate('nfl_props', { candidate: 0.6, active: null, activeNote: 'the active version is a demo model' })).toMatchObject({ pass: true, note: 'the active version is a demo model' });
    expect(decideGate('nfl_game_lines', { candidate: Number.NaN, active: 0.69 }).pass).toBe(false);
    expect(decideGate('nfl_game_lines', { candidate: Number.NaN, active: null, activeNote: 'the active version is a demo model' }).pass).toBe(false);
    expect(decideGate('nfl_game_lines', { candidate: Number.NaN, active: null, activeNote: 'no active version' }).pass).toBe(true);
    expect(decideGate('nfl_game_lines', { candidate: 0.6, active: 0.7, refuse: 'the active version changed during the run' }).pass).toBe(false);
  });
});

describe('retraining by cron from the database, through the gate', () => {
  let dc = 0, lines = 0, worse = 0;

  it('the daily cron retrains every kind from Postgres and promotes the first versions (nothing was active)', async () => {
    expect(CRON_JOBS['30 6 * * *']!.map((j) => j.name)).toEqual(['retrain-models', 'monitor-drift']);
    const outcome = await retrainModelsJob.run({ ctx, config: {}, rooms: { publish: async () => {} } as never });
    // Soccer Dixon–Coles, the two soccer GBDT variants (E0) and the game lines; props have no weekly stats yet.
    expect(outcome).toMatchObject({ status: 'ran', summary: { promoted: 4, refused: 0, failed: 0, tooFew: 9 } });

    const versions = await fresh.db.select().from(modelVersions).orderBy(asc(modelVersions.id));
    const soccer = versions.find((v) => v.kind === 'soccer_dixon_coles')!;
    const nfl = versions.find((v) => v.kind === 'nfl_game_lines')!;
    [dc, lines] = [soccer.id, nfl.id];
    expect([soccer.scope, soccer.status, nfl.scope, nfl.status]).toEqual(['soccer:E0', 'active', 'nfl', 'active']);
    // Walk-forward scores on the latest matches: EPL 1X2 RPS near 0.2; cover/over log loss near ln 2.
    expect(soccer.metrics.gateN).toBe(GATE_POLICY.soccer_dixon_coles.window);
    expect(soccer.metrics.gateScore).toBeGreaterThan(0.17);
    expect(soccer.metrics.gateScore).toBeLessThan(0.23);
    expect(nfl.metrics.gateScore).toBeGreaterThan(0.66);
    expect(nfl.metrics.gateScore).toBeLessThan(0.72);

    for (const kind of ['soccer_model', 'soccer_ensemble'] as const) {
      const v = versions.find((x) => x.kind === kind)!;
      expect([v.scope, v.status]).toEqual(['soccer:E0', 'active']);
      expect(v.metrics.gateN).toBe(GATE_POLICY[kind].window);
    }
    // Each version filed then promoted, by the system, in that order; nothing else.
    const log = await modelAudit();
    expect(log.map((e) => [e.kind, e.actor, e.subject])).toEqual(
      versions.flatMap((v) => [['model.file', 'system', `model_version:${v.id}`], ['model.promote', 'system', `model_version:${v.id}`]]),
    );
    expect(log.find((e) => e.subject === `model_version:${dc}` && e.kind === 'model.promote')!.payload)
      .toMatchObject({ kind: 'soccer_dixon_coles', scope: 'soccer:E0', from: null, gate: { metric: 'rps', activeScore: null } });
  }, 240_000);

  it('reports every slot with its CPU; the same data and procedure again changes nothing', async () => {
    const { runs } = await retrainModels({ ctx, input: { kinds: ['soccer_dixon_coles', 'nfl_game_lines'] } });
    expect(runs.map((r) => [r.kind, r.scope, r.outcome])).toEqual([
      // The same data and procedure: the same artifact, already the active version.
      ['soccer_dixon_coles', 'soccer:E0', 'unchanged'],
      ['nfl_game_lines', 'nfl', 'unchanged'],
    ]);
    expect(run(runs, 'soccer_dixon_coles').cpuMs).toBeGreaterThan(0);
  }, 240_000);

  it('refuses a worse candidate: it stays a candidate, the active version stays, the refusal is audited', async () => {
    // ξ = 0.02 per day forgets a result within weeks: walk-forward RPS well beyond the tolerance.
    const { runs } = await retrainModels({ ctx, input: { kinds: ['soccer_dixon_coles'], config: { soccer_dixon_coles: { xi: 0.02 } } } });
    const r = run(runs, 'soccer_dixon_coles');
    expect(r.outcome).toBe('refused');
    expect(r.gate!.delta!).toBeGreaterThan(GATE_POLICY.soccer_dixon_coles.tolerance);
    worse = r.versionId!;
    expect([await status(worse), await status(dc)]).toEqual(['candidate', 'active']);
    const refusal = (await modelAudit()).at(-1)!;
    expect([refusal.kind, refusal.actor, refusal.subject]).toEqual(['model.gate_refused', 'system', `model_version:${worse}`]);
    expect(refusal.payload).toMatchObject({ kind: 'soccer_dixon_coles', scope: 'soccer:E0', candidate: worse, active: dc, metric: 'rps', tolerance: GATE_POLICY.soccer_dixon_coles.tolerance });
  }, 240_000);

  it('promote (admin, with a reason) overrides the gate; rollback (with a reason) restores the version active before', async () => {
    await expect(promote({ ctx: admin(), input: { id: worse, reason: '' } })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect(await promote({ ctx: admin(), input: { id: worse, reason: 'operator: try the fast-forgetting fit' } })).toMatchObject({ id: worse, status: 'active' });
    expect(await status(dc)).toBe('retired');
    await expect(rollback({ ctx: admin(), input: { kind: 'soccer_dixon_coles', scope: 'soccer:E0', reason: '' } })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect(await rollback({ ctx: admin(), input: { kind: 'soccer_dixon_coles', scope: 'soccer:E0', reason: 'operator: worse on the live week' } })).toMatchObject({ id: dc, status: 'active' });
    expect(await status(worse)).toBe('retired');

    const [promoted, rolled] = (await modelAudit()).slice(-2);
    expect([promoted!.kind, promoted!.actor, promoted!.payload]).toEqual(['model.promote', 'admin-token', { kind: 'soccer_dixon_coles', scope: 'soccer:E0', reason: 'operator: try the fast-forgetting fit', from: dc, gate: null }]);
    expect([rolled!.kind, rolled!.payload]).toEqual(['model.rollback', { kind: 'soccer_dixon_coles', scope: 'soccer:E0', reason: 'operator: worse on the live week', from: worse, to: dc }]);
    // One active version per kind and scope throughout, and the audit chain intact.
    const active = await fresh.db.select({ id: modelVersions.id }).from(modelVersions).where(and(eq(modelVersions.kind, 'soccer_dixon_coles'), eq(modelVersions.status, 'active')));
    expect(active).toEqual([{ id: dc }]);
    expect((await verifyAuditChain({ ctx })).broken).toBeNull();
  }, 120_000);
});

describe('retraining the prop models from the database, through the gate', () => {
  // The 2020 opener, scheduled (no scores): the filed candidates project its players, and once promoted the API serves them.
  const opener = (() => {
    const [head] = gamesText.split('\n');
    const row = gamesText.split('\n').find((l) => l.startsWith('2019_01_KC_JAX,'))!.split(',');
    Object.assign(row, { 0: '2020_01_HOU_KC', 1: '2020', 4: '2020-09-10', 5: 'Thursday', 6: '20:20', 7: 'HOU', 8: '', 9: 'KC', 10: '', 12: '', 13: '' });
    return `${head}\n${row.join(',')}\n`;
  })();
  const AT = new Date('2020-09-05T06:00:00Z');
  const propsCtx = () => ({ ...ctx, clock: () => AT });
  /** Small forests keep the test quick (the CPU of the served configuration is measured with `fairline train retrain`). */
  const FAST = { nfl_props: { gbdt: { trees: 20 } } };

  it('retrains each market from the stored weekly stats, promotes it, and the API serves its projections of the upcoming game', async () => {
    await ingestNflverseWeekly({ ctx, input: { files: [2017, 2018, 2019].map((s) => ({ name: `weekly_${s}.csv`, text: weeklyText(s) })) } });
    await ingestNflverseGames({ ctx, input: { files: [{ name: 'opener.csv', text: opener }] } });
    const { runs } = await retrainModels({ ctx: propsCtx(), input: { kinds: ['nfl_props'], scopes: ['nfl:receptions', 'nfl:anytime_td'], config: FAST } });
    expect(runs.map((r) => [r.scope, r.outcome])).toEqual([['nfl:receptions', 'promoted'], ['nfl:anytime_td', 'promoted']]);
    for (const r of runs) {
      expect(r.gate).toMatchObject({ metric: 'logLoss', active: null });
      expect(r.gate!.candidate).toBeGreaterThan(0.3);
      expect(r.gate!.candidate).toBeLessThan(0.7);
    }
    const [game] = await fresh.db.select({ id: fixtures.id }).from(fixtures).where(eq(fixtures.naturalKey, '2020_01_HOU_KC'));
    const stored = await fresh.db.select({ n: sql<number>`count(*)::int` }).from(projections).where(eq(projections.fixtureId, game!.id));
    expect(stored[0]!.n).toBeGreaterThan(10);
    const served = await fixtureProps({ ctx: propsCtx(), input: { fixtureId: game!.id } });
    const receptions = served.players.flatMap((p) => p.markets).filter((m) => m.market === 'receptions');
    expect(receptions.length).toBeGreaterThan(5);
    // Every served projection names the version it came from: the one just promoted.
    expect(new Set(receptions.map((m) => m.modelVersion.id))).toEqual(new Set([run(runs, 'nfl_props').versionId]));
  }, 300_000);

  it('a second run on the same data is a no-op; another configuration is judged against the active one on the same season', async () => {
    const again = await retrainModels({ ctx: propsCtx(), input: { kinds: ['nfl_props'], scopes: ['nfl:receptions'] } });
    expect(again.runs.map((r) => r.outcome)).toEqual(['unchanged']);
    const other = await retrainModels({ ctx: propsCtx(), input: { kinds: ['nfl_props'], scopes: ['nfl:receptions'], config: { nfl_props: { gbdt: { trees: 30 } } } } });
    const r = other.runs[0]!;
    expect(['promoted', 'refused']).toContain(r.outcome);
    expect(r.gate!.active).not.toBeNull();
    expect(r.gate!.delta).toBeCloseTo(r.gate!.candidate - r.gate!.active!, 12);
  }, 300_000);
});
