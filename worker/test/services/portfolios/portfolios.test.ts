/**
 * Portfolio verbs against real Postgres: the bankroll in currency units stored exactly in minor units, names unique per
 * user, rename and archive, and every verb scoped by the caller — another user's portfolio answers NOT_FOUND.
 */
import { portfolios } from '@fairline/db';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { archivePortfolio, createPortfolio, getPortfolio, listPortfolios, portfolioStatistics, renamePortfolio } from '../../../src/services/portfolios/index.ts';
import { placeBet } from '../../../src/services/bets/index.ts';
import { portfolioSuite } from './support.ts';

const s = portfolioSuite();

describe('portfolios', () => {
  it('create with the bankroll in currency units, stored exactly in minor units', async () => {
    const p = await createPortfolio({ ctx: s.ana().ctx, input: { name: 'Main', currency: 'eur', startingBankroll: 1000 } });
    expect(p).toMatchObject({ name: 'Main', currency: 'EUR', startingBankroll: 1000, bankroll: 1000, pnl: 0, pendingBets: 0, archived: false });
    const [row] = await s.db().select({ b: portfolios.startingBankroll }).from(portfolios).where(eq(portfolios.id, p.id));
    expect(row!.b).toBe(100_000);
    const yen = await createPortfolio({ ctx: s.ana().ctx, input: { name: 'Yen', currency: 'JPY', startingBankroll: '150000' } });
    const [y] = await s.db().select({ b: portfolios.startingBankroll }).from(portfolios).where(eq(portfolios.id, yen.id));
    expect(y!.b).toBe(150_000);
    const cents = await createPortfolio({ ctx: s.ana().ctx, input: { name: 'Cents', startingBankroll: 0.1 + 0.2 === 0.3 ? 0.3 : '0.30' } });
    expect(cents.startingBankroll).toBe(0.3);
  });

  it('refuse a bankroll finer than the currency, not above zero, a bad currency and a taken name', async () => {
    const ctx = s.ana().ctx;
    await expect(createPortfolio({ ctx, input: { name: 'X', startingBankroll: 12.555 } })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/more than 2 decimal/) });
    await expect(createPortfolio({ ctx, input: { name: 'X', currency: 'JPY', startingBankroll: 10.5 } })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(createPortfolio({ ctx, input: { name: 'X', startingBankroll: 0 } })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/above 0/) });
    await expect(createPortfolio({ ctx, input: { name: 'X', startingBankroll: -5 } })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(createPortfolio({ ctx, input: { name: 'X', currency: 'EURO', startingBankroll: 5 } })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(createPortfolio({ ctx, input: { name: '  ', startingBankroll: 5 } })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(createPortfolio({ ctx, input: { name: 'Main', startingBankroll: 5 } })).rejects.toMatchObject({ code: 'CONFLICT' });
    // Another user may use the same name.
    expect((await createPortfolio({ ctx: s.ben().ctx, input: { name: 'Main', currency: 'GBP', startingBankroll: 50 } })).currency).toBe('GBP');
  });

  it('list, get, rename and archive — the caller\'s own only', async () => {
    const ana = s.ana().ctx;
    const list = await listPortfolios({ ctx: ana });
    expect(list.map((p) => p.name)).toEqual(['Cents', 'Main', 'Yen']); // created at the same instant: by name
    const main = list[1]!;
    expect((await getPortfolio({ ctx: ana, input: { id: main.id } })).name).toBe('Main');
    await expect(renamePortfolio({ ctx: ana, input: { id: main.id, name: 'Yen' } })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect((await renamePortfolio({ ctx: ana, input: { id: main.id, name: 'Primary' } })).name).toBe('Primary');
    const archived = await archivePortfolio({ ctx: ana, input: { id: list[0]!.id } });
    expect(archived.archived).toBe(true);
    expect((await listPortfolios({ ctx: ana })).map((p) => p.name)).toEqual(['Primary', 'Yen']);
    expect((await listPortfolios({ ctx: ana, input: { includeArchived: true } })).map((p) => p.name)).toEqual(['Cents', 'Primary', 'Yen']);

    const ben = s.ben().ctx;
    expect((await listPortfolios({ ctx: ben, input: { includeArchived: true } })).map((p) => p.name)).toEqual(['Main']);
    for (const call of [
      // Thunks, called one at a time: a promise created early would reject before it is awaited.
      () => getPortfolio({ ctx: ben, input: { id: main.id } }),
      () => renamePortfolio({ ctx: ben, input: { id: main.id, name: 'Mine now' } }),
      () => archivePortfolio({ ctx: ben, input: { id: main.id } }),
      () => portfolioStatistics({ ctx: ben, input: { id: main.id } }),
    ]) {
      await expect(call()).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'portfolio not found' });
    }
    expect((await getPortfolio({ ctx: ana, input: { id: main.id } })).name).toBe('Primary');
  });

  it('an archived portfolio keeps its statistics but takes no new bets', async () => {
    const ana = s.ana().ctx;
    const cents = (await listPortfolios({ ctx: ana, input: { includeArchived: true } })).find((p) => p.name === 'Cents')!;
    expect(await portfolioStatistics({ ctx: ana, input: { id: cents.id } })).toMatchObject({ bets: 0, pnl: 0, roi: null, currency: 'EUR', startingBankroll: 0.3 });
    const f = await s.nextFixture('soccer');
    await expect(placeBet({ ctx: ana, input: { portfolioId: cents.id, clientRef: 'x', fixtureId: f.id, market: '1x2', selection: 'home', bookmaker: 'sim_book', stake: 0.1 } }))
      .rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/archived/) });
  });
});
