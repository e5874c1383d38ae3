/**
 * The fixtures list's state lives in its URL (so a filter survives a reload and can be shared): this module turns
 * the query string into the `fixtures.list` input and back, and does the calendar arithmetic of the date
 * navigation. Pure (no Solid, no browser) so the web test project checks it on Node.
 *
 * A day is a calendar day in the reader's own time zone (the browser's): `date=2026-12-05` means local midnight to
 * the next local midnight, which is what "fixtures on Saturday" means to the person reading the page.
 */

export const SPORT_OPTIONS = [
  { value: 'soccer', label: 'Soccer' },
  { value: 'nfl', label: 'NFL' },
] as const;
export const STATUS_OPTIONS = [
  { value: 'scheduled', label: 'Upcoming' },
  { value: 'live', label: 'Live' },
  { value: 'final', label: 'Finished' },
  { value: 'postponed', label: 'Postponed' },
  { value: 'cancelled', label: 'Cancelled' },
] as const;
type Sport = (typeof SPORT_OPTIONS)[number]['value'];
type Status = (typeof STATUS_OPTIONS)[number]['value'];

/** Rows per page. */
export const PAGE_SIZE = 50;
/** The API's limit on a team search (fixtures.list `team`). */
export const TEAM_MAX = 64;

/** The URL's query parameters the list reads (`useSearchParams`), each possibly missing or mistyped. */
export interface FixtureParams {
  sport?: string;
  competition?: string;
  status?: string;
  date?: string;
  team?: string;
  order?: string;
  page?: string;
}

/** The list's state, every field valid: what the page shows and asks for. */
export interface FixtureView {
  sport?: Sport;
  competition?: string;
  status?: Status;
  /** A calendar day `YYYY-MM-DD`, or none: then the list starts today (upcoming first) unless a status says otherwise. */
  date?: string;
  team?: string;
  order: 'asc' | 'desc';
  page: number;
}

const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar day written `YYYY-MM-DD` (not 2026-02-30). */
export function isDay(text: string | undefined): text is string {
  const m = text ? DAY_RE.exec(text) : null;
  if (!m) return false;
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return d.getFullYear() === Number(m[1]) && d.getMonth() === Number(m[2]) - 1 && d.getDate() === Number(m[3]);
}

/** Local midnight starting the day `YYYY-MM-DD` (callers check it with isDay). */
export function startOfDay(day: string): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d);
}

/** The local calendar day of `at`, as `YYYY-MM-DD`. */
export function dayOf(at: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
}

/** The day `n` days after `day` (negative: before), across month ends and clock changes. */
export function addDays(day: string, n: number): string {
  const d = startOfDay(day);
  d.setDate(d.getDate() + n);
  return dayOf(d);
}

/** The view the URL asks for; anything mistyped is dropped (a hand-edited link still opens a list, never an error). */
export function parseFixtureParams(p: FixtureParams): FixtureView {
  const one = <T extends string>(v: string | undefined, allowed: readonly { value: T }[]) => allowed.find((o) => o.value === v)?.value;
  const team = p.team?.trim().slice(0, TEAM_MAX);
  const page = Number(p.page);
  return {
    sport: one(p.sport, SPORT_OPTIONS),
    competition: p.competition && p.competition.length <= 32 ? p.competition : undefined,
    status: one(p.status, STATUS_OPTIONS),
    date: isDay(p.date) ? p.date : undefined,
    team: team || undefined,
    order: p.order === 'desc' ? 'desc' : 'asc',
    page: Number.isInteger(page) && page >= 1 && page <= 10_000 ? page : 1,
  };
}

/**
 * The `fixtures.list` input of a view at `now`: the chosen day, else from the start of today ("upcoming first")
 * unless a status other than upcoming/live is chosen (finished games are all in the past). One row more than a page
 * is asked for: if it comes, a next page exists.
 */
export function listInput(view: FixtureView, now: Date) {
  const day = view.date ?? (view.status && !['scheduled', 'live'].includes(view.status) ? undefined : dayOf(now));
  return {
    sport: view.sport,
    competition: view.competition,
    status: view.status,
    team: view.team,
    order: view.order,
    from: day ? startOfDay(day) : undefined,
    to: view.date ? startOfDay(addDays(view.date, 1)) : undefined,
    limit: PAGE_SIZE + 1,
    offset: (view.page - 1) * PAGE_SIZE,
  };
}

/** The query string of `view` (defaults left out, so a plain list is a plain `/fixtures`). */
export function fixtureSearch(view: FixtureView): string {
  const q = new URLSearchParams();
  if (view.sport) q.set('sport', view.sport);
  if (view.competition) q.set('competition', view.competition);
  if (view.status) q.set('status', view.status);
  if (view.date) q.set('date', view.date);
  if (view.team) q.set('team', view.team);
  if (view.order === 'desc') q.set('order', 'desc');
  if (view.page > 1) q.set('page', String(view.page));
  const s = q.toString();
  return s ? `?${s}` : '';
}
