/**
 * The track record's picks: every value bet the platform's NFL value finders (player props, game lines) flag at or
 * above TRACK_RECORD_MIN_EDGE is recorded in the system portfolio at the price then available, with a flat stake,
 * the model probability and version — through the same bet write (and `bet.place` audit entry) as a user's bet, so
 * the closing-line and settlement crons grade and settle it like any other, and the audit chain fixes it in time.
 * One pick per fixture/market/selection/line/book (the client reference): later ticks flagging it again, even at a
 * new price, record nothing (the first price flagged is the one graded).
 */
import { betIdsByClientRefs, bookmakerIdsByKey, type Market } from '@fairline/db';
import { MARKETS as PROP_MARKETS } from '@fairline/ml/nfl/props/index';
import type { Ctx } from '../../context.ts';
import { AppError } from '../../lib/errors.ts';
import { SYSTEM_ACTOR } from '../audit/index.ts';
import { checkSelection, type SelectionInput } from '../bets/selection.ts';
import { existingBet, writeBet } from '../bets/write-bet.ts';
import { storedPrice } from '../bets/place-bet.ts';
import { gameLineValueBets } from '../nfl/game-lines/index.ts';
import { propValueBets } from '../nfl/props/index.ts';
import { ensureSystemPortfolio, PICK_STAKE } from './system-portfolio.ts';

/** The stated edge: a value bet is a pick when its model EV per unit staked is at least this (+3 %). */
export const TRACK_RECORD_MIN_EDGE = 0.03;
/** How far ahead the finders look for picks, in days. */
export const TRACK_RECORD_DAYS = 7;
/** Picks taken per finder per tick at most (the finders' own row cap). */
const PER_FINDER = 500;

/** A flagged value bet in the bet write's terms. */
export interface Pick {
  selection: SelectionInput;
  bookmaker: string;
  price: number;
  modelProbability: number;
  modelVersionId: number;
}

/** What one recording pass did: picks flagged, newly recorded, already recorded, and the finders that had no model. */
export interface RecordedPicks {
  flagged: number;
  recorded: number;
  known: number;
  unavailable: string[];
}

/** The idempotency key of a pick: fixture/market/selection/line/player/prop/book (at most 128 characters). */
export function pickRef(p: Pick): string {
  const s = p.selection;
  const parts = ['tr', s.fixtureId, s.market, s.selection, s.line ?? '-'];
  if (s.playerId !== undefined) parts.push(s.playerId, s.prop ?? '-');
  parts.push(p.bookmaker);
  return parts.join('/').slice(0, 128);
}

const GAME_LINE_MARKET: Record<'spread' | 'total' | 'moneyline', Market> = { spread: 'spread', total: 'game_total', moneyline: 'moneyline' };

/** The picks of both NFL value finders at the stated edge; a finder without a usable model gives none (named in `unavailable`). */
export async function flaggedPicks(ctx: Ctx): Promise<{ picks: Pick[]; unavailable: string[] }> {
  const input = { minEdge: TRACK_RECORD_MIN_EDGE, days: TRACK_RECORD_DAYS, limit: PER_FINDER };
  const unavailable: string[] = [];
  const orNone = async <T>(name: string, f: () => Promise<{ bets: T[] }>): Promise<T[]> => {
    try {
      return (await f()).bets;
    } catch (err) {
      if (err instanceof AppError && err.code === 'UNAVAILABLE') {
        unavailable.push(name);
        return [];
      }
      throw err;
    }
  };
  const [props, lines] = await Promise.all([
    orNone('nfl.props.valueBets', () => propValueBets({ ctx, input })),
    orNone('nfl.gameLines.valueBets', () => gameLineValueBets({ ctx, input })),
  ]);
  const picks: Pick[] = [];
  for (const b of props) {
    // Binary props (anytime TD) are yes/no bets; the finder's over/under sides of them are left out of the record.
    if (PROP_MARKETS[b.market].kind === 'binary') continue;
    picks.push({
      selection: { fixtureId: b.fixtureId, market: 'player_prop', selection: b.side, line: b.line, playerId: b.playerId, prop: b.market },
      bookmaker: b.bookmaker, price: b.price, modelProbability: b.model.win, modelVersionId: b.modelVersion.id,
    });
  }
  for (const b of lines) {
    picks.push({
      selection: { fixtureId: b.fixtureId, market: GAME_LINE_MARKET[b.market], selection: b.selection, line: b.line },
      bookmaker: b.bookmaker, price: b.price, modelProbability: b.model.win, modelVersionId: b.modelVersion.id,
    });
  }
  return { picks, unavailable };
}

/** Records the picks not recorded before (see the file comment). Each pick is its own transaction and audit entry. */
export async function recordPicks(ctx: Ctx): Promise<RecordedPicks> {
  const { picks, unavailable } = await flaggedPicks(ctx);
  if (picks.length === 0) return { flagged: 0, recorded: 0, known: 0, unavailable };
  const sys = await ensureSystemPortfolio(ctx);
  const refs = picks.map(pickRef);
  const known = await betIdsByClientRefs(ctx.db, sys.userId, refs);
  const books = await bookmakerIdsByKey(ctx.db, [...new Set(picks.map((p) => p.bookmaker))]);
  const now = ctx.clock();
  let recorded = 0;
  const seen = new Set<string>();
  for (const [k, p] of picks.entries()) {
    const ref = refs[k]!;
    if (known.has(ref) || seen.has(ref)) continue;
    seen.add(ref);
    const s = checkSelection({ id: p.selection.fixtureId, sport: 'nfl' }, p.selection);
    const bet = {
      portfolioId: sys.portfolio.id, userId: sys.userId, clientRef: ref, source: 'quote' as const, fixtureId: p.selection.fixtureId, market: s.market,
      selection: s.selection, line: s.line, playerId: s.playerId, prop: s.prop, bookmakerId: books.get(p.bookmaker) ?? null, priceTaken: storedPrice(p.price),
      stake: PICK_STAKE, modelProbability: p.modelProbability, modelVersionId: p.modelVersionId, placedAt: now,
    };
    const created = await ctx.db.transaction(async (tx) => {
      // Recorded by a concurrent tick since the read above (at its own price): that one stands.
      if (await existingBet(tx, sys.userId, ref, { ...bet, priceTaken: undefined }).catch(() => true)) return false;
      const w = await writeBet(tx, bet, { actor: SYSTEM_ACTOR, currency: sys.portfolio.currency, bookmaker: p.bookmaker, now });
      return w.created;
    });
    if (created) recorded++;
  }
  return { flagged: picks.length, recorded, known: picks.length - recorded, unavailable };
}
