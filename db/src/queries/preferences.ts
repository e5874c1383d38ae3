/**
 * A user's display preferences (`user_preferences`): read and upsert, always by the owner's id — there is no way to
 * name another user's row. The verbs are worker/src/services/preferences.
 */
import { eq } from 'drizzle-orm';
import type { Db, Tx } from '../client.ts';
import type { OddsFormat } from '../schema/enums.ts';
import { userPreferences } from '../schema/preferences/index.ts';

/** A user's stored preferences. `timeZone` null = the browser's own zone. */
export interface PreferencesRow {
  oddsFormat: OddsFormat;
  timeZone: string | null;
  updatedAt: Date;
}

const PREFERENCES = { oddsFormat: userPreferences.oddsFormat, timeZone: userPreferences.timeZone, updatedAt: userPreferences.updatedAt };

/**
 * The stored preferences of `userId`, or null when the user never changed any (the defaults apply). `forUpdate`
 * locks the row until the transaction ends (a partial change reads, merges and writes it).
 */
export async function preferencesOf(db: Db | Tx, userId: string, opts: { forUpdate?: boolean } = {}): Promise<PreferencesRow | null> {
  const q = db.select(PREFERENCES).from(userPreferences).where(eq(userPreferences.userId, userId)).limit(1);
  const [row] = opts.forUpdate ? await q.for('update') : await q;
  return row ?? null;
}

/**
 * Writes the preferences of `userId` whole (insert or update on the primary key, so a repeated write — a retried
 * request, two tabs — lands on the same row with the same result). Answers the row as stored.
 */
export async function upsertPreferences(tx: Tx, userId: string, p: { oddsFormat: OddsFormat; timeZone: string | null; now: Date }): Promise<PreferencesRow> {
  const [row] = await tx
    .insert(userPreferences)
    .values({ userId, oddsFormat: p.oddsFormat, timeZone: p.timeZone, updatedAt: p.now })
    .onConflictDoUpdate({ target: userPreferences.userId, set: { oddsFormat: p.oddsFormat, timeZone: p.timeZone, updatedAt: p.now } })
    .returning(PREFERENCES);
  return row!;
}
