import { describe, expect, it } from 'vitest';
import { newcomerPriors, type SoccerMatch } from '../../src/soccer/index.ts';

describe('newcomerPriors', () => {
  const m = (home: string, away: string, day: number): SoccerMatch => ({ home, away, homeGoals: 1, awayGoals: 0, day });
  const prior = { attack: -0.25, defence: 0.25 };
  it('marks teams whose first match in the window comes late (promoted), not the established ones', () => {
    const matches = [m('A', 'B', 1000), m('C', 'A', 1010), m('B', 'C', 1300), m('D', 'A', 1400), m('B', 'D', 1410)];
    expect(newcomerPriors(matches, 1500, 1000, prior)).toEqual({ D: prior });
    // Once D's first match is near the window start it is no longer a newcomer.
    expect(newcomerPriors(matches, 2300, 950, prior)).toEqual({});
  });
  it('ignores matches on or after the reference day', () => {
    expect(newcomerPriors([m('A', 'B', 1000), m('E', 'A', 1600)], 1500, 1000, prior)).toEqual({});
  });
});
