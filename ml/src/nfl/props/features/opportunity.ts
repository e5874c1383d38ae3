/**
 * Opportunity blocks of the passing and receiving families: the player's share of his team's volume over his
 * last 3 and 8 games, that share times the team's rolling volume (expected volume), efficiency shrunk toward
 * the position's league rate over all his earlier games (empirical Bayes, ../opportunity.ts), and the
 * decomposed expectation E[volume] × E[efficiency] of the outcome. The same block for the rushing family was
 * measured and not kept (bench/props/README.md, third pass).
 */
import { shrunkRate, teamTotal, volumeShare } from '../opportunity.ts';
import { LONG_TEAM_WINDOW } from '../team-games.ts';
import type { FeatureBlock } from './types.ts';

const TARGETS = teamTotal('team_targets');
const ATTEMPTS = teamTotal('team_attempts');

/**
 * Prior strengths (in the rate's denominator: targets, attempts) of the shrunk efficiencies: a receiver's own
 * catch rate gets half the weight after 60 targets; yards per target and per attempt are noisier and need more.
 */
export const SHRINK = { catchRate: 60, yardsPerTarget: 100, yardsPerAttempt: 200 } as const;

/**
 * Receiving opportunity: target share (3 and 8 games), expected targets, shrunk catch rate and yards per target,
 * and expected receptions and receiving yards (targets × rate).
 */
export const receivingOpportunity: FeatureBlock = {
  id: 'receiving_opportunity',
  version: 1,
  names: ['target_share_3g', 'target_share_8g', 'expected_targets', 'catch_rate_eb', 'yards_per_target_eb', 'expected_receptions', 'expected_receiving_yards'],
  fill({ table: t, teams }, i, out, o) {
    const s8 = volumeShare(t, teams, t.stats.targets, TARGETS, i, 8);
    const targets = s8 * teams.offense(t.season[i]!, t.week[i]!, t.team[i]!)[TARGETS]!;
    const catchRate = shrunkRate(t, 'receptions', 'targets', SHRINK.catchRate, i);
    const ypt = shrunkRate(t, 'receiving_yards', 'targets', SHRINK.yardsPerTarget, i);
    out[o] = volumeShare(t, teams, t.stats.targets, TARGETS, i, 3);
    out[o + 1] = s8;
    out[o + 2] = targets;
    out[o + 3] = catchRate;
    out[o + 4] = ypt;
    out[o + 5] = targets * catchRate;
    out[o + 6] = targets * ypt;
  },
};

/**
 * Passing opportunity: attempt share (8 games), expected attempts, shrunk yards per attempt and expected passing
 * yards (attempts × rate).
 */
export const passingOpportunity: FeatureBlock = {
  id: 'passing_opportunity',
  version: 2,
  names: ['attempt_share_8g', 'expected_attempts', 'yards_per_attempt_eb', 'expected_passing_yards'],
  fill({ table: t, teams }, i, out, o) {
    const s8 = volumeShare(t, teams, t.stats.attempts, ATTEMPTS, i, 8);
    // Version 2: the team's volume over its last 16 games, as in the passing family's context block.
    const attempts = s8 * teams.offense(t.season[i]!, t.week[i]!, t.team[i]!, LONG_TEAM_WINDOW)[ATTEMPTS]!;
    const ypa = shrunkRate(t, 'passing_yards', 'attempts', SHRINK.yardsPerAttempt, i);
    out[o] = s8;
    out[o + 1] = attempts;
    out[o + 2] = ypa;
    out[o + 3] = attempts * ypa;
  },
};
