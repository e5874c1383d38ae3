/**
 * The live situation, rebuilt: before a week's kickoffs the table holds every earlier game, none of that
 * week's stats, not every player of that week (who plays is unknown before kickoff) and nothing later. The
 * features of that week's player-games must be the same as those built from the complete table. This catches
 * "presence" leaks that scrambling stats cannot (a feature that reads whether a player or a teammate has a row
 * in the week or later), at a season opener (priors crossing the season boundary), mid-season and in the
 * playoffs.
 */
import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/numerics/index.ts';
import { buildEnv, buildFeatures, buildTeamRolling, buildWeeklyTable, STATS, tableRows, type FeatureEnv } from '../../src/nfl/props/index.ts';
import { gamesText, weeklyText } from './helpers.ts';

describe('features see only what is known before kickoff', () => {
  const env = buildEnv([weeklyText(2017), weeklyText(2018)], [gamesText()]);
  const all = tableRows(env.table);
  const timeOf = (r: { season: number; week: number }) => r.season * 100 + r.week;

  it.each([201801, 201810, 201719, 201721])('week %i: same features without that week’s stats, half its players and every later week', (week) => {
    const rng = createRng(week);
    const kept = all
      .filter((r) => timeOf(r) < week || (timeOf(r) === week && rng.next() < 0.5))
      .map((r) => (timeOf(r) === week ? { ...r, stats: new Float64Array(STATS.length).fill(Number.NaN) } : r));
    const table = buildWeeklyTable(kept);
    const live: FeatureEnv = { table, contexts: env.contexts, teams: buildTeamRolling(table) };
    const index = new Map<string, number>();
    for (let i = 0; i < env.table.n; i++) index.set(`${env.table.playerId[i]}:${env.table.time[i]}`, i);
    const liveRows: number[] = [];
    const fullRows: number[] = [];
    for (let i = 0; i < table.n; i++) {
      if (table.time[i] !== week) continue;
      liveRows.push(i);
      fullRows.push(index.get(`${table.playerId[i]}:${table.time[i]}`)!);
    }
    expect(liveRows.length).toBeGreaterThan(5); // the Super Bowl week has two teams
    for (const family of ['passing', 'rushing', 'receiving', 'touchdown'] as const) {
      const a = buildFeatures(env, family, fullRows);
      const b = buildFeatures(live, family, liveRows);
      expect(Array.from(b.values)).toEqual(Array.from(a.values));
    }
  });
});
