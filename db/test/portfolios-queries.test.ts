// The portfolio and bet statements answer only their owner: another user's portfolio or bet id reads, renames,
// archives and lists nothing. The audit log is append-only for every role, its owner included (migration 0006).
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freshDatabase, type FreshDb } from '../../scripts/test/fresh-db.ts';
import {
  appendSettlement, archivePortfolioOf, auditEntriesAfter, auditHead, betIdByClientRef, betOf, betsOf, insertAuditEntry, insertBet, insertPortfolio,
  lockAuditChain, portfolioBalance, portfolioOf, portfoliosOf, renamePortfolioOf, settledBetsOf, settlementsOf, type NewBet,
} from '../src/index.ts';

let fresh: FreshDb;
let fixtureId: number;
let ana: string;
let ben: string;
let anaPortfolio: string;

const one = async <T>(q: ReturnType<typeof sql>) => ((await fresh.db.execute(q)) as unknown as { rows: T[] }).rows[0]!;
const now = new Date('2026-03-01T12:00:00Z');

async function failure(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
    return '';
  } catch (err) {
    const e = err as Error & { cause?: Error };
    return e.cause?.message ?? e.message;
  }
}

const newBet = (over: Partial<NewBet> = {}): NewBet => ({
  portfolioId: anaPortfolio, userId: ana, clientRef: 'r-1', source: 'quote', fixtureId, market: 'asian_handicap', selection: 'home', line: -0.25,
  playerId: null, prop: null, bookmakerId: null, priceTaken: 1.95, stake: 1000, modelProbability: 0.55, modelVersionId: null, placedAt: now, ...over,
});

beforeAll(async () => {
  fresh = await freshDatabase(inject('stack'));
  const comp = await one<{ id: number }>(sql`INSERT INTO competitions (sport, code, name) VALUES ('soccer', 'T1', 'Test') RETURNING id`);
  const season = await one<{ id: number }>(sql`INSERT INTO seasons (competition_id, label) VALUES (${comp.id}, '2025') RETURNING id`);
  const home = await one<{ id: number }>(sql`INSERT INTO teams (sport, name) VALUES ('soccer', 'Home FC') RETURNING id`);
  const away = await one<{ id: number }>(sql`INSERT INTO teams (sport, name) VALUES ('soccer', 'Away FC') RETURNING id`);
  fixtureId = (await one<{ id: number }>(sql`
    INSERT INTO fixtures (sport, competition_id, season_id, natural_key, home_team_id, away_team_id, kickoff_at)
    VALUES ('soccer', ${comp.id}, ${season.id}, 'test:1', ${home.id}, ${away.id}, ${'2026-03-02T15:00:00Z'}) RETURNING id`)).id;
  ana = (await one<{ id: string }>(sql`INSERT INTO users (email, password_hash) VALUES ('ana@example.com', 'x') RETURNING id`)).id;
  ben = (await one<{ id: string }>(sql`INSERT INTO users (email, password_hash) VALUES ('ben@example.com', 'x') RETURNING id`)).id;
  anaPortfolio = (await insertPortfolio(fresh.db, { userId: ana, name: 'Main', currency: 'EUR', startingBankroll: 100_000, now }))!.id;
});
afterAll(async () => {
  await fresh?.drop();
});

describe('portfolio statements', () => {
  it('create once per name and owner, and answer only their owner', async () => {
    expect(await insertPortfolio(fresh.db, { userId: ana, name: 'Main', currency: 'EUR', startingBankroll: 1, now })).toBeNull();
    expect(await insertPortfolio(fresh.db, { userId: ben, name: 'Main', currency: 'GBP', startingBankroll: 5_000, now })).toMatchObject({ currency: 'GBP' });
    expect(await portfolioOf(fresh.db, ana, anaPortfolio)).toMatchObject({ name: 'Main', startingBankroll: 100_000, archivedAt: null });
    expect(await portfolioOf(fresh.db, ben, anaPortfolio)).toBeNull();
    expect(await renamePortfolioOf(fresh.db, ben, anaPortfolio, 'Stolen')).toBeNull();
    expect(await archivePortfolioOf(fresh.db, ben, anaPortfolio, now)).toBeNull();
    expect((await portfoliosOf(fresh.db, ben, { includeArchived: true })).map((p) => p.id)).not.toContain(anaPortfolio);
    expect((await portfolioOf(fresh.db, ana, anaPortfolio))?.name).toBe('Main');
  });

  it('archive keeps the first time', async () => {
    const p = (await insertPortfolio(fresh.db, { userId: ana, name: 'Old', currency: 'EUR', startingBankroll: 1, now }))!;
    const first = await archivePortfolioOf(fresh.db, ana, p.id, now);
    const again = await archivePortfolioOf(fresh.db, ana, p.id, new Date(now.getTime() + 60_000));
    expect(again?.archivedAt?.getTime()).toBe(first?.archivedAt?.getTime());
    expect((await portfoliosOf(fresh.db, ana, { includeArchived: false })).map((x) => x.name)).toEqual(['Main']);
  });
});

