import { describe, expect, it } from 'vitest';
import { buildEnv, buildFeatures, buildTeamRolling, buildWeeklyTable, tableRows, withUpcoming } from '../../src/nfl/props/index.ts';
import { gamesText, weeklyText } from './helpers.ts';

describe('live rows', () => {
  const full = buildEnv([weeklyText(2017), weeklyText(2018)], [gamesText()]);
  const WEEK = 201810;
  const t = full.table;
  const played = Array.from({ length: t.n }, (_, i) => i).filter((i) => t.time[i] === WEEK);
  // History as it stood before week 10 of 2018, and week 10's player-games as upcoming fixtures.
  const historyTable = buildWeeklyTable(tableRows(t).filter((r) => r.season * 100 + r.week < WEEK));
  const history = { table: historyTable, contexts: full.contexts, teams: buildTeamRolling(historyTable) };
  const upcoming = played.map((i) => ({
    playerId: t.playerId[i]!, playerName: t.playerName[i]!, position: t.position[i]!, team: t.team[i]!, opponent: t.opponent[i]!,
    season: t.season[i]!, week: t.week[i]!,
  }));
  const live = withUpcoming(history, upcoming);

  it('get exactly the features their games had in the historical table, in every family', () => {
    expect(played.length).toBeGreaterThan(100);
    for (const family of ['passing', 'rushing', 'receiving', 'touchdown'] as const) {
      expect(Array.from(buildFeatures(live.env, family, live.rows).values)).toEqual(Array.from(buildFeatures(full, family, Int32Array.from(played)).values));
    }
    expect(Number.isNaN(live.env.table.stats.receiving_yards[live.rows[0]!]!)).toBe(true);
  });

  it('refuse an upcoming game the player already has', () => {
    expect(() => withUpcoming(full, upcoming.slice(0, 1))).toThrow(/already has a 2018 week 10 game/);
  });
});
