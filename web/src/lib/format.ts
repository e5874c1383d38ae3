const dateFmt = new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: '2-digit', month: 'short', hour: '2-digit', minute: '2-digit', timeZone: 'UTC' });

export function formatKickoff(d: Date): string {
  return `${dateFmt.format(d)} UTC`;
}

export function score(home: number | null, away: number | null): string {
  return home === null || away === null ? '–' : `${home}–${away}`;
}

/** A probability as a percentage with one decimal. */
export const pct = (p: number) => `${(p * 100).toFixed(1)}%`;
/** Decimal odds with two decimals ('—' when infinite: a side that cannot win). */
export const odds = (o: number) => (Number.isFinite(o) ? o.toFixed(2) : '—');
/** Expected value per unit staked as a signed percentage. */
export const ev = (v: number) => `${v >= 0 ? '+' : ''}${(v * 100).toFixed(1)}%`;

export const PROP_MARKET_LABEL: Record<string, string> = {
  passing_yards: 'Passing yards', rushing_yards: 'Rushing yards', receiving_yards: 'Receiving yards', receptions: 'Receptions',
  completions: 'Completions', attempts: 'Pass attempts', passing_tds: 'Passing TDs', carries: 'Carries', anytime_td: 'Anytime TD',
};
