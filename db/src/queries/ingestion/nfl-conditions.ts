/** The nflverse schedule's pre-game conditions per NFL game (rest, roof, wind, temperature, divisional, closing lines). */
import { sql } from 'drizzle-orm';
import type { Tx } from '../../client.ts';
import { rows, unnest, zeroWriteCounts, type WriteCounts } from '../sql.ts';

/** One game's conditions as read from the schedule (null where the file is empty). */
export interface NflGameConditionsRow {
  fixtureId: number;
  homeRest: number | null;
  awayRest: number | null;
  roof: string | null;
  wind: number | null;
  temp: number | null;
  divisional: boolean | null;
  /** nflverse spread_line (positive = home favoured) and total_line. */
  spreadLine: number | null;
  totalLine: number | null;
}

/** Upserts conditions by fixture, rewriting a row only when a value differs (a re-ingest of the same file writes nothing). */
export async function upsertNflGameConditions(tx: Tx, recs: readonly NflGameConditionsRow[]): Promise<WriteCounts> {
  const counts = zeroWriteCounts();
  if (recs.length === 0) return counts;
  const v = unnest('v', [
    ['fixture_id', 'int4', recs.map((r) => r.fixtureId)],
    ['home_rest', 'int4', recs.map((r) => r.homeRest)],
    ['away_rest', 'int4', recs.map((r) => r.awayRest)],
    ['roof', 'text', recs.map((r) => r.roof)],
    ['wind', 'float8', recs.map((r) => r.wind)],
    ['temp', 'float8', recs.map((r) => r.temp)],
    ['divisional', 'bool', recs.map((r) => r.divisional)],
    ['spread_line', 'float8', recs.map((r) => r.spreadLine)],
    ['total_line', 'float8', recs.map((r) => r.totalLine)],
  ]);
  const out = await rows<{ ins: boolean }>(
    tx,
    sql`INSERT INTO nfl_game_conditions AS c (fixture_id, home_rest, away_rest, roof, wind, temp, divisional, spread_line, total_line)
        SELECT fixture_id, home_rest, away_rest, roof, wind, temp, divisional, spread_line, total_line FROM ${v}
        ON CONFLICT (fixture_id) DO UPDATE SET home_rest = excluded.home_rest, away_rest = excluded.away_rest, roof = excluded.roof,
          wind = excluded.wind, temp = excluded.temp, divisional = excluded.divisional, spread_line = excluded.spread_line,
          total_line = excluded.total_line
        WHERE (c.home_rest, c.away_rest, c.roof, c.wind, c.temp, c.divisional, c.spread_line, c.total_line)
          IS DISTINCT FROM (excluded.home_rest, excluded.away_rest, excluded.roof, excluded.wind, excluded.temp, excluded.divisional,
            excluded.spread_line, excluded.total_line)
        RETURNING (c.xmax = 0) AS ins`,
  );
  counts.inserted = out.filter((r) => r.ins).length;
  counts.updated = out.length - counts.inserted;
  counts.unchanged = recs.length - out.length;
  return counts;
}
