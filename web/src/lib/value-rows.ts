/**
 * The value finder's rows: the three value finders of the API (soccer markets, NFL player props, NFL game lines) as
 * one kind of row — game, market, bet, book, price, the model's settlement probabilities and fair price, the book's
 * margin-free probability, EV — plus the view a user chose (sport, market, book, minimum edge, horizon, sort) read
 * from and written to the URL, and the Kelly stake of each row (ml's `portfolio.suggestStake`, the rule
 * bets.suggestStake applies: quarter Kelly, capped at 5 % of the bankroll).
 */
import { suggestStake } from '@fairline/ml/portfolio/stake';
import type { api } from './trpc.ts';
import type { TrackSelection } from '../components/track-bet.tsx';
import { gameName, PROP_MARKET_LABEL } from './format.ts';

type SoccerBets = Awaited<ReturnType<typeof api.soccer.valueBets.query>>;
type PropBets = Awaited<ReturnType<typeof api.nfl.props.valueBets.query>>;
type LineBets = Awaited<ReturnType<typeof api.nfl.gameLines.valueBets.query>>;
/** What "Track this bet" places (bets.place's selection terms). */
export type ValueSelection = TrackSelection;

/** The model's probability of each way the bet settles (they sum to 1). */
export interface Settlement {
  win: number;
  halfWin: number;
  push: number;
  halfLoss: number;
  loss: number;
}

/** One priced bet of any sport, as the table shows it. */
export interface ValueRow {
  /** Stable key: source, fixture, market, line, selection, book. */
  key: string;
  kind: 'soccer' | 'prop' | 'line';
  sport: 'soccer' | 'nfl';
  fixtureId: number;
  kickoffAt: Date;
  game: string;
  /** Filter key of the market (soccer:totals, nfl:spread, prop:receptions). */
  market: string;
  marketLabel: string;
  /** The bet in words (Over 2.75, Carrow City −0.25, Sim Receiver 3 over 5.5). */
  bet: string;
  /** A note under the market (an alternate line's consensus). */
  note: string | null;
  bookmaker: string;
  price: number;
  settlement: Settlement;
  fairPrice: number;
  bookFair: number | null;
  expectedValue: number;
  simulated: boolean;
  selection: ValueSelection;
}

const signed = (h: number) => (h === 0 ? '0' : h > 0 ? `+${h}` : `−${-h}`);
const flip = (h: number) => (h === 0 ? 0 : -h);

export const SOCCER_MARKET_LABEL: Record<string, string> = {
  '1x2': '1X2', totals: 'Total goals', asian_handicap: 'Asian handicap', btts: 'Both teams to score', draw_no_bet: 'Draw no bet',
};
const LINE_MARKET_LABEL: Record<string, string> = { spread: 'Spread', total: 'Total points', moneyline: 'Moneyline' };
/** The section a market belongs to, for the market filter's groups. */
export const marketGroup = (market: string) => (market.startsWith('soccer:') ? 'Soccer' : market.startsWith('prop:') ? 'NFL player props' : 'NFL game lines');

/** A soccer selection in words. */
export function soccerBet(b: { market: string; selection: string; line: number | null; homeTeam: string; awayTeam: string }): string {
  const team = (s: string) => (s === 'home' ? b.homeTeam : s === 'away' ? b.awayTeam : 'Draw');
  switch (b.market) {
    case 'totals':
      return `${b.selection === 'over' ? 'Over' : 'Under'} ${b.line}`;
    case 'asian_handicap':
      return `${team(b.selection)} ${signed(b.selection === 'home' ? b.line! : flip(b.line!))}`;
    case 'btts':
      return b.selection === 'yes' ? 'Both score' : 'Not both score';
    case 'draw_no_bet':
      return `${team(b.selection)} (draw void)`;
    default:
      return team(b.selection);
  }
}

