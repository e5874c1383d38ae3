/**
 * The one formatting home of the web app: prices, times, percentages and names. Prices and times follow the user's
 * display preferences (lib/display-prefs.ts: odds format, time zone) — every page that formats through here follows a
 * change at once, so no page formats a price or a time itself. The pure conversions (decimal → American, fractional)
 * take the format explicitly and are unit-tested (web/test/format.test.ts).
 */
import { displayZone, oddsFormat, type OddsFormat } from './display-prefs.ts';

// Intl formatters are costly to build and every row formats a time: one per (style, zone).
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(style: 'kickoff' | 'when', zone: string): Intl.DateTimeFormat {
  const key = `${style}|${zone}`;
  let f = formatters.get(key);
  if (!f) {
    const fields: Intl.DateTimeFormatOptions =
      style === 'kickoff' ? { weekday: 'short', day: '2-digit', month: 'short', hour: '2-digit', minute: '2-digit' } : { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' };
    f = new Intl.DateTimeFormat('en-GB', { ...fields, timeZone: zone });
    formatters.set(key, f);
  }
  return f;
}

/** The zone's short name at `d` (`UTC`, `GMT`, `BST`, `GMT-5`), as a reader recognises it. */
function zoneLabel(d: Date, zone: string): string {
  if (zone === 'UTC' || zone === 'Etc/UTC') return 'UTC';
  let f = formatters.get(`zone|${zone}`);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', { timeZone: zone, timeZoneName: 'short' });
    formatters.set(`zone|${zone}`, f);
  }
  return f.formatToParts(d).find((p) => p.type === 'timeZoneName')?.value ?? zone;
}

/**
 * A moment with its weekday in `zone` (`Sat 05 Dec, 14:00 UTC`) — pure; `formatKickoff` is the one pages use.
 * The zone's name is always shown, so a time is never ambiguous.
 */
export function formatKickoffIn(d: Date, zone: string): string {
  return `${formatterFor('kickoff', zone).format(d)} ${zoneLabel(d, zone)}`;
}

/**
 * A kick-off (or any moment of a game) in the user's time zone: `Sat 05 Dec, 15:00 GMT+1`. Until the page is mounted
 * it is UTC, as the server rendered it (see lib/display-prefs.ts).
 */
export function formatKickoff(d: Date): string {
  return formatKickoffIn(d, displayZone() ?? 'UTC');
}

/** The calendar day of `d` in `zone` as `2026-09-14` — pure; `formatDay` is the one pages use. */
export function formatDayIn(d: Date, zone: string): string {
  let f = formatters.get(`day|${zone}`);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: zone });
    formatters.set(`day|${zone}`, f);
  }
  return f.format(d);
}

/**
 * The calendar day of a moment in the user's time zone (`2026-09-14`): a Monday-night game at 01:00 UTC is still
 * Monday in New York. UTC until the page is mounted (see lib/display-prefs.ts).
 */
export const formatDay = (d: Date) => formatDayIn(d, displayZone() ?? 'UTC');

/** A score `2–1`, or a dash until both sides have one. */
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
/**
 * Decimal odds as American odds: +150 for 2.50 (the profit on 100 staked), -200 for 1.50 (the stake that wins 100);
 * evens (2.00) is +100. Whole numbers, as books quote them. '—' for a price that cannot be a bet (not finite, ≤ 1).
 */
export function decimalToAmerican(d: number): string {
  if (!Number.isFinite(d) || d <= 1) return '—';
  const american = d >= 2 ? Math.round((d - 1) * 100) : -Math.round(100 / (d - 1));
  return american > 0 ? `+${american}` : String(american);
}

/**
 * The fractions British books quote, as [numerator, denominator]: the odds-against ladder and the odds-on ones (its
 * reciprocals, with the traditional spellings 4/6 and 8/13). A price is shown as the nearest of these, never as an
 * exact but unfamiliar fraction such as 37/25.
 */
