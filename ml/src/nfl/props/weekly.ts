/**
 * The nflverse weekly offensive player file (one row per player-game, regular and post season) as a
 * column table, sorted by player and then chronologically, with a link from each row to the same player's
 * previous game. Feature builders walk that link backwards, so they can only ever see strictly earlier games.
 *
 * Pure: takes CSV text (or already-parsed tables), returns typed arrays.
 */
import { parseCsv } from '../../data/csv.ts';
import { canonicalTeam } from '../teams.ts';

/** Numeric columns read from the file (missing cells become 0: the file leaves shares empty when undefined). */
export const STATS = [
  'completions',
  'attempts',
  'passing_yards',
  'passing_tds',
  'interceptions',
  'sacks',
  'passing_air_yards',
  'carries',
  'rushing_yards',
  'rushing_tds',
  'receptions',
  'targets',
  'receiving_yards',
  'receiving_tds',
  'receiving_air_yards',
  'target_share',
  'air_yards_share',
] as const;
export type StatName = (typeof STATS)[number];

export interface WeeklyTable {
  n: number;
  playerId: string[];
  /** player_name, or player_display_name when the former is empty (2015–16 files). */
  playerName: string[];
  position: string[];
  team: string[];
  opponent: string[];
  season: Int32Array;
  week: Int32Array;
  postseason: Uint8Array;
  /** season·100 + week: a chronological key shared by every team's game that week. */
  time: Int32Array;
  /** Row index of the same player's previous game, −1 for his first game in the table. */
  prev: Int32Array;
  stats: Record<StatName, Float64Array>;
}

/** One player-game before it enters the table (stats in `STATS` order; NaN = not yet known). */
export interface RawRow {
  playerId: string;
  playerName: string;
  position: string;
  team: string;
  opponent: string;
  season: number;
  week: number;
  post: number;
  stats: Float64Array;
}

/**
 * Columns read from the file, each with the names later nflverse releases give it: the 2025 player-stats
 * files call the team `team` (was `recent_team`), interceptions `passing_interceptions` and sacks
 * `sacks_suffered`. The first name present is used, so both layouts parse to the same table.
 */
const ALIASES: Readonly<Record<string, readonly string[]>> = {
  recent_team: ['recent_team', 'team'],
  interceptions: ['interceptions', 'passing_interceptions'],
  sacks: ['sacks', 'sacks_suffered'],
};
const REQUIRED = ['player_id', 'position', 'recent_team', 'season', 'week', 'season_type', 'opponent_team'];

/** Parse one or more weekly CSV texts into a single table (rows of several seasons may be mixed). */
export function parseWeekly(texts: readonly string[]): WeeklyTable {
  const raw: RawRow[] = [];
  for (const text of texts) {
    const { header, rows } = parseCsv(text);
    const find = (name: string) => {
      for (const alias of ALIASES[name] ?? [name]) {
        const i = header.indexOf(alias);
        if (i >= 0) return i;
      }
      return -1;
    };
    const col = (name: string) => {
      const i = find(name);
      if (i < 0) throw new Error(`weekly: missing column ${(ALIASES[name] ?? [name]).join(' or ')}`);
      return i;
    };
    for (const c of [...REQUIRED, ...STATS]) col(c);
    const ci = Object.fromEntries(REQUIRED.map((c) => [c, col(c)])) as Record<string, number>;
    // Names: player_name (abbreviated) or, when empty or absent, player_display_name; one of them must exist.
    const nameCols = [find('player_name'), find('player_display_name')].filter((i) => i >= 0);
    if (nameCols.length === 0) throw new Error('weekly: missing column player_name or player_display_name');
    const si = STATS.map(col);
    for (const r of rows) {
      const stats = new Float64Array(STATS.length);
      for (let k = 0; k < si.length; k++) {
        const v = Number(r[si[k]!]);
        stats[k] = r[si[k]!] === '' || !Number.isFinite(v) ? 0 : v;
      }
      let name = '';
      for (const c of nameCols) if (!name) name = r[c] ?? '';
      raw.push({
        playerId: r[ci.player_id!]!,
        playerName: name,
        position: r[ci.position!]!,
        team: canonicalTeam(r[ci.recent_team!]!),
        opponent: canonicalTeam(r[ci.opponent_team!]!),
        season: Number(r[ci.season!]),
        week: Number(r[ci.week!]),
        post: r[ci.season_type!] === 'POST' ? 1 : 0,
        stats,
      });
    }
  }
  return buildWeeklyTable(raw);
}

/** Sort player-games by player then time and link each to the player's previous game. */
export function buildWeeklyTable(rows: readonly RawRow[]): WeeklyTable {
  const raw = [...rows].sort((a, b) => (a.playerId < b.playerId ? -1 : a.playerId > b.playerId ? 1 : a.season - b.season || a.week - b.week));
  const n = raw.length;
  const t: WeeklyTable = {
    n,
    playerId: raw.map((r) => r.playerId),
    playerName: raw.map((r) => r.playerName),
    position: raw.map((r) => r.position),
    team: raw.map((r) => r.team),
    opponent: raw.map((r) => r.opponent),
    season: Int32Array.from(raw, (r) => r.season),
    week: Int32Array.from(raw, (r) => r.week),
    postseason: Uint8Array.from(raw, (r) => r.post),
    time: Int32Array.from(raw, (r) => r.season * 100 + r.week),
    prev: new Int32Array(n).fill(-1),
    stats: Object.fromEntries(STATS.map((s, k) => [s, Float64Array.from(raw, (r) => r.stats[k]!)])) as Record<StatName, Float64Array>,
  };
  for (let i = 1; i < n; i++) if (t.playerId[i] === t.playerId[i - 1]) t.prev[i] = i - 1;
  return t;
}

/** The table's rows back as raw rows (e.g. to add upcoming games and rebuild). */
export function tableRows(t: WeeklyTable): RawRow[] {
  return Array.from({ length: t.n }, (_, i) => ({
    playerId: t.playerId[i]!, playerName: t.playerName[i]!, position: t.position[i]!, team: t.team[i]!, opponent: t.opponent[i]!,
    season: t.season[i]!, week: t.week[i]!, post: t.postseason[i]!, stats: Float64Array.from(STATS, (s) => t.stats[s][i]!),
  }));
}
