// Closed vocabularies, declared once `as const` so the same list feeds the Postgres enum and zod validators.
import { pgEnum } from 'drizzle-orm/pg-core';

/** The sports Fairline prices: soccer (football-data, Dixon–Coles) and the NFL (nflverse). */
export const SPORTS = ['soccer', 'nfl'] as const;
export type Sport = (typeof SPORTS)[number];
/** Postgres enum `sport` over SPORTS. */
export const sportEnum = pgEnum('sport', SPORTS);

/** A fixture's state: scheduled, live, final (scores set), postponed or cancelled. */
export const FIXTURE_STATUSES = ['scheduled', 'live', 'final', 'postponed', 'cancelled'] as const;
export type FixtureStatus = (typeof FIXTURE_STATUSES)[number];
/** Postgres enum `fixture_status` over FIXTURE_STATUSES. */
export const fixtureStatusEnum = pgEnum('fixture_status', FIXTURE_STATUSES);

/**
 * What a model version is. The scope column says what it covers: `soccer:<competition code>` for Dixon–Coles and
 * the two soccer GBDT variants, `nfl` for the game-lines model, `nfl:<prop market>` for a player-prop model (one
 * model per market). `soccer_model` is the GBDT without market inputs (what the value finder compares with the
 * market); `soccer_ensemble` includes the margin-free pre-close prices (the best forecast). Both scope `soccer:<code>`.
 */
export const MODEL_KINDS = ['soccer_dixon_coles', 'nfl_game_lines', 'nfl_props', 'soccer_model', 'soccer_ensemble'] as const;
export type ModelKind = (typeof MODEL_KINDS)[number];
/** Postgres enum `model_kind` over MODEL_KINDS (the `model_versions.kind` column). */
export const modelKindEnum = pgEnum('model_kind', MODEL_KINDS);

/** A model version's life: filed as a candidate, made active (at most one per kind and scope), retired. */
export const MODEL_STATUSES = ['candidate', 'active', 'retired'] as const;
export type ModelStatus = (typeof MODEL_STATUSES)[number];
/** Postgres enum `model_status` over MODEL_STATUSES (the `model_versions.status` column). */
export const modelStatusEnum = pgEnum('model_status', MODEL_STATUSES);

/**
 * How a bet settled: pending until settled; won, lost, push (stake back); half_won / half_lost for quarter-line
 * Asian handicaps and totals (half the stake settles at each neighbouring line); void (stake returned, e.g. the
 * fixture was cancelled).
 */
export const BET_RESULTS = ['pending', 'won', 'lost', 'push', 'half_won', 'half_lost', 'void'] as const;
export type BetResult = (typeof BET_RESULTS)[number];
/** Postgres enum `bet_result` over BET_RESULTS (the `bets.result` column). */
export const betResultEnum = pgEnum('bet_result', BET_RESULTS);

/** Account roles of `users.role`: 'user' (the default) or 'admin'. */
export const USER_ROLES = ['user', 'admin'] as const;
export type UserRole = (typeof USER_ROLES)[number];
/** Postgres enum `user_role` over USER_ROLES (the `users.role` column). */
export const userRoleEnum = pgEnum('user_role', USER_ROLES);

/** An ingestion run's state: running until it ends as succeeded or failed. */
export const RUN_STATUSES = ['running', 'succeeded', 'failed'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];
/** Postgres enum `run_status` over RUN_STATUSES (the `ingestion_runs.status` column). */
export const runStatusEnum = pgEnum('run_status', RUN_STATUSES);

/** What a partner API key may do; every procedure declares the scope it needs (403 without it). */
export const API_SCOPES = ['read:markets', 'read:props', 'read:live', 'write:portfolio'] as const;
/** One API key scope. */
export type ApiScope = (typeof API_SCOPES)[number];
/** Postgres enum `api_scope` over API_SCOPES (the `api_keys.scopes` array column). */
export const apiScopeEnum = pgEnum('api_scope', API_SCOPES);

/** Subscription plans: they set per-minute request limits and daily quotas. */
export const PLANS = ['free', 'pro'] as const;
/** One plan. */
export type Plan = (typeof PLANS)[number];
/** The plan enum column (users.plan). */
export const planEnum = pgEnum('plan', PLANS);

/**
 * Where a tracked bet came from: `quote` (tracked from a price the platform showed, with the model probability and
 * version of that moment), `manual` (entered by hand, placed elsewhere), `import` (a CSV import), `system` (a pick of
 * the platform's own track record, recorded when its model flagged it).
 */
export const BET_SOURCES = ['quote', 'manual', 'import', 'system'] as const;
/** One of BET_SOURCES. */
export type BetSource = (typeof BET_SOURCES)[number];
/** Postgres enum `bet_source` over BET_SOURCES (the `bets.source` column). */
export const betSourceEnum = pgEnum('bet_source', BET_SOURCES);

/**
 * Whose closing quote a bet's closing-line value is measured against, in order of preference: the bet's own book,
 * else the sharpest book quoting the market (Pinnacle where present), else the consensus of the books that do.
 */
export const CLOSING_SOURCES = ['own_book', 'sharpest', 'consensus'] as const;
/** One of CLOSING_SOURCES. */
export type ClosingSource = (typeof CLOSING_SOURCES)[number];
/** Postgres enum `closing_source` over CLOSING_SOURCES (the `bets.closing_source` column). */
export const closingSourceEnum = pgEnum('closing_source', CLOSING_SOURCES);

/**
 * Why a settlement entry was written: `settle` (the first settlement on a result), `resettle` (a corrected result
 * changed it; the earlier entry stays), `void` (voided by its owner before kickoff, or the fixture was cancelled).
 */
export const SETTLEMENT_KINDS = ['settle', 'resettle', 'void'] as const;
/** One of SETTLEMENT_KINDS. */
export type SettlementKind = (typeof SETTLEMENT_KINDS)[number];
/** Postgres enum `settlement_kind` over SETTLEMENT_KINDS (the `bet_settlements.kind` column). */
export const settlementKindEnum = pgEnum('settlement_kind', SETTLEMENT_KINDS);

/**
 * How a user reads prices (the web's preference): decimal (2.50), American (+150 / −200) or fractional (6/4).
 * Stored prices are always decimal; this is display only.
 */
export const ODDS_FORMATS = ['decimal', 'american', 'fractional'] as const;
/** One odds display format. */
export type OddsFormat = (typeof ODDS_FORMATS)[number];
/** Postgres enum `odds_format` over ODDS_FORMATS (the `user_preferences.odds_format` column). */
export const oddsFormatEnum = pgEnum('odds_format', ODDS_FORMATS);

/** How far a monitored figure has moved (ml metrics/psi.ts `DriftLevel`): ok, warn (look at it), alert (act on it). */
export const DRIFT_LEVELS = ['ok', 'warn', 'alert'] as const;
/** One of DRIFT_LEVELS. */
export type DriftLevelName = (typeof DRIFT_LEVELS)[number];
/** Postgres enum `drift_level` over DRIFT_LEVELS (the `drift_reports.level` column). */
export const driftLevelEnum = pgEnum('drift_level', DRIFT_LEVELS);
