import { z } from 'zod';

/**
 * A row id of a `serial` (int4) column, as taken from callers: a positive integer Postgres can hold. A larger
 * number would otherwise reach the database as a parameter it rejects (a server error, not a clear one).
 */
export const serialId = z.number().int().positive().max(2_147_483_647);
