/**
 * The track record against real Postgres: a game-lines model fitted on the shared nflverse games file, an upcoming
 * NFL game with book lines (a spread priced too long, a moneyline off the spread) — the pick job records each value
 * bet the finder flags at the stated edge once, at the price flagged, in the system portfolio (a second tick, and a
 * tick after the price moved, record nothing new); at kick-off the settlement job captures the close and, on the
 * result, settles the picks; trackRecord.summary shows ROI, CLV, picks and the audit chain's head, which verifies.
 */
import { auditHead, bookmakers, competitions, countAuditEntries, fixtures, oddsSnapshots, seasons, teams, userCredentialsByEmail } from '@fairline/db';
import { parseGames } from '@fairline/ml/nfl/games';
import { fitGameLines, serializeGameLines } from '@fairline/ml/nfl/game-lines/index';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freshDatabase, type FreshDb } from '../../../../scripts/test/fresh-db.ts';
import type { Ctx } from '../../../src/context.ts';
import type { JobArgs } from '../../../src/jobs/job.ts';
import { recordTrackRecordJob } from '../../../src/jobs/record-track-record.ts';
import { settleBetsJob } from '../../../src/jobs/settle-bets.ts';
import { silentLogger } from '../../../src/lib/logger.ts';
import { verifyAuditChain } from '../../../src/services/audit/index.ts';
import { activate } from '../../../src/services/models/registry.ts';
import { gameLineValueBets, recordGameLines } from '../../../src/services/nfl/game-lines/index.ts';
import { SYSTEM_EMAIL, TRACK_RECORD_MIN_EDGE, trackRecordSummary } from '../../../src/services/track-record/index.ts';
import { gamesText } from '../nfl/props/data.ts';

const model = fitGameLines(parseGames([gamesText]), [2016, 2017, 2018]);
const NOW = new Date('2026-12-01T12:00:00Z');
const DAY = 86_400_000;

let fresh: FreshDb;
let now = NOW;
let ctx: Ctx;
let game = 0;
let bookA = 0;
const rooms = { publish: async () => {}, publishMany: async () => {} };
const args = (): JobArgs => ({ ctx, config: {}, rooms });

beforeAll(async () => {
  fresh = await freshDatabase(inject('stack'));
  ctx = { db: fresh.db, read: fresh.db, cache: null, clock: () => now, logger: silentLogger, fetch };
  const db = fresh.db;
  const [nfl] = await db.insert(competitions).values({ sport: 'nfl', code: 'T-NFL', name: 'Test NFL' }).returning();
  const [season] = await db.insert(seasons).values({ competitionId: nfl!.id, label: '2026' }).returning();
  const [h, a] = await db.insert(teams).values([{ sport: 'nfl', name: 'Home' }, { sport: 'nfl', name: 'Away' }]).returning();
  game = (await db.insert(fixtures).values({
    sport: 'nfl', competitionId: nfl!.id, seasonId: season!.id, naturalKey: 'g-1', homeTeamId: h!.id, awayTeamId: a!.id,
    kickoffAt: new Date(NOW.getTime() + DAY), status: 'scheduled',
  }).returning({ id: fixtures.id }))[0]!.id;
  const [A, B] = (await db.insert(bookmakers).values([{ key: 'book_a', name: 'A' }, { key: 'book_b', name: 'B' }]).returning()).map((b) => b.id) as [number, number];
  bookA = A;
  const at = new Date(NOW.getTime() - 3_600_000);
  type Row = typeof oddsSnapshots.$inferInsert;
  const q = (bookmakerId: number, market: Row['market'], selection: string, line: number | null, price: number): Row =>
    ({ fixtureId: game, bookmakerId, market, selection, line, price, capturedAt: at, source: 'test' });
  await db.insert(oddsSnapshots).values([
    // Main line −3 at both books; book A also home −1.5 at 2.6 (too long) and a moneyline far from what −3 implies.
    q(A, 'spread', 'home', -3, 1.91), q(A, 'spread', 'away', 3, 1.91), q(B, 'spread', 'home', -3, 1.91), q(B, 'spread', 'away', 3, 1.91),
    q(A, 'spread', 'home', -1.5, 2.6), q(A, 'spread', 'away', 1.5, 1.45),
    q(A, 'game_total', 'over', 44, 1.91), q(A, 'game_total', 'under', 44, 1.91),
    q(A, 'moneyline', 'home', null, 1.3), q(A, 'moneyline', 'away', null, 4.5),
  ]);
  const filed = await recordGameLines({ ctx, input: { artifact: serializeGameLines(model), metrics: {} } });
  await activate({ ctx, input: { id: filed.id } });
}, 120_000);
afterAll(async () => {
  await fresh?.drop();
});

