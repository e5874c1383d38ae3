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
/** Expected value per unit staked as a signed percentage; one that rounds to zero prints 0.0%, never −0.0%. */
export const ev = (v: number) => (Math.abs(v) < 0.0005 ? '0.0%' : `${v > 0 ? '+' : ''}${(v * 100).toFixed(1)}%`);

/** A line typed into a pricer: an empty field is no line (Number('') is 0, which would price a line of 0); the API rejects NaN. */
export const parseLine = (text: string) => (text.trim() === '' ? Number.NaN : Number(text));

export const PROP_MARKET_LABEL: Record<string, string> = {
  passing_yards: 'Passing yards', rushing_yards: 'Rushing yards', receiving_yards: 'Receiving yards', receptions: 'Receptions',
  completions: 'Completions', attempts: 'Pass attempts', passing_tds: 'Passing TDs', carries: 'Carries', anytime_td: 'Anytime TD',
};
