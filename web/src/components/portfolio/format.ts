/** Formatting and types of the portfolio pages: amounts with their currency, signed percentages, a bet's label. */
import { PROP_MARKET_LABEL } from '../../lib/format.ts';
import type { api } from '../../lib/trpc.ts';

/** A bet as the API answers it (`bets.list`). */
export type Bet = Awaited<ReturnType<typeof api.bets.list.query>>[number];
/** A portfolio's statistics (`portfolios.stats`). */
export type Stats = Awaited<ReturnType<typeof api.portfolios.stats.query>>;
/** A portfolio with its balance (`portfolios.get`). */
export type Portfolio = Awaited<ReturnType<typeof api.portfolios.get.query>>;

/** `amount` in `currency` units, e.g. "1,012.50 EUR"; signed when `signed`. */
export function money(amount: number, currency: string, signed = false): string {
  const s = Math.abs(amount).toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const sign = amount < 0 ? '−' : signed && amount > 0 ? '+' : '';
  return `${sign}${s} ${currency}`;
}

/** A ratio as a signed percentage (+3.1 %), or — when null. */
export const signedPct = (r: number | null | undefined) => (r === null || r === undefined ? '—' : `${r > 0 ? '+' : r < 0 ? '−' : ''}${Math.abs(r * 100).toFixed(1)}%`);

/** Tailwind colour of a signed figure. */
export const tone = (v: number | null | undefined) => (v === null || v === undefined || v === 0 ? 'text-slate-900' : v > 0 ? 'text-emerald-700' : 'text-rose-700');

const MARKET_LABEL: Record<string, string> = {
  '1x2': '1X2', totals: 'Total', asian_handicap: 'Asian handicap', btts: 'Both teams score', draw_no_bet: 'Draw no bet', correct_score: 'Correct score',
  moneyline: 'Moneyline', spread: 'Spread', game_total: 'Total', player_prop: 'Player prop',
};

/** A market's label. */
export const marketLabel = (m: string) => MARKET_LABEL[m] ?? m;

/** What a bet is on, in words: "Spread home −1.5", "J. Allen over 249.5 passing yards". */
export function selectionLabel(b: Pick<Bet, 'market' | 'selection' | 'line' | 'player' | 'prop'>): string {
  const line = b.line === null ? '' : ` ${b.market === 'spread' || b.market === 'asian_handicap' ? (b.line > 0 ? `+${b.line}` : String(b.line)) : b.line}`;
  if (b.market === 'player_prop') {
    return `${b.player?.name ?? `player ${b.player?.id}`} ${b.selection}${line} ${b.prop ? (PROP_MARKET_LABEL[b.prop] ?? b.prop) : ''}`.trim();
  }
  return `${marketLabel(b.market)} ${b.selection}${line}`;
}

/** A result's label and colour. */
export const RESULT_STYLE: Record<string, { label: string; cls: string }> = {
  pending: { label: 'Pending', cls: 'bg-slate-100 text-slate-700' },
  won: { label: 'Won', cls: 'bg-emerald-100 text-emerald-800' },
  half_won: { label: 'Half won', cls: 'bg-emerald-50 text-emerald-700' },
  lost: { label: 'Lost', cls: 'bg-rose-100 text-rose-800' },
  half_lost: { label: 'Half lost', cls: 'bg-rose-50 text-rose-700' },
  push: { label: 'Push', cls: 'bg-amber-100 text-amber-800' },
  void: { label: 'Void', cls: 'bg-slate-200 text-slate-600' },
};