describe('track record', () => {
  it('is empty before the first pick, and names the chain head', async () => {
    const r = await trackRecordSummary({ ctx });
    expect(r).toMatchObject({ bets: 0, settled: 0, roi: null, clv: null, picks: [], portfolioId: null, minEdge: TRACK_RECORD_MIN_EDGE });
    expect(r.audit.length).toBe(await countAuditEntries(fresh.db));
  });

  it('records every flagged value bet once, at the price flagged, in the system portfolio', async () => {
    const flagged = (await gameLineValueBets({ ctx, input: { minEdge: TRACK_RECORD_MIN_EDGE, days: 7, limit: 500 } })).bets;
    expect(flagged.length).toBeGreaterThan(0);
    const first = await recordTrackRecordJob.run(args());
    expect(first).toMatchObject({ status: 'ran', summary: { flagged: flagged.length, recorded: flagged.length, known: 0 } });
    const again = await recordTrackRecordJob.run(args());
    expect(again).toMatchObject({ status: 'ran', summary: { recorded: 0, known: flagged.length } });

    // The price moves (still value): the pick keeps the price it was recorded at.
    now = new Date(NOW.getTime() + 600_000);
    await fresh.db.insert(oddsSnapshots).values({ fixtureId: game, bookmakerId: bookA, market: 'spread', selection: 'home', line: -1.5, price: 2.7, capturedAt: now, source: 'test' });
    expect(await recordTrackRecordJob.run(args())).toMatchObject({ status: 'ran', summary: { recorded: 0 } });

    const r = await trackRecordSummary({ ctx });
    expect(r.bets).toBe(flagged.length);
    expect(r.pending).toBe(flagged.length);
    expect(r.portfolioId).not.toBeNull();
    for (const f of flagged) {
      const market = f.market === 'total' ? 'game_total' : f.market;
      const pick = r.picks.find((p) => p.market === market && p.selection === f.selection && p.line === f.line && p.bookmaker === f.bookmaker);
      expect(pick, `${f.market} ${f.selection} ${f.line}`).toBeDefined();
      expect(pick!.price).toBeCloseTo(f.price, 6);
      expect(pick!.stake).toBe(10);
      expect(pick!.modelProbability).toBeCloseTo(f.model.win, 9);
      expect(pick!.modelVersionId).toBe(f.modelVersion.id);
    }
    const spread = r.picks.find((p) => p.market === 'spread' && p.line === -1.5 && p.selection === 'home');
    expect(spread?.price).toBe(2.6);
    // The system account exists once and cannot sign in with any password (its hash is not one).
    const sys = await userCredentialsByEmail(fresh.db, SYSTEM_EMAIL);
    expect(sys?.passwordHash.startsWith('$argon2')).toBe(false);
    // Every pick is in the audit chain, by the system actor, and the head is the summary's.
    expect(r.audit.head).toBe((await auditHead(fresh.db))!.hash);
  });

  it('grades the picks against the close at kick-off and settles them on the result', async () => {
    const K = NOW.getTime() + DAY;
    const closeAt = new Date(K - 600_000);
    type Row = typeof oddsSnapshots.$inferInsert;
    const c = (market: Row['market'], selection: string, line: number | null, price: number): Row =>
      ({ fixtureId: game, bookmakerId: bookA, market, selection, line, price, capturedAt: closeAt, closing: true, source: 'test' });
    await fresh.db.insert(oddsSnapshots).values([
      c('spread', 'home', -1.5, 2.2), c('spread', 'away', 1.5, 1.7), c('moneyline', 'home', null, 1.35), c('moneyline', 'away', null, 3.6),
      c('spread', 'home', -3, 1.91), c('spread', 'away', 3, 1.91), c('game_total', 'over', 44, 1.91), c('game_total', 'under', 44, 1.91),
    ]);
    await fresh.db.update(fixtures).set({ status: 'final', homeScore: 27, awayScore: 20, updatedAt: new Date() }).where(eq(fixtures.id, game));
    now = new Date(K + 20 * 3_600_000);
    const out = await settleBetsJob.run(args());
    expect(out.status).toBe('ran');

    const r = await trackRecordSummary({ ctx });
    expect(r.settled).toBe(r.bets);
    expect(r.pending).toBe(0);
    for (const p of r.picks) {
      expect(p.closing, p.clientRef).not.toBeNull();
      expect(p.result).not.toBe('pending');
    }
    // Home won by 7: home −1.5 wins (2.6 → +16), the moneyline sides as backed.
    const spread = r.picks.find((p) => p.market === 'spread' && p.line === -1.5 && p.selection === 'home')!;
    expect(spread).toMatchObject({ result: 'won', pnl: 16 });
    // Taken at 2.6 against a fair close of 2.2 with its margin removed: positive CLV.
    expect(spread.closing!.clv).toBeGreaterThan(0);
    const pnl = r.picks.reduce((a, p) => a + p.pnl!, 0);
    expect(r.pnl).toBeCloseTo(pnl, 6);
    expect(r.roi).toBeCloseTo(pnl / (10 * r.bets), 9);
    expect(r.clv).toBeCloseTo(r.picks.reduce((a, p) => a + p.closing!.clv, 0) / r.bets, 9);
    expect(r.stats?.curve.length).toBe(r.bets);
    const chain = await verifyAuditChain({ ctx });
    expect(chain.broken).toBeNull();
    expect(chain).toMatchObject({ head: r.audit.head, entries: r.audit.length });
  });
});
