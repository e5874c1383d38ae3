/**
 * The normalised fixture every adapter produces (db `FixtureRecord`), checked before it is written: ids
 * positive, kick-off an ISO instant, a team never plays itself, a final fixture has both scores.
 */
import { FIXTURE_STATUSES, type FixtureRecord } from '@fairline/db';
import { z } from 'zod';

const score = z.number().int().min(0).max(200).nullable();

/** Validates a `FixtureRecord` (the row-level check of every adapter; a failure rejects the row). */
export const fixtureRecordSchema = z
  .object({
    naturalKey: z.string().min(3).max(200),
    competitionId: z.number().int().positive(),
    seasonId: z.number().int().positive(),
    homeTeamId: z.number().int().positive(),
    awayTeamId: z.number().int().positive(),
    kickoffAt: z.iso.datetime(),
    status: z.enum(FIXTURE_STATUSES),
    neutralVenue: z.boolean(),
    week: z.number().int().min(0).max(60).nullable(),
    homeScore: score,
    awayScore: score,
    homeScoreHt: score,
    awayScoreHt: score,
    homeShotsOnTarget: score.optional(),
    awayShotsOnTarget: score.optional(),
  })
  .refine((f) => f.homeTeamId !== f.awayTeamId, { message: 'a team cannot play itself', path: ['awayTeamId'] })
  .refine((f) => f.status !== 'final' || (f.homeScore !== null && f.awayScore !== null), {
    message: 'a final fixture needs both scores',
    path: ['homeScore'],
  }) satisfies z.ZodType<FixtureRecord>;
