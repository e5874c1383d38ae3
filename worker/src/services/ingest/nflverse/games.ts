/**
 * nflverse `games.csv` (schedule, scores and betting lines) → NFL competition, seasons, franchises, fixtures and
 * odds snapshots. nflverse is the source of record for the NFL: the fixture's natural key is its `game_id`.
 *
 * Conventions: kick-off = `gameday` + `gametime` read as US Eastern time (12:00 UTC of the date when the time
 * is missing, as for 1999); a game with both scores is final, otherwise scheduled. Lines are stored per
 * selection in our convention (a selection's own handicap): home spread = −spread_line (nflverse's
 * spread_line is positive when the home team is favoured), away = +spread_line. American prices become
 * decimal. The file does not say whether lines are opening or closing, so they are stored with closing=false,
 * captured at 00:00 UTC of the game day, under the pseudo-bookmaker `nflverse_lines`. A line without its
 * prices (all of 1999–2005) is not stored: we never invent a price.
 */
import {
  ensureBookmakers,
  ensureCompetition,
  ensureSeason,
  OddsBatch,
  upsertFixtures,
  upsertNflGameConditions,
  upsertOddsSnapshots,
  type FixtureRecord,
  type Tx,
} from '@fairline/db';
import { pricing } from '@fairline/ml';
import { columnIndex } from '@fairline/ml/data/csv';
import { fixtureRecordSchema } from '../fixture-record.ts';
import { ensureReferenceTeams, resolveOrRegisterTeams } from '../identity/teams.ts';
import { assertMostRowsValid, openSourceCsv, rawRow } from '../guards.ts';
import { NFL_LINES_BOOK } from '../../odds/reference-books.ts';
import { americanToDecimal } from '../odds-format.ts';
import { runSource } from '../run-source.ts';
import { dateOnlyInstant, HHMM, ISO_DATE, zonedToUtc } from '../time.ts';
import { addCounts, zeroCounts, type IngestFile, type IngestInput, type IngestRunCtx, type Reject, type RunSummary } from '../types.ts';

/** The source name nflverse's team aliases and odds snapshots are stored under. */
export const NFLVERSE_SOURCE = 'nflverse';
/** Our NFL competition row (nflverse is its source of record). */
export const NFL_COMPETITION = { sport: 'nfl' as const, code: 'NFL', name: 'National Football League', country: 'USA' };

const REQUIRED = ['game_id', 'season', 'week', 'gameday', 'home_team', 'away_team', 'home_score', 'away_score'] as const;

/** Ingest nflverse games.csv files (one transaction per file). */
export async function ingestNflverseGames({ ctx, input }: { ctx: IngestRunCtx; input: IngestInput }): Promise<RunSummary> {
  const { files, ...opts } = input;
  return runSource(ctx, 'nflverse-games', files, (tx, file) => ingestGamesFile(tx, file), {
    ...opts,
    prepare: (tx) => ensureReferenceTeams(tx, 'nfl'),
  });
}

interface GameRow {
  row: number;
  gameId: string;
  season: string;
  week: number;
  date: string;
  kickoffAt: string;
  home: string;
  away: string;
  homeScore: number | null;
  awayScore: number | null;
  neutral: boolean;
  homeMl: number | null;
  awayMl: number | null;
  spread: number | null;
  homeSpreadPrice: number | null;
  awaySpreadPrice: number | null;
  total: number | null;
  overPrice: number | null;
  underPrice: number | null;
  /** Pre-game conditions the prop features read (null when the cell is empty or the column absent). */
  conditions: {
    homeRest: number | null; awayRest: number | null; roof: string | null; wind: number | null; temp: number | null; divisional: boolean | null;
    spreadLine: number | null; totalLine: number | null;
  };
}

function num(s: string): number | null {
  if (s.trim() === '') return null;
  const v = Number(s);
  return Number.isFinite(v) ? v : NaN;
}

