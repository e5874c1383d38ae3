import { isDatabaseUnavailable } from '@fairline/db';

/**
 * The closed set of errors a verb may raise on purpose. Each transport maps them once (tRPC: errorFormatter
 * and the mapErrors middleware in trpc/init.ts; HTTP: toHttpStatus in app.ts), after `toAppError` has turned a
 * database outage into UNAVAILABLE. Anything else is an internal error: logged in full, returned as a generic
 * message — database text never reaches a client.
 */
export const ERROR_CODES = ['BAD_REQUEST', 'UNAUTHORIZED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'TOO_MANY_REQUESTS', 'UNAVAILABLE', 'NOT_AVAILABLE'] as const;
/**
 * `UNAVAILABLE` is an outage (the database down or past its time bound, a model that does not load, usage storage
 * down): 503 with Retry-After, try again later. `NOT_AVAILABLE` is a
 * missing-data state that retrying will not change (too few results before a fixture to fit a model on): the thing
 * asked for does not exist for this input, though the input itself is valid.
 */
export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * An error a verb raises on purpose: a code from ERROR_CODES and a message safe to show a client (the transports map
 * the code to a tRPC code or an HTTP status).
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /**
     * For TOO_MANY_REQUESTS and UNAVAILABLE: when to try again, in seconds (the transports send it as `Retry-After`;
     * UNAVAILABLE without one gets OUTAGE_RETRY_AFTER_SECONDS).
     */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/** NOT_FOUND with the message `<what> not found` (e.g. `fixture 12 not found`). */
export const notFound = (what: string) => new AppError('NOT_FOUND', `${what} not found`);

const HTTP: Record<ErrorCode, number> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  TOO_MANY_REQUESTS: 429,
  UNAVAILABLE: 503,
  NOT_AVAILABLE: 412,
};

/** The HTTP status of an error code for the plain HTTP routes (400, 401, 403, 404, 409, 412, 429, 503). */
export function toHttpStatus(code: ErrorCode): number {
  return HTTP[code];
}

/**
 * The `Retry-After` of an outage, in seconds: about how long a restarting Postgres or Redis takes to come back, so
 * clients neither hammer a recovering service nor wait long after it is back.
 */
export const OUTAGE_RETRY_AFTER_SECONDS = 5;

/**
 * The AppError an error stands for, or null for an unexpected error (a bug: the transports log it and answer 500).
 * This is the one place a database outage — down, restarting, unreachable, past its timeout (isDatabaseUnavailable)
 * — becomes UNAVAILABLE, so every transport answers it 503 + Retry-After instead of a 500.
 */
export function toAppError(err: unknown): AppError | null {
  if (err instanceof AppError) return err;
  if (isDatabaseUnavailable(err)) {
    return new AppError('UNAVAILABLE', 'the database is unavailable right now; try again shortly', OUTAGE_RETRY_AFTER_SECONDS);
  }
  return null;
}

/** The `Retry-After` seconds of an AppError: its own, or OUTAGE_RETRY_AFTER_SECONDS for UNAVAILABLE, else none. */
export function retryAfterOf(err: AppError): number | undefined {
  return err.retryAfterSeconds ?? (err.code === 'UNAVAILABLE' ? OUTAGE_RETRY_AFTER_SECONDS : undefined);
}
