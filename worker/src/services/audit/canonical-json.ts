/**
 * Canonical JSON of an audit entry: the one byte string its hash is computed over. Object keys sorted by UTF-16 code
 * units at every depth, no whitespace, numbers and strings as JSON.stringify writes them — the shape of RFC 8785 (JCS)
 * for the values an entry holds. A value read back from Postgres jsonb (keys reordered, numbers re-spelled) gives the
 * same string, so verification recomputes exactly what was hashed.
 */

/** A JSON value as audit payloads hold it. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/**
 * `value` as a plain JSON value: Dates become ISO 8601 strings, object properties that are `undefined` are left out
 * (as JSON.stringify does). Throws a TypeError for what JSON cannot hold exactly: NaN, ±Infinity, bigint, functions,
 * symbols, `undefined` in an array.
 */
export function toJsonValue(value: unknown): JsonValue {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`audit payloads hold finite numbers only, got ${value}`);
    return value === 0 ? 0 : value;
  }
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) {
    return value.map((v) => {
      if (v === undefined) throw new TypeError('audit payloads cannot hold undefined in an array');
      return toJsonValue(v);
    });
  }
  if (typeof value === 'object') {
    const out: Record<string, JsonValue> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = toJsonValue(v);
    return out;
  }
  throw new TypeError(`audit payloads cannot hold a ${typeof value}`);
}

/** The canonical JSON text of `value` (see the file comment); `value` goes through toJsonValue first. */
export function canonicalJson(value: unknown): string {
  return write(toJsonValue(value));
}

function write(v: JsonValue): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(write).join(',')}]`;
  const keys = Object.keys(v).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${keys.map((k) => `${JSON.stringify(k)}:${write(v[k]!)}`).join(',')}}`;
}
