/**
 * nflverse weekly player stats (`player_stats` / `weekly_YYYY.csv`, one row per player-game) → players and
 * `player_game_stats`. The game is found through the schedule already ingested from `games.csv`
 * (season + week + the player's team, which must have played that week), so ingest nflverse-games first;
 * a row whose game is unknown is rejected with that reason rather than inventing a fixture.
 * The prop markets and the prop models' features read the typed columns; every other numeric column is kept in `extra`.
 */
import {
  emptyStatColumns,
  ensurePlayers,
  fixturesOfSeasons,
  refreshPlayersLatestTeam,
  upsertPlayerGameStats,
  type Tx,
} from '@fairline/db';
import { columnIndex } from '@fairline/ml/data/csv';
import { ensureReferenceTeams, resolveOrRegisterTeams } from '../identity/teams.ts';
import { assertMostRowsValid, openSourceCsv, rawRow } from '../guards.ts';
import { runSource } from '../run-source.ts';
import { addCounts, FileRejectedError, zeroCounts, type IngestFile, type IngestInput, type IngestRunCtx, type Reject, type RunSummary } from '../types.ts';
import { NFL_COMPETITION, NFLVERSE_SOURCE } from './games.ts';

const REQUIRED = ['player_id', 'player_display_name', 'season', 'week'] as const;
/**
 * Newer nflverse releases renamed a few columns (`recent_team` → `team`, `interceptions` →
 * `passing_interceptions`); the first name present wins.
 */
const RENAMED: Record<string, string[]> = {
  recent_team: ['recent_team', 'team'],
  interceptions: ['interceptions', 'passing_interceptions'],
  sacks: ['sacks', 'sacks_suffered'],
};
const IDENTITY = new Set([
  'player_id', 'player_name', 'player_display_name', 'position', 'position_group', 'headshot_url', 'recent_team',
  'team', 'season', 'week', 'season_type', 'opponent_team', 'game_id',
]);
/** Typed columns: [csv column, stat key, integer?]. Counting stats must be non-negative integers. */
const TYPED = [
  ['completions', 'completions', true],
  ['attempts', 'passAttempts', true],
  ['passing_yards', 'passingYards', false],
  ['passing_tds', 'passingTds', true],
  ['interceptions', 'interceptions', true],
  ['carries', 'carries', true],
  ['rushing_yards', 'rushingYards', false],
  ['rushing_tds', 'rushingTds', true],
  ['targets', 'targets', true],
  ['receptions', 'receptions', true],
  ['receiving_yards', 'receivingYards', false],
  ['receiving_tds', 'receivingTds', true],
  // What the prop features read beyond the counting stats (ml/src/nfl/props/weekly.ts STATS): kept typed, at full
  // precision, so a model trained from the database equals one trained from the file.
  ['sacks', 'sacks', false],
  ['passing_air_yards', 'passingAirYards', false],
  ['receiving_air_yards', 'receivingAirYards', false],
  ['target_share', 'targetShare', false],
  ['air_yards_share', 'airYardsShare', false],
] as const;
const TYPED_COLUMNS = new Set<string>([...TYPED.map(([c]) => c), ...Object.values(RENAMED).flat()]);

/** Ingest nflverse weekly player-stats files (one at a time, one transaction each). */
export async function ingestNflverseWeekly({ ctx, input }: { ctx: IngestRunCtx; input: IngestInput }): Promise<RunSummary> {
  const { files, ...opts } = input;
  return runSource(ctx, 'nflverse-weekly', files, (tx, file) => ingestWeeklyFile(tx, file), {
    ...opts,
    // One file at a time: each file re-derives its players' latest team from all stored stat lines, which
    // must include the lines of the files before it.
    concurrency: 1,
    prepare: (tx) => ensureReferenceTeams(tx, 'nfl'),
  });
}

/** `${season}:${week}:${teamId}` → fixture id for the NFL seasons given. */
async function scheduleIndex(tx: Tx, seasons: string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const f of await fixturesOfSeasons(tx, NFL_COMPETITION.code, seasons)) {
    out.set(`${f.season}:${f.week}:${f.homeTeamId}`, f.id);
    out.set(`${f.season}:${f.week}:${f.awayTeamId}`, f.id);
  }
  return out;
}

