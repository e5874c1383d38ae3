/**
 * Tells a database outage (down, restarting, unreachable, too slow) from every other database error, once, for
 * every caller: the API answers an outage with 503 + Retry-After (try again later) and anything else with a 500.
 * The driver reports an outage in many shapes — a Node socket code, a SQLSTATE, a timeout or abort, a message of
 * the WebSocket Pool or of neon-http — and drizzle wraps each in a DrizzleQueryError, so the whole `cause` chain
 * (and neon-http's `sourceError`) is inspected.
 */

/** SQLSTATEs of an unavailable server: admin shutdown, crash shutdown, starting up or shutting down, too many clients, a statement cancelled by its timeout. */
const OUTAGE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300', '57014']);
/** Node and libc socket codes of a server that cannot be reached. */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
/** Messages of the WebSocket Pool (pg), pg-pool and neon-http when the server does not answer or went away. */
const OUTAGE_MESSAGES = [
  /Error connecting to database/i, // neon-http: the fetch itself failed (refused, aborted by its timeout)
  /Server error \(HTTP status 5\d\d\)/i, // neon-http: the endpoint answered 5xx
  /Connection terminated/i, // pg: the socket closed (server stopped, connect timeout)
  /timeout expired/i, // pg: connectionTimeoutMillis
  /timeout exceeded when trying to connect/i, // pg-pool: no connection within connectionTimeoutMillis
  /Query read timeout/i, // pg: query_timeout
  /Client has encountered a connection error/i,
  /the database system is (starting up|shutting down|in recovery mode)/i,
  /terminating connection due to administrator command/i,
];

function codeOf(e: object): string | undefined {
  const code = (e as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * True when `err` (or anything in its cause chain) says the database is down, unreachable or timed out — a state
 * in which retrying later can succeed. False for errors of the statement itself (constraint violations, syntax,
 * a missing database or role: retrying will not help).
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  const seen = new Set<unknown>();
  let e: unknown = err;
  while (e && typeof e === 'object' && !seen.has(e)) {
    seen.add(e);
    const code = codeOf(e);
    if (code && (OUTAGE_SQLSTATES.has(code) || code.startsWith('08') || SOCKET_CODES.has(code))) return true;
    const name = (e as { name?: unknown }).name;
    if (name === 'TimeoutError' || name === 'AbortError') return true;
    const message = (e as { message?: unknown }).message;
    if (typeof message === 'string' && OUTAGE_MESSAGES.some((re) => re.test(message))) return true;
    // neon-http keeps the failed fetch's error as `sourceError`; everything else uses the standard `cause`.
    e = (e as { sourceError?: unknown }).sourceError ?? (e as { cause?: unknown }).cause;
  }
  return false;
}

/** The innermost message of an error's cause chain (the driver's own words), for a log line without the query text. */
export function rootCauseMessage(err: unknown): string {
  let e: unknown = err;
  const seen = new Set<unknown>();
  for (;;) {
    const next = e && typeof e === 'object' ? ((e as { sourceError?: unknown }).sourceError ?? (e as { cause?: unknown }).cause) : undefined;
    if (!next || seen.has(next)) break;
    seen.add(e);
    e = next;
  }
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}
