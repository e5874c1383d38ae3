/**
 * Bulk statements through the Neon driver: each column travels as ONE array parameter and Postgres turns the
 * arrays back into rows with `unnest`, so a batch of thousands of rows is one round trip through the proxy
 * with a handful of parameters (instead of one placeholder per value, capped at 65,535).
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../client.ts';

export type { Tx } from '../client.ts';

/** Postgres element types an `unnest` column can be cast to. */
export type PgArrayType = 'int4' | 'int8' | 'text' | 'float8' | 'float4' | 'bool' | 'timestamptz' | 'date' | 'jsonb';

/** `unnest($1::int4[], $2::text[], …) AS alias(c1, c2, …)` for the given columns (all of one length). */
export function unnest(alias: string, cols: readonly (readonly [name: string, type: PgArrayType, values: unknown[]])[]): SQL {
  const parts = cols.map(([, type, values]) => sql`${sql.param(values)}::${sql.raw(type)}[]`);
  const names = cols.map(([name]) => name).join(', ');
  return sql`unnest(${sql.join(parts, sql`, `)}) AS ${sql.raw(alias)}(${sql.raw(names)})`;
}

/** Rows of a raw statement (the neon-serverless session returns a pg QueryResult). */
export async function rows<T>(tx: Tx, query: SQL): Promise<T[]> {
  const res = (await tx.execute(query)) as unknown as { rows: T[] };
  return res.rows;
}

/** Rows a raw statement touched (pg's `rowCount`: inserted, updated or deleted). */
export async function rowCount(tx: Tx, query: SQL): Promise<number> {
  const res = (await tx.execute(query)) as unknown as { rowCount: number | null };
  return res.rowCount ?? 0;
}

/** Split `n` items into [start, end) chunks of at most `size`. */
export function* chunks(n: number, size: number): Generator<[number, number]> {
  for (let s = 0; s < n; s += size) yield [s, Math.min(n, s + size)];
}

/** What a bulk write did to its rows: new, changed, identical (left alone) and refused. */
export interface WriteCounts {
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
}

/** All-zero counts to add to. */
export const zeroWriteCounts = (): WriteCounts => ({ inserted: 0, updated: 0, unchanged: 0, rejected: 0 });
