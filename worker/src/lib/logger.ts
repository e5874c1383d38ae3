// Structured JSON logs: one line per event, which Workers' log tail and `wrangler tail` show as-is.
export interface Logger {
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

/**
 * A logger writing one JSON line per event to the console: `level`, `msg`, the `base` fields (e.g. `{ component }`)
 * and the call's own fields.
 */
export function jsonLogger(base: Record<string, unknown> = {}): Logger {
  const emit = (level: string, msg: string, fields?: Record<string, unknown>) =>
    console.log(JSON.stringify({ level, msg, ...base, ...fields }));
  return {
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
  };
}

/** A logger that drops everything (the CLI's default without --verbose, and tests). */
export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
