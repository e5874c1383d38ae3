/** `bets.exportCsv`: every bet of one of the caller's portfolios as CSV (csv.ts), oldest placement first. */
import { allBetsOf, portfolioOf } from '@fairline/db';
import type { z } from 'zod';
import { notFound } from '../../lib/errors.ts';
import type { UserCtx } from '../auth/actor.ts';
import { parseInput } from '../auth/inputs.ts';
import { amountText } from '../portfolios/money.ts';
import { csvText, EXPORT_COLUMNS } from './csv.ts';
import { exportCsvInput } from './inputs.ts';
import { propMarketOf } from './selection.ts';

/** An exported file: a suggested name, the text, and how many bets it holds. */
export interface ExportedCsv {
  filename: string;
  csv: string;
  bets: number;
}

const iso = (d: Date | null) => (d === null ? null : d.toISOString());

/** The caller's bets of one portfolio as CSV. NOT_FOUND for an unknown portfolio and for another user's. */
export async function exportBetsCsv({ ctx, input }: { ctx: UserCtx; input: z.input<typeof exportCsvInput> }): Promise<ExportedCsv> {
  const { portfolioId } = parseInput(exportCsvInput, input);
  const p = await portfolioOf(ctx.read, ctx.user.id, portfolioId);
  if (!p) throw notFound('portfolio');
  const bets = await allBetsOf(ctx.read, ctx.user.id, portfolioId);
  const money = (minor: number | null) => (minor === null ? null : amountText(minor, p.currency));
  const rows = bets.map((b) => [
    b.clientRef, b.fixtureId, b.market, b.selection, b.line, b.playerId, propMarketOf(b.prop), b.bookmaker, b.priceTaken, money(b.stake), iso(b.placedAt),
    b.source, b.sport, b.competition, b.homeTeam, b.awayTeam, iso(b.kickoffAt), b.playerName, b.modelProbability, b.modelVersionId,
    b.closingPrice, b.closingSource, b.closingBookmaker, b.fairClosingProbability, b.clv, b.result, money(b.pnl), iso(b.settledAt), p.currency,
  ]);
  const slug = p.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'portfolio';
  return { filename: `${slug}-bets-${ctx.clock().toISOString().slice(0, 10)}.csv`, csv: csvText(EXPORT_COLUMNS, rows), bets: bets.length };
}
