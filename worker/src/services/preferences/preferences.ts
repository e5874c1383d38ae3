import { preferencesOf, upsertPreferences, type OddsFormat } from '@fairline/db';
import type { z } from 'zod';
import type { UserCtx } from '../auth/actor.ts';
import { parseInput } from '../auth/inputs.ts';
import { updatePreferencesInput } from './inputs.ts';

/** A user's display preferences as the web reads them. `timeZone` null = the browser's own; `updatedAt` null = never changed. */
export interface PreferencesView {
  oddsFormat: OddsFormat;
  timeZone: string | null;
  updatedAt: Date | null;
}

/** What a user who never changed anything gets: decimal odds, times in the browser's zone. */
export const DEFAULT_PREFERENCES: PreferencesView = { oddsFormat: 'decimal', timeZone: null, updatedAt: null };

/** The caller's preferences (the defaults until the first change). Only ever the caller's: the verb takes no user id. */
export async function getPreferences({ ctx }: { ctx: UserCtx }): Promise<PreferencesView> {
  return (await preferencesOf(ctx.read, ctx.user.id)) ?? DEFAULT_PREFERENCES;
}

/**
 * Changes some of the caller's preferences, keeping the others. Idempotent: the same input twice leaves the same
 * state (the row is upserted on the user's id, under a row lock so two tabs changing different fields both land).
 */
export async function updatePreferences({ ctx, input }: { ctx: UserCtx; input: z.input<typeof updatePreferencesInput> }): Promise<PreferencesView> {
  const change = parseInput(updatePreferencesInput, input);
  return ctx.db.transaction(async (tx) => {
    const current = (await preferencesOf(tx, ctx.user.id, { forUpdate: true })) ?? DEFAULT_PREFERENCES;
    return upsertPreferences(tx, ctx.user.id, {
      oddsFormat: change.oddsFormat ?? current.oddsFormat,
      timeZone: change.timeZone === undefined ? current.timeZone : change.timeZone,
      now: ctx.clock(),
    });
  });
}