/** The rows of the three finders, in one list (unsorted). */
export function valueRows(soccer: SoccerBets | undefined, props: PropBets | undefined, lines: LineBets | undefined): ValueRow[] {
  const rows: ValueRow[] = [];
  for (const b of soccer?.bets ?? []) {
    rows.push({
      key: `s|${b.fixtureId}|${b.market}|${b.line}|${b.selection}|${b.bookmaker}`, kind: 'soccer', sport: 'soccer', fixtureId: b.fixtureId,
      kickoffAt: new Date(b.kickoffAt), game: gameName(b.homeTeam, b.awayTeam), market: `soccer:${b.market}`, marketLabel: SOCCER_MARKET_LABEL[b.market] ?? b.market,
      bet: soccerBet(b), note: null, bookmaker: b.bookmaker, price: b.price, settlement: b.model, fairPrice: b.model.fairPrice, bookFair: b.bookFair,
      expectedValue: b.expectedValue, simulated: b.modelVersion.simulated,
      selection: { fixtureId: b.fixtureId, market: b.market, selection: b.selection, line: b.line },
    });
  }
  for (const b of props?.bets ?? []) {
    const binary = b.market === 'anytime_td';
    const label = PROP_MARKET_LABEL[b.market] ?? b.market;
    rows.push({
      key: `p|${b.fixtureId}|${b.playerId}|${b.market}|${b.line}|${b.side}|${b.bookmaker}`, kind: 'prop', sport: 'nfl', fixtureId: b.fixtureId,
      kickoffAt: new Date(b.kickoffAt), game: gameName(b.homeTeam, b.awayTeam), market: `prop:${b.market}`, marketLabel: label,
      bet: `${b.player} ${binary ? (b.side === 'over' ? 'yes' : 'no') : `${b.side} ${b.line}`}`, note: b.team, bookmaker: b.bookmaker, price: b.price,
      settlement: { win: b.model.win, halfWin: 0, push: b.model.push, halfLoss: 0, loss: b.model.lose }, fairPrice: b.model.fairPrice, bookFair: b.bookFair,
      expectedValue: b.expectedValue, simulated: b.modelVersion.simulated,
      selection: { fixtureId: b.fixtureId, market: 'player_prop', playerId: b.playerId, prop: b.market, line: b.line, selection: binary ? (b.side === 'over' ? 'yes' : 'no') : b.side },
    });
  }
  for (const b of lines?.bets ?? []) {
    const team = b.selection === 'home' ? b.homeTeam : b.awayTeam;
    const bet = b.market === 'moneyline' ? `${team} to win` : b.market === 'total' ? `${b.selection === 'over' ? 'Over' : 'Under'} ${b.line}`
      : `${team} ${signed(b.selection === 'home' ? b.line! : flip(b.line!))}`;
    const consensus = b.consensus === null || b.main ? null
      : b.market === 'spread' ? `alternate; consensus ${team} ${signed(b.selection === 'home' ? b.consensus : flip(b.consensus))}` : `alternate; consensus ${b.consensus}`;
    rows.push({
      key: `l|${b.fixtureId}|${b.market}|${b.line}|${b.selection}|${b.bookmaker}`, kind: 'line', sport: 'nfl', fixtureId: b.fixtureId,
      kickoffAt: new Date(b.kickoffAt), game: gameName(b.homeTeam, b.awayTeam), market: `nfl:${b.market}`, marketLabel: LINE_MARKET_LABEL[b.market] ?? b.market,
      bet, note: consensus, bookmaker: b.bookmaker, price: b.price,
      settlement: { win: b.model.win, halfWin: 0, push: b.model.push, halfLoss: 0, loss: b.model.lose }, fairPrice: b.model.fairPrice, bookFair: b.bookFair,
      expectedValue: b.expectedValue, simulated: b.modelVersion.simulated,
      selection: { fixtureId: b.fixtureId, market: b.market === 'total' ? 'game_total' : b.market, selection: b.selection, line: b.line },
    });
  }
  return rows;
}

/** The model's expected share of a win: P(win) + ½·P(half win). */
export const winShare = (s: Settlement) => s.win + s.halfWin / 2;

/** Quarter-Kelly stake of a row on `bankroll` currency units with `decimals` minor digits (ml's suggestStake, capped at 5 %). */
export function kellyStake(row: Pick<ValueRow, 'settlement' | 'price'>, bankroll: number, decimals = 2): number {
  if (!(bankroll > 0)) return 0;
  const scale = 10 ** decimals;
  const s = row.settlement;
  const pushes = s.push > 0 || s.halfWin > 0 || s.halfLoss > 0;
  try {
    return suggestStake({ probability: pushes ? s : s.win, price: row.price, bankroll: Math.floor(bankroll * scale), fraction: 'quarter' }).stake / scale;
  } catch {
    return 0; // a probability or price ml refuses (out of range) has no stake
  }
}

