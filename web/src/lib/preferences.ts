/**
 * Where the display preferences come from and go to (the signals themselves are lib/display-prefs.ts): signed in,
 * the account (`preferences.get/update`); signed out, this browser's localStorage. The local copy is also kept while
 * signed in, so the next page load shows the right format at once and a signed-out visit keeps this browser's last
 * choice. A browser-only module: call it after mount.
 */
import { ODDS_FORMATS, isOddsFormat, setDisplayZone, setOddsFormat, type OddsFormat } from './display-prefs.ts';
import { api } from './trpc.ts';

/** The preferences as stored: `timeZone` null = the browser's own zone. */
export interface Preferences {
  oddsFormat: OddsFormat;
  timeZone: string | null;
}

const KEY = 'fairline.preferences';
const DEFAULTS: Preferences = { oddsFormat: 'decimal', timeZone: null };

/** The zone this browser is in (IANA name), e.g. Europe/Berlin. */
export const browserZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** Whether `zone` is an IANA zone this browser can format in. */
export function knownZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** This browser's stored preferences; anything missing, unreadable or tampered with falls back to the defaults. */
export function readLocal(): Preferences & { saved: boolean } {
  try {
    const raw = JSON.parse(localStorage.getItem(KEY) ?? 'null') as Partial<Preferences> | null;
    if (!raw || typeof raw !== 'object') return { ...DEFAULTS, saved: false };
    const tz = typeof raw.timeZone === 'string' && knownZone(raw.timeZone) ? raw.timeZone : null;
    return { oddsFormat: isOddsFormat(raw.oddsFormat) ? raw.oddsFormat : 'decimal', timeZone: tz, saved: true };
  } catch {
    return { ...DEFAULTS, saved: false }; // storage disabled (private mode) or corrupt: the defaults
  }
}

function writeLocal(p: Preferences): void {
  try {
    localStorage.setItem(KEY, JSON.stringify({ oddsFormat: p.oddsFormat, timeZone: p.timeZone }));
  } catch {
    // Storage disabled: the choice lasts for this page only.
  }
}

/** Puts `p` on screen: every price and time re-renders. */
function show(p: Preferences): void {
  setOddsFormat(p.oddsFormat);
  setDisplayZone(p.timeZone, browserZone());
}

/**
 * Loads the preferences for whoever is here and shows them: this browser's at once, then — signed in — the
 * account's. An account that never chose anything takes this browser's saved choice as its first one (chosen before
 * signing up, say). Failing to reach the API keeps the local choice on screen.
 */
export async function loadPreferences(signedIn: boolean): Promise<Preferences> {
  const local = readLocal();
  show(local);
  if (!signedIn) return local;
  try {
    const remote = await api.preferences.get.query();
    if (remote.updatedAt === null && local.saved) {
      const adopted = await api.preferences.update.mutate({ oddsFormat: local.oddsFormat, timeZone: local.timeZone });
      return remember(adopted);
    }
    return remember(remote);
  } catch {
    return local;
  }
}

function remember(p: Preferences): Preferences {
  const kept = { oddsFormat: p.oddsFormat, timeZone: p.timeZone };
  writeLocal(kept);
  show(kept);
  return kept;
}

/**
 * Changes preferences: shown at once and kept in this browser; signed in, saved to the account too (the API's
 * answer is then what is shown). Throws the API's error — the caller shows it — after the local change stands.
 */
export async function changePreferences(change: Partial<Preferences>, signedIn: boolean): Promise<Preferences> {
  const next = { ...readLocal(), ...change };
  remember(next);
  if (!signedIn) return next;
  return remember(await api.preferences.update.mutate(change));
}

export { ODDS_FORMATS };
