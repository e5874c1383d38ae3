/**
 * football-data.co.uk results-and-odds CSVs → competitions, seasons, teams, fixtures and odds snapshots.
 *
 * Parsing and per-row normalisation reuse @fairline/ml's `parseFootballData` (every header generation, both
 * date formats); this adapter adds the file-level guards, identity resolution (football-data is the source of
 * record for its leagues, so it may register teams), zod validation of the normalised fixture and the upserts.
 *
 * Conventions: the season is the one in which the file's first match falls (July–June); kick-off = the `Time`
 * column read as UK time, or 12:00 UTC of the date when the file has no times; every price in a file is
 * captured "at" the match date (00:00 UTC): the pre-match and closing prices are told apart by the closing flag.
 * Asian handicap lines are stored per selection (home gets `AHh`, away its negation). Rows without a score
 * (football-data's fixtures file) become `scheduled` fixtures under the same natural key, so the results file
 * later completes the same row; their prices are updated in place when the file is refreshed.
 */
import { parseCsv } from '@fairline/ml/data/csv';
import { parseFootballData, type FootballDataFixture } from '@fairline/ml/data/football-data';

/** A row of the file: played (with goals) or upcoming (fixtures file rows, no score yet). */
type FdRow = FootballDataFixture & { homeGoals?: number; awayGoals?: number };
import { ensureBookmakers, ensureCompetition, ensureSeason } from '../identity/catalog.ts';
import { ensureReferenceTeams, resolveOrRegisterTeams } from '../identity/teams.ts';
import { runSource } from '../run-source.ts';
import { fixtureRecordSchema, upsertFixtures, type FixtureRecord } from '../store/fixtures.ts';
import { OddsBatch, upsertOddsSnapshots } from '../store/odds.ts';
import type { Tx } from '../store/sql.ts';
import { assertNotTruncated, assertMostRowsValid, rawRow } from '../guards.ts';
import { dateOnlyInstant, zonedToUtc } from '../time.ts';
import { addCounts, FileRejectedError, zeroCounts, type IngestCtx, type IngestFile, type Reject, type RunOptions, type RunSummary } from '../types.ts';
import { bookOf } from './bookmakers.ts';

export const FOOTBALL_DATA_SOURCE = 'football-data';

const LEAGUES: Record<string, { name: string; country: string }> = {
  E0: { name: 'Premier League', country: 'England' },
  E1: { name: 'Championship', country: 'England' },
  E2: { name: 'League One', country: 'England' },
  E3: { name: 'League Two', country: 'England' },
  SC0: { name: 'Scottish Premiership', country: 'Scotland' },
  D1: { name: 'Bundesliga', country: 'Germany' },
  D2: { name: '2. Bundesliga', country: 'Germany' },
  SP1: { name: 'La Liga', country: 'Spain' },
  SP2: { name: 'Segunda División', country: 'Spain' },
  I1: { name: 'Serie A', country: 'Italy' },
  I2: { name: 'Serie B', country: 'Italy' },
  F1: { name: 'Ligue 1', country: 'France' },
  F2: { name: 'Ligue 2', country: 'France' },
  N1: { name: 'Eredivisie', country: 'Netherlands' },
  B1: { name: 'Jupiler League', country: 'Belgium' },
  P1: { name: 'Primeira Liga', country: 'Portugal' },
  T1: { name: 'Süper Lig', country: 'Turkey' },
  G1: { name: 'Super League', country: 'Greece' },
};

/** Ingest football-data.co.uk files (one transaction per file). */
export async function ingestFootballData(
  ctx: IngestCtx,
  input: { files: readonly IngestFile[] },
  opts: RunOptions = {},
): Promise<RunSummary> {
  return runSource(ctx, 'football-data', input.files, (tx, file) => ingestFile(tx, file), {
    ...opts,
    prepare: (tx) => ensureReferenceTeams(tx, 'soccer'),
  });
}

/** Season label ('2019/20') of a match date: seasons run July to June. */
export function seasonOf(isoDate: string): string {
  const y = Number(isoDate.slice(0, 4));
  const m = Number(isoDate.slice(5, 7));
  const start = m >= 7 ? y : y - 1;
  return `${start}/${String((start + 1) % 100).padStart(2, '0')}`;
}

