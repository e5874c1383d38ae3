/**
 * Wall-clock times in a named zone → UTC instants, via the standard Intl API (present in Node, workerd and
 * browsers), so daylight-saving rules come from the platform's tz database rather than hand-coded rules.
 * Sources give kick-offs in local time: football-data in UK time, nflverse in US Eastern time.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Offset (ms) of `timeZone` from UTC at instant `ms`. */
function zoneOffset(ms: number, timeZone: string): number {
  const p: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(new Date(ms))) {
    if (part.type !== 'literal') p[part.type] = Number(part.value);
  }
  const asUtc = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!);
  return asUtc - Math.floor(ms / 60_000) * 60_000;
}

/** `yyyy-mm-dd` + `hh:mm` local in `timeZone` → epoch ms. */
export function zonedToUtc(isoDate: string, hhmm: string, timeZone: string): number {
  const [y, mo, d] = isoDate.split('-').map(Number) as [number, number, number];
  const [h, mi] = hhmm.split(':').map(Number) as [number, number];
  const wall = Date.UTC(y, mo - 1, d, h, mi);
  let guess = wall - zoneOffset(wall, timeZone);
  guess = wall - zoneOffset(guess, timeZone);
  return guess;
}

/** Kick-offs whose source gives only a date are stored at 12:00 UTC of that date (documented convention). */
export function dateOnlyInstant(isoDate: string): string {
  return `${isoDate}T12:00:00.000Z`;
}

/** A wall-clock time `h:mm` or `hh:mm` (24-hour). */
export const HHMM = /^([01]?\d|2[0-3]):([0-5]\d)$/;
/** A calendar date `yyyy-mm-dd`. */
export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
