const dateFmt = new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: '2-digit', month: 'short', hour: '2-digit', minute: '2-digit', timeZone: 'UTC' });

export function formatKickoff(d: Date): string {
  return `${dateFmt.format(d)} UTC`;
}

export function score(home: number | null, away: number | null): string {
  return home === null || away === null ? '–' : `${home}–${away}`;
}

/**
 * The one name of a game on every page: home team first, then the away team (`Kansas City v Buffalo`), as the
 * fixture header and the fixtures list order them — for soccer and NFL alike.
 */
export const gameName = (home: string, away: string) => `${home} v ${away}`;

/**
 * The one word for a stake returned because the bet neither won nor lost — a whole line landed exactly, or a
 * two-way moneyline tied: `push`, on every page.
 */
export const PUSH = 'push';

/** A probability as a percentage with one decimal. */
export const pct = (p: number) => `${(p * 100).toFixed(1)}%`;
/** Decimal odds with two decimals ('—' when infinite: a side that cannot win). */
export const odds = (o: number) => (Number.isFinite(o) ? o.toFixed(2) : '—');
/** Expected value per unit staked as a signed percentage; one that rounds to zero prints 0.0%, never −0.0%. */
export const ev = (v: number) => (Math.abs(v) < 0.0005 ? '0.0%' : `${v > 0 ? '+' : ''}${(v * 100).toFixed(1)}%`);


export const PROP_MARKET_LABEL: Record<string, string> = {
  passing_yards: 'Passing yards', rushing_yards: 'Rushing yards', receiving_yards: 'Receiving yards', receptions: 'Receptions',
  completions: 'Completions', attempts: 'Pass attempts', passing_tds: 'Passing TDs', carries: 'Carries', anytime_td: 'Anytime TD',
};

const whenFmt = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'UTC' });

/** A moment for lists of sessions and keys: `5 Dec 2026, 05:20 UTC`; `never` for none. */
export const formatWhen = (d: Date | null | undefined, never = 'never') => (d ? `${whenFmt.format(d)} UTC` : never);

/** A whole number with thousands separators (`20,000`). */
export const count = (n: number) => n.toLocaleString('en-GB');

/** A short name for a user agent: browser (or tool) and system, e.g. `Chrome on Linux`, `curl`. */
export function deviceName(userAgent: string | null): string {
  if (!userAgent) return 'Unknown device';
  const tool = /^(curl|Wget|python-requests|node|undici|PostmanRuntime)/i.exec(userAgent)?.[1];
  if (tool) return tool;
  const browser = /Edg\//.test(userAgent) ? 'Edge' : /Firefox\//.test(userAgent) ? 'Firefox' : /Chrom(e|ium)\//.test(userAgent) ? 'Chrome' : /Safari\//.test(userAgent) ? 'Safari' : 'Browser';
  const system = /Android/.test(userAgent) ? 'Android' : /iPhone|iPad/.test(userAgent) ? 'iOS' : /Mac OS X/.test(userAgent) ? 'macOS' : /Windows/.test(userAgent) ? 'Windows' : /Linux/.test(userAgent) ? 'Linux' : null;
  return system ? `${browser} on ${system}` : browser;
}