describe('bet statements', () => {
  it('insert once per client reference and read back only for the owner', async () => {
    const id = await insertBet(fresh.db, newBet());
    expect(id).toEqual(expect.any(String));
    expect(await insertBet(fresh.db, newBet({ stake: 5 }))).toBeNull();
    expect(await betIdByClientRef(fresh.db, ana, 'r-1')).toBe(id);
    expect(await betIdByClientRef(fresh.db, ben, 'r-1')).toBeNull();
    const bet = await betOf(fresh.db, ana, id!);
    expect(bet).toMatchObject({ homeTeam: 'Home FC', awayTeam: 'Away FC', competition: 'T1', sport: 'soccer', priceTaken: 1.95, stake: 1000, line: -0.25, result: 'pending' });
    expect(await betOf(fresh.db, ben, id!)).toBeNull();
    expect(await betsOf(fresh.db, ben, { portfolioId: anaPortfolio, limit: 10, offset: 0 })).toEqual([]);
    expect(await settlementsOf(fresh.db, ben, id!)).toEqual([]);
  });

  it('settle with a history and mirror the latest entry on the bet', async () => {
    const id = (await insertBet(fresh.db, newBet({ clientRef: 'r-2' })))!;
    await fresh.db.transaction(async (tx) => {
      await appendSettlement(tx, { betId: id, kind: 'settle', result: 'half_lost', pnl: -500, homeScore: 0, awayScore: 0, statValue: null, settledAt: now });
      await appendSettlement(tx, { betId: id, kind: 'resettle', result: 'won', pnl: 950, homeScore: 1, awayScore: 0, statValue: null, settledAt: now });
    });
    expect((await settlementsOf(fresh.db, ana, id)).map((s) => [s.sequence, s.kind, s.result, s.pnl])).toEqual([[1, 'settle', 'half_lost', -500], [2, 'resettle', 'won', 950]]);
    expect(await betOf(fresh.db, ana, id)).toMatchObject({ result: 'won', pnl: 950 });
    expect(await settledBetsOf(fresh.db, ana, anaPortfolio)).toEqual([expect.objectContaining({ pnl: 950, stake: 1000, market: 'asian_handicap', sport: 'soccer' })]);
    expect(await settledBetsOf(fresh.db, ben, anaPortfolio)).toEqual([]);
    expect(await portfolioBalance(fresh.db, ana, anaPortfolio)).toEqual({ settledPnl: 950, pending: 1, pendingStake: 1000 });
    expect(await portfolioBalance(fresh.db, ben, anaPortfolio)).toEqual({ settledPnl: 0, pending: 0, pendingStake: 0 });
  });
});

describe('audit statements', () => {
  const h = (c: string) => c.repeat(64);

  it('append under the chain lock and read back in order', async () => {
    await fresh.db.transaction(async (tx) => {
      await lockAuditChain(tx);
      expect(await auditHead(tx)).toBeNull();
      await insertAuditEntry(tx, { kind: 'test.one', actor: 'system', subject: 's:1', payload: { a: 1 }, prevHash: h('0'), hash: h('a'), createdAt: now });
      await insertAuditEntry(tx, { kind: 'test.two', actor: 'system', subject: 's:2', payload: {}, prevHash: h('a'), hash: h('b'), createdAt: now });
    });
    expect((await auditHead(fresh.db))?.hash).toBe(h('b'));
    expect((await auditEntriesAfter(fresh.db, 0, 10)).map((e) => [e.kind, e.createdAt.toISOString()])).toEqual([['test.one', now.toISOString()], ['test.two', now.toISOString()]]);
  });

  it('refuse UPDATE, DELETE and TRUNCATE for every role, the table owner included', async () => {
    expect(await failure(() => fresh.db.execute(sql`UPDATE audit_snapshots SET payload = '{"a":2}'`))).toMatch(/append-only: UPDATE refused/);
    expect(await failure(() => fresh.db.execute(sql`DELETE FROM audit_snapshots`))).toMatch(/append-only: DELETE refused/);
    expect(await failure(() => fresh.db.execute(sql`TRUNCATE audit_snapshots`))).toMatch(/append-only: TRUNCATE refused/);
    const { is_superuser } = await one<{ is_superuser: string }>(sql`SELECT current_setting('is_superuser') AS is_superuser`);
    expect(is_superuser).toBe('on'); // refused even for a superuser
    expect((await auditEntriesAfter(fresh.db, 0, 10)).length).toBe(2);
  });
});
