/**
 * Closing line and settlement end to end, through the cron jobs against real Postgres: bets placed and recorded on
 * seeded fixtures, closing odds inserted (a sharp book's closing row, pre-match rows, an in-play row that must be
 * ignored), the fixture kicks off → closing prices, margin-free probabilities and CLV captured (own book, else
 * Pinnacle, else consensus); results arrive → settled P&L (quarter line included); a corrected score → re-settled with
 * a NEW bet_settlements entry; a second run changes nothing; a cancelled fixture voids; a prop settles on the player's
 * stat line. Every closing and settlement is pushed to its owner's `user:<id>` room and audited; the chain verifies.
 */
import { betSettlements, fixtures, oddsSnapshots, playerGameStats, type Market } from '@fairline/db';
import { asc, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { JobArgs } from '../../../src/jobs/job.ts';
import { captureClosingLinesJob } from '../../../src/jobs/capture-closing-lines.ts';
import { settleBetsJob } from '../../../src/jobs/settle-bets.ts';
import type { RoomEvent } from '../../../src/rooms/protocol.ts';
import { verifyAuditChain } from '../../../src/services/audit/index.ts';
import { getBet, placeBet, recordBet } from '../../../src/services/bets/index.ts';
import { createPortfolio, portfolioStatistics } from '../../../src/services/portfolios/index.ts';
import { NOW, portfolioSuite } from './support.ts';

const s = portfolioSuite();
const HOUR = 3_600_000;
const published: { room: string; events: RoomEvent[] }[] = [];
const rooms = {
  publish: async (room: string, event: RoomEvent) => void published.push({ room, events: [event] }),
  publishMany: async (room: string, events: RoomEvent[]) => void published.push({ room, events }),
};
const args = (): JobArgs => ({ ctx: s.systemCtx(), config: {}, rooms });
const eventsFor = (userId: string) => published.filter((p) => p.room === `user:${userId}`).flatMap((p) => p.events);

let F: { id: number; kickoffAt: Date };
let anaPortfolio: string;
let benPortfolio: string;
let simHome: number, simDraw: number, simAway: number;
const ids: Record<string, string> = {};

/** The fair probability of the first price of a quote, multiplicative margin removal, computed here by hand. */
const fairOf = (prices: number[]) => 1 / prices[0]! / prices.reduce((a, p) => a + 1 / p, 0);

beforeAll(async () => {
  F = await s.nextFixture('soccer');
  const sim = await s.oddsOf(F.id, '1x2');
  [simHome, simDraw, simAway] = ['home', 'draw', 'away'].map((x) => sim.find((o) => o.selection === x)!.price) as [number, number, number];
  anaPortfolio = (await createPortfolio({ ctx: s.ana().ctx, input: { name: 'Main', startingBankroll: 1000 } })).id;
  benPortfolio = (await createPortfolio({ ctx: s.ben().ctx, input: { name: 'Main', startingBankroll: 100 } })).id;
  const ana = s.ana().ctx;
  const base = { portfolioId: anaPortfolio, fixtureId: F.id };
  ids.b1 = (await placeBet({ ctx: ana, input: { ...base, clientRef: 'b1', market: '1x2', selection: 'home', bookmaker: 'sim_book', stake: 10 } })).bet.id;
  const pinnacle = await s.book('pinnacle');
  ids.b2 = (await recordBet({ ctx: ana, input: { ...base, clientRef: 'b2', market: 'asian_handicap', selection: 'home', line: -0.25, price: 2.05, stake: 20, bookmaker: 'pinnacle' } })).bet.id;
  ids.b3 = (await recordBet({ ctx: ana, input: { ...base, clientRef: 'b3', market: 'totals', selection: 'over', line: 2.5, price: 2.2, stake: 10 } })).bet.id;
  ids.b4 = (await recordBet({ ctx: ana, input: { ...base, clientRef: 'b4', market: 'btts', selection: 'yes', price: 1.8, stake: 10 } })).bet.id;
  ids.b5 = (await placeBet({ ctx: s.ben().ctx, input: { portfolioId: benPortfolio, fixtureId: F.id, clientRef: 'b5', market: '1x2', selection: 'draw', bookmaker: 'sim_book', stake: 5 } })).bet.id;

  // b4's market must have no closing price anywhere, but the demo seed's second books quote BTTS on every upcoming
  // match. The price history is append-only — the app cannot remove them — so the test does, as the database's
  // superuser with the trigger off for one transaction: arranging a world the seed does not offer.
  await s.db().transaction(async (tx) => {
    await tx.execute(sql`ALTER TABLE odds_snapshots DISABLE TRIGGER odds_snapshots_no_update_delete`);
    await tx.delete(oddsSnapshots).where(sql`${oddsSnapshots.fixtureId} = ${F.id} and ${oddsSnapshots.market} = 'btts'`);
    await tx.execute(sql`ALTER TABLE odds_snapshots ENABLE TRIGGER odds_snapshots_no_update_delete`);
  });
  const K = F.kickoffAt.getTime();
  const row = (market: Market, selection: string, line: number | null, price: number, at: number, closing = false) =>
    ({ fixtureId: F.id, bookmakerId: pinnacle, market, selection, line, price, capturedAt: new Date(at), closing, source: 'test' });
  await s.db().insert(oddsSnapshots).values([
    row('1x2', 'home', null, 2.0, K - HOUR, true), row('1x2', 'draw', null, 3.6, K - HOUR, true), row('1x2', 'away', null, 4.0, K - HOUR, true),
    row('asian_handicap', 'home', -0.25, 1.9, K - HOUR / 2), row('asian_handicap', 'away', 0.25, 2.0, K - HOUR / 2),
    // In-play, after kick-off: not the close.
    row('asian_handicap', 'home', -0.25, 1.5, K + 10 * 60_000), row('asian_handicap', 'away', 0.25, 2.6, K + 10 * 60_000),
    row('totals', 'over', 2.5, 2.1, K - HOUR / 2), row('totals', 'under', 2.5, 1.8, K - HOUR / 2),
  ]);
});

describe('closing line at kick-off', () => {
  it('waits until the fixture starts', async () => {
    expect(await captureClosingLinesJob.run(args())).toEqual({ status: 'skipped', reason: expect.stringMatching(/no pending bet past kick-off/) });
  });

  it('captures own book, else the sharpest (Pinnacle), with margin-free probability and CLV; pushes to each owner', async () => {
    s.setNow(F.kickoffAt.getTime() + 5 * 60_000);
    const out = await captureClosingLinesJob.run(args());
    expect(out).toEqual({ status: 'ran', summary: { captured: 4, missing: 1, users: 2 } });
    const ana = s.ana().ctx;
    const b1 = await getBet({ ctx: ana, input: { id: ids.b1! } });
    // Placed at sim_book: its own pre-match 1X2 is the close; price taken = closing price, so CLV = fair share − 1.
    const fair1 = fairOf([simHome, simDraw, simAway]);
    expect(b1.closing).toMatchObject({ source: 'own_book', bookmaker: 'sim_book', price: simHome });
    expect(b1.closing!.fairProbability).toBeCloseTo(fair1, 12);
    expect(b1.closing!.clv).toBeCloseTo(simHome * fair1 - 1, 12);
    // Recorded at Pinnacle: Pinnacle's last PRE-MATCH handicap (1.90/2.00), not the in-play 1.50/2.60.
    const b2 = await getBet({ ctx: ana, input: { id: ids.b2! } });
    expect(b2.closing).toMatchObject({ source: 'own_book', bookmaker: 'pinnacle', price: 1.9 });
    expect(b2.closing!.fairProbability).toBeCloseTo(fairOf([1.9, 2.0]), 12); // 0.512820…: fair price 1.95
    expect(b2.closing!.clv).toBeCloseTo(2.05 / 1.95 - 1, 12);
    // No book: the sharpest, Pinnacle's over 2.5 (2.10/1.80 → fair price 2.1666…).
    const b3 = await getBet({ ctx: ana, input: { id: ids.b3! } });
    expect(b3.closing).toMatchObject({ source: 'sharpest', bookmaker: 'pinnacle', price: 2.1 });
    expect(b3.closing!.clv).toBeCloseTo(2.2 / (1 / fairOf([2.1, 1.8])) - 1, 12);
    // Nobody quotes BTTS: no closing line (looked for again later).
    expect((await getBet({ ctx: ana, input: { id: ids.b4! } })).closing).toBeNull();

    expect(eventsFor(s.ana().id).map((e) => e.kind === 'closing' && e.betId).sort()).toEqual([ids.b1, ids.b2, ids.b3].sort());
    expect(eventsFor(s.ben().id)).toEqual([expect.objectContaining({ kind: 'closing', betId: ids.b5, source: 'own_book' })]);
    // Idempotent: captured bets are not captured again.
    expect(await captureClosingLinesJob.run(args())).toEqual({ status: 'ran', summary: { captured: 0, missing: 1, users: 0 } });
  });
});

describe('settlement when results arrive', () => {
  const pnlOf = async (id: string) => (await getBet({ ctx: s.ana().ctx, input: { id } })).pnl;
  const won = (stake: number, price: number) => Math.round(stake * 100 * (price - 1)) / 100;

  it('settles every pending bet on the final score (a quarter line half-splits) and pushes `settled` to the owners', async () => {
    await s.db().update(fixtures).set({ status: 'final', homeScore: 2, awayScore: 1, updatedAt: new Date() }).where(eq(fixtures.id, F.id));
    s.setNow(F.kickoffAt.getTime() + 20 * HOUR);
    published.length = 0;
    const out = await settleBetsJob.run(args());
    expect(out).toMatchObject({ status: 'ran', summary: { closing: 0, settled: 5, resettled: 0, failed: 0 } });
    expect(await pnlOf(ids.b1!)).toBe(won(10, simHome));
    expect(await pnlOf(ids.b2!)).toBe(21); // AH home −0.25 at 2-1: both halves win, 20 × 1.05
    expect(await pnlOf(ids.b3!)).toBe(12); // over 2.5 with 3 goals: 10 × 1.2
    expect(await pnlOf(ids.b4!)).toBe(8); // both scored: 10 × 0.8
    expect((await getBet({ ctx: s.ben().ctx, input: { id: ids.b5! } })).pnl).toBe(-5);
    expect(eventsFor(s.ana().id)).toHaveLength(4);
    expect(eventsFor(s.ben().id)).toEqual([{ kind: 'settled', betId: ids.b5, portfolioId: benPortfolio, fixtureId: F.id, result: 'lost', pnl: -5, currency: 'EUR', resettled: false, sequence: 1 }]);

    const stats = await portfolioStatistics({ ctx: s.ana().ctx, input: { id: anaPortfolio } });
    const pnl = won(10, simHome) + 21 + 12 + 8;
    expect(stats).toMatchObject({ bets: 4, staked: 50, clvBets: 3, currency: 'EUR', startingBankroll: 1000 });
    expect(stats.pnl).toBeCloseTo(pnl, 9);
    expect(stats.roi).toBeCloseTo(pnl / 50, 9);
    expect(stats.curve.at(-1)!.bankroll).toBeCloseTo(1000 + pnl, 9);
    expect(stats.meanClv).toBeCloseTo((simHome * fairOf([simHome, simDraw, simAway]) - 1 + 2.05 / 1.95 - 1 + 2.2 * fairOf([2.1, 1.8]) - 1) / 3, 12);
  });

  it('re-settles after a corrected score with a NEW entry, and a run with nothing changed writes nothing', async () => {
    await s.db().update(fixtures).set({ homeScore: 1, awayScore: 1, updatedAt: new Date() }).where(eq(fixtures.id, F.id));
    s.setNow(F.kickoffAt.getTime() + 44 * HOUR);
    published.length = 0;
    const out = await settleBetsJob.run(args());
    expect(out).toMatchObject({ status: 'ran', summary: { settled: 0, resettled: 5 } });
    expect(await pnlOf(ids.b1!)).toBe(-10);
    expect(await pnlOf(ids.b2!)).toBe(-10); // AH home −0.25 at 1-1: half pushes at 0, half loses at −0.5
    expect(await pnlOf(ids.b3!)).toBe(-10);
    expect(await pnlOf(ids.b4!)).toBe(8); // still won, settled again on the corrected score
    expect((await getBet({ ctx: s.ben().ctx, input: { id: ids.b5! } })).pnl).toBe(won(5, simDraw));
    const b2 = await getBet({ ctx: s.ana().ctx, input: { id: ids.b2! } });
    expect(b2.result).toBe('half_lost');
    expect(b2.settlements.map((x) => [x.sequence, x.kind, x.result, x.pnl, x.homeScore, x.awayScore])).toEqual([
      [1, 'settle', 'won', 21, 2, 1],
      [2, 'resettle', 'half_lost', -10, 1, 1],
    ]);
    expect(eventsFor(s.ben().id)).toEqual([expect.objectContaining({ kind: 'settled', result: 'won', resettled: true, sequence: 2 })]);

    const before = await s.db().select().from(betSettlements).orderBy(asc(betSettlements.id));
    expect(await settleBetsJob.run(args())).toMatchObject({ status: 'ran', summary: { settled: 0, resettled: 0 } });
    expect(await s.db().select().from(betSettlements).orderBy(asc(betSettlements.id))).toEqual(before);
  });

  it('voids the bets of a cancelled fixture', async () => {
    s.setNow(NOW);
    const [G] = await s.db().select().from(fixtures).where(eq(fixtures.status, 'scheduled')).orderBy(asc(fixtures.kickoffAt), asc(fixtures.id)).offset(1).limit(1);
    const bet = await placeBet({ ctx: s.ana().ctx, input: { portfolioId: anaPortfolio, fixtureId: G!.id, clientRef: 'cancelled', market: G!.sport === 'soccer' ? '1x2' : 'moneyline', selection: 'home', bookmaker: 'sim_book', stake: 10 } });
    await s.db().update(fixtures).set({ status: 'cancelled', updatedAt: new Date() }).where(eq(fixtures.id, G!.id));
    s.setNow(G!.kickoffAt.getTime() + 24 * HOUR);
    await settleBetsJob.run(args());
    expect(await getBet({ ctx: s.ana().ctx, input: { id: bet.bet.id } })).toMatchObject({ result: 'void', pnl: 0, settlements: [expect.objectContaining({ kind: 'settle', result: 'void' })] });
  });

  it('settles a player prop on the player\'s stat line; without one it waits, then voids', async () => {
    s.setNow(NOW);
    const N = await s.nextFixture('nfl');
    const props = (await s.oddsOf(N.id, 'player_prop')).filter((r) => r.prop === 'pass_yds' && r.selection === 'over');
    const [qb1, qb2] = props;
    const place = (r: typeof qb1, ref: string) =>
      placeBet({ ctx: s.ana().ctx, input: { portfolioId: anaPortfolio, fixtureId: N.id, clientRef: ref, market: 'player_prop', selection: 'over', line: r!.line, playerId: r!.playerId!, prop: 'passing_yards', bookmaker: 'sim_book', stake: 10 } });
    const played = await place(qb1, 'prop-played');
    const absent = await place(qb2, 'prop-absent');
    await s.db().insert(playerGameStats).values({ playerId: qb1!.playerId!, fixtureId: N.id, passingYards: qb1!.line! + 0.5 });
    await s.db().update(fixtures).set({ status: 'final', homeScore: 24, awayScore: 17, updatedAt: new Date() }).where(eq(fixtures.id, N.id));
    s.setNow(N.kickoffAt.getTime() + 20 * HOUR);
    const out = await settleBetsJob.run(args());
    expect(out).toMatchObject({ status: 'ran', summary: { settled: 1, waiting: 1 } });
    expect(await getBet({ ctx: s.ana().ctx, input: { id: played.bet.id } })).toMatchObject({
      result: 'won', pnl: won(10, qb1!.price), settlements: [expect.objectContaining({ statValue: qb1!.line! + 0.5 })],
      closing: expect.objectContaining({ source: 'own_book', price: qb1!.price }),
    });
    s.setNow(N.kickoffAt.getTime() + 4 * 24 * HOUR);
    await settleBetsJob.run(args());
    expect(await getBet({ ctx: s.ana().ctx, input: { id: absent.bet.id } })).toMatchObject({ result: 'void', pnl: 0 });
  });

  it('audits every placement, closing and settlement in one intact chain', async () => {
    const v = await verifyAuditChain({ ctx: s.systemCtx() });
    expect(v.broken).toBeNull();
    const kinds = (await s.db().execute<{ kind: string; n: number }>(sql`SELECT kind, count(*)::int AS n FROM audit_snapshots GROUP BY kind`)).rows;
    // 8 bets placed; 4 closed at kick-off + the 2 props and the cancelled bet at settlement; 8 first settlements, 5 re-settlements.
    expect(Object.fromEntries(kinds.map((k) => [k.kind, k.n]))).toMatchObject({ 'portfolio.create': 2, 'bet.place': 8, 'bet.close': 7, 'bet.settle': 8, 'bet.resettle': 5 });
    expect(v.entries).toBe(kinds.reduce((a, k) => a + k.n, 0));
  });
});
