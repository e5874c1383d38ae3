/**
 * `bets.importCsv`: bets placed elsewhere, from a CSV (columns in csv.ts; an export of this platform re-imports as is).
 * Every row is checked like a hand-entered bet (record-bet.ts): the fixture exists, the market, selection and line
 * settle, a known book, price > 1, stake > 0, placed before kick-off. A bad row is a reject with its line number and
 * the reason — never a silent drop; the good rows are written in ONE transaction with one audit entry each. A row
 * whose client reference is already placed is a duplicate (importing the same file twice adds nothing); a row without a
 * reference gets one derived from its contents.
 */
import { betIdsByClientRefs, bookmakerIdsByKey, MARKETS, type FixtureKeys, type Market, type NewBet } from '@fairline/db';
import { columnIndex, parseCsv } from '@fairline/ml/data/csv';
import { ALL_MARKETS, type MarketName } from '@fairline/ml/nfl/props/index';
import type { z } from 'zod';
import { AppError } from '../../lib/errors.ts';
import { sha256Hex } from '../../lib/secrets.ts';
import { actorOf } from '../audit/index.ts';
import type { UserCtx } from '../auth/actor.ts';
import { parseInput } from '../auth/inputs.ts';
import { positiveMinorUnits } from '../portfolios/money.ts';
import { IMPORT_COLUMNS, REQUIRED_IMPORT_COLUMNS, unescapeCell } from './csv.ts';
import { knownFixture, openPortfolio } from './guards.ts';
import { importCsvInput } from './inputs.ts';
import { storedPrice } from './place-bet.ts';
import { checkPlacedAt } from './record-bet.ts';
import { checkSelection } from './selection.ts';
import { writeBet } from './write-bet.ts';

/** Most data rows one import takes. */
export const MAX_IMPORT_ROWS = 2000;

/** A row that was not imported: its line in the file and why. */
export interface ImportReject {
  line: number;
  reason: string;
}

/** What an import did. */
export interface ImportReport {
  /** Bets written by this import. */
  imported: number;
  /** Rows whose client reference was already placed (a re-import). */
  duplicates: number;
  rejects: ImportReject[];
}

type Cells = Record<(typeof IMPORT_COLUMNS)[number], string>;

const num = (s: string, what: string): number => {
  const x = Number(s);
  if (s === '' || !Number.isFinite(x)) throw new AppError('BAD_REQUEST', `${what} must be a number, got "${s}"`);
  return x;
};

/** One row → a bet to write (throws AppError with the reason). */
async function rowToBet(ctx: UserCtx, c: Cells, p: { id: string; currency: string }, now: Date, fixtures: Map<number, FixtureKeys>, books: Map<string, number>): Promise<NewBet> {
  const fixtureId = num(c.fixture_id, 'fixture_id');
  if (!Number.isInteger(fixtureId) || fixtureId <= 0 || fixtureId > 2_147_483_647) throw new AppError('BAD_REQUEST', `fixture_id must be a positive integer, got "${c.fixture_id}"`);
  let fx = fixtures.get(fixtureId);
  if (!fx) {
    fx = await knownFixture(ctx.read, fixtureId);
    fixtures.set(fixtureId, fx);
  }
  if (!(MARKETS as readonly string[]).includes(c.market)) throw new AppError('BAD_REQUEST', `unknown market "${c.market}"`);
  if (c.prop && !(ALL_MARKETS as readonly string[]).includes(c.prop)) throw new AppError('BAD_REQUEST', `unknown prop "${c.prop}"`);
  const s = checkSelection(fx, {
    fixtureId, market: c.market as Market, selection: c.selection.toLowerCase(), line: c.line === '' ? null : num(c.line, 'line'),
    playerId: c.player_id === '' ? undefined : num(c.player_id, 'player_id'), prop: c.prop === '' ? undefined : (c.prop as MarketName),
  });
  const price = num(c.price, 'price');
  if (!(price > 1)) throw new AppError('BAD_REQUEST', `price must be decimal odds above 1, got ${c.price}`);
  const stake = positiveMinorUnits(c.stake, p.currency, 'stake');
  const placedAt = c.placed_at === '' ? now : new Date(c.placed_at);
  if (Number.isNaN(placedAt.getTime())) throw new AppError('BAD_REQUEST', `placed_at must be an ISO 8601 time, got "${c.placed_at}"`);
  checkPlacedAt(fx, placedAt, now);
  let bookmakerId: number | null = null;
  if (c.bookmaker !== '') {
    const id = books.get(c.bookmaker);
    if (id === undefined) throw new AppError('BAD_REQUEST', `unknown bookmaker "${c.bookmaker}" (leave it empty for a book we do not track)`);
    bookmakerId = id;
  }
  const clientRef = c.client_ref || `csv:${(await sha256Hex([fixtureId, s.market, s.selection, s.line, s.playerId, s.prop, c.bookmaker, price, stake, placedAt.toISOString()].join('|'))).slice(0, 32)}`;
  if (clientRef.length > 128) throw new AppError('BAD_REQUEST', 'client_ref is longer than 128 characters');
  return {
    portfolioId: p.id, userId: ctx.user.id, clientRef, source: 'import', fixtureId, market: s.market, selection: s.selection, line: s.line,
    playerId: s.playerId, prop: s.prop, bookmakerId, priceTaken: storedPrice(price), stake, modelProbability: null, modelVersionId: null, placedAt,
  };
}

