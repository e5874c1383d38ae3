/** The zod inputs of the preference verbs. */
import { ODDS_FORMATS } from '@fairline/db';
import { z } from 'zod';

/**
 * The canonical name of IANA time zone `name` ("europe/london" → "Europe/London"), or null when the runtime's
 * time-zone database does not know it. The same database the browser formats with, so a stored zone always works.
 */
export function canonicalTimeZone(name: string): string | null {
  try {
    return new Intl.DateTimeFormat('en-GB', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/** An IANA time zone name (at most 64 characters), answered in its canonical spelling. */
export const timeZoneInput = z
  .string()
  .trim()
  .min(1, 'a time zone name is required (or null for the browser’s own)')
  .max(64, 'a time zone name is at most 64 characters')
  .transform((name, c) => {
    const zone = canonicalTimeZone(name);
    if (!zone) {
      c.addIssue({ code: 'custom', message: `unknown time zone "${name}": use an IANA name such as Europe/London or America/New_York` });
      return z.NEVER;
    }
    return zone;
  });

/** One of ODDS_FORMATS, with a message that names them. */
export const oddsFormatInput = z.enum(ODDS_FORMATS, { error: `the odds format is one of ${ODDS_FORMATS.join(', ')}` });

/**
 * Input of `preferences.update`: the fields to change — `oddsFormat`, and `timeZone` (an IANA name, or null for the
 * browser's own zone). Fields left out keep their value; at least one is required; unknown fields are refused (a
 * misspelt field would otherwise be a silent no-op).
 */
export const updatePreferencesInput = z
  .strictObject({ oddsFormat: oddsFormatInput.optional(), timeZone: timeZoneInput.nullable().optional() })
  .refine((p) => p.oddsFormat !== undefined || p.timeZone !== undefined, 'name a preference to change: oddsFormat or timeZone');
