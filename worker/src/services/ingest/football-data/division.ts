/**
 * One division's rows of a football-data file → competition, season, teams, fixtures and prices.
 * The season is the one in which the division's first row falls (July–June).
 */
import {
  ensureBookmakers,
  ensureCompetition,
  ensureSeason,
  OddsBatch,
  upsertFixtures,
  upsertOddsSnapshots,
  type FixtureRecord,
  type Tx,
} from '@fairline/db';
import { pricing } from '@fairline/ml';
import { fixtureRecordSchema } from '../fixture-record.ts';
import { resolveOrRegisterTeams } from '../identity/teams.ts';
import { dateOnlyInstant, zonedToUtc } from '../time.ts';
import { addCounts, zeroCounts, type Counts, type Reject } from '../types.ts';
import { bookOf } from './bookmakers.ts';
import { FOOTBALL_DATA_SOURCE, LEAGUES, seasonOf, type FdRow } from './common.ts';

/** Writes one division's kept rows (rejecting duplicates and invalid matches into `rejects`); returns the counts. */
export async function ingestDivision(
  tx: Tx,
  code: string,
  kept: FdRow[],
  raw: (row: number) => string | null,
  rejects: Reject[],
): Promise<Counts> {
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
      homeShotsOnTarget: m.homeShotsOnTarget,
      awayShotsOnTarget: m.awayShotsOnTarget,
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
      batch.push(fixtureId, id, 'asian_handicap', 'away', pricing.flipHandicap(p.line), p.away, at, b.closing);
    }
  }
  addCounts(counts, await upsertOddsSnapshots(tx, batch, fx.counts.inserted === records.length));
  return counts;
}
