// Closed vocabularies, declared once `as const` so the same list feeds the Postgres enum and zod validators.
import { pgEnum } from 'drizzle-orm/pg-core';

export const SPORTS = ['soccer', 'nfl'] as const;
export type Sport = (typeof SPORTS)[number];
export const sportEnum = pgEnum('sport', SPORTS);

export const FIXTURE_STATUSES = ['scheduled', 'live', 'final', 'postponed', 'cancelled'] as const;
export type FixtureStatus = (typeof FIXTURE_STATUSES)[number];
export const fixtureStatusEnum = pgEnum('fixture_status', FIXTURE_STATUSES);

/**
 * What a model version is. The scope column says what it covers: `soccer:<competition code>` for Dixon–Coles,
 * `nfl` for the game-lines model, `nfl:<prop market>` for a player-prop model (one model per market).
 */
export const MODEL_KINDS = ['soccer_dixon_coles', 'nfl_game_lines', 'nfl_props'] as const;
export type ModelKind = (typeof MODEL_KINDS)[number];
export const modelKindEnum = pgEnum('model_kind', MODEL_KINDS);

/** A model version's life: filed as a candidate, made active (at most one per kind and scope), retired. */
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