/**
 * Imports a CSV of bets into one of the caller's portfolios (see the file comment). NOT_FOUND for an unknown portfolio or
 * another user's; BAD_REQUEST for an archived portfolio, a file that is not CSV, lacks a required column or holds more
 * than MAX_IMPORT_ROWS rows. Rows are answered as imported, duplicates or rejects.
 */
export async function importBetsCsv({ ctx, input }: { ctx: UserCtx; input: z.input<typeof importCsvInput> }): Promise<ImportReport> {
  const { portfolioId, csv } = parseInput(importCsvInput, input);
  const now = ctx.clock();
  const p = await openPortfolio(ctx.read, ctx.user.id, portfolioId);
  let table: ReturnType<typeof parseCsv>;
  let index: Map<string, number>;
  try {
    table = parseCsv(csv);
    index = columnIndex(table.header, REQUIRED_IMPORT_COLUMNS);
  } catch (err) {
    throw new AppError('BAD_REQUEST', (err as Error).message);
  }
  if (table.rows.length > MAX_IMPORT_ROWS) throw new AppError('BAD_REQUEST', `at most ${MAX_IMPORT_ROWS} bets per import, the file has ${table.rows.length}`);
  const cellsOf = (row: string[]) =>
    Object.fromEntries(IMPORT_COLUMNS.map((k) => [k, index.has(k) ? unescapeCell(row[index.get(k)!]!.trim()) : ''])) as Cells;
  const rows = table.rows.map((r, k) => ({ line: table.lineNumbers[k]!, cells: cellsOf(r) }));
  const books = await bookmakerIdsByKey(ctx.read, [...new Set(rows.map((r) => r.cells.bookmaker).filter((b) => b !== ''))]);
  const fixtures = new Map<number, FixtureKeys>();

  const rejects: ImportReject[] = [];
  const good: { line: number; bet: NewBet }[] = [];
  const seen = new Map<string, number>();
  for (const r of rows) {
    try {
      const bet = await rowToBet(ctx, r.cells, p, now, fixtures, books);
      const first = seen.get(bet.clientRef);
      if (first !== undefined) throw new AppError('BAD_REQUEST', `client_ref "${bet.clientRef}" repeats line ${first}`);
      seen.set(bet.clientRef, r.line);
      good.push({ line: r.line, bet });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      rejects.push({ line: r.line, reason: err.message });
    }
  }
  const placed = await betIdsByClientRefs(ctx.read, ctx.user.id, good.map((g) => g.bet.clientRef));
  let imported = 0;
  let duplicates = 0;
  await ctx.db.transaction(async (tx) => {
    await openPortfolio(tx, ctx.user.id, p.id, { forUpdate: true });
    for (const g of good) {
      if (placed.has(g.bet.clientRef)) {
        duplicates++;
        continue;
      }
      try {
        const w = await writeBet(tx, g.bet, { actor: actorOf(ctx.principal), currency: p.currency, bookmaker: g.bet.bookmakerId === null ? null : [...books].find(([, id]) => id === g.bet.bookmakerId)![0], now });
        if (w.created) imported++;
        else duplicates++;
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        rejects.push({ line: g.line, reason: err.message });
      }
    }
  });
  rejects.sort((a, b) => a.line - b.line);
  return { imported, duplicates, rejects };
}
