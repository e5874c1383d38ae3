/**
 * Bet verbs against real Postgres on the seeded simulated league and NFL season: placing from a book's current price
 * or the model's quote (with the model probability and version of that moment), idempotency on the client reference,
 * the handicap convention (the home handicap on the bet, each side's own in odds rows), clear errors, the Kelly
 * suggestion, manual entry, void before kick-off, and the CSV round trip — every verb scoped by the caller.
 */
import { auditSnapshots, bets, fixtures } from '@fairline/db';
import { pricing } from '@fairline/ml';
import { and, asc, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportBetsCsv, getBet, importBetsCsv, listBets, placeBet, recordBet, suggestBetStake, voidBet } from '../../../src/services/bets/index.ts';
import { nflPriceGameLine } from '../../../src/services/nfl/game-lines/index.ts';
import { pricePropLine } from '../../../src/services/nfl/props/index.ts';
import { createPortfolio } from '../../../src/services/portfolios/index.ts';
import { soccerFairPrices } from '../../../src/services/soccer/fair-prices.ts';
import { NOW, portfolioSuite } from './support.ts';

const s = portfolioSuite();
let portfolioId: string;
let soccerId: number;
let soccerKickoff: Date;
let nflId: number;

beforeAll(async () => {
  portfolioId = (await createPortfolio({ ctx: s.ana().ctx, input: { name: 'Main', startingBankroll: 1000 } })).id;
  const f = await s.nextFixture('soccer');
  [soccerId, soccerKickoff] = [f.id, f.kickoffAt];
  nflId = (await s.nextFixture('nfl')).id;
});

const place = (input: Record<string, unknown>, who: 'ana' | 'ben' = 'ana') =>
  placeBet({ ctx: s[who]().ctx, input: { portfolioId, clientRef: crypto.randomUUID(), stake: 10, ...input } as never });