const FRACTIONS_AGAINST: ReadonlyArray<readonly [number, number]> = [
  [1, 1], [21, 20], [11, 10], [6, 5], [5, 4], [11, 8], [7, 5], [6, 4], [8, 5], [13, 8], [7, 4], [9, 5], [15, 8], [2, 1],
  [85, 40], [11, 5], [9, 4], [12, 5], [5, 2], [13, 5], [11, 4], [3, 1], [100, 30], [7, 2], [4, 1], [9, 2], [5, 1],
  [11, 2], [6, 1], [13, 2], [7, 1], [15, 2], [8, 1], [17, 2], [9, 1], [10, 1], [11, 1], [12, 1], [14, 1], [16, 1],
  [18, 1], [20, 1], [22, 1], [25, 1], [28, 1], [33, 1], [40, 1], [50, 1], [66, 1], [80, 1], [100, 1], [125, 1],
  [150, 1], [200, 1], [250, 1], [500, 1], [1000, 1],
];
const ODDS_ON_SPELLING: Record<string, string> = { '6/4': '4/6', '13/8': '8/13' };
const CONVENTIONAL_FRACTIONS: ReadonlyArray<readonly [number, number]> = [
  ...FRACTIONS_AGAINST,
  ...FRACTIONS_AGAINST.filter(([n, d]) => n !== d).map(([n, d]): readonly [number, number] => {
    const spelt = ODDS_ON_SPELLING[`${n}/${d}`];
    return spelt ? (spelt.split('/').map(Number) as [number, number]) : [d, n];
  }),
];

/**
 * Decimal odds as the nearest conventional fractional odds (2.50 → 6/4, 1.50 → 1/2, 1.91 → 10/11, 2.00 → 1/1).
 * "Nearest" in the ratio of the odds (|log(n/d) − log(d − 1)|), so odds-on and odds-against prices are treated alike.
 * '—' for a price that cannot be a bet (not finite, ≤ 1).
 */
export function decimalToFractional(d: number): string {
  if (!Number.isFinite(d) || d <= 1) return '—';
  const target = Math.log(d - 1);
  let best = CONVENTIONAL_FRACTIONS[0]!;
  let bestGap = Infinity;
  for (const f of CONVENTIONAL_FRACTIONS) {
    const gap = Math.abs(Math.log(f[0] / f[1]) - target);
    if (gap < bestGap) [best, bestGap] = [f, gap];
  }
  return `${best[0]}/${best[1]}`;
}

/** Decimal odds `o` in format `format` — pure; `odds` is the one pages use. '—' when infinite (a side that cannot win). */
export function formatOdds(o: number, format: OddsFormat): string {
  if (!Number.isFinite(o)) return '—';
  if (format === 'american') return decimalToAmerican(o);
  if (format === 'fractional') return decimalToFractional(o);
  return o.toFixed(2);
}

/**
 * A price (decimal odds as stored) in the user's odds format: `2.50`, `+150` or `6/4`. Decimal until the page is
 * mounted (see lib/display-prefs.ts). '—' when infinite (a side that cannot win).
 */
export const odds = (o: number) => formatOdds(o, oddsFormat());
/** Expected value per unit staked as a signed percentage; one that rounds to zero prints 0.0%, never −0.0%. */
export const ev = (v: number) => (Math.abs(v) < 0.0005 ? '0.0%' : `${v > 0 ? '+' : ''}${(v * 100).toFixed(1)}%`);


export const PROP_MARKET_LABEL: Record<string, string> = {
  passing_yards: 'Passing yards', rushing_yards: 'Rushing yards', receiving_yards: 'Receiving yards', receptions: 'Receptions',
  completions: 'Completions', attempts: 'Pass attempts', passing_tds: 'Passing TDs', carries: 'Carries', anytime_td: 'Anytime TD',
};

/** A moment for lists of sessions and keys in `zone`: `5 Dec 2026, 05:20 UTC` — pure; `formatWhen` is the one pages use. */
export const formatWhenIn = (d: Date, zone: string) => `${formatterFor('when', zone).format(d)} ${zoneLabel(d, zone)}`;

/** A moment for lists of sessions and keys in the user's time zone: `5 Dec 2026, 05:20 UTC`; `never` for none. */
export const formatWhen = (d: Date | null | undefined, never = 'never') => (d ? formatWhenIn(d, displayZone() ?? 'UTC') : never);

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
