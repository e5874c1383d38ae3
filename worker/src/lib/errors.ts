/**
 * The closed set of errors a verb may raise on purpose. Each transport maps them once (tRPC: errorFormatter
 * and the mapErrors middleware in trpc/init.ts; HTTP: toHttpStatus in app.ts). Anything else is an internal error: logged in full, returned as a
 * generic message — database text never reaches a client.
 */
export const ERROR_CODES = ['BAD_REQUEST', 'UNAUTHORIZED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'TOO_MANY_REQUESTS', 'UNAVAILABLE'] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (what: string) => new AppError('NOT_FOUND', `${what} not found`);

const HTTP: Record<ErrorCode, number> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  TOO_MANY_REQUESTS: 429,
  UNAVAILABLE: 503,
};

export function toHttpStatus(code: ErrorCode): number {
  return HTTP[code];
}
