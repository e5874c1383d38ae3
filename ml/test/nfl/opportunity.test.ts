import { describe, expect, it } from 'vitest';
import { contextKey, type TeamContext } from '../../src/nfl/index.ts';
import { buildTeamRolling, parseWeekly } from '../../src/nfl/props/index.ts';
import { gamesMissed, leaguePrior, shrunkRate, teamTotal, volumeShare } from '../../src/nfl/props/opportunity.ts';
import { script } from '../../src/nfl/props/features/situation.ts';
import { syntheticWeekly } from './helpers.ts';

// Team NE, weeks 1–6 of 2016. Receiver x plays weeks 1, 2, 5, 6; y plays every week; z (a TE filler with 100
// targets a week) every week. Entries: [id, pos, team, season, week, opp, receptions, targets, yards].
type Row = [string, string, string, number, number, string, number, number, number];
const rows: Row[] = [];
const xTargets: Record<number, number> = { 1: 4, 2: 6, 5: 8, 6: 99 };
for (let w = 1; w <= 6; w++) {
  if (xTargets[w] !== undefined) rows.push(['x', 'WR', 'NE', 2016, w, 'MIA', xTargets[w]! / 2, xTargets[w]!, 10 * xTargets[w]!]);
  rows.push(['y', 'WR', 'NE', 2016, w, 'MIA', 3, 6, 30]);
  rows.push(['z', 'TE', 'NE', 2016, w, 'MIA', 60, 100, 700]);
}
const t = parseWeekly([syntheticWeekly(rows)]);
const teams = buildTeamRolling(t);
const row = (id: string, week: number) => t.playerId.findIndex((p, i) => p === id && t.week[i] === week);
const TARGETS = teamTotal('team_targets');

describe('opportunity summaries (earlier games only)', () => {
  it('volume share: the player\'s targets over his team\'s targets in the same earlier games', () => {
    const i = row('x', 6);
    // x's last games: week 5 (8 of 8+6+100), week 2 (6 of 112), week 1 (4 of 110); week 6 itself (99) is never read.
    expect(volumeShare(t, teams, t.stats.targets, TARGETS, i, 1)).toBeCloseTo(8 / 114, 12);
    expect(volumeShare(t, teams, t.stats.targets, TARGETS, i, 3)).toBeCloseTo(18 / (114 + 112 + 110), 12);
    expect(volumeShare(t, teams, t.stats.targets, TARGETS, row('x', 1), 3)).toBeNaN();
  });

  it('team rolling volume over the requested window of earlier team games (default 8)', () => {
    // NE targets per week: 110, 112, 106, 106, 114 (weeks 1–5); week 6 itself is never read.
    expect(teams.offense(2016, 6, 'NE', 2)[TARGETS]).toBeCloseTo((106 + 114) / 2, 12);
    expect(teams.offense(2016, 6, 'NE')[TARGETS]).toBeCloseTo((110 + 112 + 106 + 106 + 114) / 5, 12);
    expect(teams.offense(2016, 6, 'NE', 16)[TARGETS]).toBeCloseTo((110 + 112 + 106 + 106 + 114) / 5, 12);
  });

  it('league prior: the position group\'s rate over weeks strictly before, NaN below 200 in the denominator', () => {
    const prior = leaguePrior(t, 'receptions', 'targets');
    // WR targets per week: 10, 12, 6, 6, 14 → weeks 1–2 sum to 22 (< 200): NaN for every week.
    expect(prior.rate('WR', 201606)).toBeNaN();
    // TE: 100 a week; weeks 1–2 → 120/200.
    expect(prior.rate('TE', 201602)).toBeNaN();
    expect(prior.rate('TE', 201603)).toBeCloseTo(0.6, 12);
  });

  it('shrunk rate: (Σ num + k·prior) / (Σ den + k) over all earlier games', () => {
    // z's own catch rate equals the prior (0.6) → shrinking changes nothing; y's WR prior is unknown → NaN.
    expect(shrunkRate(t, 'receptions', 'targets', 60, row('z', 4))).toBeCloseTo(0.6, 12);
    expect(shrunkRate(t, 'receptions', 'targets', 60, row('y', 6))).toBeNaN();
    // Yards per target of z before week 4: own 2100/300 = 7, prior 1400/200 = 7 → 7.
    expect(shrunkRate(t, 'receiving_yards', 'targets', 100, row('z', 4))).toBeCloseTo(7, 12);
  });

  it('games missed: team games since the player\'s previous game, and in the team\'s last 8', () => {
    expect(gamesMissed(t, teams, row('x', 5), 8)).toEqual([2, 2]); // weeks 3, 4 missed
    expect(gamesMissed(t, teams, row('x', 6), 8)).toEqual([0, 2]); // played week 5; 3 and 4 still in the window
    expect(gamesMissed(t, teams, row('x', 6), 1)).toEqual([0, 0]);
    expect(gamesMissed(t, teams, row('y', 1), 8)).toEqual([NaN, 0]); // no earlier game: nothing to count from
  });

  it('script: this game\'s spread and implied total minus the means over the player\'s earlier games', () => {
    const ctx = (spread: number, impliedTotal: number) => ({ spread, impliedTotal }) as TeamContext;
    const contexts = new Map<string, TeamContext>([
      [contextKey(2016, 1, 'NE'), ctx(3, 24)], [contextKey(2016, 2, 'NE'), ctx(-1, 20)], [contextKey(2016, 5, 'NE'), ctx(7, 25)],
      [contextKey(2016, 6, 'NE'), ctx(10, 30)],
    ]);
    const out = new Float64Array(2);
    script.fill({ table: t, contexts, teams }, row('x', 6), out, 0);
    expect(out[0]).toBeCloseTo(10 - 3, 12); // mean spread of weeks 1, 2, 5 = 3
    expect(out[1]).toBeCloseTo(30 - 23, 12);
    script.fill({ table: t, contexts, teams }, row('x', 1), out, 0);
    expect(Array.from(out).every(Number.isNaN)).toBe(true);
  });
});