/** A cell as a finite number, else null (conditions are context, not results: a bad cell is left out, not rejected). */
const finiteOrNull = (s: string): number | null => {
  const v = num(s);
  return v === null || Number.isNaN(v) ? null : v;
};
const intOrNull = (s: string): number | null => {
  const v = finiteOrNull(s);
  return v !== null && Number.isInteger(v) ? v : null;
};

/** Parse and check one data row; returns the row or a reject reason. */
function readRow(cells: string[], c: Map<string, number>, row: number, priceRejects: string[]): GameRow | string {
  const get = (name: string) => {
    const i = c.get(name);
    return i === undefined ? '' : (cells[i] ?? '').trim();
  };
  const gameId = get('game_id');
  if (!gameId) return 'missing game_id';
  const season = get('season');
  if (!/^\d{4}$/.test(season)) return `invalid season "${season}"`;
  const week = Number(get('week'));
  if (!Number.isInteger(week) || week < 0 || week > 30) return `invalid week "${get('week')}"`;
  const date = get('gameday');
  if (!ISO_DATE.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`))) return `invalid date "${date}"`;
  const home = get('home_team');
  const away = get('away_team');
  if (!home || !away) return 'missing team';
  const hs = num(get('home_score'));
  const as = num(get('away_score'));
  for (const [label, v] of [['home_score', hs], ['away_score', as]] as const) {
    if (v !== null && (!Number.isInteger(v) || v < 0)) return `invalid ${label} "${get(label)}" (must be a non-negative integer)`;
  }
  if ((hs === null) !== (as === null)) return 'only one of home_score/away_score is present';
  const time = get('gametime');
  const kickoffAt = HHMM.test(time)
    ? new Date(zonedToUtc(date, time, 'America/New_York')).toISOString()
    : dateOnlyInstant(date);
  const price = (name: string): number | null => {
    const raw = get(name);
    const v = num(raw);
    if (v === null) return null;
    const d = Number.isNaN(v) ? null : americanToDecimal(v);
    if (d === null) priceRejects.push(`dropped invalid price ${name}="${raw}" (decimal odds must be > 1)`);
    return d;
  };
  const line = (name: string): number | null => {
    const v = num(get(name));
    if (v !== null && Number.isNaN(v)) {
      priceRejects.push(`dropped invalid line ${name}="${get(name)}"`);
      return null;
    }
    return v;
  };
  return {
    row,
    gameId,
    season,
    week,
    date,
    kickoffAt,
    home,
    away,
    homeScore: hs,
    awayScore: as,
    neutral: get('location') === 'Neutral',
    homeMl: price('home_moneyline'),
    awayMl: price('away_moneyline'),
    spread: line('spread_line'),
    homeSpreadPrice: price('home_spread_odds'),
    awaySpreadPrice: price('away_spread_odds'),
    total: line('total_line'),
    overPrice: price('over_odds'),
    underPrice: price('under_odds'),
    conditions: {
      homeRest: intOrNull(get('home_rest')), awayRest: intOrNull(get('away_rest')), roof: get('roof') || null,
      wind: finiteOrNull(get('wind')), temp: finiteOrNull(get('temp')), divisional: get('div_game') === '' ? null : get('div_game') === '1',
      spreadLine: finiteOrNull(get('spread_line')), totalLine: finiteOrNull(get('total_line')),
    },
  };
}

async function ingestGamesFile(tx: Tx, file: IngestFile) {
  const { table, read: c } = openSourceCsv(file.text, 'an nflverse games', (t) => columnIndex(t.header, REQUIRED));
  const rejects: Reject[] = [];
  const games: GameRow[] = [];
  let rowRejects = 0;
  for (let i = 0; i < table.rows.length; i++) {
    const row = table.lineNumbers[i]!;
    const priceProblems: string[] = [];
    const g = readRow(table.rows[i]!, c, row, priceProblems);
    if (typeof g === 'string') {
      rejects.push({ row, raw: rawRow(table, i), reason: g });
      rowRejects++;
      continue;
    }
    for (const p of priceProblems) rejects.push({ row, raw: rawRow(table, i), reason: p });
    games.push(g);
  }
  assertMostRowsValid(table.rows.length, rowRejects, 'nflverse games');
  const counts = zeroCounts();
  if (games.length === 0) return { counts, rejects };

  const competitionId = await ensureCompetition(tx, NFL_COMPETITION);
  const seasonIds = new Map<string, number>();
  const bySeason = new Map<string, { first: string; last: string }>();
  for (const g of games) {
    const s = bySeason.get(g.season);
    if (!s) bySeason.set(g.season, { first: g.date, last: g.date });
    else {
      if (g.date < s.first) s.first = g.date;
      if (g.date > s.last) s.last = g.date;
    }
  }
  for (const [label, r] of bySeason) seasonIds.set(label, await ensureSeason(tx, competitionId, label, r.first, r.last));
  const teams = await resolveOrRegisterTeams(tx, 'nfl', NFLVERSE_SOURCE, games.flatMap((g) => [g.home, g.away]));
  counts.inserted += teams.created;

  const records: FixtureRecord[] = [];
  const kept: GameRow[] = [];
  const seen = new Set<string>();
  for (const g of games) {
    if (seen.has(g.gameId)) {
      rejects.push({ row: g.row, raw: null, reason: `duplicate game_id ${g.gameId} in this file` });
      continue;
    }
    const rec = fixtureRecordSchema.safeParse({
      naturalKey: g.gameId,
      competitionId,
      seasonId: seasonIds.get(g.season)!,
      homeTeamId: teams.ids.get(g.home)!,
      awayTeamId: teams.ids.get(g.away)!,
      kickoffAt: g.kickoffAt,
      status: g.homeScore === null ? 'scheduled' : 'final',
      neutralVenue: g.neutral,
      week: g.week,
      homeScore: g.homeScore,
      awayScore: g.awayScore,
      homeScoreHt: null,
      awayScoreHt: null,
    });
    if (!rec.success) {
      rejects.push({ row: g.row, raw: null, reason: `invalid game: ${rec.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}` });
      continue;
    }
    seen.add(g.gameId);
    records.push(rec.data);
    kept.push(g);
  }
  const fx = await upsertFixtures(tx, 'nfl', records);
  addCounts(counts, fx.counts);

  const bookId = (await ensureBookmakers(tx, [NFL_LINES_BOOK])).get(NFL_LINES_BOOK.key)!;
  const batch = new OddsBatch(NFLVERSE_SOURCE);
  for (const g of kept) {
    const id = fx.ids.get(g.gameId)!;
    const at = `${g.date}T00:00:00.000Z`;
    if (g.homeMl !== null && g.awayMl !== null) {
      batch.push(id, bookId, 'moneyline', 'home', null, g.homeMl, at, false);
      batch.push(id, bookId, 'moneyline', 'away', null, g.awayMl, at, false);
    }
    if (g.spread !== null && g.homeSpreadPrice !== null && g.awaySpreadPrice !== null) {
      batch.push(id, bookId, 'spread', 'home', pricing.flipHandicap(g.spread), g.homeSpreadPrice, at, false);
      batch.push(id, bookId, 'spread', 'away', g.spread, g.awaySpreadPrice, at, false);
    }
    if (g.total !== null && g.overPrice !== null && g.underPrice !== null) {
      batch.push(id, bookId, 'game_total', 'over', g.total, g.overPrice, at, false);
      batch.push(id, bookId, 'game_total', 'under', g.total, g.underPrice, at, false);
    }
  }
  addCounts(counts, await upsertOddsSnapshots(tx, batch, fx.counts.inserted === records.length));
  // Conditions ride with their fixture: written beside it, not counted as rows of their own (a run's counts stay
  // what the schedule's games and lines were).
  await upsertNflGameConditions(tx, kept.map((g) => ({ fixtureId: fx.ids.get(g.gameId)!, ...g.conditions })));
  return { counts, rejects };
}
