// Preference verbs: the signed-in user's display preferences (odds format, time zone) — only ever the caller's.
export { getPreferences, updatePreferences, DEFAULT_PREFERENCES, type PreferencesView } from './preferences.ts';
export { updatePreferencesInput, timeZoneInput, oddsFormatInput, canonicalTimeZone } from './inputs.ts';