async function ingestFile(tx: Tx, file: IngestFile) {
  assertNotTruncated(file.text);
  let table;
  let parsed;
  try {
    table = parseCsv(file.text);
    parsed = parseFootballData(table);
  } catch (err) {
    throw new FileRejectedError(`not a football-data.co.uk file: ${err instanceof Error ? err.message : String(err)}`);
  }
  const rowIndex = new Map<number, number>();
  table.lineNumbers.forEach((ln, i) => rowIndex.set(ln, i));
  const raw = (row: number) => rawRow(table, rowIndex.get(row));
  const rejects: Reject[] = parsed.rejects.map((r) => ({ row: r.row, raw: raw(r.row), reason: r.reason }));
  for (const w of parsed.warnings) rejects.push({ row: w.row, raw: raw(w.row), reason: w.reason });
  assertMostRowsValid(table.rows.length, parsed.rejects.length, 'football-data');

  // Played matches and upcoming fixtures (both score cells empty), in file order.
  const matches: FdRow[] = [...parsed.matches, ...parsed.fixtures].sort((a, b) => a.row - b.row);
  if (matches.length === 0) return { counts: zeroCounts(), rejects };
  const code = matches[0]!.division ?? /^([A-Z]+\d)/.exec(file.name.replace(/^.*[\\/]/, ''))?.[1];
  if (!code) throw new FileRejectedError('cannot tell the competition: no Div column and no division in the file name');
  const kept: FdRow[] = [];
  for (const m of matches) {
    if (m.division !== null && m.division !== code) {
      rejects.push({ row: m.row, raw: raw(m.row), reason: `division "${m.division}" differs from the file's "${code}"` });
    } else kept.push(m);
  }
  let first = kept[0]!.date;
  let last = first;
  for (const m of kept) {
    if (m.date < first) first = m.date;
    if (m.date > last) last = m.date;
  }
  const league = LEAGUES[code];
  const counts = zeroCounts();
  const competitionId = await ensureCompetition(tx, {
    sport: 'soccer',
    code,
    name: league?.name ?? code,
    country: league?.country ?? null,
  });
  const season = seasonOf(first);
  const seasonId = await ensureSeason(tx, competitionId, season, first, last);
  const teams = await resolveOrRegisterTeams(
    tx,
    'soccer',
    FOOTBALL_DATA_SOURCE,
    kept.flatMap((m) => [m.homeTeam, m.awayTeam]),
  );
  counts.inserted += teams.created;

  const records: FixtureRecord[] = [];
  const recordMatch: FdRow[] = [];
  const seen = new Set<string>();
  for (const m of kept) {
    const home = teams.ids.get(m.homeTeam)!;
    const away = teams.ids.get(m.awayTeam)!;
    const naturalKey = `${code}:${season}:${home}:${away}`;
    if (seen.has(naturalKey)) {
      rejects.push({ row: m.row, raw: raw(m.row), reason: `duplicate fixture ${m.homeTeam} v ${m.awayTeam} in this file` });
      continue;
    }
    let kickoffAt = dateOnlyInstant(m.date);
    if (m.time) {
      const t = /^(\d{1,2}):(\d{2})$/.exec(m.time);
      if (t) kickoffAt = new Date(zonedToUtc(m.date, `${t[1]}:${t[2]}`, 'Europe/London')).toISOString();
    }
    const rec = fixtureRecordSchema.safeParse({
      naturalKey,
      competitionId,
      seasonId,
      homeTeamId: home,
      awayTeamId: away,
      kickoffAt,
      status: m.homeGoals === undefined ? 'scheduled' : 'final',
      neutralVenue: false,
      week: null,
      homeScore: m.homeGoals ?? null,
      awayScore: m.awayGoals ?? null,
      homeScoreHt: m.halfTimeHomeGoals,
      awayScoreHt: m.halfTimeAwayGoals,
    });
    if (!rec.success) {
      rejects.push({ row: m.row, raw: raw(m.row), reason: `invalid match: ${rec.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}` });
      continue;
    }
    seen.add(naturalKey);
    records.push(rec.data);
    recordMatch.push(m);
  }
  const fx = await upsertFixtures(tx, 'soccer', records);
  addCounts(counts, fx.counts);

  // Bookmakers of every column group in the file.
  const groups = {
    x12: new Set<string>(),
    ou: new Set<string>(),
    ah: new Set<string>(),
  };
  for (const m of recordMatch) {
    for (const k in m.odds1x2) groups.x12.add(k);
    for (const k in m.overUnder25) groups.ou.add(k);
    for (const k in m.asianHandicap) groups.ah.add(k);
  }
  const books = new Map<string, { key: string; name: string }>();
  for (const [g, set] of Object.entries(groups)) {
    for (const k of set) books.set(`${g}:${k}`, bookOf(k, set));
  }
  const bookIds = await ensureBookmakers(tx, [...books.values()]);

  const batch = new OddsBatch(FOOTBALL_DATA_SOURCE);
  for (let i = 0; i < records.length; i++) {
    const m = recordMatch[i]!;
    const fixtureId = fx.ids.get(records[i]!.naturalKey)!;
    const at = `${m.date}T00:00:00.000Z`;
    for (const k in m.odds1x2) {
      const p = m.odds1x2[k]!;
      const b = bookOf(k, groups.x12);
      const id = bookIds.get(b.key)!;
      batch.push(fixtureId, id, '1x2', 'home', null, p.home, at, b.closing);
      batch.push(fixtureId, id, '1x2', 'draw', null, p.draw, at, b.closing);
      batch.push(fixtureId, id, '1x2', 'away', null, p.away, at, b.closing);
    }
    for (const k in m.overUnder25) {
      const p = m.overUnder25[k]!;
      const b = bookOf(k, groups.ou);
      const id = bookIds.get(b.key)!;
      batch.push(fixtureId, id, 'totals', 'over', 2.5, p.over, at, b.closing);
      batch.push(fixtureId, id, 'totals', 'under', 2.5, p.under, at, b.closing);
    }
    for (const k in m.asianHandicap) {
      const p = m.asianHandicap[k]!;
      const b = bookOf(k, groups.ah);
      const id = bookIds.get(b.key)!;
      batch.push(fixtureId, id, 'asian_handicap', 'home', p.line, p.home, at, b.closing);
      batch.push(fixtureId, id, 'asian_handicap', 'away', p.line === 0 ? 0 : -p.line, p.away, at, b.closing);
    }
  }
  addCounts(counts, await upsertOddsSnapshots(tx, batch, fx.counts.inserted === records.length));
  return { counts, rejects };
}
