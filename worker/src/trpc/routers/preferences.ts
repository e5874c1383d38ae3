import { getPreferences, updatePreferences, updatePreferencesInput } from '../../services/preferences/index.ts';
import { protectedProcedure, router } from '../init.ts';

/**
 * The signed-in user's display preferences for the web app (services/preferences): odds format and time zone.
 * Sessions only (no scope: an API key gets FORBIDDEN); there is no user id in any input, so a caller can only ever
 * read or change their own.
 */
export const preferencesRouter = router({
  /** The caller's preferences: `oddsFormat`, `timeZone` (null = the browser's own), `updatedAt` (null = defaults). */
  get: protectedProcedure.query(({ ctx }) => getPreferences({ ctx })),
  /** Changes the named preferences and answers them all; the same call twice leaves the same state. */
  update: protectedProcedure.input(updatePreferencesInput).mutation(({ ctx, input }) => updatePreferences({ ctx, input })),
});