// ---- The view: filters and sort, in the URL.

export const SORTS = ['ev', 'kelly', 'price', 'kickoff', 'game', 'market', 'book'] as const;
export type Sort = (typeof SORTS)[number];
export const EDGES = [0, 1, 2, 3, 5, 10] as const;
export const HORIZONS = [1, 3, 7, 14] as const;

export interface ValueView {
  sport: 'all' | 'soccer' | 'nfl';
  /** 'all' or a row market key (soccer:totals, nfl:spread, prop:receptions). */
  market: string;
  book: string;
  /** Minimum edge in percent (+2 % = 2). */
  edge: number;
  days: number;
  sort: Sort;
  /** Descending (the default: best first). */
  desc: boolean;
}

export const DEFAULT_VIEW: ValueView = { sport: 'all', market: 'all', book: 'all', edge: 2, days: 7, sort: 'ev', desc: true };

/** The view in a URL's query (unknown or malformed values fall back to the defaults, so a bad link still opens). */
export function parseValueView(q: Record<string, string | string[] | undefined>): ValueView {
  const one = (k: string) => (Array.isArray(q[k]) ? q[k][0] : q[k]);
  const num = (k: string, allowed: readonly number[], d: number) => {
    const raw = one(k);
    const v = Number(raw);
    return raw !== undefined && raw.trim() !== '' && allowed.includes(v) ? v : d;
  };
  const sport = one('sport');
  const sort = one('sort') as Sort | undefined;
  const text = (k: string) => {
    const v = one(k);
    return v && /^[a-z0-9_:]{1,40}$/.test(v) ? v : 'all';
  };
  return {
    sport: sport === 'soccer' || sport === 'nfl' ? sport : 'all',
    market: text('market'),
    book: text('book'),
    edge: num('edge', EDGES, DEFAULT_VIEW.edge),
    days: num('days', HORIZONS, DEFAULT_VIEW.days),
    sort: sort && SORTS.includes(sort) ? sort : 'ev',
    desc: one('dir') !== 'asc',
  };
}

/** The query string of a view (defaults left out), with its leading '?', or '' for the default view. */
export function valueSearch(v: ValueView): string {
  const p = new URLSearchParams();
  if (v.sport !== 'all') p.set('sport', v.sport);
  if (v.market !== 'all') p.set('market', v.market);
  if (v.book !== 'all') p.set('book', v.book);
  if (v.edge !== DEFAULT_VIEW.edge) p.set('edge', String(v.edge));
  if (v.days !== DEFAULT_VIEW.days) p.set('days', String(v.days));
  if (v.sort !== 'ev') p.set('sort', v.sort);
  if (!v.desc) p.set('dir', 'asc');
  const s = p.toString();
  return s ? `?${s}` : '';
}

/** The rows the view shows: sport, market and book filters (the edge and horizon are the API's), sorted. */
export function viewRows(rows: readonly ValueRow[], v: ValueView, bankroll: number): ValueRow[] {
  const kept = rows.filter((r) => (v.sport === 'all' || r.sport === v.sport) && (v.market === 'all' || r.market === v.market) && (v.book === 'all' || r.bookmaker === v.book));
  const key: Record<Sort, (r: ValueRow) => number | string> = {
    ev: (r) => r.expectedValue, kelly: (r) => kellyStake(r, bankroll), price: (r) => r.price, kickoff: (r) => r.kickoffAt.getTime(),
    game: (r) => r.game, market: (r) => r.marketLabel, book: (r) => r.bookmaker,
  };
  const k = key[v.sort];
  const sign = v.desc ? -1 : 1;
  return kept
    .map((r) => ({ r, k: k(r) }))
    .sort((a, b) => {
      const c = typeof a.k === 'number' && typeof b.k === 'number' ? a.k - b.k : String(a.k).localeCompare(String(b.k));
      // Ties: best EV first, then the row's own key, so the order is stable across reloads.
      return sign * c || b.r.expectedValue - a.r.expectedValue || a.r.key.localeCompare(b.r.key);
    })
    .map((x) => x.r);
}