async function ingestWeeklyFile(tx: Tx, file: IngestFile) {
  const { table, read: c } = openSourceCsv(file.text, 'an nflverse weekly player-stats', (t) => columnIndex(t.header, REQUIRED));
  const extraCols = table.header
    .map((h, i) => [h, i] as const)
    .filter(([h]) => h !== '' && !IDENTITY.has(h) && !TYPED_COLUMNS.has(h));
  const idx = (n: string) => {
    for (const name of RENAMED[n] ?? [n]) {
      const i = c.get(name);
      if (i !== undefined) return i;
    }
    return -1;
  };
  if (idx('recent_team') < 0) {
    throw new FileRejectedError('not an nflverse weekly player-stats file: CSV: missing required column(s): recent_team (or team)');
  }
  const cPlayer = idx('player_id'), cDisplay = idx('player_display_name'), cName = idx('player_name');
  const cPos = idx('position'), cTeam = idx('recent_team'), cOpp = idx('opponent_team');
  const cSeason = idx('season'), cWeek = idx('week'), cType = idx('season_type');
  const typed = TYPED.map(([col, key, int]) => [idx(col), key, int, col] as const);

  const rejects: Reject[] = [];
  const teamNames = new Set<string>();
  const seasons = new Set<string>();
  interface Line { i: number; row: number; player: string; name: string; pos: string | null; team: string; opp: string | null; season: string; week: number; stats: (number | null)[]; extra: string }
  const lines: Line[] = [];
  let bad = 0;
  for (let i = 0; i < table.rows.length; i++) {
    const r = table.rows[i]!;
    const row = table.lineNumbers[i]!;
    const cell = (k: number) => (k >= 0 ? (r[k] ?? '').trim() : '');
    const reject = (reason: string) => {
      rejects.push({ row, raw: rawRow(table, i), reason });
      bad++;
    };
    const player = cell(cPlayer);
    if (!player) { reject('missing player_id'); continue; }
    const name = cell(cDisplay) || cell(cName);
    if (!name) { reject('missing player name'); continue; }
    const team = cell(cTeam);
    if (!team) { reject('missing team (recent_team)'); continue; }
    const season = cell(cSeason);
    if (!/^\d{4}$/.test(season)) { reject(`invalid season "${season}"`); continue; }
    const week = Number(cell(cWeek));
    if (!Number.isInteger(week) || week < 1 || week > 30) { reject(`invalid week "${cell(cWeek)}"`); continue; }
    const stats: (number | null)[] = [];
    let problem: string | null = null;
    for (const [k, , int, col] of typed) {
      const s = cell(k);
      if (s === '') { stats.push(null); continue; }
      const v = Number(s);
      if (!Number.isFinite(v)) { problem = `invalid ${col} "${s}"`; break; }
      if (int && (!Number.isInteger(v) || v < 0)) { problem = `invalid ${col} "${s}" (must be a non-negative integer)`; break; }
      stats.push(v);
    }
    if (problem) { reject(problem); continue; }
    const extra: Record<string, number | string> = {};
    if (cType >= 0 && cell(cType)) extra.season_type = cell(cType);
    for (const [h, k] of extraCols) {
      const s = (r[k] ?? '').trim();
      if (s === '') continue;
      const v = Number(s);
      if (Number.isFinite(v)) extra[h] = v;
    }
    const opp = cell(cOpp) || null;
    teamNames.add(team);
    if (opp) teamNames.add(opp);
    seasons.add(season);
    lines.push({ i, row, player, name, pos: cell(cPos) || null, team, opp, season, week, stats, extra: JSON.stringify(extra) });
  }
  assertMostRowsValid(table.rows.length, bad, 'nflverse weekly');
  const counts = zeroCounts();
  if (lines.length === 0) return { counts, rejects };

  const teams = await resolveOrRegisterTeams(tx, 'nfl', NFLVERSE_SOURCE, teamNames);
  counts.inserted += teams.created;
  const schedule = await scheduleIndex(tx, [...seasons]);

  const resolved: { line: Line; fixtureId: number; teamId: number; oppId: number | null }[] = [];
  const seen = new Set<string>();
  for (const line of lines) {
    const teamId = teams.ids.get(line.team)!;
    const fixtureId = schedule.get(`${line.season}:${line.week}:${teamId}`);
    if (fixtureId === undefined) {
      rejects.push({
        row: line.row,
        raw: rawRow(table, line.i),
        reason: `no NFL game for ${line.team} in season ${line.season} week ${line.week} (ingest nflverse-games first)`,
      });
      continue;
    }
    const key = `${line.player}:${fixtureId}`;
    if (seen.has(key)) {
      rejects.push({ row: line.row, raw: rawRow(table, line.i), reason: `duplicate stat line for ${line.player} in this game` });
      continue;
    }
    seen.add(key);
    resolved.push({ line, fixtureId, teamId, oppId: line.opp ? (teams.ids.get(line.opp) ?? null) : null });
  }

  const playerMap = new Map<string, { externalId: string; name: string; position: string | null; teamId: number | null }>();
  for (const r of resolved) {
    playerMap.set(r.line.player, { externalId: r.line.player, name: r.line.name, position: r.line.pos, teamId: r.teamId });
  }
  const players = await ensurePlayers(tx, 'nfl', [...playerMap.values()]);
  counts.inserted += players.inserted;

  const cols = emptyStatColumns();
  for (const r of resolved) {
    cols.playerId.push(players.ids.get(r.line.player)!);
    cols.fixtureId.push(r.fixtureId);
    cols.teamId.push(r.teamId);
    cols.opponentTeamId.push(r.oppId);
    cols.position.push(r.line.pos);
    typed.forEach(([, key], j) => (cols[key] as (number | null)[]).push(r.line.stats[j] ?? null));
    cols.extra.push(r.line.extra);
  }
  addCounts(counts, await upsertPlayerGameStats(tx, cols));
  counts.updated += await refreshPlayersLatestTeam(tx, [...players.ids.values()]);
  return { counts, rejects };
}
