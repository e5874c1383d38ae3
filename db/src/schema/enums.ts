// Closed vocabularies, declared once `as const` so the same list feeds the Postgres enum and zod validators.
import { pgEnum } from 'drizzle-orm/pg-core';

export const SPORTS = ['soccer', 'nfl'] as const;
export type Sport = (typeof SPORTS)[number];
export const sportEnum = pgEnum('sport', SPORTS);

export const FIXTURE_STATUSES = ['scheduled', 'live', 'final', 'postponed', 'cancelled'] as const;
export type FixtureStatus = (typeof FIXTURE_STATUSES)[number];
export const fixtureStatusEnum = pgEnum('fixture_status', FIXTURE_STATUSES);

export const MODEL_STATUSES = ['candidate', 'active', 'retired'] as const;
export type ModelStatus = (typeof MODEL_STATUSES)[number];
export const modelStatusEnum = pgEnum('model_status', MODEL_STATUSES);

export const BET_RESULTS = ['pending', 'won', 'lost', 'push', 'half_won', 'half_lost', 'void'] as const;
export type BetResult = (typeof BET_RESULTS)[number];
export const betResultEnum = pgEnum('bet_result', BET_RESULTS);

export const USER_ROLES = ['user', 'admin'] as const;
export type UserRole = (typeof USER_ROLES)[number];
export const userRoleEnum = pgEnum('user_role', USER_ROLES);

export const RUN_STATUSES = ['running', 'succeeded', 'failed'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];
export const runStatusEnum = pgEnum('run_status', RUN_STATUSES);
