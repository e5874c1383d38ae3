/**
 * The read behind the demo's simulated model history (worker/src/seed/simulated-model-history.ts): a competition's
 * finished matches in kickoff order with the last 1X2 prices quoted before each kickoff, so a walk-forward history
 * of versions can be fitted, scored and compared with the market on the demo league.
 */
import { sql } from 'drizzle-orm';
import type { Tx } from '../client.ts';
import { rows } from './sql.ts';

/** A finished match with the books' last 1X2 prices before kickoff (decimal odds; null when none was quoted). */
export interface FinishedMatchWithPrices {
  fixtureId: number;
  homeTeamId: number;
  awayTeamId: number;
  homeGoals: number;
  awayGoals: number;
  kickoffAt: Date;
  neutral: boolean;
  home: number | null;
  draw: number | null;
  away: number | null;
}

/**
 * Finished matches of competition `code`, oldest first, each with the last price of each 1X2 selection captured
 * before kickoff (from whichever book quoted last).
 */
export async function finishedMatchesWithPrices(db: Tx, code: string): Promise<FinishedMatchWithPrices[]> {
  const out = await rows<FinishedMatchWithPrices & { kickoffAt: Date | string }>(
    db,
    sql`
      with last_price as (
        select distinct on (o.fixture_id, o.selection) o.fixture_id, o.selection, o.price
        from odds_snapshots o join fixtures f on f.id = o.fixture_id
        where o.market = '1x2' and o.player_id is null and o.captured_at < f.kickoff_at
        order by o.fixture_id, o.selection, o.captured_at desc, o.id desc
      )
      select f.id as "fixtureId", f.home_team_id as "homeTeamId", f.away_team_id as "awayTeamId",
             f.home_score as "homeGoals", f.away_score as "awayGoals", f.kickoff_at as "kickoffAt", f.neutral_venue as "neutral",
             max(p.price) filter (where p.selection = 'home') as "home",
             max(p.price) filter (where p.selection = 'draw') as "draw",
             max(p.price) filter (where p.selection = 'away') as "away"
      from fixtures f
      join competitions c on c.id = f.competition_id
      left join last_price p on p.fixture_id = f.id
      where c.code = ${code} and f.status = 'final' and f.home_score is not null and f.away_score is not null
      group by f.id
      order by f.kickoff_at, f.id`,
  );
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return out.map((r) => ({
    ...r,
    kickoffAt: new Date(r.kickoffAt),
    home: num(r.home),
    draw: num(r.draw),
    away: num(r.away),
  }));
}