describe('bets.place', () => {
  it('takes a book\'s current price with the model probability and version of that moment, and audits it', async () => {
    const home = (await s.oddsOf(soccerId, '1x2')).find((o) => o.selection === 'home')!;
    const model = await soccerFairPrices({ ctx: s.ana().ctx, input: { fixtureId: soccerId } });
    const r = await place({ clientRef: 'ref-1', fixtureId: soccerId, market: '1x2', selection: 'home', bookmaker: 'sim_book', stake: '12.50' });
    expect(r.created).toBe(true);
    expect(r.bet).toMatchObject({
      source: 'quote', market: '1x2', selection: 'home', line: null, bookmaker: 'sim_book', price: home.price, stake: 12.5, currency: 'EUR',
      modelVersionId: model.model.versionId, result: 'pending', placedAt: new Date(NOW),
    });
    expect(r.bet.modelProbability).toBeCloseTo(model.book.matchOdds.home.p, 12);
    const [stored] = await s.db().select({ stake: bets.stake }).from(bets).where(eq(bets.id, r.bet.id));
    expect(stored!.stake).toBe(1250);
    const audit = await s.db().select().from(auditSnapshots).where(eq(auditSnapshots.subject, `bet:${r.bet.id}`));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ kind: 'bet.place', actor: `user:${s.ana().id}`, payload: expect.objectContaining({ stake: 1250, price: home.price, currency: 'EUR' }) });
  });

  it('is idempotent on the client reference; a different bet under it is a conflict', async () => {
    const again = await place({ clientRef: 'ref-1', fixtureId: soccerId, market: '1x2', selection: 'home', bookmaker: 'sim_book', stake: 12.5 });
    expect(again.created).toBe(false);
    const [{ n }] = (await s.db().execute(sql`SELECT count(*)::int AS n FROM bets WHERE client_ref = 'ref-1'`)).rows as [{ n: number }];
    expect(n).toBe(1);
    await expect(place({ clientRef: 'ref-1', fixtureId: soccerId, market: '1x2', selection: 'home', bookmaker: 'sim_book', stake: 13 }))
      .rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/stake/) });
    await expect(place({ clientRef: 'ref-1', fixtureId: soccerId, market: '1x2', selection: 'away', bookmaker: 'sim_book', stake: 12.5 }))
      .rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/selection/) });
  });

  it('answers clear errors: started fixture, unknown market, selection or line, price ≤ 1, stake ≤ 0', async () => {
    const [played] = await s.db().select().from(fixtures).where(and(eq(fixtures.sport, 'soccer'), eq(fixtures.status, 'final'))).orderBy(asc(fixtures.kickoffAt)).limit(1);
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ fixtureId: played!.id, market: '1x2', selection: 'home', bookmaker: 'sim_book' }, 'BAD_REQUEST', /has started \(kick-off .*\): bets are placed only before kick-off/],
      [{ fixtureId: soccerId, market: 'spread', selection: 'home', line: -3, bookmaker: 'sim_book' }, 'BAD_REQUEST', /unknown market "spread" for a soccer fixture/],
      [{ fixtureId: soccerId, market: '1x2', selection: 'over', bookmaker: 'sim_book' }, 'BAD_REQUEST', /unknown selection "over" for 1x2/],
      [{ fixtureId: soccerId, market: 'totals', selection: 'over', line: 2.3, price: 2 }, 'BAD_REQUEST', /multiple of 0.25/],
      [{ fixtureId: soccerId, market: 'totals', selection: 'over', bookmaker: 'sim_book' }, 'BAD_REQUEST', /totals needs a line/],
      [{ fixtureId: soccerId, market: 'totals', selection: 'over', line: 2.5, bookmaker: 'sim_book' }, 'BAD_REQUEST', /sim_book does not quote totals over 2.5/],
      [{ fixtureId: soccerId, market: '1x2', selection: 'home', bookmaker: 'nobody' }, 'BAD_REQUEST', /nobody does not quote/],
      [{ fixtureId: soccerId, market: '1x2', selection: 'home', bookmaker: 'sim_book', price: 1 }, 'BAD_REQUEST', /price must be decimal odds above 1/],
      [{ fixtureId: soccerId, market: '1x2', selection: 'home', bookmaker: 'sim_book', price: 0.5 }, 'BAD_REQUEST', /price must be decimal odds above 1/],
      [{ fixtureId: soccerId, market: '1x2', selection: 'home', bookmaker: 'sim_book', stake: 0 }, 'BAD_REQUEST', /stake must be above 0/],
      [{ fixtureId: soccerId, market: '1x2', selection: 'home', bookmaker: 'sim_book', stake: -5 }, 'BAD_REQUEST', /stake/],
      [{ fixtureId: soccerId, market: '1x2', selection: 'home' }, 'BAD_REQUEST', /price is required/],
      [{ fixtureId: 2_000_000, market: '1x2', selection: 'home', bookmaker: 'sim_book' }, 'NOT_FOUND', /fixture 2000000 not found/],
      [{ fixtureId: soccerId, market: 'player_prop', selection: 'over', line: 200.5 }, 'BAD_REQUEST', /unknown market "player_prop" for a soccer fixture/],
      [{ fixtureId: nflId, market: 'player_prop', selection: 'over', line: 200.5, price: 1.9 }, 'BAD_REQUEST', /needs playerId and prop/],
    ];
    for (const [input, code, message] of cases) {
      await expect(place(input), JSON.stringify(input)).rejects.toMatchObject({ code, message: expect.stringMatching(message) });
    }
    await expect(place({ fixtureId: soccerId, market: '1x2', selection: 'home', bookmaker: 'sim_book' }, 'ben')).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'portfolio not found' });
  });

  it('takes the model\'s own quote when no book is named (correct score, a quarter-line Asian handicap)', async () => {
    const model = await soccerFairPrices({ ctx: s.ana().ctx, input: { fixtureId: soccerId } });
    const cs = await place({ fixtureId: soccerId, market: 'correct_score', selection: '2-1', price: 9.5 });
    expect(cs.bet).toMatchObject({ bookmaker: null, price: 9.5, selection: '2-1', modelVersionId: model.model.versionId });
    expect(cs.bet.modelProbability).toBeCloseTo(model.book.correctScore.scores.find((c) => c.home === 2 && c.away === 1)!.p, 12);
    const ah = await place({ fixtureId: soccerId, market: 'asian_handicap', selection: 'away', line: -0.25, price: 1.95 });
    const o = model.book.asianHandicap['-0.25']!.away;
    expect(ah.bet.line).toBe(-0.25);
    expect(ah.bet.modelProbability).toBeCloseTo(o.win + o.halfWin / 2, 12);
  });

  it('NFL: a spread\'s away side at the HOME handicap matches the odds row of the away side\'s own handicap', async () => {
    const rows = await s.oddsOf(nflId, 'spread');
    const home = rows.find((r) => r.selection === 'home')!;
    const away = rows.find((r) => r.selection === 'away' && r.line === pricing.flipHandicap(home.line!))!;
    const r = await place({ fixtureId: nflId, market: 'spread', selection: 'away', line: home.line, bookmaker: 'sim_book' });
    expect(r.bet).toMatchObject({ line: home.line, price: away.price, market: 'spread', selection: 'away' });
    const priced = await nflPriceGameLine({ ctx: s.ana().ctx, input: { fixtureId: nflId, market: 'spread', line: home.line! } });
    expect(r.bet.modelProbability).toBeCloseTo(priced.sides[1].probability, 12);
    expect(r.bet.modelVersionId).toBe(priced.model.id);
    // The away side's own handicap is not the bet's line: unless the book also quotes that home line, it is unknown.
    if (home.line !== 0 && !rows.some((x) => x.selection === 'away' && x.line === home.line)) {
      await expect(place({ fixtureId: nflId, market: 'spread', selection: 'away', line: away.line, bookmaker: 'sim_book' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    }
  });

  it('NFL: a player prop at the book\'s line with the prop model\'s probability', async () => {
    const prop = (await s.oddsOf(nflId, 'player_prop')).find((r) => r.prop === 'pass_yds' && r.selection === 'over')!;
    const r = await place({ fixtureId: nflId, market: 'player_prop', selection: 'over', line: prop.line, playerId: prop.playerId, prop: 'passing_yards', bookmaker: 'sim_book' });
    expect(r.bet).toMatchObject({ prop: 'passing_yards', player: { id: prop.playerId, name: expect.any(String) }, price: prop.price, line: prop.line });
    const priced = await pricePropLine({ ctx: s.ana().ctx, input: { fixtureId: nflId, playerId: prop.playerId!, market: 'passing_yards', line: prop.line! } });
    expect(r.bet.modelProbability).toBeCloseTo(priced.price.over, 12);
    expect(r.bet.modelVersionId).toBe(priced.modelVersion.id);
    const [row] = await s.db().select({ prop: bets.prop }).from(bets).where(eq(bets.id, r.bet.id));
    expect(row!.prop).toBe('pass_yds');
  });
});

describe('bets.suggestStake', () => {
  it('quarter Kelly on the model probability at the book\'s price, capped, from the current bankroll', async () => {
    const ctx = s.ana().ctx;
    for (const selection of ['home', 'draw', 'away'] as const) {
      const r = await suggestBetStake({ ctx, input: { portfolioId, fixtureId: soccerId, market: '1x2', selection, bookmaker: 'sim_book' } });
      const p = r.probability;
      const kelly = Math.max(0, (p * r.price - 1) / (r.price - 1));
      expect(r.fractionOfBankroll).toBeCloseTo(Math.min(kelly / 4, 0.05), 12);
      expect(r.stake).toBe(Math.floor(Math.min(kelly / 4, 0.05) * 100_000) / 100);
      expect(r).toMatchObject({ bankroll: 1000, fraction: 'quarter', cap: 0.05, capped: kelly / 4 > 0.05, currency: 'EUR' });
      expect(r.expectedValue).toBeCloseTo(p * r.price - 1, 12);
    }
    const full = await suggestBetStake({ ctx, input: { portfolioId, fixtureId: soccerId, market: '1x2', selection: 'home', price: 50, fraction: 'full', cap: 0.5 } });
    expect(full.fractionOfBankroll).toBeCloseTo(Math.min((full.probability * 50 - 1) / 49, 0.5), 12);
    await expect(suggestBetStake({ ctx: s.ben().ctx, input: { portfolioId, fixtureId: soccerId, market: '1x2', selection: 'home', price: 2 } })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(suggestBetStake({ ctx, input: { portfolioId, fixtureId: soccerId, market: '1x2', selection: 'home' } })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});

describe('bets.record, void, get and list', () => {
  it('records a bet placed elsewhere before kick-off; refuses one after it, in the future, or at an unknown book', async () => {
    const ctx = s.ana().ctx;
    const placedAt = new Date(NOW - 3_600_000);
    const r = await recordBet({ ctx, input: { portfolioId, clientRef: 'manual-1', fixtureId: soccerId, market: 'totals', selection: 'under', line: 2.75, price: 1.88, stake: 20, placedAt } });
    expect(r.bet).toMatchObject({ source: 'manual', modelProbability: null, modelVersionId: null, bookmaker: null, placedAt, line: 2.75 });
    const base = { portfolioId, fixtureId: soccerId, market: '1x2' as const, selection: 'home', price: 2, stake: 5 };
    s.setNow(soccerKickoff.getTime() + 3_600_000);
    try {
      await expect(recordBet({ ctx, input: { ...base, clientRef: 'm2', placedAt: soccerKickoff } })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/not before fixture .* kick-off/) });
      // A bet placed before kick-off may be entered afterwards.
      expect((await recordBet({ ctx, input: { ...base, clientRef: 'm2b', placedAt: new Date(NOW - 60_000) } })).created).toBe(true);
    } finally {
      s.setNow(NOW);
    }
    await expect(recordBet({ ctx, input: { ...base, clientRef: 'm3', placedAt: new Date(NOW + 86_400_000) } })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/in the future/) });
    await expect(recordBet({ ctx, input: { ...base, clientRef: 'm4', bookmaker: 'nobody' } })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/unknown bookmaker/) });
    await expect(recordBet({ ctx: s.ben().ctx, input: { ...base, clientRef: 'm5' } })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('voids a pending bet before kick-off — a void entry, never a delete — and only then', async () => {
    const ana = s.ana().ctx;
    const r = await place({ fixtureId: soccerId, market: '1x2', selection: 'draw', bookmaker: 'sim_book' });
    await expect(voidBet({ ctx: s.ben().ctx, input: { id: r.bet.id } })).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'bet not found' });
    const v = await voidBet({ ctx: ana, input: { id: r.bet.id } });
    expect(v).toMatchObject({ result: 'void', pnl: 0 });
    await expect(voidBet({ ctx: ana, input: { id: r.bet.id } })).rejects.toMatchObject({ code: 'CONFLICT' });
    const detail = await getBet({ ctx: ana, input: { id: r.bet.id } });
    expect(detail.settlements).toEqual([expect.objectContaining({ sequence: 1, kind: 'void', result: 'void', pnl: 0 })]);
    const kinds = await s.db().select({ kind: auditSnapshots.kind }).from(auditSnapshots).where(eq(auditSnapshots.subject, `bet:${r.bet.id}`)).orderBy(asc(auditSnapshots.id));
    expect(kinds.map((k) => k.kind)).toEqual(['bet.place', 'bet.void']);

    const late = await place({ fixtureId: soccerId, market: '1x2', selection: 'away', bookmaker: 'sim_book' });
    s.setNow(soccerKickoff.getTime() + 60_000);
    try {
      await expect(voidBet({ ctx: ana, input: { id: late.bet.id } })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/has started .* only before kick-off/) });
    } finally {
      s.setNow(NOW);
    }
  });

  it('lists and reads the caller\'s bets only', async () => {
    const ana = s.ana().ctx;
    const all = await listBets({ ctx: ana, input: { portfolioId } });
    expect(all.length).toBeGreaterThanOrEqual(7);
    expect((await listBets({ ctx: ana, input: { portfolioId, status: 'void' } })).map((b) => b.result)).toEqual(['void']);
    expect((await listBets({ ctx: ana, input: { portfolioId, sport: 'nfl' } })).every((b) => b.fixture.sport === 'nfl')).toBe(true);
    expect((await listBets({ ctx: ana, input: { portfolioId, limit: 2 } }))).toHaveLength(2);
    await expect(listBets({ ctx: s.ben().ctx, input: { portfolioId } })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(getBet({ ctx: s.ben().ctx, input: { id: all[0]!.id } })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('bets CSV', () => {
  it('exports every bet, and the export re-imports as the same bets (idempotent on the references)', async () => {
    const ana = s.ana().ctx;
    const out = await exportBetsCsv({ ctx: ana, input: { portfolioId } });
    const lines = out.csv.trimEnd().split('\r\n');
    expect(lines[0]).toMatch(/^client_ref,fixture_id,market,selection,line,player_id,prop,bookmaker,price,stake,placed_at,source,/);
    expect(lines.length - 1).toBe(out.bets);
    expect(out.filename).toMatch(/^main-bets-2026-11-21\.csv$/);
    expect(out.csv).toContain(',12.50,'); // the 12.50 stake, all its decimals
    // The same user re-importing it: every reference is placed already.
    expect(await importBetsCsv({ ctx: ana, input: { portfolioId, csv: out.csv } })).toEqual({ imported: 0, duplicates: out.bets, rejects: [] });
    // Another user imports it into their own portfolio: the same bets (as imported ones), then a second import adds nothing.
    const benPortfolio = (await createPortfolio({ ctx: s.ben().ctx, input: { name: 'Copy', startingBankroll: 500 } })).id;
    expect(await importBetsCsv({ ctx: s.ben().ctx, input: { portfolioId: benPortfolio, csv: out.csv } })).toEqual({ imported: out.bets, duplicates: 0, rejects: [] });
    expect(await importBetsCsv({ ctx: s.ben().ctx, input: { portfolioId: benPortfolio, csv: out.csv } })).toEqual({ imported: 0, duplicates: out.bets, rejects: [] });
    const copied = await listBets({ ctx: s.ben().ctx, input: { portfolioId: benPortfolio, limit: 500 } });
    const original = await listBets({ ctx: ana, input: { portfolioId, limit: 500 } });
    const key = (b: (typeof copied)[number]) => [b.clientRef, b.fixture.id, b.market, b.selection, b.line, b.player?.id ?? null, b.prop, b.bookmaker, b.price, b.stake, b.placedAt.toISOString()].join('|');
    expect(copied.map(key).sort()).toEqual(original.map(key).sort());
    expect(copied.every((b) => b.source === 'import')).toBe(true);
    await expect(exportBetsCsv({ ctx: s.ben().ctx, input: { portfolioId } })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('rejects bad rows with their line and reason, imports the good ones, derives missing references', async () => {
    const ana = s.ana().ctx;
    const at = new Date(NOW - 7_200_000).toISOString();
    // A fixture that kicked off a day before `at`: a bet placed at `at` was in-play.
    const [{ id: played }] = (await s.db().execute(sql`SELECT id FROM fixtures WHERE sport = 'soccer' AND kickoff_at < ${new Date(NOW - 86_400_000).toISOString()}::timestamptz ORDER BY kickoff_at DESC LIMIT 1`)).rows as [{ id: number }];
    const csv = [
      'fixture_id,market,selection,line,price,stake,placed_at,bookmaker',
      `${soccerId},totals,over,2.5,2.05,10,${at},`,
      `${soccerId},totals,over,2.6,2.05,10,${at},`,
      `${soccerId},1x2,home,,1.0,10,${at},`,
      `${soccerId},1x2,home,,2.0,0,${at},`,
      `999999,1x2,home,,2.0,10,${at},`,
      `${played},1x2,home,,2.0,10,${at},`,
      `${soccerId},1x2,home,,2.0,10,${at},nobody`,
      `${soccerId},btts,yes,,1.8,"1,5",${at},`,
      `${soccerId},btts,yes,,1.8,7.5,${at},sim_book`,
    ].join('\n');
    const r = await importBetsCsv({ ctx: ana, input: { portfolioId, csv } });
    expect(r.imported).toBe(2);
    expect(r.duplicates).toBe(0);
    expect(r.rejects.map((x) => x.line)).toEqual([3, 4, 5, 6, 7, 8, 9]);
    expect(r.rejects.map((x) => x.reason)).toEqual([
      expect.stringMatching(/multiple of 0.25/),
      expect.stringMatching(/price must be decimal odds above 1/),
      expect.stringMatching(/stake must be above 0/),
      expect.stringMatching(/fixture 999999 not found/),
      expect.stringMatching(/not before fixture/),
      expect.stringMatching(/unknown bookmaker "nobody"/),
      expect.stringMatching(/stake: not a decimal amount/),
    ]);
    expect(await importBetsCsv({ ctx: ana, input: { portfolioId, csv } })).toMatchObject({ imported: 0, duplicates: 2 });
    await expect(importBetsCsv({ ctx: ana, input: { portfolioId, csv: 'a,b\n1,2' } })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/missing required column/) });
  });
});
